import { Placeholder, SQL, sql } from 'drizzle-orm';
import { posts } from './schema';

/**
 * `postIsCurrent` of @seg/rules as a condition on the posts table (seg_post_is_current), for
 * `today` in London (or a placeholder a prepared statement fills with it).
 */
export function isCurrentPost(today: string | Placeholder): SQL {
  return sql`public.seg_post_is_current(${posts.startsOn}, ${posts.endsOn}, ${today}::date)`;
}
