import { Inject, Injectable } from '@nestjs/common';
import { categories, Database, DB, members, regions } from '@seg/db';
import { inArray, sql } from 'drizzle-orm';

/** The codes and ids an invitation's audience names, checked against the reference data and the members. */
@Injectable()
export class AudienceLookupsRepository {
  constructor(@Inject(DB) private readonly db: Database) {}

  async findRegionIds(codes: string[]): Promise<Map<string, string>> {
    if (!codes.length) return new Map();
    const rows = await this.db
      .select({ id: regions.id, code: regions.code })
      .from(regions)
      .where(inArray(regions.code, codes));
    return new Map(rows.map((r) => [r.code, r.id]));
  }

  async findCategoryIds(codes: string[]): Promise<Map<string, string>> {
    if (!codes.length) return new Map();
    const rows = await this.db
      .select({ id: categories.id, code: categories.code })
      .from(categories)
      .where(inArray(categories.code, codes));
    return new Map(rows.map((r) => [r.code, r.id]));
  }

  /** The members of these ids that exist, with their region (null for none). */
  async findMemberRegions(ids: string[]): Promise<Map<string, string | null>> {
    if (!ids.length) return new Map();
    const result = await this.db.execute<{ id: string; region_id: string | null }>(
      sql`select id, region_id from ${members} where id = any(${sql.param(ids)}::uuid[])`,
    );
    return new Map(result.rows.map((r) => [r.id, r.region_id]));
  }

  /** Those of these members who are erased records. */
  async findErased(ids: string[]): Promise<Set<string>> {
    if (!ids.length) return new Set();
    const result = await this.db.execute<{ id: string }>(
      sql`select id from ${members} where id = any(${sql.param(ids)}::uuid[]) and erased_at is not null`,
    );
    return new Set(result.rows.map((r) => r.id));
  }
}
