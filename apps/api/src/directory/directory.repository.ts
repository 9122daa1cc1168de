import { Inject, Injectable } from '@nestjs/common';
import { Database, DB, EmailStatus, MemberStatus, Role, Visibility } from '@seg/db';
import { sql, SQL } from 'drizzle-orm';

/** One member as the directory reads them, with their places of work and current posts. */
export type DirectoryRow = {
  id: string;
  name: string;
  title: string | null;
  email: string;
  phone: string | null;
  bio: string | null;
  availability: string | null;
  registration: string | null;
  status: MemberStatus;
  role: Role;
  emailVisibility: Visibility;
  phoneVisibility: Visibility;
  emailStatus: EmailStatus;
  categoryCode: string | null;
  categoryName: string | null;
  categoryPrivate: boolean | null;
  regionId: string | null;
  regionCode: string | null;
  regionName: string | null;
  regionNation: string | null;
  establishments: { id: string; code: string | null; name: string }[];
  posts: { id: string; role: string; regionCode: string | null; regionName: string | null; startsOn: string; endsOn: string | null }[];
};

export type RepRow = DirectoryRow & {
  postId: string;
  postRole: string;
  postRegionId: string | null;
  postStartsOn: string;
  postEndsOn: string | null;
};

export interface MemberSearch {
  q?: string;
  /** Codes, looked up inside the search itself: an unknown one simply matches nobody. */
  regionCode?: string;
  categoryCode?: string;
  establishmentId?: string;
  repsOnly?: boolean;
  statuses?: MemberStatus[];
  emailStatus?: EmailStatus;
}

/** Where the last page stopped: the name key and id of its last member. */
export type SearchPosition = [key: string, id: string];

/** Posts held today by the member of alias `m`. */
const currentPostOf = (p: string, today: string) =>
  sql.raw(`${p}.starts_on <= `).append(sql`${today}::date`).append(sql.raw(` and (${p}.ends_on is null or ${p}.ends_on > `)).append(sql`${today}::date)`);

/** The columns of a DirectoryRow, read from members `m`, categories `c`, regions `r`. */
const memberColumns = (today: string) => sql`
  m.id, m.name, m.title, m.email, m.phone, m.bio, m.availability, m.registration, m.status, m.role,
  m.email_visibility as "emailVisibility", m.phone_visibility as "phoneVisibility", m.email_status as "emailStatus",
  c.code as "categoryCode", c.name as "categoryName", c.contacts_private_by_default as "categoryPrivate",
  m.region_id as "regionId", r.code as "regionCode", r.name as "regionName", r.nation as "regionNation",
  (select coalesce(json_agg(json_build_object('id', e.id, 'code', e.code, 'name', e.name) order by e.name), '[]'::json)
     from member_establishments me join establishments e on e.id = me.establishment_id
    where me.member_id = m.id) as establishments,
  (select coalesce(json_agg(json_build_object('id', p.id, 'role', p.role, 'regionCode', pr.code, 'regionName', pr.name,
                                              'startsOn', p.starts_on, 'endsOn', p.ends_on) order by p.starts_on, p.id), '[]'::json)
     from posts p left join regions pr on pr.id = p.region_id
    where p.member_id = m.id and ${currentPostOf('p', today)}) as posts`;

@Injectable()
export class DirectoryRepository {
  constructor(@Inject(DB) private readonly db: Database) {}

  /**
   * A page of members in name order with the total (null on later pages). The name key
   * ignores case, accents, spaces and punctuation; keys of three characters or more match
   * anywhere in the name (trigram index), shorter ones match its start (the name-order index).
   *
   * A selective search (part of a name, an establishment, reps only) gathers its matches through
   * their own index first and sorts them: walking the name order instead would pass every
   * "Sarah" before reaching the first match of "sarah" anywhere but at the start. A broad one
   * (everyone, a region, a category) walks the name-order index and stops after one page.
   */
  async searchPage(
    filter: MemberSearch,
    today: string,
    limit: number,
    after?: SearchPosition,
  ): Promise<{ rows: (DirectoryRow & { key: string })[]; total: number | null }> {
    const where = sql.join(this.searchConditions(filter, today), sql` and `);
    const afterKey = after ? sql`(key, id) > (${after[0]}::text collate "C", ${after[1]}::uuid)` : sql`true`;
    const details = (page: SQL, total: SQL) => sql`
      select ${memberColumns(today)}, page.key, ${total} as total
        from ${page} page
        join members m on m.id = page.id
        left join categories c on c.id = m.category_id
        left join regions r on r.id = m.region_id
       order by page.key, page.id`;
    if (isSelective(filter)) {
      const result = await this.db.execute<DirectoryRow & { key: string; total: number }>(sql`
        with matched as materialized (select m.id, m.name_key collate "C" as key from members m where ${where})
        ${details(sql`(select id, key from matched where ${afterKey} order by key, id limit ${limit})`, sql`(select count(*)::int from matched)`)}`);
      return { rows: result.rows, total: result.rows[0]?.total ?? (after ? null : 0) };
    }
    // The count is an uncorrelated subquery, run once; later pages carry the total in their cursor.
    const result = await this.db.execute<DirectoryRow & { key: string; total: number | null }>(
      details(
        sql`(select id, key from (select m.id, m.name_key collate "C" as key from members m where ${where}) ordered where ${afterKey} order by key, id limit ${limit})`,
        after ? sql`null::int` : sql`(select count(*)::int from members m where ${where})`,
      ),
    );
    return { rows: result.rows, total: result.rows[0]?.total ?? (after ? null : 0) };
  }

  /** The ids behind a region code and a category code, in one round trip; null where unknown. */
  async resolveCodes(codes: { region?: string; category?: string }): Promise<{ regionId: string | null; categoryId: string | null }> {
    const result = await this.db.execute<{ regionId: string | null; categoryId: string | null }>(sql`
      select (select id from regions where code = ${codes.region ?? null}) as "regionId",
             (select id from categories where code = ${codes.category ?? null}) as "categoryId"`);
    return result.rows[0];
  }

  /** One member, or null. */
  async getMember(id: string, today: string): Promise<DirectoryRow | null> {
    const result = await this.db.execute<DirectoryRow>(sql`
      select ${memberColumns(today)}
        from members m
        left join categories c on c.id = m.category_id
        left join regions r on r.id = m.region_id
       where m.id = ${id}::uuid`);
    return result.rows[0] ?? null;
  }

  /**
   * Today's representatives, one row per post held by an active member: of the given regions,
   * and of the hub when asked.
   */
  async currentReps(scope: { regionIds: string[] | 'all'; hub: boolean }, today: string): Promise<RepRow[]> {
    const parts: SQL[] = [];
    if (scope.regionIds === 'all') parts.push(sql`post.region_id is not null`);
    else if (scope.regionIds.length) parts.push(sql`post.region_id in (${sql.join(scope.regionIds.map((id) => sql`${id}::uuid`), sql`, `)})`);
    if (scope.hub) parts.push(sql`post.region_id is null`);
    if (!parts.length) return [];
    const result = await this.db.execute<RepRow>(sql`
      select ${memberColumns(today)},
             post.id as "postId", post.role as "postRole", post.region_id as "postRegionId",
             post.starts_on as "postStartsOn", post.ends_on as "postEndsOn"
        from posts post
        join members m on m.id = post.member_id
        left join categories c on c.id = m.category_id
        left join regions r on r.id = m.region_id
       where m.status = 'active' and ${currentPostOf('post', today)} and (${sql.join(parts, sql` or `)})
       order by post.starts_on, m.name, post.id`);
    return result.rows;
  }

  private searchConditions(filter: MemberSearch, today: string): SQL[] {
    const where: SQL[] = [sql`true`];
    if (filter.statuses?.length) where.push(sql`m.status in (${sql.join(filter.statuses.map((s) => sql`${s}`), sql`, `)})`);
    if (filter.emailStatus) where.push(sql`m.email_status = ${filter.emailStatus}`);
    if (filter.q) {
      // Three characters are the least a trigram index can look up; shorter keys match the start.
      where.push(
        roughKeyLength(filter.q) >= 3
          ? sql`m.name_key like '%' || public.seg_search_key(${filter.q}) || '%'`
          : sql`m.name_key collate "C" like public.seg_search_key(${filter.q}) || '%'`,
      );
    }
    if (filter.regionCode) where.push(sql`m.region_id = (select id from regions where code = ${filter.regionCode})`);
    if (filter.categoryCode) where.push(sql`m.category_id = (select id from categories where code = ${filter.categoryCode})`);
    if (filter.establishmentId) {
      where.push(sql`exists (select 1 from member_establishments me where me.member_id = m.id and me.establishment_id = ${filter.establishmentId}::uuid)`);
    }
    if (filter.repsOnly) where.push(sql`exists (select 1 from posts p where p.member_id = m.id and ${currentPostOf('p', today)})`);
    return where;
  }
}

/** The length of a search key as seg_search_key makes it, near enough to pick the index to use. */
export function roughKeyLength(q: string): number {
  return q.normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/[\s\p{P}\p{S}]/gu, '').length;
}

/** Whether a search narrows the members through an index of its own rather than by walking the name order. */
export function isSelective(filter: MemberSearch): boolean {
  return Boolean((filter.q && roughKeyLength(filter.q) >= 3) || filter.establishmentId || filter.repsOnly);
}
