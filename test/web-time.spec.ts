import { formatWhen, isoToLondonLocal } from '../apps/web/src/time';

describe('web app: London time', () => {
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
