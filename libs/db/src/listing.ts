import { sql, SQL } from 'drizzle-orm';

/**
 * `listedToMembers` of @seg/rules as a condition on a directory card (alias `card`) on the day
 * `today` in London: a current member who chose to be listed, or a current representative whose
 * category does not keep the choice theirs. Read when asked, because posts start and end by date.
 */
export function listedToMembers(card: string, today: string): SQL {
  const day = sql`${today}::date`;
  return sql
    .raw(
      `(${card}.listed and (not ${card}.chose_unlisted or (not coalesce(${card}.category_private, false) and exists (
      select 1 from posts lp where lp.member_id = ${card}.member_id and lp.starts_on <= `,
    )
    .append(day)
    .append(sql.raw(` and (lp.ends_on is null or lp.ends_on > `))
    .append(day)
    .append(sql.raw(`)))))`));
}
