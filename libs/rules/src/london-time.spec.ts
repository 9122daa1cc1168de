import {
  formatLondon,
  formatLondonDay,
  formatLondonMonth,
  formatLondonRange,
  fromLondonWallClock,
  londonOffsetMinutes,
  parseDateTime,
  readDateTime,
  toLondonIso,
} from './london-time';

describe('London time', () => {
  it('agrees with the platform time zone data on every hour of several years', () => {
    const offsetByIntl = (d: Date) => {
      const name = new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/London', timeZoneName: 'short' })
        .formatToParts(d)
        .find((p) => p.type === 'timeZoneName')!.value;
      return name === 'BST' || name === 'GMT+1' ? 60 : 0;
    };
    for (let t = Date.UTC(2019, 0, 1); t < Date.UTC(2031, 0, 1); t += 3600_000) {
      const d = new Date(t);
      if (londonOffsetMinutes(d) !== offsetByIntl(d)) throw new Error(`offset differs at ${d.toISOString()}`);
    }
  });

  it('changes at 01:00 UTC on the last Sundays of March and October', () => {
    expect(toLondonIso(new Date('2026-03-29T00:59:59Z'))).toBe('2026-03-29T00:59:59+00:00');
    expect(toLondonIso(new Date('2026-03-29T01:00:00Z'))).toBe('2026-03-29T02:00:00+01:00');
    expect(toLondonIso(new Date('2026-10-25T00:59:59Z'))).toBe('2026-10-25T01:59:59+01:00');
    expect(toLondonIso(new Date('2026-10-25T01:00:00Z'))).toBe('2026-10-25T01:00:00+00:00');
  });

  it("writes the day as the UK does, London's day around midnight", () => {
    expect(formatLondonDay(new Date('2026-12-07T09:00:00Z'))).toBe('7 December 2026');
    expect(formatLondonDay(new Date('2026-06-30T23:30:00Z'))).toBe('1 July 2026');
    expect(formatLondonMonth(new Date('2026-03-31T23:30:00Z'))).toBe('April 2026');
  });

  it('formats for people with GMT or BST', () => {
    expect(formatLondon(new Date('2026-06-10T09:00:00Z'))).toBe('Wednesday 10 June 2026, 10:00 BST');
    expect(formatLondon(new Date('2026-12-01T09:30:00Z'))).toBe('Tuesday 1 December 2026, 09:30 GMT');
    expect(formatLondonRange(new Date('2026-06-10T09:00:00Z'), new Date('2026-06-10T11:30:00Z'))).toBe(
      'Wednesday 10 June 2026, 10:00 to 12:30 BST',
    );
    expect(formatLondonRange(new Date('2026-10-24T23:30:00Z'), new Date('2026-10-25T02:00:00Z'))).toBe(
      'Sunday 25 October 2026, 00:30 BST to 02:00 GMT',
    );
  });

  it('reads wall-clock times as London and keeps explicit offsets', () => {
    expect(parseDateTime('2026-06-10T10:00')!.toISOString()).toBe('2026-06-10T09:00:00.000Z');
    expect(parseDateTime('2026-01-10T10:00:00')!.toISOString()).toBe('2026-01-10T10:00:00.000Z');
    expect(parseDateTime('2026-06-10T10:00:00Z')!.toISOString()).toBe('2026-06-10T10:00:00.000Z');
    expect(parseDateTime('2026-06-10T10:00:00+02:00')!.toISOString()).toBe('2026-06-10T08:00:00.000Z');
  });

  it('reads the hour the clocks go back as its first (BST) time, and refuses the hour they skip', () => {
    expect(fromLondonWallClock(2026, 10, 25, 1, 30)!.toISOString()).toBe('2026-10-25T00:30:00.000Z');
    expect(fromLondonWallClock(2026, 10, 25, 2, 0)!.toISOString()).toBe('2026-10-25T02:00:00.000Z');
    expect(parseDateTime('2026-10-25T01:30:00+00:00')!.toISOString()).toBe('2026-10-25T01:30:00.000Z');
    expect(fromLondonWallClock(2026, 3, 29, 0, 59)!.toISOString()).toBe('2026-03-29T00:59:00.000Z');
    for (const minute of [0, 30, 59]) expect(fromLondonWallClock(2026, 3, 29, 1, minute)).toBeNull();
    expect(fromLondonWallClock(2026, 3, 29, 2, 0)!.toISOString()).toBe('2026-03-29T01:00:00.000Z');
    expect(readDateTime('2027-03-28T01:30')).toEqual({
      problem: expect.stringContaining('the clocks go forward from 01:00 GMT to 02:00 BST on Sunday 28 March 2027'),
    });
    // Every half hour of two years, as London shows it, reads back as itself.
    const misread: string[] = [];
    for (let t = Date.UTC(2026, 0, 1); t < Date.UTC(2028, 0, 1); t += 30 * 60_000) {
      const p = new Date(t + londonOffsetMinutes(new Date(t)) * 60_000);
      const at = fromLondonWallClock(
        p.getUTCFullYear(),
        p.getUTCMonth() + 1,
        p.getUTCDate(),
        p.getUTCHours(),
        p.getUTCMinutes(),
      );
      if (at?.getTime() !== t && !(at && at.getTime() === t - 3600_000)) misread.push(new Date(t).toISOString());
    }
    expect(misread).toEqual([]);
  });

  it('refuses what is not a date-time', () => {
    for (const bad of ['', 'tomorrow', '2026-02-30T10:00', '2026-06-10', '2026-13-01T10:00Z', '2026-06-10T25:00Z']) {
      expect(parseDateTime(bad)).toBeNull();
    }
  });
});
