import { Inject, Injectable } from '@nestjs/common';
import { Database, DB, EmailStatus, listedToMembers, MemberStatus, NoticeChoice, Role, Visibility } from '@seg/db';
import { sql, SQL } from 'drizzle-orm';
import { DETAILS_STALE_AFTER_DAYS } from '@seg/rules';
import { PastPost } from './directory-member.dto';
import { NameQuery } from './name-query';

/** A post on a card: every post not ended when the card was written; the reader keeps today's. */
export type CardPost = {
  id: string;
  role: string;
  regionId: string | null;
  regionCode: string | null;
  regionName: string | null;
  startsOn: string;
  endsOn: string | null;
};

/** One member as the directory reads them: a row of the read model `directory_cards`. */
export type DirectoryRow = {
  id: string;
  /** Listed to other members on the day read (listedToMembers). */
  listed: boolean;
  name: string;
  title: string | null;
  email: string;
  phone: string | null;
  bio: string | null;
  availability: string | null;
  status: MemberStatus;
  role: Role;
  emailVisibility: Visibility;
  phoneVisibility: Visibility;
  emailStatus: EmailStatus;
  noticesOff: NoticeChoice[];
  categoryCode: string | null;
  categoryName: string | null;
  categoryPrivate: boolean | null;
  regionId: string | null;
  regionCode: string | null;
  regionName: string | null;
  regionNation: string | null;
  establishments: { id: string; code: string | null; name: string }[];
  posts: CardPost[];
  /** ISO time, or null: never confirmed. */
  detailsConfirmedAt: string | null;
};

export type RepRow = DirectoryRow & {
  postId: string;
  postRole: string;
  postRegionId: string | null;
  postStartsOn: string;
  postEndsOn: string | null;
};

export interface MemberSearch {
  name?: NameQuery;
  /** Codes, looked up inside the search itself: an unknown one simply matches nobody. */
  regionCode?: string;
  categoryCode?: string;
  establishmentId?: string;
  repsOnly?: boolean;
  /** Only members listed to other members (the member-facing directory). */
  listedOnly?: boolean;
  statuses?: MemberStatus[];
  emailStatus?: EmailStatus;
  noticesOff?: NoticeChoice;
  /** Only members who have not answered a request to confirm their details for DETAILS_STALE_AFTER_DAYS. */
  stale?: boolean;
}

/**
 * Where a page stopped, in the order of the results: relevance group (0 for plain lists), the
 * closeness of a near miss (0 otherwise, else minus its similarity, so nearer comes first),
 * surname key, given names key, member id.
 */
export type SearchPosition = [rank: number, closeness: number, surname: string, given: string, id: string];

/** A total counted exactly, or estimated by the planner for a broad list. */
export type Total = number | { estimate: number };

/** Lists longer than this are not counted row by row: their total is the planner's estimate. */
export const EXACT_TOTAL_LIMIT = 1000;

/** A name search offers near misses (typos) only when it matches fewer members than this. */
export const NEAR_MISSES_BELOW = 10;

const CARD_COLUMNS = sql`
  d.name, d.title, d.email, d.phone, d.bio, d.availability, d.status, d.role,
  d.email_visibility as "emailVisibility", d.phone_visibility as "phoneVisibility", d.email_status as "emailStatus",
  d.notices_off as "noticesOff",
  d.category_code as "categoryCode", d.category_name as "categoryName", d.category_private as "categoryPrivate",
  d.region_id as "regionId", d.region_code as "regionCode", d.region_name as "regionName", d.region_nation as "regionNation",
  d.establishments, d.posts,
  to_json(d.details_confirmed_at) #>> '{}' as "detailsConfirmedAt"`;

/** A card's columns, with whether it is listed to members on the day. */
const cardColumns = (today: string) =>
  sql`d.member_id as id, ${listedToMembers('d', today)} as listed, ${CARD_COLUMNS}`;

/** Posts held today, of alias `p`. */
const currentPost = (p: string, today: string) => {
  const post = sql.identifier(p);
  return sql`public.seg_post_is_current(${post}.starts_on, ${post}.ends_on, ${today}::date)`;
};

const SORT = sql`d.surname_key collate "C", d.given_key collate "C", d.member_id`;

@Injectable()
export class DirectoryRepository {
  constructor(@Inject(DB) private readonly db: Database) {}

  /**
   * A page of members and the total (null on later pages). With a name, the most relevant first
   * (see `NameQuery`), each relevance group in surname order; without one, in surname order.
   * Matches of a name or a narrow filter are gathered through their own index and sorted; a broad
   * list walks the surname-order index and stops after one page, and its total is counted only up
   * to EXACT_TOTAL_LIMIT, past which the planner's estimate is given instead.
   */
  async searchPage(
    filter: MemberSearch,
    today: string,
    limit: number,
    after?: SearchPosition,
  ): Promise<{ rows: (DirectoryRow & { position: SearchPosition })[]; total: Total | null }> {
    const where = sql.join(this.conditions(filter, today), sql` and `);
    const afterPosition = after
      ? sql`(rank, closeness, surname, given, member_id) > (${after[0]}::int, ${after[1]}::float8, ${after[2]}::text collate "C", ${after[3]}::text collate "C", ${after[4]}::uuid)`
      : sql`true`;
    type Found = DirectoryRow & {
      rank: number;
      closeness: number;
      surname: string;
      given: string;
      total: number | null;
      estimate: number | null;
    };
    let rows: Found[];
    if (filter.name || filter.establishmentId || filter.repsOnly || filter.stale) {
      const { rank, matches, nearMiss } = filter.name
        ? relevance(filter.name)
        : { rank: sql`0`, matches: sql`true`, nearMiss: null };
      const columns = (rank: SQL, closeness: SQL) =>
        sql`d.member_id, ${rank} as rank, ${closeness} as closeness, d.surname_key collate "C" as surname, d.given_key collate "C" as given`;
      // Near misses are looked for only while the name matches few members: past that they would
      // sit under the matches unseen, and their similarity costs more than all the matches.
      const result = await this.db.execute<Found>(sql`
        with found as materialized (select ${columns(rank, sql`0::float8`)} from directory_cards d where ${where} and (${matches}))
        ${nearMiss ? sql`, near as materialized (select ${columns(sql`${NEAR_MISS_RANK}::int`, nearMiss.closeness)} from directory_cards d where (select count(*) from found) < ${NEAR_MISSES_BELOW} and ${where} and ${nearMiss.condition})` : sql``}
        select ${cardColumns(today)}, page.rank, page.closeness, page.surname, page.given,
               ${after ? sql`null::int` : nearMiss ? sql`(select count(*)::int from found) + (select count(*)::int from near)` : sql`(select count(*)::int from found)`} as total, null::int as estimate
          from (select * from ${nearMiss ? sql`(select * from found union all select * from near) matched` : sql`found`}
                 where ${afterPosition} order by rank, closeness, surname, given, member_id limit ${limit}) page
          join directory_cards d on d.member_id = page.member_id
         order by page.rank, page.closeness, page.surname, page.given, page.member_id`);
      rows = result.rows;
    } else {
      // Counted up to one past the limit through the same index; past it the planner estimates,
      // once: in the select list beside the page it would be asked again for every row.
      const totals = after
        ? sql`(select null::int as counted, null::int as estimate) t`
        : sql`(select c.counted,
                      case when c.counted > ${EXACT_TOTAL_LIMIT} then public.seg_directory_estimate(${filter.listedOnly ?? false}, ${filter.statuses ? sql.param(filter.statuses) : null}::text[],
                           ${filter.regionCode ?? null}::text, ${filter.categoryCode ?? null}::text) end as estimate
                 from (select count(*)::int as counted from (select 1 from directory_cards d where ${where} limit ${EXACT_TOTAL_LIMIT + 1}) c) c) t`;
      const result = await this.db.execute<Found>(sql`
        select ${cardColumns(today)}, 0 as rank, 0::float8 as closeness, d.surname_key as surname, d.given_key as given, t.counted as total, t.estimate
          from ${totals}
          left join lateral (
            select d.* from directory_cards d
             where ${where} and ${after ? sql`(d.surname_key collate "C", d.given_key collate "C", d.member_id) > (${after[2]}::text collate "C", ${after[3]}::text collate "C", ${after[4]}::uuid)` : sql`true`}
             order by ${SORT} limit ${limit}) d on true`);
      rows = result.rows;
      // The left join keeps the total when the page is empty.
      if (rows.length === 1 && rows[0].id === null) {
        const [{ total: counted, estimate }] = rows;
        return { rows: [], total: after ? null : estimate !== null ? { estimate } : (counted ?? 0) };
      }
    }
    const first = rows[0];
    const total: Total | null = after
      ? null
      : !first
        ? 0
        : first.estimate !== null
          ? { estimate: Number(first.estimate) }
          : (first.total ?? 0);
    return {
      rows: rows.map((row) => ({
        ...row,
        position: [row.rank, Number(row.closeness), row.surname, row.given, row.id],
      })),
      total,
    };
  }

  /** The ids behind a region code and a category code, in one round trip; null where unknown. */
  async resolveCodes(codes: {
    region?: string;
    category?: string;
  }): Promise<{ regionId: string | null; categoryId: string | null }> {
    const result = await this.db.execute<{ regionId: string | null; categoryId: string | null }>(sql`
      select (select id from regions where code = ${codes.region ?? null}) as "regionId",
             (select id from categories where code = ${codes.category ?? null}) as "categoryId"`);
    return result.rows[0];
  }

  /** One member, or null; `listed` as on the day. */
  async getMember(id: string, today: string): Promise<DirectoryRow | null> {
    const result = await this.db.execute<DirectoryRow>(
      sql`select ${cardColumns(today)} from directory_cards d where d.member_id = ${id}::uuid`,
    );
    return result.rows[0] ?? null;
  }

  /** The posts the member held that have ended by the day, oldest first. */
  async endedPostsOf(memberId: string, day: string): Promise<PastPost[]> {
    const result = await this.db.execute<{
      id: string;
      role: string;
      regionCode: string | null;
      regionName: string | null;
      startsOn: string;
      endsOn: string;
    }>(sql`
      select p.id, p.role, r.code as "regionCode", r.name as "regionName", to_char(p.starts_on, 'YYYY-MM-DD') as "startsOn", to_char(p.ends_on, 'YYYY-MM-DD') as "endsOn"
        from posts p left join regions r on r.id = p.region_id
       where p.member_id = ${memberId}::uuid and not public.seg_post_not_ended(p.ends_on, ${day}::date)
       order by p.starts_on, p.id`);
    return result.rows.map((p) => ({
      id: p.id,
      role: p.role,
      hub: p.regionCode === null,
      region: p.regionCode ? { code: p.regionCode, name: p.regionName! } : null,
      startsOn: p.startsOn,
      endsOn: p.endsOn,
    }));
  }

  /**
   * Today's representatives who are listed, one row per post: of the given regions, and of the
   * hub when asked; in order of taking the post, then surname.
   */
  async currentReps(scope: { regionIds: string[] | 'all'; hub: boolean }, today: string): Promise<RepRow[]> {
    const parts: SQL[] = [];
    if (scope.regionIds === 'all') parts.push(sql`post.region_id is not null`);
    else if (scope.regionIds.length)
      parts.push(
        sql`post.region_id in (${sql.join(
          scope.regionIds.map((id) => sql`${id}::uuid`),
          sql`, `,
        )})`,
      );
    if (scope.hub) parts.push(sql`post.region_id is null`);
    if (!parts.length) return [];
    const result = await this.db.execute<RepRow>(sql`
      select ${cardColumns(today)},
             post.id as "postId", post.role as "postRole", post.region_id as "postRegionId",
             post.starts_on as "postStartsOn", post.ends_on as "postEndsOn"
        from posts post
        join directory_cards d on d.member_id = post.member_id
       where ${listedToMembers('d', today)} and ${currentPost('post', today)} and (${sql.join(parts, sql` or `)})
       order by post.starts_on, ${SORT}, post.id`);
    return result.rows;
  }

  /**
   * The listed members who work at an establishment of the region (whatever their own region),
   * in surname order: who to call at each place.
   */
  async workingInRegion(regionId: string, today: string): Promise<DirectoryRow[]> {
    const result = await this.db.execute<DirectoryRow>(sql`
      select ${cardColumns(today)}
        from directory_cards d
       where ${listedToMembers('d', today)}
         and exists (select 1 from jsonb_array_elements(d.establishments) place
                       join establishments e on e.id = (place->>'id')::uuid
                      where e.region_id = ${regionId}::uuid)
       order by ${SORT}`);
    return result.rows;
  }

  private conditions(filter: MemberSearch, today: string): SQL[] {
    const where: SQL[] = [sql`true`];
    if (filter.listedOnly) where.push(listedToMembers('d', today));
    if (filter.statuses?.length)
      where.push(
        sql`d.status in (${sql.join(
          filter.statuses.map((s) => sql`${s}`),
          sql`, `,
        )})`,
      );
    if (filter.emailStatus) where.push(sql`d.email_status = ${filter.emailStatus}`);
    if (filter.noticesOff) where.push(sql`d.notices_off @> array[${filter.noticesOff}]::text[]`);
    if (filter.regionCode) where.push(sql`d.region_id = (select id from regions where code = ${filter.regionCode})`);
    if (filter.categoryCode)
      where.push(sql`d.category_id = (select id from categories where code = ${filter.categoryCode})`);
    // The card's own establishments, through their index: built as text, the pattern is a
    // constant when planned, and the uuid cast writes the id as the card does.
    if (filter.establishmentId)
      where.push(sql`d.establishments @> ('[{"id": "' || ${filter.establishmentId}::uuid::text || '"}]')::jsonb`);
    // A semi-join, planned once, rather than a subquery per row.
    if (filter.repsOnly)
      where.push(sql`d.member_id in (select p.member_id from posts p where ${currentPost('p', today)})`);
    if (filter.stale) {
      // A card keeps no erasure time: an erased member's status is left.
      where.push(
        sql`public.seg_member_is_current(d.status, null) and d.details_requested_at <= now() - make_interval(days => ${DETAILS_STALE_AFTER_DAYS}::int)`,
      );
    }
    return where;
  }
}

/** The relevance group of a near miss, below every match. */
const NEAR_MISS_RANK = 4;

/**
 * How well a card matches a name, as SQL over `d`: the condition that finds the matches, the
 * relevance group of a match (0 the whole name, 1 a surname, given name or word equal, 2 every
 * word of the query starting a word of the name, 3 part of a word), and for keys long enough the
 * condition that finds the near misses (NEAR_MISS_RANK) through the trigram indexes, with their
 * closeness. Keys are made by seg_search_key in PostgreSQL, so case, accents, apostrophes and
 * hyphens do not matter.
 */
function relevance(name: NameQuery): { rank: SQL; matches: SQL; nearMiss: { condition: SQL; closeness: SQL } | null } {
  const key = sql`public.seg_search_key(${name.text})`;
  const every = (pattern: (word: SQL) => SQL) =>
    sql.join(
      name.words.map((w) => pattern(sql`public.seg_search_key(${w})`)),
      sql` and `,
    );
  const wordsEqual = every((w) => sql`d.words like '% ' || ${w} || ' %'`);
  const wordsStart = every((w) => sql`d.words like '% ' || ${w} || '%'`);
  // Parts of words and near misses need a trigram to look up: three characters at least.
  const long = name.keyLength >= 3;
  const partOfWord = sql`d.name_key like '%' || ${key} || '%'`;
  const spaced = sql`array_to_string(public.seg_name_words(${name.text}), ' ')`;
  const matches = long ? sql`(${wordsStart}) or ${partOfWord}` : wordsStart;
  return {
    // Read on matches only, so a match in none of the first three groups is part of a word. Each
    // group implies a match (its keys are parts of the name key, or its words start words of the
    // name), so no near miss is in one.
    rank: sql`case when d.name_key = ${key} or d.given_key || d.surname_key = ${key} then 0
                   when d.surname_key = ${key} or d.given_key = ${key} or (${wordsEqual}) then 1
                   when (${wordsStart}) or d.name_key like ${key} || '%' then 2
                   else 3 end`,
    matches,
    // Near misses from NEAR_MISS_SIMILARITY up (@seg/db sets it on every connection).
    nearMiss: long
      ? {
          condition: sql`${spaced} <<% d.words and not (${matches})`,
          closeness: sql`-round(strict_word_similarity(${spaced}, d.words)::numeric, 1)::float8`,
        }
      : null,
  };
}
