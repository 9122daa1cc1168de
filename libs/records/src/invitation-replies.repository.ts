import { Injectable } from '@nestjs/common';
import { Executor, invitations, meetings, members, RsvpResponse, RsvpSource } from '@seg/db';
import { eq, sql } from 'drizzle-orm';

export type ReplyMeeting = typeof meetings.$inferSelect;

/** An invitation as a reply is checked against it: its answer now, its member and its meeting. */
export interface LockedInvitation {
  rsvp: RsvpResponse;
  respondedAt: Date | null;
  memberId: string;
  member: { status: (typeof members.$inferSelect)['status']; erasedAt: Date | null };
  meeting: ReplyMeeting;
}

/** The reply columns of the invitations table: written here only. */
@Injectable()
export class InvitationRepliesRepository {
  /** The invitation with its member and meeting, locked until the transaction ends. */
  async lock(tx: Executor, invitationId: string): Promise<LockedInvitation | null> {
    const [row] = await tx
      .select({
        rsvp: invitations.rsvp,
        respondedAt: invitations.respondedAt,
        memberId: invitations.memberId,
        member: { status: members.status, erasedAt: members.erasedAt },
        meeting: meetings,
      })
      .from(invitations)
      .innerJoin(meetings, eq(meetings.id, invitations.meetingId))
      .innerJoin(members, eq(members.id, invitations.memberId))
      .where(eq(invitations.id, invitationId))
      .for('update')
      .limit(1);
    return row ?? null;
  }

  /** The reply, where it came from and the meeting revision it answered. */
  async setReply(
    tx: Executor,
    invitationId: string,
    reply: { rsvp: RsvpResponse; source: RsvpSource; revision: number },
  ): Promise<{ rsvp: RsvpResponse; respondedAt: Date | null }> {
    const [row] = await tx
      .update(invitations)
      .set({
        rsvp: reply.rsvp,
        respondedAt: sql`now()`,
        rsvpSource: reply.source,
        rsvpRevision: reply.revision,
        updatedAt: sql`now()`,
      })
      .where(eq(invitations.id, invitationId))
      .returning({ rsvp: invitations.rsvp, respondedAt: invitations.respondedAt });
    return row;
  }
}
