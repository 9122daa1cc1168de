import { Inject, Injectable } from '@nestjs/common';
import { Database, DB, inboundMessages, notices, retentionRuns } from '@seg/db';
import { count, eq, max, min } from 'drizzle-orm';

/** The figures /metrics reads from the database at each scrape. */
@Injectable()
export class MetricsRepository {
  constructor(@Inject(DB) private readonly db: Database) {}

  async noticesByStatus(): Promise<{ status: string; n: number }[]> {
    return this.db.select({ status: notices.status, n: count() }).from(notices).groupBy(notices.status);
  }

  /** When the oldest notice still waiting to be sent was written (the queued index answers it). */
  async oldestQueuedNoticeAt(): Promise<Date | null> {
    const [row] = await this.db
      .select({ at: min(notices.createdAt) })
      .from(notices)
      .where(eq(notices.status, 'queued'));
    return row?.at ?? null;
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
