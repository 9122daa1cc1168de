import { formatLondonRange } from '@seg/rules';
import { dayInLondon, formatDay, formatMonth, formatWhen, isoToLondonLocal } from '../apps/web/src/time';

describe('web app: London time', () => {
  it('shows a stored time back in London time, whatever offset it came with', () => {
    expect(isoToLondonLocal('2031-07-15T13:00:00.000Z')).toBe('2031-07-15T14:00');
    expect(isoToLondonLocal('2031-07-15T14:00:00+01:00')).toBe('2031-07-15T14:00');
    expect(isoToLondonLocal('2031-01-15T14:00:00Z')).toBe('2031-01-15T14:00');
    expect(isoToLondonLocal(null)).toBe('');
  });

  it('names GMT or BST, and gives one date for a meeting within a day, in the words of the emails', () => {
    expect(formatWhen('2031-01-15T14:00:00Z', '2031-01-15T16:00:00Z')).toBe(
      'Wednesday 15 January 2031, 14:00 to 16:00 GMT',
    );
    expect(formatWhen('2031-07-15T13:00:00Z', '2031-07-15T15:00:00Z')).toBe('Tuesday 15 July 2031, 14:00 to 16:00 BST');
    // The same words as the meeting emails (formatLondonRange), whatever offset the API wrote.
    const start = new Date('2031-07-15T13:00:00Z');
    const end = new Date('2031-07-15T15:00:00Z');
    expect(formatWhen('2031-07-15T14:00:00+01:00', '2031-07-15T16:00:00+01:00')).toBe(formatLondonRange(start, end));
    expect(formatWhen(null, null, 2019)).toBe('2019');
    expect(formatDay('2019-07-01')).toBe('1 July 2019');
    expect(formatMonth('2026-03-31T23:30:00Z')).toBe('April 2026');
  });

  it("gives London's day, not the UTC one", () => {
    expect(dayInLondon('2026-06-30T23:30:00Z')).toBe('2026-07-01');
    expect(dayInLondon('2026-12-31T23:30:00Z')).toBe('2026-12-31');
  });
});
