/**
 * When the last of some notices should go: the workers send one every `60 / ratePerMinute`
 * seconds, in turn (those already `ahead` first), none before its planned time (`times`, in
 * order; now for those that may go at once). An estimate: throttling and outages come on top.
 */
export function lastSendAt(now: Date, ratePerMinute: number, ahead: number, times: readonly Date[]): Date {
  const interval = 60_000 / ratePerMinute;
  let next = now.getTime() + ahead * interval;
  let last = now.getTime();
  for (const time of times) {
    last = Math.max(next, time.getTime());
    next = last + interval;
  }
  return new Date(last);
}
