import { Inject, Injectable } from '@nestjs/common';
import { DB, Database, invitations, meetings, members, notices } from '@seg/db';
import { and, asc, eq, lt, sql } from 'drizzle-orm';
import { Batched } from './batched';
import { NoticeToSend } from './notice-renderer';

@Injectable()
export class NoticesRepository {
  // Jobs starting or finishing together share one query.
  private readonly loads = new Batched<string, NoticeToSend | null>((ids) => this.loadToSend(ids));
  private readonly sends = new Batched<{ id: string; messageId: string }, void>((sent) => this.writeSent(sent));

  // Run for every notice: prepared once per connection, not planned each time.
  private readonly loadStatement;

  constructor(@Inject(DB) private readonly db: Database) {
    this.loadStatement = db
      .select({ notice: notices, memberName: members.name, rsvp: invitations.rsvp, meeting: meetings })
      .from(notices)
      .leftJoin(members, eq(members.id, notices.memberId))
      .leftJoin(invitations, eq(invitations.id, notices.invitationId))
      .leftJoin(meetings, eq(meetings.id, invitations.meetingId))
      .where(sql`${notices.id} = any(${sql.placeholder('ids')}::uuid[])`)
      .prepare('worker_load_notices_to_send');
  }

  /** The notice and its render inputs: its member's name, and its invitation's RSVP and meeting. */
  getToSend(id: string): Promise<NoticeToSend | null> {
    return this.loads.call(id);
  }

  /** Records a delivery and drops one-time secrets from the payload; only a queued notice changes. */
  markSent(id: string, messageId: string): Promise<void> {
    return this.sends.call({ id, messageId });
  }

  private async loadToSend(ids: string[]): Promise<(NoticeToSend | null)[]> {
    const rows = await this.loadStatement.execute({ ids });
    const byId = new Map<string, NoticeToSend>(
      rows.map((row) => [
        row.notice.id,
        { ...row.notice, memberName: row.memberName, invitation: row.rsvp && row.meeting ? { rsvp: row.rsvp, meeting: row.meeting } : null },
      ]),
    );
    return ids.map((id) => byId.get(id) ?? null);
  }

  private async writeSent(sent: { id: string; messageId: string }[]): Promise<void[]> {
    await this.db.execute(sql`
      update ${notices} n
      set status = 'sent', message_id = v.message_id, sent_at = now(), attempts = n.attempts + 1,
          last_error = null, payload = n.payload - 'token', updated_at = now()
      from unnest(${sql.param(sent.map((s) => s.id))}::uuid[], ${sql.param(sent.map((s) => s.messageId))}::text[]) as v(id, message_id)
      where n.id = v.id and n.status = 'queued'`);
    return sent.map(() => undefined);
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
