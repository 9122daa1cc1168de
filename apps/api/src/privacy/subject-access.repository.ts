import { Inject, Injectable } from '@nestjs/common';
import {
  attendance,
  auditLog,
  calendarFeeds,
  memberMessages,
  Database,
  DB,
  inboundMessages,
  invitations,
  learningEntries,
  meetings,
  notices,
  oneTimeTokens,
  posts,
  reflections,
  refreshTokens,
} from '@seg/db';
import { and, asc, eq, inArray, or, sql } from 'drizzle-orm';

/**
 * What is held about a member beyond their record, for a subject access export: every table that
 * refers to them (test/subject-access.e2e-spec.ts walks the foreign keys to check). Secrets
 * (password and token hashes) are left out.
 */
@Injectable()
export class SubjectAccessRepository {
  constructor(@Inject(DB) private readonly db: Database) {}

  invitationsOf(memberId: string) {
    return this.db
      .select({
        id: invitations.id,
        rsvp: invitations.rsvp,
        rsvpSource: invitations.rsvpSource,
        respondedAt: invitations.respondedAt,
        counterProposal: invitations.counterProposal,
        createdAt: invitations.createdAt,
        meeting: {
          id: meetings.id,
          title: meetings.title,
          kind: meetings.kind,
          startsAt: meetings.startsAt,
          endsAt: meetings.endsAt,
          status: meetings.status,
        },
      })
      .from(invitations)
      .innerJoin(meetings, eq(meetings.id, invitations.meetingId))
      .where(eq(invitations.memberId, memberId))
      .orderBy(asc(invitations.createdAt));
  }

  /** Invitations the member sent (as a representative running a meeting): which, not whom. */
  invitationsSentBy(memberId: string) {
    return this.db
      .select({ id: invitations.id, meetingId: invitations.meetingId, createdAt: invitations.createdAt })
      .from(invitations)
      .where(eq(invitations.invitedById, memberId))
      .orderBy(asc(invitations.createdAt));
  }

  meetingsCreatedBy(memberId: string) {
    return this.db
      .select({
        id: meetings.id,
        title: meetings.title,
        kind: meetings.kind,
        startsAt: meetings.startsAt,
        status: meetings.status,
        createdAt: meetings.createdAt,
      })
      .from(meetings)
      .where(eq(meetings.createdById, memberId))
      .orderBy(asc(meetings.createdAt));
  }

  noticesTo(memberId: string) {
    return this.db
      .select({
        id: notices.id,
        kind: notices.kind,
        toEmail: notices.toEmail,
        meetingId: notices.meetingId,
        status: notices.status,
        attempts: notices.attempts,
        lastError: notices.lastError,
        sentAt: notices.sentAt,
        bouncedAt: notices.bouncedAt,
        createdAt: notices.createdAt,
      })
      .from(notices)
      .where(eq(notices.memberId, memberId))
      .orderBy(asc(notices.createdAt));
  }

  sessionsOf(memberId: string) {
    return this.db
      .select({
        id: refreshTokens.id,
        device: refreshTokens.device,
        createdAt: refreshTokens.createdAt,
        expiresAt: refreshTokens.expiresAt,
        replacedAt: refreshTokens.replacedAt,
        revokedAt: refreshTokens.revokedAt,
      })
      .from(refreshTokens)
      .where(eq(refreshTokens.memberId, memberId))
      .orderBy(asc(refreshTokens.createdAt));
  }

  oneTimeLinksOf(memberId: string) {
    return (
      this.db
        // newEmail: an address change waiting for its link to be used is held about them too.
        .select({
          id: oneTimeTokens.id,
          purpose: oneTimeTokens.purpose,
          newEmail: oneTimeTokens.newEmail,
          createdAt: oneTimeTokens.createdAt,
          expiresAt: oneTimeTokens.expiresAt,
          usedAt: oneTimeTokens.usedAt,
        })
        .from(oneTimeTokens)
        .where(eq(oneTimeTokens.memberId, memberId))
        .orderBy(asc(oneTimeTokens.createdAt))
    );
  }

  /** The audit trail of the member's own record. */
  auditOf(memberId: string) {
    return this.db
      .select({
        id: auditLog.id,
        at: auditLog.at,
        action: auditLog.action,
        actorId: auditLog.actorId,
        before: auditLog.before,
        after: auditLog.after,
      })
      .from(auditLog)
      .where(and(eq(auditLog.entity, 'member'), eq(auditLog.entityId, memberId)))
      .orderBy(asc(auditLog.at));
  }

  /** Every change to the posts they held: who, when, before and after. */
  auditOfPosts(memberId: string) {
    return this.db
      .select({
        id: auditLog.id,
        at: auditLog.at,
        postId: auditLog.entityId,
        action: auditLog.action,
        actorId: auditLog.actorId,
        before: auditLog.before,
        after: auditLog.after,
      })
      .from(auditLog)
      .where(
        and(
          eq(auditLog.entity, 'post'),
          // The audit log names any record by its id as text.
          inArray(
            auditLog.entityId,
            this.db
              .select({ id: sql<string>`${posts.id}::text` })
              .from(posts)
              .where(eq(posts.memberId, memberId)),
          ),
        ),
      )
      .orderBy(asc(auditLog.at));
  }

  /** Mail received about them: their calendar replies to invitations and the bounces of emails to them. */
  inboundAbout(memberId: string) {
    return this.db
      .select({
        id: inboundMessages.id,
        messageId: inboundMessages.messageId,
        outcome: inboundMessages.outcome,
        invitationId: inboundMessages.invitationId,
        noticeId: inboundMessages.noticeId,
        detail: inboundMessages.detail,
        receivedAt: inboundMessages.receivedAt,
      })
      .from(inboundMessages)
      .where(
        or(
          inArray(
            inboundMessages.invitationId,
            this.db.select({ id: invitations.id }).from(invitations).where(eq(invitations.memberId, memberId)),
          ),
          inArray(
            inboundMessages.noticeId,
            this.db.select({ id: notices.id }).from(notices).where(eq(notices.memberId, memberId)),
          ),
        ),
      )
      .orderBy(asc(inboundMessages.receivedAt));
  }

  /** What the member changed: which record, when and how, without the values (other people's). */
  auditBy(memberId: string) {
    return this.db
      .select({
        id: auditLog.id,
        at: auditLog.at,
        entity: auditLog.entity,
        entityId: auditLog.entityId,
        action: auditLog.action,
      })
      .from(auditLog)
      .where(eq(auditLog.actorId, memberId))
      .orderBy(asc(auditLog.at));
  }

  /** The member's calendar feed: when its address was made, never its seed or hash. */
  calendarFeedsOf(memberId: string) {
    return this.db
      .select({ id: calendarFeeds.id, createdAt: calendarFeeds.createdAt })
      .from(calendarFeeds)
      .where(eq(calendarFeeds.memberId, memberId));
  }

  /** Meetings they attended, with the certificate numbers; their reflections only in their own copy. */
  async attendanceOf(memberId: string, withNotes: boolean) {
    const rows = await this.db
      .select({
        id: attendance.id,
        source: attendance.source,
        recordedAt: attendance.recordedAt,
        withdrawnAt: attendance.withdrawnAt,
        certificateNumber: attendance.certificateNumber,
        certificateEmailedAt: attendance.certificateEmailedAt,
        meeting: {
          id: meetings.id,
          title: meetings.title,
          startsAt: meetings.startsAt,
          summitYear: meetings.summitYear,
        },
        learnt: reflections.learnt,
        willChange: reflections.willChange,
      })
      .from(attendance)
      .innerJoin(meetings, eq(meetings.id, attendance.meetingId))
      .leftJoin(reflections, eq(reflections.attendanceId, attendance.id))
      .where(eq(attendance.memberId, memberId))
      .orderBy(asc(attendance.recordedAt));
    return rows.map(({ learnt, willChange, ...row }) =>
      withNotes ? { ...row, reflection: learnt === null && willChange === null ? null : { learnt, willChange } } : row,
    );
  }

  /** Their own learning entries; the notes only in their own copy. */
  async learningEntriesOf(memberId: string, withNotes: boolean) {
    const rows = await this.db
      .select()
      .from(learningEntries)
      .where(eq(learningEntries.memberId, memberId))
      .orderBy(asc(learningEntries.occurredOn));
    return rows.map(({ learnt, willChange, memberId: _owner, ...row }) =>
      withNotes ? { ...row, learnt, willChange } : row,
    );
  }

  /** Messages the member sent or received: who wrote to whom, when, and any report of it. */
  messagesOf(memberId: string) {
    return this.db
      .select()
      .from(memberMessages)
      .where(or(eq(memberMessages.senderId, memberId), eq(memberMessages.recipientId, memberId)))
      .orderBy(asc(memberMessages.sentAt));
  }
}
