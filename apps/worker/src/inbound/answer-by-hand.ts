import type ICALModule from 'ical.js' with { 'resolution-mode': 'import' };
import MailComposer from 'nodemailer/lib/mail-composer';
import { RSVP_WORDING } from '@seg/rules';
import type { RsvpResponse } from '@seg/db';

// ical.js ships an ES module and a CommonJS build; the apps are CommonJS.
const ICAL: typeof ICALModule = require('ical.js');

export type Answer = Exclude<RsvpResponse, 'needs-action'>;

const PARTSTAT: Record<Answer, string> = { accepted: 'ACCEPTED', tentative: 'TENTATIVE', declined: 'DECLINED' };
// Outlook's subject words: "Accepted: …", "Tentative: …", "Declined: …".
const SUBJECT: Record<Answer, string> = { accepted: 'Accepted', tentative: 'Tentative', declined: 'Declined' };

/**
 * The answer to an invitation as a calendar program writes it (Outlook's shape): the invitation's
 * own event with METHOD:REPLY, only the invitee as ATTENDEE with their PARTSTAT, sent from the
 * invitee to the ORGANIZER the invitation named. Made from the invitation as it was sent, so it
 * carries the same UID, SEQUENCE and organiser, and is checked as any real reply is.
 */
export async function calendarReply(invitation: string, answer: Answer, now: Date): Promise<Buffer> {
  const request = ICAL.Component.fromString(invitation);
  const event = request.getFirstSubcomponent('vevent');
  if (!event) throw new Error('The invitation has no event');
  const organizer = String(event.getFirstPropertyValue('organizer') ?? '').replace(/^mailto:/i, '');
  const attendee = event.getFirstProperty('attendee');
  if (!organizer || !attendee) throw new Error('The invitation names no organiser or no invitee');
  const invitee = String(attendee.getFirstValue()).replace(/^mailto:/i, '');
  const summary = String(event.getFirstPropertyValue('summary') ?? '');

  const reply = new ICAL.Component('vcalendar');
  reply.addPropertyWithValue('method', 'REPLY');
  reply.addPropertyWithValue('prodid', 'Microsoft Exchange Server 2010');
  reply.addPropertyWithValue('version', '2.0');
  for (const zone of request.getAllSubcomponents('vtimezone')) reply.addSubcomponent(zone);
  const vevent = new ICAL.Component('vevent');
  const answered = vevent.addPropertyWithValue('attendee', `mailto:${invitee}`);
  answered.setParameter('partstat', PARTSTAT[answer]);
  const cn = attendee.getParameter('cn');
  if (typeof cn === 'string') answered.setParameter('cn', cn);
  vevent.addPropertyWithValue('organizer', `mailto:${organizer}`);
  vevent.addPropertyWithValue('summary', `${SUBJECT[answer]}: ${summary}`);
  for (const name of ['dtstart', 'dtend', 'uid', 'sequence', 'location']) {
    const property = event.getFirstProperty(name);
    if (property) vevent.addProperty(ICAL.Property.fromString(property.toICALString()));
  }
  vevent.addPropertyWithValue('dtstamp', ICAL.Time.fromJSDate(now, true));
  reply.addSubcomponent(vevent);

  return new MailComposer({
    from: typeof cn === 'string' ? { name: cn, address: invitee } : invitee,
    to: organizer,
    subject: `${SUBJECT[answer]}: ${summary}`,
    date: now,
    text: `${RSVP_WORDING[answer]}.`,
    icalEvent: { method: 'REPLY', content: reply.toString() },
  })
    .compile()
    .build();
}
