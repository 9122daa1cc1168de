import { and, gt, isNull, lte, or, SQL } from 'drizzle-orm';
import { posts } from './schema';

/** `postIsCurrent` of @seg/rules as a condition on the posts table, for `today` in London. */
export function isCurrentPost(today: string): SQL {
  return and(lte(posts.startsOn, today), or(isNull(posts.endsOn), gt(posts.endsOn, today)))!;
}
