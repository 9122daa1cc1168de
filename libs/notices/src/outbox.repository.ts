import { Inject, Injectable } from '@nestjs/common';
import { DB, Database, Executor, invitations, members, notices, RsvpResponse } from '@seg/db';
import type { NoticeRef } from '@seg/queue';
import { and, asc, eq, inArray, isNull, lte, or, sql, SQL } from 'drizzle-orm';
import { InviteeNoticeKind, MemberNoticeKind, NewInvitationNoticeKind, NoticeKind } from './notice-kinds';

/** A notice to one member, at the address given. */
export interface NewNotice {
  kind: MemberNoticeKind;
  memberId: string;
  toEmail: string;
  /** Small render inputs (a one-time token, say); cleared of `token` once sent. */
  payload?: Record<string, unknown>;
}

/**
 * The statement the outbox's own methods write notices with: `source` selects (kind, member_id,
 * to_email, meeting_id, invitation_id, revision, payload). One notice per invitation, kind and
 * revision: a repeat is skipped.
 */
function insertNotices(source: SQL): SQL {
  return sql`insert into notices (kind, member_id, to_email, meeting_id, invitation_id, revision, payload)
    ${source}
    on conflict do nothing
    returning id, generation`;
}

/** A notice's generation until a manual re-send raises it. */
const NEW_NOTICE_GENERATION = 0;

/**
 * The notices of the invitations an invitation call is writing, as a statement to put in that
 * call's own `with`: `written` names a relation of (id, member_id, email) of the new
 * invitations, with their member's address as the call read it. Returns the notices' ids.
 * A new invitation has no notice yet, so the insert needs no conflict check. Only the ids come
 * back (`refsOfNewNotices` adds the generation): 10,000 refs as JSON objects cost the call 15 ms.
 */
export function newInvitationNotices(
  kind: NewInvitationNoticeKind,
  written: SQL,
  meetingId: string,
  revision: number,
): SQL {
  return sql`insert into notices (kind, member_id, to_email, meeting_id, invitation_id, revision, payload, generation)
    select ${kind}::text, i.member_id, i.email, ${meetingId}::uuid, i.id, ${revision}::int, '{}'::jsonb, ${NEW_NOTICE_GENERATION}::int from ${written} i
    returning id`;
}

/** The refs of notices written by `newInvitationNotices`, from their ids. */
export function refsOfNewNotices(ids: string[]): NoticeRef[] {
  return ids.map((id) => ({ id, generation: NEW_NOTICE_GENERATION }));
}

/** Writes and reads the `notices` table; nothing else writes it. */
@Injectable()
export class OutboxRepository {
  constructor(@Inject(DB) private readonly db: Database) {}

  async insertForMembers(tx: Executor, rows: NewNotice[]): Promise<NoticeRef[]> {
    if (!rows.length) return [];
    // Four array parameters however many rows: far from PostgreSQL's 65,535 bind parameters.
    const result = await tx.execute<{ id: string; generation: number }>(
      insertNotices(sql`
      select r.kind, r.member_id, r.to_email, null::uuid, null::uuid, null::int, r.payload
      from unnest(${sql.param(rows.map((r) => r.kind))}::text[], ${sql.param(rows.map((r) => r.memberId))}::uuid[],
                  ${sql.param(rows.map((r) => r.toEmail))}::text[], ${sql.param(rows.map((r) => JSON.stringify(r.payload ?? {})))}::jsonb[])
           as r(kind, member_id, to_email, payload)`),
    );
    return result.rows;
  }

  async insertForInvitees(
    tx: Executor,
    kind: InviteeNoticeKind,
    meetingId: string,
    revision: number,
    rsvps: readonly RsvpResponse[],
    payload: Record<string, unknown> = {},
  ): Promise<NoticeRef[]> {
    const result = await tx.execute<{ id: string; generation: number }>(
      insertNotices(sql`
      select ${kind}::text, i.member_id, m.email, i.meeting_id, i.id, ${revision}::int, ${JSON.stringify(payload)}::jsonb
      from ${invitations} i join ${members} m on m.id = i.member_id
      where i.meeting_id = ${meetingId}::uuid and public.seg_member_is_current(m.status, m.erased_at) and i.rsvp = any(${sql.param([...rsvps])}::text[])`),
    );
    return result.rows;
  }

  /** Failed notices of the meeting back to queued, with a new generation so their jobs are new. */
  async requeueFailedOfMeeting(tx: Executor, meetingId: string, noticeIds: string[] | null): Promise<NoticeRef[]> {
    const result = await tx.execute<{ id: string; generation: number }>(sql`
      update ${notices} set status = 'queued', generation = generation + 1, attempts = 0, last_error = null, not_before = null, updated_at = now()
      where meeting_id = ${meetingId}::uuid and status = 'failed' ${noticeIds ? sql`and id = any(${sql.param(noticeIds)}::uuid[])` : sql``}
      returning id, generation`);
    return result.rows;
  }

  /** Holds queued notices back until their time (the day's limit is used up). */
  async holdUntil(held: { id: string; notBefore: Date }[]): Promise<void> {
    for (let i = 0; i < held.length; i += 5_000) {
      const slice = held.slice(i, i + 5_000);
      await this.db.execute(sql`
        update ${notices} n set not_before = v.not_before, updated_at = now()
        from unnest(${sql.param(slice.map((h) => h.id))}::uuid[], ${sql.param(slice.map((h) => h.notBefore.toISOString()))}::timestamptz[]) as v(id, not_before)
        where n.id = v.id and n.status = 'queued'`);
    }
  }

  /** The kind of each notice named (a deleted one is left out). */
  async kindsOf(ids: string[]): Promise<Map<string, NoticeKind>> {
    const rows = await this.db
      .select({ id: notices.id, kind: sql<NoticeKind>`${notices.kind}` })
      .from(notices)
      .where(sql`${notices.id} = any(${sql.param(ids)}::uuid[])`);
    return new Map(rows.map((r) => [r.id, r.kind]));
  }

  async listOfInvitations(invitationIds: string[]) {
    if (!invitationIds.length) return [];
    return this.db
      .select({
        id: notices.id,
        invitationId: notices.invitationId,
        // Only this lib writes the column, with kinds of its list.
        kind: sql<NoticeKind>`${notices.kind}`,
        revision: notices.revision,
        status: notices.status,
        attempts: notices.attempts,
        lastError: notices.lastError,
        notBefore: notices.notBefore,
        messageId: notices.messageId,
        sentAt: notices.sentAt,
        createdAt: notices.createdAt,
      })
      .from(notices)
      .where(inArray(notices.invitationId, invitationIds))
      .orderBy(asc(notices.createdAt));
  }

  /** The `notBefore` of each of the meeting's queued notices (null: as soon as the rate allows). */
  async queuedTimesOfMeeting(meetingId: string): Promise<(Date | null)[]> {
    const rows = await this.db
      .select({ notBefore: notices.notBefore })
      .from(notices)
      .where(and(eq(notices.meetingId, meetingId), eq(notices.status, 'queued')));
    return rows.map((r) => r.notBefore);
  }

  /** Queued notices that may go by `now` (not held for a later day): the workers' backlog. */
  async countDue(now: Date): Promise<number> {
    const [row] = await this.db
      .select({ n: sql<number>`count(*)::int` })
      .from(notices)
      .where(and(eq(notices.status, 'queued'), or(isNull(notices.notBefore), lte(notices.notBefore, now))));
    return row?.n ?? 0;
  }

  async countByStatusOfMeeting(meetingId: string): Promise<Record<string, number>> {
    const rows = await this.db
      .select({ status: notices.status, count: sql<number>`count(*)::int` })
      .from(notices)
      .where(eq(notices.meetingId, meetingId))
      .groupBy(notices.status);
    return Object.fromEntries(rows.map((r) => [r.status, r.count]));
  }
}
