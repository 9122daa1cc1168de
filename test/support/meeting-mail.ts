import { ParsedEvent, parseCalendar } from './ical';
import { ReceivedMail } from './smtp-sink';

/** The .ics attachment of a received meeting notice, parsed. */
export function calendarOf(mail: ReceivedMail): ParsedEvent {
  const attachment = mail.parsed.attachments.find((a) => a.filename?.endsWith('.ics'));
  if (!attachment) throw new Error(`No .ics attachment in "${mail.parsed.subject}"`);
  return parseCalendar(attachment.content.toString('utf8'));
}

/** The Content-Type of every MIME part of a received message, in order, unfolded and lower-cased. */
export function contentTypesOf(mail: ReceivedMail): string[] {
  const raw = mail.raw.toString('utf8').replace(/\r?\n[ \t]+/g, ' ');
  return [...raw.matchAll(/^content-type:\s*([^\r\n]+)/gim)].map((m) => m[1].trim().toLowerCase());
}

/** The RSVP token in a notice's text part. */
export function rsvpTokenOf(mail: ReceivedMail): string {
  const match = /\/rsvp\/([A-Za-z0-9_-]+\.[A-Za-z0-9_-]+)\?response=/.exec(mail.parsed.text ?? '');
  if (!match) throw new Error(`No RSVP link in "${mail.parsed.subject}"`);
  return match[1];
}

export function subjectsTo(mails: ReceivedMail[], email: string): string[] {
  return mails.filter((m) => m.to.includes(email.toLowerCase())).map((m) => m.parsed.subject ?? '');
}
