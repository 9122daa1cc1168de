import { sql, SQL } from 'drizzle-orm';

/**
 * `listedToMembers` of @seg/rules as a condition on a directory card (alias `card`) on the day
 * `today` in London: a current member who chose to be listed, or a current representative whose
 * category does not keep the choice theirs. Read when asked, because posts start and end by date.
 */
export function listedToMembers(card: string, today: string): SQL {
  const d = sql.identifier(card);
  return sql`(${d}.listed and (not ${d}.chose_unlisted or (not coalesce(${d}.category_private, false) and exists (
      select 1 from posts lp
       where lp.member_id = ${d}.member_id and public.seg_post_is_current(lp.starts_on, lp.ends_on, ${today}::date)))))`;
}
