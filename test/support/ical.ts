import type ICALModule from 'ical.js' with { 'resolution-mode': 'import' };

/** ical.js ships an ES module and a CommonJS build; the tests run as CommonJS, so they take the latter. */
export const ICAL: typeof ICALModule = require('ical.js');

export interface ParsedEvent {
  method: string;
  uid: string;
  sequence: number;
  status: string;
  summary: string;
  description: string | null;
  location: string | null;
  /** Start and end as instants, and as London wall-clock times with the zone's offset in seconds. */
  start: Date;
  end: Date;
  startLocal: string;
  startOffsetSeconds: number;
  startTzid: string | null;
  organizer: string;
  attendees: { value: string; partstat: string; rsvp: string; cn: string | null }[];
}

/** Parses an iCalendar object the way a calendar client would, zone definitions included. */
export function parseCalendar(text: string): ParsedEvent {
  const root = parsedRoot(text);
  return eventOf(root, root.getFirstSubcomponent('vevent')!);
}

/** A subscribed calendar (feed): its name, whether it carries a METHOD, and every event in it. */
export function parseCalendarFeed(text: string): { name: string | null; method: string | null; events: ParsedEvent[] } {
  const root = parsedRoot(text);
  const method = root.getFirstPropertyValue('method');
  return {
    name: (root.getFirstPropertyValue('x-wr-calname') as string | null) ?? null,
    method: method === null ? null : String(method),
    events: root.getAllSubcomponents('vevent').map((vevent) => eventOf(root, vevent)),
  };
}

type Component = InstanceType<typeof ICAL.Component>;

function parsedRoot(text: string): Component {
  const root = new ICAL.Component(ICAL.parse(text));
  for (const vtimezone of root.getAllSubcomponents('vtimezone')) {
    ICAL.TimezoneService.register(new ICAL.Timezone(vtimezone));
  }
  return root;
}

function eventOf(root: Component, vevent: Component): ParsedEvent {
  const event = new ICAL.Event(vevent);
  const start = event.startDate;
  const attendees = vevent.getAllProperties('attendee').map((p) => ({
    value: String(p.getFirstValue()),
    partstat: String(p.getParameter('partstat')),
    rsvp: String(p.getParameter('rsvp')),
    cn: (p.getParameter('cn') as string | undefined) ?? null,
  }));
  return {
    method: String(root.getFirstPropertyValue('method')),
    uid: event.uid,
    sequence: event.sequence,
    status: String(vevent.getFirstPropertyValue('status')),
    summary: event.summary,
    description: event.description ?? null,
    location: event.location ?? null,
    start: start.toJSDate(),
    end: event.endDate.toJSDate(),
    startLocal: start.toString(),
    startOffsetSeconds: start.utcOffset(),
    startTzid: (vevent.getFirstProperty('dtstart')!.getParameter('tzid') as string | undefined) ?? null,
    organizer: String(vevent.getFirstPropertyValue('organizer')),
    attendees,
  };
}
