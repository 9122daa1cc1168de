import { Meeting } from './api/types';

/** An iCalendar file for one meeting, for "add to calendar". */
export function meetingCalendar(meeting: Meeting, origin: string): string {
  const host = new URL(origin).hostname;
  const stamp = (iso: string) => iso.replace(/[-:]/g, '').replace(/\.\d{3}/, '');
  const escape = (text: string) => text.replace(/\\/g, '\\\\').replace(/;/g, '\\;').replace(/,/g, '\\,').replace(/\r?\n/g, '\\n');
  const lines = [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    'PRODID:-//RCGP Secure Environments Group//SEG Network//EN',
    'CALSCALE:GREGORIAN',
    'METHOD:PUBLISH',
    'BEGIN:VEVENT',
    `UID:meeting-${meeting.id}@${host}`,
    `SEQUENCE:${meeting.revision ?? 0}`,
    `DTSTAMP:${stamp(new Date().toISOString())}`,
    `DTSTART:${stamp(new Date(meeting.startsAt!).toISOString())}`,
    `DTEND:${stamp(new Date(meeting.endsAt!).toISOString())}`,
    `SUMMARY:${escape(meeting.title)}`,
    meeting.venue ? `LOCATION:${escape(meeting.venue)}` : '',
    `DESCRIPTION:${escape([meeting.agenda, meeting.onlineUrl ? `Join online: ${meeting.onlineUrl}` : ''].filter(Boolean).join('\n\n'))}`,
    `URL:${origin}/my/meetings/${meeting.id}`,
    meeting.status === 'cancelled' ? 'STATUS:CANCELLED' : 'STATUS:CONFIRMED',
    'END:VEVENT',
    'END:VCALENDAR',
  ].filter(Boolean);
  return lines.map(fold).join('\r\n') + '\r\n';
}

/** RFC 5545 lines are at most 75 octets; longer ones continue on lines starting with a space. */
function fold(line: string): string {
  const out: string[] = [];
  let rest = line;
  while (new TextEncoder().encode(rest).length > 75) {
    let cut = 74;
    while (new TextEncoder().encode(rest.slice(0, cut)).length > 74) cut--;
    out.push(rest.slice(0, cut));
    rest = ` ${rest.slice(cut)}`;
  }
  out.push(rest);
  return out.join('\r\n');
}
