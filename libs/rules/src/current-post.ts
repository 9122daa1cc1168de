// Made once: building a formatter costs far more than using it.
const LONDON_DATE = new Intl.DateTimeFormat('en-CA', {
  timeZone: 'Europe/London',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});

/** Today's date in the group's own time zone, as PostgreSQL dates are kept (YYYY-MM-DD). */
export function todayInLondon(now = new Date()): string {
  return LONDON_DATE.format(now);
}

/**
 * A post is current from its first day until the day it ends: ending a post today takes the
 * member out of the live directory at once. `isCurrentPost` in @seg/db is the same rule in SQL.
 */
export function postIsCurrent(post: { startsOn: string; endsOn: string | null }, today: string): boolean {
  return post.startsOn <= today && (post.endsOn === null || post.endsOn > today);
}
