import { Inject, Injectable } from '@nestjs/common';
import {
  CounterProposal,
  DB,
  Database,
  Executor,
  inboundMessages,
  InboundOutcome,
  invitations,
  meetings,
  members,
  MemberStatus,
  notices,
  NoticeStatus,
} from '@seg/db';
import { and, eq, ne, sql } from 'drizzle-orm';

/** The invitation a reply address names, with its member and meeting, as a calendar reply is checked against. */
export interface ReplyInvitation {
  invitationId: string;
  member: { id: string; email: string; status: MemberStatus; erasedAt: Date | null };
  meeting: { id: string; status: string; revision: number; endsAt: Date | null };
}

export interface BouncedNotice {
  id: string;
  memberId: string;
  toEmail: string;
  messageId: string | null;
  status: NoticeStatus;
}

export interface InboundRecord {
  messageId: string;
  outcome: InboundOutcome;
  noticeId?: string | null;
  invitationId?: string | null;
  detail?: Record<string, unknown>;
}

/** The rows an inbound message changes: replies on invitations, bounces on notices and members. */
@Injectable()
export class InboundRepository {
  constructor(@Inject(DB) private readonly db: Database) {}

  transaction<T>(work: (tx: Executor) => Promise<T>): Promise<T> {
    return this.db.transaction(work);
  }

  /** A member's invitation to a meeting with what its email showed them, for answering it by hand. */
  async findInvitation(meetingId: string, email: string) {
    const [row] = await this.db
      .select({
        invitationId: invitations.id,
        rsvp: invitations.rsvp,
        name: members.name,
        email: members.email,
        meeting: meetings,
      })
      .from(invitations)
      .innerJoin(members, eq(members.id, invitations.memberId))
      .innerJoin(meetings, eq(meetings.id, invitations.meetingId))
      .where(and(eq(invitations.meetingId, meetingId), sql`lower(${members.email}) = lower(${email})`))
      .limit(1);
    return row ?? null;
  }

  /** The outcome recorded for a message already handled, or null. */
  async findHandled(messageId: string, tx: Executor = this.db): Promise<InboundOutcome | null> {
    const [row] = await tx
      .select({ outcome: inboundMessages.outcome })
      .from(inboundMessages)
      .where(eq(inboundMessages.messageId, messageId))
      .limit(1);
    return row?.outcome ?? null;
  }

  /**
   * Claims the message: false when it was handled before. Concurrent claims of one message wait
   * on the unique key, and the later one sees the first's row once it commits.
   */
  async claim(tx: Executor, record: InboundRecord): Promise<boolean> {
    const inserted = await tx
      .insert(inboundMessages)
      .values({
        messageId: record.messageId,
        outcome: record.outcome,
        noticeId: record.noticeId ?? null,
        invitationId: record.invitationId ?? null,
        detail: record.detail ?? {},
      })
      .onConflictDoNothing({ target: inboundMessages.messageId })
      .returning({ id: inboundMessages.id });
    return inserted.length > 0;
  }

  async meetingExists(meetingId: string): Promise<boolean> {
    const [row] = await this.db.select({ id: meetings.id }).from(meetings).where(eq(meetings.id, meetingId)).limit(1);
    return Boolean(row);
  }

  async getReplyInvitation(invitationId: string): Promise<ReplyInvitation | null> {
    const [row] = await this.db
      .select({
        invitationId: invitations.id,
        member: { id: members.id, email: members.email, status: members.status, erasedAt: members.erasedAt },
        meeting: { id: meetings.id, status: meetings.status, revision: meetings.revision, endsAt: meetings.endsAt },
      })
      .from(invitations)
      .innerJoin(members, eq(members.id, invitations.memberId))
      .innerJoin(meetings, eq(meetings.id, invitations.meetingId))
      .where(eq(invitations.id, invitationId))
      .limit(1);
    return row ?? null;
  }

  async setCounterProposal(tx: Executor, invitationId: string, counter: CounterProposal): Promise<void> {
    await tx
      .update(invitations)
      .set({ counterProposal: counter, updatedAt: sql`now()` })
      .where(eq(invitations.id, invitationId));
  }

  async getNotice(id: string, tx: Executor = this.db): Promise<BouncedNotice | null> {
    const [row] = await tx
      .select({
        id: notices.id,
        memberId: notices.memberId,
        toEmail: notices.toEmail,
        messageId: notices.messageId,
        status: notices.status,
      })
      .from(notices)
      .where(eq(notices.id, id))
      .limit(1);
    return row ?? null;
  }

  /** The notice was refused for good after it left: `bounced`, with the receiving server's words. */
  async markNoticeBounced(tx: Executor, noticeId: string, diagnostic: string): Promise<void> {
    await tx
      .update(notices)
      .set({ status: 'bounced', lastError: diagnostic, bouncedAt: sql`now()`, updatedAt: sql`now()` })
      .where(and(eq(notices.id, noticeId), ne(notices.status, 'suppressed')));
  }

  /**
   * Marks the member's address bouncing, unless they have changed it since the notice went to
   * the old one. Returns whether it changed.
   */
  async markMemberBouncing(tx: Executor, memberId: string, address: string, reason: string): Promise<boolean> {
    const changed = await tx
      .update(members)
      .set({ emailStatus: 'bouncing', emailBouncedAt: sql`now()`, emailBounceReason: reason, updatedAt: sql`now()` })
      .where(and(eq(members.id, memberId), sql`lower(${members.email}) = lower(${address})`))
      .returning({ id: members.id });
    return changed.length > 0;
  }
}
