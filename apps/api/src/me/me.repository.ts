import { Inject, Injectable } from '@nestjs/common';
import { auditLog, Database, DB, invitations, meetings, notices, oneTimeTokens, refreshTokens } from '@seg/db';
import { and, asc, eq } from 'drizzle-orm';

/** What is held about a member beyond their record, for their own export. Secrets (hashes, tokens) are left out. */
@Injectable()
export class MeRepository {
  constructor(@Inject(DB) private readonly db: Database) {}

  invitationsOf(memberId: string) {
    return this.db
      .select({
        id: invitations.id,
        rsvp: invitations.rsvp,
        respondedAt: invitations.respondedAt,
        createdAt: invitations.createdAt,
        meeting: { id: meetings.id, title: meetings.title, kind: meetings.kind, startsAt: meetings.startsAt, endsAt: meetings.endsAt, status: meetings.status },
      })
      .from(invitations)
      .innerJoin(meetings, eq(meetings.id, invitations.meetingId))
      .where(eq(invitations.memberId, memberId))
      .orderBy(asc(invitations.createdAt));
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
        sentAt: notices.sentAt,
        createdAt: notices.createdAt,
      })
      .from(notices)
      .where(eq(notices.memberId, memberId))
      .orderBy(asc(notices.createdAt));
  }

  sessionsOf(memberId: string) {
    return this.db
      .select({ createdAt: refreshTokens.createdAt, expiresAt: refreshTokens.expiresAt, replacedAt: refreshTokens.replacedAt, revokedAt: refreshTokens.revokedAt })
      .from(refreshTokens)
      .where(eq(refreshTokens.memberId, memberId))
      .orderBy(asc(refreshTokens.createdAt));
  }

  oneTimeLinksOf(memberId: string) {
    return this.db
      .select({ purpose: oneTimeTokens.purpose, createdAt: oneTimeTokens.createdAt, expiresAt: oneTimeTokens.expiresAt, usedAt: oneTimeTokens.usedAt })
      .from(oneTimeTokens)
      .where(eq(oneTimeTokens.memberId, memberId))
      .orderBy(asc(oneTimeTokens.createdAt));
  }

  /** The audit trail of the member's own record. */
  auditOf(memberId: string) {
    return this.db
      .select({ at: auditLog.at, action: auditLog.action, actorId: auditLog.actorId, before: auditLog.before, after: auditLog.after })
      .from(auditLog)
      .where(and(eq(auditLog.entity, 'member'), eq(auditLog.entityId, memberId)))
      .orderBy(asc(auditLog.at));
  }
}
