import type { RsvpResponse } from '@seg/db';
import { LONDON_TZID, londonParts } from './london-time';

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

const CRLF = '\r\n';

/**
 * Europe/London as a VTIMEZONE: BST from 01:00 GMT on the last Sunday of March, GMT again from
 * 02:00 BST on the last Sunday of October (each DTSTART in the local time before the change).
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
];

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

/** `20260610T100000`: London wall-clock time, for DTSTART;TZID=Europe/London. */
export function londonDateTime(at: Date): string {
  const p = londonParts(at);
  return `${pad(p.year, 4)}${pad(p.month)}${pad(p.day)}T${pad(p.hour)}${pad(p.minute)}${pad(p.second)}`;
}

/** `20260610T090000Z`. */
export function utcDateTime(at: Date): string {
  return at.toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, '');
}

/** TEXT value escaping (RFC 5545 3.3.11). */
export function escapeText(value: string): string {
  return value.replace(/\\/g, '\\\\').replace(/;/g, '\\;').replace(/,/g, '\\,').replace(/\r\n|\r|\n/g, '\\n');
}

/** A parameter value (e.g. CN): quoted when it holds : ; or , and never with a DQUOTE or control character inside. */
export function paramValue(value: string): string {
  const clean = value.replace(/["\x00-\x1f\x7f]/g, (c) => (c === '"' ? "'" : ' ')).trim();
  return /[:;,]/.test(clean) ? `"${clean}"` : clean;
}

/** Folds a content line at 75 octets (RFC 5545 3.1), never inside a UTF-8 character. */
export function foldLine(line: string): string {
  const out: string[] = [];
  let current = '';
  let octets = 0;
  for (const ch of line) {
    const size = Buffer.byteLength(ch, 'utf8');
    if (octets + size > 75) {
      out.push(current);
      // The continuation line's leading space counts towards its 75 octets.
      current = ' ';
      octets = 1;
    }
    current += ch;
    octets += size;
  }
  out.push(current);
  return out.join(CRLF);
}

function mailto(email: string): string {
  return `mailto:${email}`;
}

/** The whole VCALENDAR object, CRLF line ends, folded. */
export function buildMeetingCalendar(event: MeetingCalendarEvent): string {
  const cancelled = event.method === 'CANCEL' || event.status === 'CANCELLED';
  const organizerName = event.organizer.name ? `;CN=${paramValue(event.organizer.name)}` : '';
  const { attendee } = event;
  const lines = [
    'BEGIN:VCALENDAR',
    'PRODID:-//RCGP Secure Environments Group//SEG Network//EN',
    'VERSION:2.0',
    'CALSCALE:GREGORIAN',
    `METHOD:${event.method}`,
    ...LONDON_VTIMEZONE,
    'BEGIN:VEVENT',
    `UID:${event.uid}`,
    `SEQUENCE:${event.sequence}`,
    `DTSTAMP:${utcDateTime(event.stamp)}`,
    ...(event.created ? [`CREATED:${utcDateTime(event.created)}`] : []),
    ...(event.lastModified ? [`LAST-MODIFIED:${utcDateTime(event.lastModified)}`] : []),
    `DTSTART;TZID=${LONDON_TZID}:${londonDateTime(event.start)}`,
    `DTEND;TZID=${LONDON_TZID}:${londonDateTime(event.end)}`,
    `SUMMARY:${escapeText(event.summary)}`,
    ...(event.description ? [`DESCRIPTION:${escapeText(event.description)}`] : []),
    ...(event.location ? [`LOCATION:${escapeText(event.location)}`] : []),
    ...(event.url ? [`URL:${event.url}`] : []),
    `STATUS:${cancelled ? 'CANCELLED' : 'CONFIRMED'}`,
    'TRANSP:OPAQUE',
    `ORGANIZER${organizerName}:${mailto(event.organizer.email)}`,
    ...(attendee
      ? [
          `ATTENDEE${attendee.name ? `;CN=${paramValue(attendee.name)}` : ''};CUTYPE=INDIVIDUAL;ROLE=REQ-PARTICIPANT;PARTSTAT=${attendee.partstat};RSVP=${cancelled ? 'FALSE' : 'TRUE'}:${mailto(attendee.email)}`,
        ]
      : []),
    'END:VEVENT',
    'END:VCALENDAR',
  ];
  return lines.map(foldLine).join(CRLF) + CRLF;
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
  /** MAIL_FROM: the ORGANIZER, and the domain of the meeting's UID. */
  mailFrom: string;
  /** The invitee, their reply and RSVP link; none for a copy that is nobody's invitation (METHOD:PUBLISH). */
  invitee: { name: string; email: string; rsvp: RsvpResponse; rsvpUrl: string } | null;
  cancelled: boolean;
  stamp?: Date;
}

/** The meeting's UID: one per meeting, in every email and every download. */
export function meetingUid(meetingId: string, organizer: CalendarPerson): string {
  return `meeting-${meetingId}@${organizer.email.split('@')[1] || 'localhost'}`;
}

/**
 * A meeting's iCalendar object as the notices attach it and the API serves it: the meeting's
 * UID, SEQUENCE its revision; to an invitee METHOD:REQUEST, or CANCEL once cancelled.
 */
export function meetingCalendar(input: MeetingCalendarInput): string {
  const { meeting, invitee, cancelled } = input;
  const note = cancelled ? 'This meeting has been cancelled.' : invitee ? `Reply: ${invitee.rsvpUrl}` : null;
  const organizer = parseMailbox(input.mailFrom);
  return buildMeetingCalendar({
    method: invitee ? (cancelled ? 'CANCEL' : 'REQUEST') : 'PUBLISH',
    status: cancelled ? 'CANCELLED' : 'CONFIRMED',
    uid: meetingUid(meeting.id, organizer),
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
  });
}
