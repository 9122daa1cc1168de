import { Injectable } from '@nestjs/common';
import {
  attendance,
  auditLog,
  erasureMentions,
  Executor,
  inboundMessages,
  invitations,
  learningEntries,
  meetings,
  memberEstablishments,
  members,
  notices,
  oneTimeTokens,
  reflections,
  refreshTokens,
} from '@seg/db';
import { and, eq, inArray, or, sql } from 'drizzle-orm';
import { MeetingTexts, StaffTextMention } from './staff-text-mentions';
import { STRIPPED_NOTICE } from './stripped-notice';

export type ErasableMember = typeof members.$inferSelect;

export interface AuditRow {
  id: string;
  entity: string;
  entityId: string;
  before: unknown;
  after: unknown;
}

/** The rows erasure reads and rewrites; every method runs in the erasing transaction. */
@Injectable()
export class ErasureRepository {
  async lockMember(tx: Executor, id: string): Promise<ErasableMember | null> {
    const [row] = await tx.select().from(members).where(eq(members.id, id)).for('update').limit(1);
    return row ?? null;
  }

  async nextFormerNumber(tx: Executor): Promise<number> {
    const { rows } = await tx.execute<{ n: string }>(sql`select nextval('public.former_member_numbers') as n`);
    return Number(rows[0].n);
  }

  /** Audit entries about the member's own record. */
  auditOfMember(tx: Executor, memberId: string): Promise<AuditRow[]> {
    return tx
      .select({
        id: auditLog.id,
        entity: auditLog.entity,
        entityId: auditLog.entityId,
        before: auditLog.before,
        after: auditLog.after,
      })
      .from(auditLog)
      .where(and(eq(auditLog.entity, 'member'), eq(auditLog.entityId, memberId)));
  }

  /** The addresses the member's calendar replies came from, as their audit entries name them. */
  async calendarReplyAddresses(tx: Executor, memberId: string): Promise<string[]> {
    const rows = await tx
      .selectDistinct({ address: sql<string>`${auditLog.after}->>'replyFrom'` })
      .from(auditLog)
      .where(
        and(
          eq(auditLog.entity, 'invitation'),
          eq(auditLog.actorId, memberId),
          sql`jsonb_typeof(${auditLog.after}->'replyFrom') = 'string'`,
        ),
      );
    return rows.map((r) => r.address);
  }

  /** Any other audit entry whose values hold one of these texts (compared as the JSON text holds them, in any case). */
  async auditMentioning(tx: Executor, texts: string[], memberId: string): Promise<AuditRow[]> {
    if (!texts.length) return [];
    const anyOf = likeAnyOf(texts.map((t) => JSON.stringify(t).slice(1, -1)));
    return tx
      .select({
        id: auditLog.id,
        entity: auditLog.entity,
        entityId: auditLog.entityId,
        before: auditLog.before,
        after: auditLog.after,
      })
      .from(auditLog)
      .where(
        and(
          sql`not (${auditLog.entity} = 'member' and ${auditLog.entityId} = ${memberId})`,
          or(sql`${auditLog.before}::text ilike any (${anyOf})`, sql`${auditLog.after}::text ilike any (${anyOf})`),
        ),
      );
  }

  /** Meetings whose staff-written text holds one of these texts, in any case. */
  meetingsMentioning(tx: Executor, texts: string[]): Promise<MeetingTexts[]> {
    if (!texts.length) return Promise.resolve([]);
    const anyOf = likeAnyOf(texts);
    return tx
      .select({
        id: meetings.id,
        title: meetings.title,
        agenda: meetings.agenda,
        venue: meetings.venue,
        theme: meetings.theme,
        learningOutcomes: meetings.learningOutcomes,
      })
      .from(meetings)
      .where(
        or(
          sql`${meetings.title} ilike any (${anyOf})`,
          sql`${meetings.agenda} ilike any (${anyOf})`,
          sql`${meetings.venue} ilike any (${anyOf})`,
          sql`${meetings.theme} ilike any (${anyOf})`,
          sql`array_to_string(${meetings.learningOutcomes}, ' ') ilike any (${anyOf})`,
        ),
      )
      .orderBy(meetings.startsAt, meetings.id);
  }

  async saveMentions(tx: Executor, memberId: string, mentions: StaffTextMention[]): Promise<void> {
    if (mentions.length) await tx.insert(erasureMentions).values(mentions.map((m) => ({ ...m, memberId })));
  }

  async rewriteAudit(tx: Executor, id: string, before: unknown, after: unknown): Promise<void> {
    await tx.update(auditLog).set({ before, after }).where(eq(auditLog.id, id));
  }

  /** Sessions, one-time tokens, places of work, notices not sent yet and their own learning record go. */
  async deleteBelongings(tx: Executor, memberId: string): Promise<void> {
    await tx.delete(learningEntries).where(eq(learningEntries.memberId, memberId));
    await tx
      .delete(reflections)
      .where(
        inArray(
          reflections.attendanceId,
          tx.select({ id: attendance.id }).from(attendance).where(eq(attendance.memberId, memberId)),
        ),
      );
    await tx.delete(refreshTokens).where(eq(refreshTokens.memberId, memberId));
    await tx.delete(oneTimeTokens).where(eq(oneTimeTokens.memberId, memberId));
    await tx.delete(memberEstablishments).where(eq(memberEstablishments.memberId, memberId));
    await tx.delete(notices).where(and(eq(notices.memberId, memberId), eq(notices.status, 'queued')));
  }

  /**
   * The delivery ledger keeps kind, dates and states; the address, render inputs and the
   * receiving server's words (which quote the address) go, as do the details of inbound
   * messages about them and the times they proposed.
   */
  async anonymiseLedger(tx: Executor, memberId: string): Promise<void> {
    await tx.update(notices).set(STRIPPED_NOTICE).where(eq(notices.memberId, memberId));
    const theirNotices = tx.select({ id: notices.id }).from(notices).where(eq(notices.memberId, memberId));
    const theirInvitations = tx
      .select({ id: invitations.id })
      .from(invitations)
      .where(eq(invitations.memberId, memberId));
    await tx
      .update(inboundMessages)
      .set({ detail: {} })
      .where(
        or(inArray(inboundMessages.noticeId, theirNotices), inArray(inboundMessages.invitationId, theirInvitations)),
      );
    await tx.update(invitations).set({ counterProposal: null }).where(eq(invitations.memberId, memberId));
    // Attendance stays as counts; its certificates no longer name anyone, so nothing verifies them.
    await tx
      .update(attendance)
      .set({ certificateNumber: null, updatedAt: new Date() })
      .where(eq(attendance.memberId, memberId));
  }

  async replaceMember(tx: Executor, memberId: string, values: Partial<typeof members.$inferInsert>): Promise<void> {
    await tx.update(members).set(values).where(eq(members.id, memberId));
  }
}

/** `array['%text%', ...]` for `ilike any`, each text's own %, _ and \\ taken literally. */
function likeAnyOf(texts: string[]) {
  const patterns = texts.map((t) => `%${t.replace(/[\\%_]/g, (c) => `\\${c}`)}%`);
  return sql`array[${sql.join(
    patterns.map((p) => sql`${p}`),
    sql`, `,
  )}]::text[]`;
}
