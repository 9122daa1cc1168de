import type { RsvpResponse } from '@seg/db';
import type ICALModule from 'ical.js' with { 'resolution-mode': 'import' };
import { LONDON_TZID, londonParts } from './london-time';

// ical.js ships an ES module and a CommonJS build; the apps are CommonJS.
const ICAL: typeof ICALModule = require('ical.js');
type Time = InstanceType<typeof ICAL.Time>;

export type PartStat = 'NEEDS-ACTION' | 'ACCEPTED' | 'TENTATIVE' | 'DECLINED';

export interface CalendarPerson {
  name?: string | null;
  email: string;
}

/**
 * One meeting as an iTIP message (RFC 5546): REQUEST or CANCEL for one invitee, who is the
 * ATTENDEE; PUBLISH (no attendee) for a copy that is nobody's invitation.
 */
export interface MeetingCalendarEvent {
  method: 'REQUEST' | 'CANCEL' | 'PUBLISH';
  uid: string;
  /** The meeting's revision. */
  sequence: number;
  stamp: Date;
  start: Date;
  end: Date;
  summary: string;
  description?: string | null;
  location?: string | null;
  url?: string | null;
  organizer: CalendarPerson;
  attendee?: CalendarPerson & { partstat: PartStat };
  created?: Date;
  lastModified?: Date;
  /** CANCELLED marks a published copy of a cancelled meeting; CANCEL implies it. */
  status?: 'CONFIRMED' | 'CANCELLED';
}

/**
 * Europe/London as a VTIMEZONE: BST from 01:00 GMT on the last Sunday of March, GMT again from
 * 02:00 BST on the last Sunday of October (each DTSTART in the local time before the change).
 * Written out because ical.js carries no time zone database.
 */
const LONDON_VTIMEZONE = [
  'BEGIN:VTIMEZONE',
  `TZID:${LONDON_TZID}`,
  'BEGIN:DAYLIGHT',
  'TZOFFSETFROM:+0000',
  'TZOFFSETTO:+0100',
  'TZNAME:BST',
  'DTSTART:19810329T010000',
  'RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU',
  'END:DAYLIGHT',
  'BEGIN:STANDARD',
  'TZOFFSETFROM:+0100',
  'TZOFFSETTO:+0000',
  'TZNAME:GMT',
  'DTSTART:19961027T020000',
  'RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU',
  'END:STANDARD',
  'END:VTIMEZONE',
].join('\r\n');

/** A London wall-clock time, for DTSTART;TZID=Europe/London. */
function londonTime(at: Date): Time {
  const p = londonParts(at);
  return ICAL.Time.fromData({
    year: p.year,
    month: p.month,
    day: p.day,
    hour: p.hour,
    minute: p.minute,
    second: p.second,
    isDate: false,
  });
}

function utcTime(at: Date): Time {
  return ICAL.Time.fromJSDate(at, true);
}

/** A parameter value such as CN: ical.js quotes it as needed; DQUOTE and controls cannot appear inside. */
function paramText(value: string): string {
  return value.replace(/["\x00-\x1f\x7f]/g, (c) => (c === '"' ? "'" : ' ')).trim();
}

/** The calendar's own lines: who made it and the calendar scale. */
function newCalendar(): InstanceType<typeof ICAL.Component> {
  const calendar = new ICAL.Component('vcalendar');
  calendar.addPropertyWithValue('prodid', '-//RCGP Secure Environments Group//SEG Network//EN');
  calendar.addPropertyWithValue('version', '2.0');
  calendar.addPropertyWithValue('calscale', 'GREGORIAN');
  return calendar;
}

/** One meeting as a VEVENT, for an iTIP message or a member's feed alike. */
function meetingEvent(event: MeetingCalendarEvent): InstanceType<typeof ICAL.Component> {
  const cancelled = event.method === 'CANCEL' || event.status === 'CANCELLED';
  const own = ownProperties(event);
  const vevent = new ICAL.Component('vevent');
  vevent.addPropertyWithValue('uid', event.uid);
  vevent.addPropertyWithValue('sequence', event.sequence);
  vevent.addProperty(own.stamp);
  if (event.created) vevent.addPropertyWithValue('created', utcTime(event.created));
  if (event.lastModified) vevent.addPropertyWithValue('last-modified', utcTime(event.lastModified));
  for (const [name, at] of [
    ['dtstart', event.start],
    ['dtend', event.end],
  ] as const) {
    const property = new ICAL.Property(name);
    property.setValue(londonTime(at));
    property.setParameter('tzid', LONDON_TZID);
    vevent.addProperty(property);
  }
  vevent.addPropertyWithValue('summary', event.summary);
  if (own.description) vevent.addProperty(own.description);
  if (event.location) vevent.addPropertyWithValue('location', event.location);
  if (event.url) vevent.addPropertyWithValue('url', event.url);
  vevent.addPropertyWithValue('status', cancelled ? 'CANCELLED' : 'CONFIRMED');
  vevent.addPropertyWithValue('transp', 'OPAQUE');
  vevent.addProperty(own.organizer);
  if (own.attendee) vevent.addProperty(own.attendee);
  return vevent;
}

/**
 * The properties of an invitee's copy that are theirs (the reply link in DESCRIPTION, the reply
 * address as ORGANIZER, them as ATTENDEE) or of the moment it is written (DTSTAMP).
 */
function ownProperties(event: MeetingCalendarEvent) {
  const cancelled = event.method === 'CANCEL' || event.status === 'CANCELLED';
  const stamp = new ICAL.Property('dtstamp');
  stamp.setValue(utcTime(event.stamp));
  let description: InstanceType<typeof ICAL.Property> | null = null;
  if (event.description) {
    description = new ICAL.Property('description');
    description.setValue(event.description);
  }
  const organizer = new ICAL.Property('organizer');
  organizer.setValue(`mailto:${event.organizer.email}`);
  if (event.organizer.name) organizer.setParameter('cn', paramText(event.organizer.name));
  const { attendee } = event;
  let attendeeProperty: InstanceType<typeof ICAL.Property> | null = null;
  if (attendee) {
    attendeeProperty = new ICAL.Property('attendee');
    attendeeProperty.setValue(`mailto:${attendee.email}`);
    if (attendee.name) attendeeProperty.setParameter('cn', paramText(attendee.name));
    attendeeProperty.setParameter('cutype', 'INDIVIDUAL');
    attendeeProperty.setParameter('role', 'REQ-PARTICIPANT');
    attendeeProperty.setParameter('partstat', attendee.partstat);
    attendeeProperty.setParameter('rsvp', cancelled ? 'FALSE' : 'TRUE');
  }
  return { stamp, description, organizer, attendee: attendeeProperty };
}

/**
 * The whole VCALENDAR object, built and written by ical.js (text escaping, parameter quoting,
 * folding at 75 octets without splitting a character, CRLF line ends).
 */
export function buildMeetingCalendar(event: MeetingCalendarEvent): string {
  const calendar = newCalendar();
  calendar.addPropertyWithValue('method', event.method);
  calendar.addSubcomponent(ICAL.Component.fromString(LONDON_VTIMEZONE));
  calendar.addSubcomponent(meetingEvent(event));
  return `${written(calendar)}\r\n`;
}

/** How often a calendar program should fetch a feed again (RFC 7986, and Outlook's own property). */
const FEED_REFRESH = 'PT1H';

/**
 * A member's subscribed calendar: each meeting as its invitation shows it (same UID, SEQUENCE
 * and their reply as PARTSTAT), in one VCALENDAR with no METHOD: a feed is calendar data, not an
 * iTIP message, so a calendar program shows it and asks nothing.
 */
export function buildMeetingFeed(feed: { name: string; events: MeetingCalendarEvent[] }): string {
  const calendar = newCalendar();
  calendar.addPropertyWithValue('name', feed.name);
  calendar.addPropertyWithValue('x-wr-calname', feed.name);
  calendar.addPropertyWithValue('x-wr-timezone', LONDON_TZID);
  const refresh = new ICAL.Property('refresh-interval');
  refresh.resetType('duration');
  refresh.setValue(ICAL.Duration.fromString(FEED_REFRESH));
  calendar.addProperty(refresh);
  calendar.addPropertyWithValue('x-published-ttl', FEED_REFRESH);
  calendar.addSubcomponent(ICAL.Component.fromString(LONDON_VTIMEZONE));
  for (const event of feed.events) calendar.addSubcomponent(meetingEvent(event));
  return `${written(calendar)}\r\n`;
}

/**
 * ical.js folds 75 octets of content after the leading space of a continuation line, one more
 * than RFC 5545's 75 octets a line: written with 74, every line fits.
 */
const FOLD_LENGTH = 74;

function written(calendar: InstanceType<typeof ICAL.Component>): string {
  const was = ICAL.foldLength;
  ICAL.foldLength = FOLD_LENGTH;
  try {
    return calendar.toString();
  } finally {
    ICAL.foldLength = was;
  }
}

/** `SEG Network <no-reply@example.org>` → name and address. */
export function parseMailbox(value: string): CalendarPerson {
  const match = /^\s*"?([^"<]*?)"?\s*<([^>\s]+)>\s*$/.exec(value);
  if (match) return { name: match[1].trim() || null, email: match[2] };
  return { name: null, email: value.trim() };
}

const PARTSTAT: Record<RsvpResponse, PartStat> = {
  'needs-action': 'NEEDS-ACTION',
  accepted: 'ACCEPTED',
  tentative: 'TENTATIVE',
  declined: 'DECLINED',
};

/** The columns of a meeting that its calendar object shows. */
export interface CalendarMeeting {
  id: string;
  title: string;
  agenda: string | null;
  startsAt: Date;
  endsAt: Date;
  venue: string | null;
  onlineUrl: string | null;
  revision: number;
  createdAt: Date;
  updatedAt: Date;
}

export interface MeetingCalendarInput {
  meeting: CalendarMeeting;
  /** MAIL_FROM: the organizer's name, the domain of the meeting's UID, and the ORGANIZER of a published copy. */
  mailFrom: string;
  /**
   * The invitee, their reply, RSVP link and reply address (the ORGANIZER of their copy, where
   * their calendar program answers); none for a copy that is nobody's invitation (METHOD:PUBLISH).
   */
  invitee: { name: string; email: string; rsvp: RsvpResponse; rsvpUrl: string; replyAddress: string } | null;
  cancelled: boolean;
  stamp?: Date;
}

/**
 * The meeting's UID is `meeting-<id>@<domain>`: built and read back here only, from one prefix
 * and one id pattern, so what the calendar replies carry is read as it was written.
 */
const UID_PREFIX = 'meeting-';
const UUID = '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}';
const UID = new RegExp(`^${UID_PREFIX}(${UUID})@`, 'i');

/** The meeting's UID: one per meeting, in every email and every download; its domain is MAIL_FROM's. */
export function meetingUid(meetingId: string, mailFrom: string): string {
  return `${UID_PREFIX}${meetingId}@${parseMailbox(mailFrom).email.split('@')[1] || 'localhost'}`;
}

/** The meeting id a UID names (whatever its domain), or null when it is not one of our meetings' UIDs. */
export function readMeetingUid(uid: string): string | null {
  return UID.exec(uid.trim())?.[1].toLowerCase() ?? null;
}

/**
 * A meeting as the notices attach it and the API serves it: the meeting's UID, SEQUENCE its
 * revision; to an invitee METHOD:REQUEST, or CANCEL once cancelled.
 */
export function meetingCalendarEvent(input: MeetingCalendarInput): MeetingCalendarEvent {
  const { meeting, invitee, cancelled } = input;
  const note = cancelled ? 'This meeting has been cancelled.' : invitee ? `Reply: ${invitee.rsvpUrl}` : null;
  const sender = parseMailbox(input.mailFrom);
  const organizer = invitee ? { name: sender.name, email: invitee.replyAddress } : sender;
  return {
    method: invitee ? (cancelled ? 'CANCEL' : 'REQUEST') : 'PUBLISH',
    status: cancelled ? 'CANCELLED' : 'CONFIRMED',
    uid: meetingUid(meeting.id, input.mailFrom),
    sequence: meeting.revision,
    stamp: input.stamp ?? new Date(),
    created: meeting.createdAt,
    lastModified: meeting.updatedAt,
    start: meeting.startsAt,
    end: meeting.endsAt,
    summary: meeting.title,
    description: [meeting.agenda, note].filter(Boolean).join('\n\n'),
    location: meeting.venue ?? meeting.onlineUrl,
    url: meeting.onlineUrl,
    organizer,
    attendee: invitee ? { name: invitee.name, email: invitee.email, partstat: PARTSTAT[invitee.rsvp] } : undefined,
  };
}

/** The iCalendar object of `meetingCalendarEvent`, as one message. */
export function meetingCalendar(input: MeetingCalendarInput): string {
  return buildMeetingCalendar(meetingCalendarEvent(input));
}

/** What an invitee's copy of a meeting's iCalendar object has of its own. */
export type CalendarInvitee = NonNullable<MeetingCalendarInput['invitee']>;

// Stands for an invitee while a meeting's shared lines are written.
const SOMEONE: Omit<CalendarInvitee, 'rsvp'> = {
  name: 'Invitee',
  email: 'invitee@invitee.invalid',
  rsvpUrl: 'https://invitee.invalid/rsvp',
  replyAddress: 'reply@invitee.invalid',
};

/**
 * Written like `meetingCalendar`, for each of many invitees of one meeting: the object is built
 * and written by ical.js once, and each copy writes only the lines that are the invitee's own
 * (DTSTAMP, DESCRIPTION, ORGANIZER, ATTENDEE; each property is folded on its own, so the rest
 * is the same in every copy). Byte for byte what `meetingCalendar` writes for that invitee.
 */
export function meetingCalendarFor(
  input: Omit<MeetingCalendarInput, 'invitee' | 'stamp'>,
): (invitee: CalendarInvitee, stamp: Date) => string {
  const whole = (invitee: CalendarInvitee, stamp: Date) => meetingCalendar({ ...input, invitee, stamp });
  const stamp = new Date(0);
  const event = meetingCalendarEvent({ ...input, invitee: { ...SOMEONE, rsvp: 'needs-action' }, stamp });
  const text = buildMeetingCalendar(event);
  // The shared text between the invitee's own lines, in the order they are written.
  const shared: string[] = [];
  let from = 0;
  for (const line of ownLines(event)) {
    const at = text.indexOf(`\r\n${line}\r\n`, from);
    // A meeting whose own text holds a line just like one of them: each copy is written whole.
    if (at < 0 || text.indexOf(`\r\n${line}\r\n`, at + 1) >= 0) return whole;
    shared.push(text.slice(from, at + 2));
    from = at + 2 + line.length;
  }
  shared.push(text.slice(from));
  return (invitee, at) => {
    const own = ownLines(meetingCalendarEvent({ ...input, invitee, stamp: at }));
    if (own.length !== shared.length - 1) return whole(invitee, at);
    let copy = shared[0];
    for (let i = 0; i < own.length; i++) copy += own[i] + shared[i + 1];
    return copy;
  };
}

/** The invitee's own lines of an event, each written and folded as the whole object writes it. */
function ownLines(event: MeetingCalendarEvent): string[] {
  const { stamp, description, organizer, attendee } = ownProperties(event);
  const was = ICAL.foldLength;
  ICAL.foldLength = FOLD_LENGTH;
  try {
    return [stamp, description, organizer, attendee]
      .filter((p) => p !== null)
      .map((p) => ICAL.stringify.property(p.toJSON(), ICAL.design.icalendar, false));
  } finally {
    ICAL.foldLength = was;
  }
}
