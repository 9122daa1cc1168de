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
