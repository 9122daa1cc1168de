import { parseCalendar, parseCalendarFeed } from '../../../test/support/ical';
import {
  buildMeetingCalendar,
  buildMeetingFeed,
  CalendarMeeting,
  meetingCalendar,
  meetingCalendarEvent,
  MeetingCalendarEvent,
  meetingUid,
  readMeetingUid,
  parseMailbox,
} from './meeting-calendar';

const base: MeetingCalendarEvent = {
  method: 'REQUEST',
  uid: 'meeting-1b4e28ba-2fa1-11d2-883f-0016d3cca427@seg.example',
  sequence: 3,
  stamp: new Date('2026-03-01T12:00:00Z'),
  start: new Date('2026-03-28T10:00:00Z'),
  end: new Date('2026-03-28T12:00:00Z'),
  summary: 'Hub meeting; spring, with reps',
  description: 'Agenda:\n1. Minutes\n2. Regional reports, incl. Wales',
  location: 'RCGP, 30 Euston Square, London',
  organizer: { name: 'SEG Network', email: 'secretariat@seg.example' },
  attendee: { name: 'Dr Siân O’Brien, GP', email: 'sian@example.org', partstat: 'NEEDS-ACTION' },
};

describe('meeting calendar object', () => {
  it('parses back with the method, UID, sequence, people and text intact', () => {
    const text = buildMeetingCalendar(base);
    const event = parseCalendar(text);
    expect(event.method).toBe('REQUEST');
    expect(event.uid).toBe(base.uid);
    expect(event.sequence).toBe(3);
    expect(event.status).toBe('CONFIRMED');
    expect(event.summary).toBe(base.summary);
    expect(event.description).toBe(base.description);
    expect(event.location).toBe(base.location);
    expect(event.organizer).toBe('mailto:secretariat@seg.example');
    expect(event.attendees).toEqual([
      { value: 'mailto:sian@example.org', partstat: 'NEEDS-ACTION', rsvp: 'TRUE', cn: 'Dr Siân O’Brien, GP' },
    ]);
  });

  it('gives London times with GMT before and BST after the March change', () => {
    const winter = parseCalendar(buildMeetingCalendar(base));
    expect(winter.startTzid).toBe('Europe/London');
    expect(winter.startLocal).toBe('2026-03-28T10:00:00');
    expect(winter.startOffsetSeconds).toBe(0);
    expect(winter.start.toISOString()).toBe('2026-03-28T10:00:00.000Z');

    // The clocks go forward on 29 March 2026: 10:00 London is then 09:00 UTC.
    const summer = parseCalendar(
      buildMeetingCalendar({ ...base, start: new Date('2026-03-30T09:00:00Z'), end: new Date('2026-03-30T11:00:00Z') }),
    );
    expect(summer.startLocal).toBe('2026-03-30T10:00:00');
    expect(summer.startOffsetSeconds).toBe(3600);
    expect(summer.start.toISOString()).toBe('2026-03-30T09:00:00.000Z');
    expect(summer.end.toISOString()).toBe('2026-03-30T11:00:00.000Z');
  });

  it('gives London times across the October change', () => {
    const before = parseCalendar(
      buildMeetingCalendar({ ...base, start: new Date('2026-10-24T09:00:00Z'), end: new Date('2026-10-24T10:00:00Z') }),
    );
    const after = parseCalendar(
      buildMeetingCalendar({ ...base, start: new Date('2026-10-26T10:00:00Z'), end: new Date('2026-10-26T11:00:00Z') }),
    );
    expect([before.startLocal, before.startOffsetSeconds]).toEqual(['2026-10-24T10:00:00', 3600]);
    expect([after.startLocal, after.startOffsetSeconds]).toEqual(['2026-10-26T10:00:00', 0]);
  });

  it('cancels with METHOD:CANCEL and STATUS:CANCELLED', () => {
    const event = parseCalendar(buildMeetingCalendar({ ...base, method: 'CANCEL', sequence: 4 }));
    expect(event.method).toBe('CANCEL');
    expect(event.status).toBe('CANCELLED');
    expect(event.sequence).toBe(4);
    expect(event.uid).toBe(base.uid);
  });

  it('ends every line with CRLF and folds none longer than 75 octets', () => {
    const text = buildMeetingCalendar({ ...base, description: 'Überlange Beschreibung – '.repeat(20) });
    expect(text.endsWith('\r\n')).toBe(true);
    expect(text.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
    for (const line of text.split('\r\n')) expect(Buffer.byteLength(line, 'utf8')).toBeLessThanOrEqual(75);
    expect(parseCalendar(text).description).toBe('Überlange Beschreibung – '.repeat(20));
  });

  it('folds without splitting a multi-byte character', () => {
    const summary = `${'é'.repeat(60)}😀${'é'.repeat(30)}`;
    const text = buildMeetingCalendar({ ...base, summary });
    const all = text.split('\r\n');
    const first = all.findIndex((l) => l.startsWith('SUMMARY:'));
    const continued = all.slice(first + 1).findIndex((l) => !l.startsWith(' '));
    const lines = all.slice(first, first + 1 + continued);
    expect(lines.length).toBeGreaterThan(1);
    expect(lines.slice(1).every((l) => l.startsWith(' '))).toBe(true);
    expect(lines.map((l, i) => (i ? l.slice(1) : l)).join('')).toBe(`SUMMARY:${summary}`);
    for (const line of lines) expect(Buffer.byteLength(line, 'utf8')).toBeLessThanOrEqual(75);
    expect(parseCalendar(text).summary).toBe(summary);
  });

  it('escapes text values and quotes parameters that need it', () => {
    const text = buildMeetingCalendar({ ...base, summary: 'a\\b;c,d\ne' });
    expect(text).toContain('SUMMARY:a\\\\b\\;c\\,d\\ne\r\n');
    expect(text).toContain('CN="Dr Siân O’Brien, GP"');
    expect(parseCalendar(text).summary).toBe('a\\b;c,d\ne');
  });

  it('reads the organizer from MAIL_FROM', () => {
    expect(parseMailbox('SEG Network <no-reply@seg.example>')).toEqual({
      name: 'SEG Network',
      email: 'no-reply@seg.example',
    });
    expect(parseMailbox('"SEG, Secretariat" <s@seg.example>')).toEqual({
      name: 'SEG, Secretariat',
      email: 's@seg.example',
    });
    expect(parseMailbox('s@seg.example')).toEqual({ name: null, email: 's@seg.example' });
  });

  it("publishes a copy that is nobody's invitation with no attendee", () => {
    const text = buildMeetingCalendar({ ...base, method: 'PUBLISH', attendee: undefined, status: 'CANCELLED' });
    const event = parseCalendar(text);
    expect(event.method).toBe('PUBLISH');
    expect(event.attendees).toEqual([]);
    expect(event.status).toBe('CANCELLED');
  });
});

describe("a meeting's calendar object, as emailed and downloaded", () => {
  const meeting: CalendarMeeting = {
    id: '1b4e28ba-2fa1-11d2-883f-0016d3cca427',
    title: 'Hub meeting',
    agenda: '1. Minutes',
    startsAt: new Date('2026-06-10T09:00:00Z'),
    endsAt: new Date('2026-06-10T11:00:00Z'),
    venue: null,
    onlineUrl: 'https://meet.example.org/hub',
    revision: 2,
    createdAt: new Date('2026-05-01T09:00:00Z'),
    updatedAt: new Date('2026-05-02T09:00:00Z'),
  };
  const mailFrom = 'SEG Network <no-reply@seg.example>';
  const invitee = {
    name: 'Aled Jones',
    email: 'aled@example.org',
    rsvp: 'tentative' as const,
    rsvpUrl: 'https://seg.example/rsvp/abc.def',
    replyAddress: 'no-reply+i.1b4e28ba2fa111d2883f0016d3cca427.0123456789@seg.example',
  };

  it("takes its UID from the meeting and the sender's domain, and SEQUENCE from the revision", () => {
    expect(meetingUid(meeting.id, mailFrom)).toBe(`meeting-${meeting.id}@seg.example`);
    expect(meetingUid(meeting.id, 'nobody')).toBe(`meeting-${meeting.id}@localhost`);
    const event = parseCalendar(meetingCalendar({ meeting, mailFrom, invitee, cancelled: false }));
    expect(event).toMatchObject({
      method: 'REQUEST',
      uid: `meeting-${meeting.id}@seg.example`,
      sequence: 2,
      status: 'CONFIRMED',
      location: meeting.onlineUrl,
      // The invitee's own reply address, under the group's name: where their calendar answers.
      organizer: `mailto:${invitee.replyAddress}`,
    });
    expect(meetingCalendar({ meeting, mailFrom, invitee, cancelled: false }).replace(/\r\n /g, '')).toContain(
      `ORGANIZER;CN=SEG Network:mailto:${invitee.replyAddress}\r\n`,
    );
    expect(event.description).toBe('1. Minutes\n\nReply: https://seg.example/rsvp/abc.def');
    expect(event.attendees).toEqual([
      { value: 'mailto:aled@example.org', partstat: 'TENTATIVE', rsvp: 'TRUE', cn: 'Aled Jones' },
    ]);
  });

  it('cancels to an invitee, and publishes to someone not invited', () => {
    const cancel = parseCalendar(
      meetingCalendar({ meeting, mailFrom, invitee: { ...invitee, rsvp: 'declined' }, cancelled: true }),
    );
    expect(cancel).toMatchObject({
      method: 'CANCEL',
      status: 'CANCELLED',
      description: '1. Minutes\n\nThis meeting has been cancelled.',
    });
    expect(cancel.attendees).toEqual([
      { value: 'mailto:aled@example.org', partstat: 'DECLINED', rsvp: 'FALSE', cn: 'Aled Jones' },
    ]);
    const published = parseCalendar(meetingCalendar({ meeting, mailFrom, invitee: null, cancelled: false }));
    expect(published).toMatchObject({
      method: 'PUBLISH',
      status: 'CONFIRMED',
      uid: cancel.uid,
      description: '1. Minutes',
      organizer: 'mailto:no-reply@seg.example',
      attendees: [],
    });
  });

  it('reads the meeting back from its UID, whatever the domain or letter case, and nothing else', () => {
    expect(readMeetingUid(meetingUid(meeting.id, mailFrom))).toBe(meeting.id);
    expect(readMeetingUid(`MEETING-${meeting.id.toUpperCase()}@other.example`)).toBe(meeting.id);
    expect(readMeetingUid(`${meeting.id}@seg.example`)).toBeNull();
    expect(readMeetingUid('040000008200E00074C5B7101A82E008')).toBeNull();
  });
});

describe("a member's calendar feed", () => {
  const meeting: CalendarMeeting = {
    id: '6f1c3a6e-8b7d-4c1e-9f0a-2b3c4d5e6f70',
    title: 'Regional meeting',
    agenda: null,
    startsAt: new Date('2026-11-04T10:00:00Z'),
    endsAt: new Date('2026-11-04T12:00:00Z'),
    venue: 'HMP Cardiff',
    onlineUrl: null,
    revision: 1,
    createdAt: new Date('2026-09-01T09:00:00Z'),
    updatedAt: new Date('2026-09-02T09:00:00Z'),
  };
  const invitee = {
    name: 'Aled Jones',
    email: 'aled@example.org',
    rsvp: 'accepted' as const,
    rsvpUrl: 'https://x/r',
    replyAddress: 'seg+i.0b9e7c521d3a4f6b8c2d9e8f7a6b5c4d.0123456789@seg.example',
  };
  const mailFrom = 'SEG Network <seg@seg.example>';

  it('holds each meeting as its invitation shows it, in one calendar without METHOD and one time zone', () => {
    const invited = meetingCalendarEvent({ meeting, mailFrom, invitee, cancelled: false, stamp: meeting.updatedAt });
    const cancelled = meetingCalendarEvent({
      meeting: { ...meeting, id: '0b9e7c52-1d3a-4f6b-8c2d-9e8f7a6b5c4d', revision: 2 },
      mailFrom,
      invitee: { ...invitee, rsvp: 'needs-action' },
      cancelled: true,
      stamp: meeting.updatedAt,
    });
    const text = buildMeetingFeed({ name: 'SEG Network meetings', events: [invited, cancelled] });
    expect(text.match(/BEGIN:VTIMEZONE/g)).toHaveLength(1);
    expect(text).toContain('REFRESH-INTERVAL;VALUE=DURATION:PT1H\r\n');
    const feed = parseCalendarFeed(text);
    expect(feed).toMatchObject({ name: 'SEG Network meetings', method: null });
    expect(feed.events.map((e) => [e.uid, e.sequence, e.status, e.attendees[0].partstat])).toEqual([
      [meetingUid(meeting.id, mailFrom), 1, 'CONFIRMED', 'ACCEPTED'],
      [cancelled.uid, 2, 'CANCELLED', 'NEEDS-ACTION'],
    ]);
    // The same event as the emailed invitation, bar the calendar's METHOD.
    expect({ ...feed.events[0], method: 'REQUEST' }).toEqual(
      parseCalendar(meetingCalendar({ meeting, mailFrom, invitee, cancelled: false, stamp: meeting.updatedAt })),
    );
  });
});
