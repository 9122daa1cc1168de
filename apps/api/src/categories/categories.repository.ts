import { Inject, Injectable } from '@nestjs/common';
import { categories, Database, DB, Executor } from '@seg/db';
import { asc, eq } from 'drizzle-orm';

export type CategoryRow = typeof categories.$inferSelect;

@Injectable()
export class CategoriesRepository {
  constructor(@Inject(DB) private readonly db: Database) {}

  listAll(): Promise<CategoryRow[]> {
    return this.db.select().from(categories).orderBy(asc(categories.name));
  }

  async getById(id: string, tx: Executor = this.db): Promise<CategoryRow | null> {
    const [row] = await tx.select().from(categories).where(eq(categories.id, id)).limit(1);
    return row ?? null;
  }

  async getByCode(code: string, tx: Executor = this.db): Promise<CategoryRow | null> {
    const [row] = await tx.select().from(categories).where(eq(categories.code, code)).limit(1);
    return row ?? null;
  }

  async insert(tx: Executor, values: typeof categories.$inferInsert): Promise<CategoryRow> {
    const [row] = await tx.insert(categories).values(values).returning();
    return row;
  }

  async update(tx: Executor, id: string, values: Partial<typeof categories.$inferInsert>): Promise<CategoryRow> {
    const [row] = await tx
      .update(categories)
      .set({ ...values, updatedAt: new Date() })
      .where(eq(categories.id, id))
      .returning();
    return row;
  }
}
