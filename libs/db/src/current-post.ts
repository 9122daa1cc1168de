import { and, gt, isNull, lte, or, Placeholder, SQL } from 'drizzle-orm';
import { posts } from './schema';

/**
 * `postIsCurrent` of @seg/rules as a condition on the posts table, for `today` in London (or a
 * placeholder a prepared statement fills with it).
 */
export function isCurrentPost(today: string | Placeholder): SQL {
  return and(lte(posts.startsOn, today), or(isNull(posts.endsOn), gt(posts.endsOn, today)))!;
}
