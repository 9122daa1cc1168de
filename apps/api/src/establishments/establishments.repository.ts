import { Inject, Injectable } from '@nestjs/common';
import { Database, DB, establishments, establishmentTypes, Executor, regions } from '@seg/db';
import { EstablishmentView } from './establishment-view.dto';
import { and, asc, count, eq, gt, inArray, or, SQL, sql } from 'drizzle-orm';

export type EstablishmentRow = typeof establishments.$inferSelect;

export interface EstablishmentFilter {
  typeCode?: string;
  regionId?: string;
}

/** Where a page of establishments starts: the (name, id) of the last one shown. */
export type EstablishmentPosition = [name: string, id: string];

/** Where a page of a name search starts: relevance group, minus the type words matched, name, id. */
export type RankedEstablishmentPosition = [rank: number, typeWords: number, name: string, id: string];

@Injectable()
export class EstablishmentsRepository {
  constructor(@Inject(DB) private readonly db: Database) {}

  /** Name order, after the (name, id) of the last one shown; with the total of the filter. */
  async search(
    filter: EstablishmentFilter,
    limit: number,
    after: EstablishmentPosition | null,
  ): Promise<{ rows: EstablishmentView[]; total: number }> {
    const conditions: SQL[] = [];
    if (filter.typeCode) conditions.push(eq(establishments.typeCode, filter.typeCode));
    if (filter.regionId) conditions.push(eq(establishments.regionId, filter.regionId));
    const pageConditions = [...conditions];
    if (after) {
      const [name, id] = after;
      pageConditions.push(
        or(gt(establishments.name, name), and(eq(establishments.name, name), gt(establishments.id, id)))!,
      );
    }
    const rows = await this.selectViews(this.db)
      .where(and(...pageConditions))
      .orderBy(asc(establishments.name), asc(establishments.id))
      .limit(limit);
    const [{ total }] = await this.db
      .select({ total: count() })
      .from(establishments)
      .where(and(...conditions));
    return { rows: rows.map(toView), total };
  }

  /**
   * Establishments by the name people say, most relevant first: the place's own name equal to the
   * query's (type words such as HMP, YOI, IRC or "prison" ignored on both sides, seg_place_words;
   * the code counts as a name), then a word equal, every word of the query starting a word, the
   * query inside the name or the town (or starting the postcode), and near misses when nothing
   * else matched. Within a group, places whose name carries the type words the query used come
   * first ("HMYOI Feltham"), then by name. A few hundred rows: no index needed.
   */
  async searchByName(
    filter: EstablishmentFilter & { q: string },
    limit: number,
    after: RankedEstablishmentPosition | null,
  ): Promise<{ rows: (EstablishmentView & { position: RankedEstablishmentPosition })[]; total: number }> {
    const q = filter.q;
    const ranked = await this.db.execute<{ id: string; rank: number; bonus: number; name: string; total: number }>(sql`
      with query as (
        select public.seg_place_words(${q}) as words, public.seg_name_words(${q}) as typed,
               array_to_string(public.seg_place_words(${q}), '') as key, lower(${q.trim()}) as code),
      place as (
        select e.id, e.name, e.code, ' ' || array_to_string(public.seg_place_words(e.name), ' ') || ' ' as words,
               array_to_string(public.seg_place_words(e.name), '') as key, public.seg_name_words(e.name) as typed,
               public.seg_search_key(coalesce(e.town, '')) as town, public.seg_search_key(coalesce(e.postcode, '')) as postcode
          from establishments e
         where ${filter.typeCode ? sql`e.type_code = ${filter.typeCode}` : sql`true`}
           and ${filter.regionId ? sql`e.region_id = ${filter.regionId}::uuid` : sql`true`}),
      scored as (
        select p.id, p.name,
               case when p.key = q.key or lower(coalesce(p.code, '')) = q.code then 0
                    when not exists (select 1 from unnest(q.words) w where p.words not like '% ' || w || ' %') then 1
                    when not exists (select 1 from unnest(q.words) w where p.words not like '% ' || w || '%') or p.key like q.key || '%' then 2
                    when length(q.key) >= 3 and (p.key like '%' || q.key || '%' or p.town like '%' || q.key || '%' or p.postcode like q.key || '%') then 3
                    when length(q.key) >= 3 and array_to_string(q.words, ' ') <<% p.words then 4
               end as rank,
               -- The query's type words found in the name (HMYOI in "Feltham (HMYOI)").
               (select count(*)::int from unnest(q.typed) t where t <> all (q.words) and t = any (p.typed)) as bonus
          from place p cross join query q),
      -- Near misses only when nothing else matched: a place named right is then the only answer.
      matched as (select * from scored where rank < 4 or (rank = 4 and not exists (select 1 from scored where rank < 4)))
      select id, rank, bonus, name, (select count(*)::int from matched) as total
        from matched
       where ${after ? sql`(rank, -bonus, name, id) > (${after[0]}::int, ${after[1]}::int, ${after[2]}::text, ${after[3]}::uuid)` : sql`true`}
       order by rank, bonus desc, name, id
       limit ${limit}`);
    const found = ranked.rows;
    const views = found.length
      ? await this.selectViews(this.db).where(
          inArray(
            establishments.id,
            found.map((r) => r.id),
          ),
        )
      : [];
    const byId = new Map(views.map((v) => [v.e.id, toView(v)]));
    return {
      rows: found.map((r) => ({
        ...byId.get(r.id)!,
        position: [r.rank, -r.bonus, r.name, r.id] as RankedEstablishmentPosition,
      })),
      total: found[0]?.total ?? 0,
    };
  }

  async getView(id: string, tx: Executor = this.db): Promise<EstablishmentView | null> {
    const [row] = await this.selectViews(tx).where(eq(establishments.id, id)).limit(1);
    return row ? toView(row) : null;
  }

  /** Every establishment of a region, in name order. */
  async ofRegion(regionId: string): Promise<EstablishmentView[]> {
    const rows = await this.selectViews(this.db)
      .where(eq(establishments.regionId, regionId))
      .orderBy(asc(establishments.name), asc(establishments.id));
    return rows.map(toView);
  }

  async getById(id: string, tx: Executor = this.db): Promise<EstablishmentRow | null> {
    const [row] = await tx.select().from(establishments).where(eq(establishments.id, id)).limit(1);
    return row ?? null;
  }

  async getByName(name: string, tx: Executor = this.db): Promise<EstablishmentRow | null> {
    const [row] = await tx.select().from(establishments).where(eq(establishments.name, name)).limit(1);
    return row ?? null;
  }

  async getByCode(code: string, tx: Executor = this.db): Promise<EstablishmentRow | null> {
    const [row] = await tx.select().from(establishments).where(eq(establishments.code, code)).limit(1);
    return row ?? null;
  }

  /** The ids among these that name an establishment. */
  async existingIds(ids: string[], tx: Executor = this.db): Promise<Set<string>> {
    if (!ids.length) return new Set();
    const rows = await tx.select({ id: establishments.id }).from(establishments).where(inArray(establishments.id, ids));
    return new Set(rows.map((r) => r.id));
  }

  /** Every establishment's id, code and name, for reading names as people write them (imports). */
  listNames(tx: Executor = this.db): Promise<{ id: string; code: string | null; name: string }[]> {
    return tx
      .select({ id: establishments.id, code: establishments.code, name: establishments.name })
      .from(establishments)
      .orderBy(establishments.name);
  }

  /**
   * The place key of each text: its words as people say the place, type words and abbreviations
   * (HMP, YOI, IRC, "prison"...) left out by seg_place_words, run together. The one list of type
   * words is that function's, which the establishment search uses too.
   */
  async placeKeys(texts: string[], tx: Executor = this.db): Promise<Map<string, string>> {
    if (!texts.length) return new Map();
    const result = await tx.execute<{ text: string; key: string }>(
      sql`select t as text, array_to_string(public.seg_place_words(t), '') as key from unnest(${sql.param(texts)}::text[]) t`,
    );
    return new Map(result.rows.map((r) => [r.text, r.key]));
  }

  async typeExists(code: string, tx: Executor = this.db): Promise<boolean> {
    const [row] = await tx
      .select({ code: establishmentTypes.code })
      .from(establishmentTypes)
      .where(eq(establishmentTypes.code, code))
      .limit(1);
    return Boolean(row);
  }

  listTypes() {
    return this.db
      .select({ code: establishmentTypes.code, name: establishmentTypes.name })
      .from(establishmentTypes)
      .orderBy(asc(establishmentTypes.name));
  }

  async insert(tx: Executor, values: typeof establishments.$inferInsert): Promise<EstablishmentRow> {
    const [row] = await tx.insert(establishments).values(values).returning();
    return row;
  }

  async update(
    tx: Executor,
    id: string,
    values: Partial<typeof establishments.$inferInsert>,
  ): Promise<EstablishmentRow> {
    const [row] = await tx
      .update(establishments)
      .set({ ...values, updatedAt: new Date() })
      .where(eq(establishments.id, id))
      .returning();
    return row;
  }

  private selectViews(tx: Executor) {
    return tx
      .select({
        e: establishments,
        typeName: establishmentTypes.name,
        region: { id: regions.id, code: regions.code, name: regions.name, nation: regions.nation },
      })
      .from(establishments)
      .innerJoin(establishmentTypes, eq(establishmentTypes.code, establishments.typeCode))
      .innerJoin(regions, eq(regions.id, establishments.regionId))
      .$dynamic();
  }
}

function toView(row: {
  e: EstablishmentRow;
  typeName: string;
  region: EstablishmentView['region'];
}): EstablishmentView {
  const { e } = row;
  return {
    id: e.id,
    code: e.code,
    name: e.name,
    type: { code: e.typeCode, name: row.typeName },
    alsoYoi: e.alsoYoi,
    town: e.town,
    postcode: e.postcode,
    region: row.region,
    gpPracticeCode: e.gpPracticeCode,
  };
}
