import { postIsCurrent } from './current-post';
import { todayInLondon } from './london-time';

describe('current posts', () => {
  it("gives London's date, not UTC's, around midnight in summer time", () => {
    expect(todayInLondon(new Date('2026-07-01T23:30:00Z'))).toBe('2026-07-02');
    expect(todayInLondon(new Date('2026-01-01T23:30:00Z'))).toBe('2026-01-01');
  });

  it('counts a post as current from its first day until the day it ends', () => {
    expect(postIsCurrent({ startsOn: '2026-01-01', endsOn: null }, '2026-01-01')).toBe(true);
    expect(postIsCurrent({ startsOn: '2026-01-02', endsOn: null }, '2026-01-01')).toBe(false);
    expect(postIsCurrent({ startsOn: '2025-01-01', endsOn: '2026-01-01' }, '2026-01-01')).toBe(false);
    expect(postIsCurrent({ startsOn: '2025-01-01', endsOn: '2026-01-02' }, '2026-01-01')).toBe(true);
  });
});
