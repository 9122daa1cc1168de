import { meetingCalendar } from '../apps/web/src/calendar';
import { formatWhen, isoToLondonLocal, londonLocalToIso } from '../apps/web/src/time';

describe('web app: London time', () => {
  it('reads a form time as London time, in GMT and in BST', () => {
    expect(londonLocalToIso('2031-01-15T14:00')).toBe('2031-01-15T14:00:00.000Z');
    expect(londonLocalToIso('2031-07-15T14:00')).toBe('2031-07-15T13:00:00.000Z');
    // The Sunday the clocks go forward (30 March 2031 at 01:00 GMT) and back (26 October).
    expect(londonLocalToIso('2031-03-30T09:30')).toBe('2031-03-30T08:30:00.000Z');
    expect(londonLocalToIso('2031-10-26T09:30')).toBe('2031-10-26T09:30:00.000Z');
  });

  it('shows a stored time back in London time, whatever offset it came with', () => {
    expect(isoToLondonLocal('2031-07-15T13:00:00.000Z')).toBe('2031-07-15T14:00');
    expect(isoToLondonLocal('2031-07-15T14:00:00+01:00')).toBe('2031-07-15T14:00');
    expect(isoToLondonLocal('2031-01-15T14:00:00Z')).toBe('2031-01-15T14:00');
    expect(isoToLondonLocal(null)).toBe('');
  });

  it('names GMT or BST, and gives one date for a meeting within a day', () => {
    expect(formatWhen('2031-01-15T14:00:00Z', '2031-01-15T16:00:00Z')).toBe('Wed, 15 Jan 2031, 14:00 to 16:00 GMT');
    expect(formatWhen('2031-07-15T13:00:00Z', '2031-07-15T15:00:00Z')).toBe('Tue, 15 Jul 2031, 14:00 to 16:00 BST');
    expect(formatWhen(null, null, 2019)).toBe('2019');
  });
});

describe('web app: add to calendar', () => {
  const meeting = {
    id: '1b4e28ba-2fa1-11d2-883f-0016d3cca427',
    title: 'Hub meeting; spring, with a long title that has to be folded over more than one line of the file',
    kind: 'hub' as const,
    agenda: 'Welcome\nTransfers',
    startsAt: '2031-07-15T14:00:00+01:00',
    endsAt: '2031-07-15T16:00:00+01:00',
    venue: 'RCGP, London',
    status: 'scheduled' as const,
    revision: 2,
  };

  it('writes one event in UTC with the revision as its sequence, escaped and folded', () => {
    const ics = meetingCalendar(meeting, 'https://seg.example.org');
    const lines = ics.split('\r\n');
    expect(lines).toContain('DTSTART:20310715T130000Z');
    expect(lines).toContain('DTEND:20310715T150000Z');
    expect(lines).toContain('SEQUENCE:2');
    expect(lines).toContain(`UID:meeting-${meeting.id}@seg.example.org`);
    expect(lines).toContain('LOCATION:RCGP\\, London');
    expect(lines.every((l) => Buffer.byteLength(l) <= 75)).toBe(true);
    const unfolded = ics.replace(/\r\n /g, '');
    expect(unfolded).toContain('SUMMARY:Hub meeting\\; spring\\, with a long title that has to be folded over more than one line of the file');
    expect(unfolded).toContain('DESCRIPTION:Welcome\\nTransfers');
  });
});
