/**
 * A post has not ended by the day: it has no end, or ends after it. Ending a post today takes the
 * member out of the live directory at once. seg_post_not_ended in SQL.
 */
export function postNotEnded(post: { endsOn: string | null }, today: string): boolean {
  return post.endsOn === null || post.endsOn > today;
}

/**
 * A post is current from its first day until the day it ends, `today` being the UK's
 * (todayInLondon). seg_post_is_current in SQL, which `isCurrentPost` in @seg/db calls.
 */
export function postIsCurrent(post: { startsOn: string; endsOn: string | null }, today: string): boolean {
  return post.startsOn <= today && postNotEnded(post, today);
}
