import { Inject, Injectable } from '@nestjs/common';
import { Database, DB, inboundMessages, notices, retentionRuns } from '@seg/db';
import { and, count, eq, isNull, lte, max, or, sql } from 'drizzle-orm';

/** The figures /metrics reads from the database at each scrape. */
@Injectable()
export class MetricsRepository {
  constructor(@Inject(DB) private readonly db: Database) {}

  async noticesByStatus(): Promise<{ status: string; n: number }[]> {
    return this.db.select({ status: notices.status, n: count() }).from(notices).groupBy(notices.status);
  }

  /**
   * Since when the oldest notice due to go has waited: written, or held for a later day by the
   * day's sending limit and due since (a notice held for later is not late).
   */
  async oldestQueuedNoticeAt(): Promise<Date | null> {
    const [row] = await this.db
      .select({ at: sql<Date | null>`min(greatest(${notices.createdAt}, ${notices.notBefore}))` })
      .from(notices)
      .where(and(eq(notices.status, 'queued'), or(isNull(notices.notBefore), lte(notices.notBefore, sql`now()`))));
    return row?.at ? new Date(row.at) : null;
  }

  async inboundByOutcome(): Promise<{ outcome: string; n: number }[]> {
    return this.db
      .select({ outcome: inboundMessages.outcome, n: count() })
      .from(inboundMessages)
      .groupBy(inboundMessages.outcome);
  }

  async lastRetentionRunAt(): Promise<Date | null> {
    const [row] = await this.db.select({ at: max(retentionRuns.ranAt) }).from(retentionRuns);
    return row?.at ?? null;
  }
}
