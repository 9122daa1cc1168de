import { Inject, Injectable } from '@nestjs/common';
import {
  categories,
  Database,
  DB,
  establishments,
  Executor,
  memberEstablishments,
  members,
  posts,
  regions,
} from '@seg/db';
import { count, inArray, sql } from 'drizzle-orm';

@Injectable()
export class DemoRepository {
  constructor(@Inject(DB) private readonly db: Database) {}

  /** Holds off another API starting at the same moment until this transaction ends. */
  async lockSeeding(tx: Executor): Promise<void> {
    await tx.execute(sql`select pg_advisory_xact_lock(7349022)`);
  }

  /** Members other than the configured admin. */
  async countMembersBesides(adminEmail: string | null, tx: Executor = this.db): Promise<number> {
    const [row] = await tx
      .select({ n: count() })
      .from(members)
      .where(adminEmail ? sql`lower(${members.email}) <> lower(${adminEmail})` : sql`true`);
    return row.n;
  }

  async codes(tx: Executor) {
    // One after another: a transaction is one connection, which runs one query at a time.
    const r = await tx.select({ id: regions.id, code: regions.code }).from(regions);
    const c = await tx.select({ id: categories.id, code: categories.code }).from(categories);
    const e = await tx
      .select({
        id: establishments.id,
        regionId: establishments.regionId,
        typeCode: establishments.typeCode,
        name: establishments.name,
      })
      .from(establishments);
    return {
      regions: new Map(r.map((x) => [x.code, x.id])),
      categories: new Map(c.map((x) => [x.code, x.id])),
      establishments: e,
    };
  }

  async insertEstablishment(tx: Executor, values: typeof establishments.$inferInsert) {
    const [row] = await tx.insert(establishments).values(values).onConflictDoNothing().returning();
    return row ?? null;
  }

  async insertMember(tx: Executor, values: typeof members.$inferInsert) {
    const [row] = await tx.insert(members).values(values).returning();
    return row;
  }

  async insertMemberEstablishments(tx: Executor, rows: { memberId: string; establishmentId: string }[]) {
    if (rows.length) await tx.insert(memberEstablishments).values(rows).onConflictDoNothing();
  }

  async insertPost(tx: Executor, values: typeof posts.$inferInsert) {
    const [row] = await tx.insert(posts).values(values).returning();
    return row;
  }

  /** Email -> password hash of those members that exist. */
  async passwordHashes(emails: string[]): Promise<Map<string, string | null>> {
    const rows = await this.db
      .select({ email: members.email, passwordHash: members.passwordHash })
      .from(members)
      .where(inArray(members.email, emails));
    return new Map(rows.map((r) => [r.email, r.passwordHash]));
  }
}
