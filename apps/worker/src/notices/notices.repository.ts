import { Inject, Injectable } from '@nestjs/common';
import { DB, Database, notices } from '@seg/db';
import { and, asc, eq, lt, sql } from 'drizzle-orm';
import { NoticeRow } from './notice-renderer';

@Injectable()
export class NoticesRepository {
  constructor(@Inject(DB) private readonly db: Database) {}

  async getById(id: string): Promise<NoticeRow | null> {
    const [row] = await this.db.select().from(notices).where(eq(notices.id, id)).limit(1);
    return row ?? null;
  }

  /** Records a delivery and drops one-time secrets from the payload; only a queued notice changes. */
  async markSent(id: string, messageId: string): Promise<boolean> {
    const rows = await this.db
      .update(notices)
      .set({
        status: 'sent',
        messageId,
        sentAt: sql`now()`,
        attempts: sql`${notices.attempts} + 1`,
        lastError: null,
        payload: sql`${notices.payload} - 'token'`,
        updatedAt: sql`now()`,
      })
      .where(and(eq(notices.id, id), eq(notices.status, 'queued')))
      .returning({ id: notices.id });
    return rows.length > 0;
  }

  async markFailed(id: string, error: string): Promise<void> {
    await this.db
      .update(notices)
      .set({ status: 'failed', lastError: error, attempts: sql`${notices.attempts} + 1`, updatedAt: sql`now()` })
      .where(and(eq(notices.id, id), eq(notices.status, 'queued')));
  }

  /** Counts a failed attempt that will be retried. */
  async recordAttempt(id: string, error: string): Promise<void> {
    await this.db
      .update(notices)
      .set({ lastError: error, attempts: sql`${notices.attempts} + 1`, updatedAt: sql`now()` })
      .where(and(eq(notices.id, id), eq(notices.status, 'queued')));
  }

  /** Queued notices untouched for a while: the relay checks that Redis still has their jobs. */
  async listStaleQueued(olderThanMs: number, limit: number): Promise<{ id: string; generation: number }[]> {
    return this.db
      .select({ id: notices.id, generation: notices.generation })
      .from(notices)
      .where(and(eq(notices.status, 'queued'), lt(notices.updatedAt, sql`now() - make_interval(secs => ${olderThanMs / 1000})`)))
      .orderBy(asc(notices.createdAt))
      .limit(limit);
  }
}
