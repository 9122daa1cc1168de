import { Inject, Injectable } from '@nestjs/common';
import { DB, Database, Executor, listedToMembers, Visibility } from '@seg/db';
import { DETAILS_SECOND_ASK_AFTER_DAYS, postIsCurrent, todayInLondon } from '@seg/rules';
import { AppConfig, APP_CONFIG } from '@seg/config';
import { sql } from 'drizzle-orm';

/** A member asked to confirm, with their directory card as the card shows them. */
export type AskedMember = {
  id: string;
  email: string;
  listed: boolean;
  name: string;
  title: string | null;
  phone: string | null;
  bio: string | null;
  availability: string | null;
  emailVisibility: Visibility;
  phoneVisibility: Visibility;
  categoryName: string | null;
  categoryPrivate: boolean | null;
  regionName: string | null;
  establishments: { name: string }[];
  /** Posts held on the day of the run. */
  posts: { role: string; regionName: string | null }[];
};

/** Current members with a member's account, not a staff account (isListable). */
const CURRENT_MEMBER = sql`public.seg_member_is_listable(m.status, m.erased_at, m.role, m.category_id is not null)`;

/**
 * The daily run's side of confirming details: marks whom it asks, each once per request, by an
 * update that re-checks its condition on a row another run has just changed, so two runs of the
 * same day (a worker that died mid-run) ask nobody twice.
 */
@Injectable()
export class ConfirmDetailsRepository {
  constructor(
    @Inject(DB) private readonly db: Database,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /**
   * Opens a request for every current member whose last confirmation (or joining) is older than
   * their period at `now`: representatives holding a post that day have the shorter one.
   */
  async openDueRequests(tx: Executor, now: Date): Promise<AskedMember[]> {
    const { months, repMonths } = this.config.detailsConfirm;
    const at = now.toISOString();
    const result = await tx.execute<{ id: string }>(sql`
      update members m set details_requested_at = ${at}::timestamptz, details_reminded_at = null
       where ${CURRENT_MEMBER} and m.details_requested_at is null
         and coalesce(m.details_confirmed_at, m.created_at) <= ${at}::timestamptz - make_interval(months => case
               when exists (select 1 from posts p
                             where p.member_id = m.id
                               and public.seg_post_is_current(p.starts_on, p.ends_on, public.seg_uk_today(${at}::timestamptz)))
               then ${repMonths}::int else ${months}::int end)
      returning m.id`);
    return this.cards(
      tx,
      result.rows.map((r) => r.id),
      at,
    );
  }

  /** Marks the second ask of every request left unanswered DETAILS_SECOND_ASK_AFTER_DAYS after the first. */
  async remindUnanswered(tx: Executor, now: Date): Promise<AskedMember[]> {
    const at = now.toISOString();
    const result = await tx.execute<{ id: string }>(sql`
      update members m set details_reminded_at = ${at}::timestamptz
       where ${CURRENT_MEMBER} and m.details_reminded_at is null
         and m.details_requested_at <= ${at}::timestamptz - make_interval(days => ${DETAILS_SECOND_ASK_AFTER_DAYS}::int)
      returning m.id`);
    return this.cards(
      tx,
      result.rows.map((r) => r.id),
      at,
    );
  }

  transaction<T>(work: (tx: Executor) => Promise<T>): Promise<T> {
    return this.db.transaction(work);
  }

  private async cards(tx: Executor, ids: string[], at: string): Promise<AskedMember[]> {
    if (!ids.length) return [];
    const day = todayInLondon(new Date(at));
    const result = await tx.execute<
      AskedMember & { allPosts: { role: string; regionName: string | null; startsOn: string; endsOn: string | null }[] }
    >(sql`
      select d.member_id as id, d.email, ${listedToMembers('d', day)} as listed, d.name, d.title, d.phone, d.bio, d.availability,
             d.email_visibility as "emailVisibility", d.phone_visibility as "phoneVisibility",
             d.category_name as "categoryName", d.category_private as "categoryPrivate", d.region_name as "regionName",
             d.establishments, d.posts as "allPosts"
        from directory_cards d
       where d.member_id in (select unnest(${sql.param(ids)}::uuid[]))`);
    return result.rows.map(({ allPosts, ...row }) => ({
      ...row,
      posts: allPosts.filter((p) => postIsCurrent(p, day)).map((p) => ({ role: p.role, regionName: p.regionName })),
    }));
  }
}
