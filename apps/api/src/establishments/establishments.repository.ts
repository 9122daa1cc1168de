import { Inject, Injectable } from '@nestjs/common';
import { Database, DB, establishments, establishmentTypes, Executor, regions } from '@seg/db';
import { EstablishmentView } from './establishment-view.dto';
import { and, asc, count, eq, gt, inArray, or, SQL, sql } from 'drizzle-orm';

export type EstablishmentRow = typeof establishments.$inferSelect;

export interface EstablishmentFilter {
  q?: string;
  typeCode?: string;
  regionId?: string;
}

/** Where a page of establishments starts: the (name, id) of the last one shown. */
export type EstablishmentPosition = [name: string, id: string];

@Injectable()
export class EstablishmentsRepository {
  constructor(@Inject(DB) private readonly db: Database) {}

  /** Name order, after the (name, id) of the last one shown; with the total of the filter. */
  async search(filter: EstablishmentFilter, limit: number, after: EstablishmentPosition | null): Promise<{ rows: EstablishmentView[]; total: number }> {
    const conditions: SQL[] = [];
    if (filter.q) {
      const key = sql`'%' || public.seg_search_key(${filter.q}) || '%'`;
      conditions.push(
        or(
          sql`public.seg_search_key(${establishments.name}) like ${key}`,
          sql`public.seg_search_key(coalesce(${establishments.town}, '')) like ${key}`,
          sql`lower(coalesce(${establishments.code}, '')) = lower(${filter.q.trim()})`,
        )!,
      );
    }
    if (filter.typeCode) conditions.push(eq(establishments.typeCode, filter.typeCode));
    if (filter.regionId) conditions.push(eq(establishments.regionId, filter.regionId));
    const pageConditions = [...conditions];
    if (after) {
      const [name, id] = after;
      pageConditions.push(or(gt(establishments.name, name), and(eq(establishments.name, name), gt(establishments.id, id)))!);
    }
    const rows = await this.selectViews(this.db)
      .where(and(...pageConditions))
      .orderBy(asc(establishments.name), asc(establishments.id))
      .limit(limit);
    const [{ total }] = await this.db.select({ total: count() }).from(establishments).where(and(...conditions));
    return { rows: rows.map(toView), total };
  }

  async getView(id: string, tx: Executor = this.db): Promise<EstablishmentView | null> {
    const [row] = await this.selectViews(tx).where(eq(establishments.id, id)).limit(1);
    return row ? toView(row) : null;
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
    return tx.select({ id: establishments.id, code: establishments.code, name: establishments.name }).from(establishments).orderBy(establishments.name);
  }

  async typeExists(code: string, tx: Executor = this.db): Promise<boolean> {
    const [row] = await tx.select({ code: establishmentTypes.code }).from(establishmentTypes).where(eq(establishmentTypes.code, code)).limit(1);
    return Boolean(row);
  }

  listTypes() {
    return this.db.select({ code: establishmentTypes.code, name: establishmentTypes.name }).from(establishmentTypes).orderBy(asc(establishmentTypes.name));
  }

  async insert(tx: Executor, values: typeof establishments.$inferInsert): Promise<EstablishmentRow> {
    const [row] = await tx.insert(establishments).values(values).returning();
    return row;
  }

  async update(tx: Executor, id: string, values: Partial<typeof establishments.$inferInsert>): Promise<EstablishmentRow> {
    const [row] = await tx.update(establishments).set({ ...values, updatedAt: new Date() }).where(eq(establishments.id, id)).returning();
    return row;
  }

  private selectViews(tx: Executor) {
    return tx
      .select({ e: establishments, typeName: establishmentTypes.name, region: { id: regions.id, code: regions.code, name: regions.name, nation: regions.nation } })
      .from(establishments)
      .innerJoin(establishmentTypes, eq(establishmentTypes.code, establishments.typeCode))
      .innerJoin(regions, eq(regions.id, establishments.regionId))
      .$dynamic();
  }
}

function toView(row: { e: EstablishmentRow; typeName: string; region: EstablishmentView['region'] }): EstablishmentView {
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
