import { Inject, Injectable } from '@nestjs/common';
import { DB, Database, invitations, isCurrentPost, meetings, members, notices, posts, regions } from '@seg/db';
import { alias } from 'drizzle-orm/pg-core';
import { and, asc, eq, isNull, lt, lte, or, sql } from 'drizzle-orm';
import type { NoticeKind } from '@seg/notices';
import { NoticeToSend } from './notice-renderer';

@Injectable()
export class NoticesRepository {
  // Run for every few notices sent: prepared once per connection, not planned each time.
  private readonly loadToSend;

  constructor(@Inject(DB) private readonly db: Database) {
    const inviter = alias(members, 'inviter');
    this.loadToSend = db
      .select({
        notice: notices,
        memberName: members.name,
        memberEmailStatus: members.emailStatus,
        memberNoticesOff: members.noticesOff,
        rsvp: invitations.rsvp,
        meeting: meetings,
        inviterName: inviter.name,
        // The post in the meeting's region that let the inviter call it (a regional meeting's lead).
        inviterPost: sql<string | null>`(select ${posts.role} from ${posts}
          where ${posts.memberId} = ${invitations.invitedById} and ${posts.regionId} = ${meetings.regionId}
            and ${isCurrentPost(sql.placeholder('today'))}
          order by ${posts.startsOn} limit 1)`,
        regionName: regions.name,
      })
      .from(notices)
      .leftJoin(members, eq(members.id, notices.memberId))
      .leftJoin(invitations, eq(invitations.id, notices.invitationId))
      .leftJoin(meetings, eq(meetings.id, invitations.meetingId))
      .leftJoin(inviter, eq(inviter.id, invitations.invitedById))
      .leftJoin(regions, eq(regions.id, meetings.regionId))
      .where(sql`${notices.id} = any(${sql.placeholder('ids')}::uuid[])`)
      .prepare('worker_load_notices_to_send');
  }

  /** The notice and its render inputs in one round trip; the inviter's post is the one held on `today`. */
  async getToSend(id: string, today: string): Promise<NoticeToSend | null> {
    return (await this.getManyToSend([id], today)).get(id) ?? null;
  }

  /** Several notices and their render inputs in one round trip, by id; those gone are left out. */
  async getManyToSend(ids: readonly string[], today: string): Promise<Map<string, NoticeToSend>> {
    const rows = await this.loadToSend.execute({ ids, today });
    return new Map(
      rows.map((row) => [
        row.notice.id,
        {
          ...row.notice,
          // Only @seg/notices writes the column, with kinds of its list.
          kind: row.notice.kind as NoticeKind,
          memberName: row.memberName,
          memberEmailStatus: row.memberEmailStatus,
          memberNoticesOff: row.memberNoticesOff ?? [],
          invitation:
            row.rsvp && row.meeting
              ? {
                  rsvp: row.rsvp,
                  meeting: row.meeting,
                  invitedBy:
                    row.inviterName && row.inviterPost && row.regionName
                      ? { name: row.inviterName, post: row.inviterPost, regionName: row.regionName }
                      : null,
                }
              : null,
        },
      ]),
    );
  }

  /**
   * Records deliveries in one statement and drops one-time secrets from their payloads; only
   * queued notices change.
   */
  async markSent(sent: readonly { id: string; messageId: string }[]): Promise<void> {
    await this.db.execute(sql`
      update ${notices} n
      set status = 'sent', message_id = v.message_id, sent_at = now(), attempts = n.attempts + 1,
          last_error = null, payload = n.payload - 'token', updated_at = now()
      from unnest(${sql.param(sent.map((s) => s.id))}::uuid[], ${sql.param(sent.map((s) => s.messageId))}::text[]) as v(id, message_id)
      where n.id = v.id and n.status = 'queued'`);
  }

  async markFailed(id: string, error: string): Promise<void> {
    await this.db
      .update(notices)
      .set({ status: 'failed', lastError: error, attempts: sql`${notices.attempts} + 1`, updatedAt: sql`now()` })
      .where(and(eq(notices.id, id), eq(notices.status, 'queued')));
  }

  /**
   * Not sent, and why: the member's address bounces (they still get account emails, to fix it),
   * or they turned this kind of notice off.
   */
  async markSuppressed(id: string, reason: string): Promise<void> {
    await this.db
      .update(notices)
      .set({ status: 'suppressed', lastError: reason, updatedAt: sql`now()` })
      .where(and(eq(notices.id, id), eq(notices.status, 'queued')));
  }

  /** Counts a failed attempt that will be retried. */
  async recordAttempt(id: string, error: string): Promise<void> {
    await this.db
      .update(notices)
      .set({ lastError: error, attempts: sql`${notices.attempts} + 1`, updatedAt: sql`now()` })
      .where(and(eq(notices.id, id), eq(notices.status, 'queued')));
  }

  /** Held back by the provider's pace (throttling): the reason is kept, no attempt is counted. */
  async recordHeldBack(id: string, error: string): Promise<void> {
    await this.db
      .update(notices)
      .set({ lastError: error, updatedAt: sql`now()` })
      .where(and(eq(notices.id, id), eq(notices.status, 'queued')));
  }

  /** The day's limit is reached: the notice stays queued and waits until then (the relay queues it again). */
  async holdUntil(id: string, notBefore: Date): Promise<void> {
    await this.db
      .update(notices)
      .set({ notBefore, updatedAt: sql`now()` })
      .where(and(eq(notices.id, id), eq(notices.status, 'queued')));
  }

  /**
   * Queued notices untouched for a while and due by `now` (not held for a later day): the relay
   * checks that Redis still has their jobs.
   */
  async listStaleQueued(olderThanMs: number, limit: number, now: Date): Promise<{ id: string; generation: number }[]> {
    return this.db
      .select({ id: notices.id, generation: notices.generation })
      .from(notices)
      .where(
        and(
          eq(notices.status, 'queued'),
          lt(notices.updatedAt, sql`now() - make_interval(secs => ${olderThanMs / 1000})`),
          or(isNull(notices.notBefore), lte(notices.notBefore, now)),
        ),
      )
      .orderBy(asc(notices.createdAt))
      .limit(limit);
  }
}
