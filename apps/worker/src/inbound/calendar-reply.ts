import { parseDateTime } from '@seg/rules';
import type ICALModule from 'ical.js' with { 'resolution-mode': 'import' };

// ical.js ships an ES module and a CommonJS build; the worker is CommonJS.
const ICAL: typeof ICALModule = require('ical.js');
type Component = InstanceType<typeof ICAL.Component>;
type Time = InstanceType<typeof ICAL.Time>;

/** An attendee's answer as a calendar program sends it (iTIP, RFC 5546). */
export interface CalendarAnswer {
  method: 'REPLY' | 'COUNTER';
  uid: string;
  /** The SEQUENCE the attendee answered; 0 when the program left it out. */
  sequence: number;
  /** The ORGANIZER address the program copied from the invitation; null when it left it out (Outlook does). */
  organizer: string | null;
  attendees: { email: string; partstat: string }[];
  /** COUNTER only: the time the attendee proposes instead. */
  proposed: { startsAt: Date | null; endsAt: Date | null } | null;
  comment: string | null;
}

function mailtoAddress(value: unknown): string {
  return String(value ?? '')
    .replace(/^mailto:/i, '')
    .trim();
}

/**
 * A DTSTART or DTEND as an instant: UTC as given, a TZID through the object's own VTIMEZONE
 * (Outlook names Windows zones such as "GMT Standard Time"), otherwise read as London time.
 */
function instant(root: Component, vevent: Component, name: string): Date | null {
  const property = vevent.getFirstProperty(name);
  if (!property) return null;
  const time = property.getFirstValue() as Time;
  if (time.zone?.tzid === 'UTC') return time.toJSDate();
  const tzid = property.getParameter('tzid');
  const vtimezone = root.getAllSubcomponents('vtimezone').find((z) => z.getFirstPropertyValue('tzid') === tzid);
  if (vtimezone) {
    time.zone = new ICAL.Timezone(vtimezone);
    return time.toJSDate();
  }
  const pad = (n: number) => String(n).padStart(2, '0');
  return parseDateTime(
    `${time.year}-${pad(time.month)}-${pad(time.day)}T${pad(time.hour)}:${pad(time.minute)}:${pad(time.second)}`,
  );
}

/** Reads a text/calendar part; null unless it is a REPLY or COUNTER to one event. */
export function readCalendarAnswer(text: string): CalendarAnswer | null {
  let root: Component;
  try {
    root = new ICAL.Component(ICAL.parse(text));
  } catch {
    return null;
  }
  const method = String(root.getFirstPropertyValue('method') ?? '').toUpperCase();
  if (method !== 'REPLY' && method !== 'COUNTER') return null;
  const vevent = root.getFirstSubcomponent('vevent');
  const uid = vevent?.getFirstPropertyValue('uid');
  if (!vevent || !uid) return null;
  const sequence = Number(vevent.getFirstPropertyValue('sequence') ?? 0);
  const comment = vevent.getFirstPropertyValue('comment');
  const organizer = vevent.getFirstProperty('organizer');
  return {
    method,
    uid: String(uid),
    sequence: Number.isInteger(sequence) && sequence >= 0 ? sequence : 0,
    organizer: organizer ? mailtoAddress(organizer.getFirstValue()) || null : null,
    attendees: vevent.getAllProperties('attendee').map((p) => ({
      email: mailtoAddress(p.getFirstValue()),
      partstat: String(p.getParameter('partstat') ?? 'NEEDS-ACTION').toUpperCase(),
    })),
    proposed:
      method === 'COUNTER'
        ? { startsAt: instant(root, vevent, 'dtstart'), endsAt: instant(root, vevent, 'dtend') }
        : null,
    comment: typeof comment === 'string' && comment.trim() ? comment.trim() : null,
  };
}
