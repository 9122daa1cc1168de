import { lastSendAt } from './delivery-estimate';

describe('lastSendAt', () => {
  const now = new Date('2026-12-07T09:00:00Z');
  const at = (minutes: number) => new Date(now.getTime() + minutes * 60_000);
  const asap = (n: number) => Array.from({ length: n }, () => now);

  it('spaces notices that may all go now at the rate, after those ahead', () => {
    // 480 at 30 a minute: the last goes 479 intervals of 2 s after the first, about 16 minutes.
    expect(lastSendAt(now, 30, 0, asap(480))).toEqual(new Date(now.getTime() + 479 * 2_000));
    expect(lastSendAt(now, 30, 60, asap(1))).toEqual(at(2));
    expect(lastSendAt(now, 30, 0, [])).toEqual(now);
  });

  it('waits for the planned time of those held for a later day, and spaces them from there', () => {
    const tomorrow = 24 * 60;
    const times = [...asap(2), at(tomorrow), at(tomorrow), at(tomorrow)];
    // 60 a minute: one a second from the planned time.
    expect(lastSendAt(now, 60, 0, times)).toEqual(new Date(at(tomorrow).getTime() + 2_000));
  });
});
