import { Inject, Injectable } from '@nestjs/common';
import { DB, Database, Executor, meetings } from '@seg/db';
import { MeetingRow } from '../notices/notice-renderer';
import { and, eq, sql } from 'drizzle-orm';

@Injectable()
export class MeetingNoticesRepository {
  constructor(@Inject(DB) private readonly db: Database) {}

  async getMeeting(id: string): Promise<MeetingRow | null> {
    const [row] = await this.db.select().from(meetings).where(eq(meetings.id, id)).limit(1);
    return row ?? null;
  }

  /** Scheduled meetings still to start: those whose reminder may still be due. */
  async listScheduledToStart(): Promise<Pick<MeetingRow, 'id' | 'revision' | 'status' | 'startsAt'>[]> {
    return this.db
      .select({ id: meetings.id, revision: meetings.revision, status: meetings.status, startsAt: meetings.startsAt })
      .from(meetings)
      .where(and(eq(meetings.status, 'scheduled'), sql`${meetings.startsAt} > now()`));
  }

  /** Takes the meeting's row lock, so reminders and a change or cancellation of the meeting cannot cross. */
  async lockStatus(tx: Executor, id: string): Promise<Pick<MeetingRow, 'status' | 'revision'> | null> {
    const [row] = await tx
      .select({ status: meetings.status, revision: meetings.revision })
      .from(meetings)
      .where(eq(meetings.id, id))
      .for('update')
      .limit(1);
    return row ?? null;
  }
}
