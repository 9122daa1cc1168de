import { Inject, Injectable } from '@nestjs/common';
import { AuditTrail } from '@seg/audit';
import { Database, DB, Executor, RsvpResponse, RsvpSource } from '@seg/db';
import { Clock } from '@seg/rules';
import { InvitationRepliesRepository, ReplyMeeting } from './invitation-replies.repository';
import { answeredRevision, REPLY_REFUSALS, ReplyRefusal, replyRefusal } from './reply-refusal';

export interface Reply {
  response: Exclude<RsvpResponse, 'needs-action'>;
  source: RsvpSource;
  /** The SEQUENCE a calendar reply answers; a reply through the link or the web answers the meeting as it is. */
  sequence?: number | null;
  requestId: string | null;
  /** The address a calendar reply came from, kept in the audit entry (erasure finds it there). */
  replyFrom?: string | null;
}

export type ReplyOutcome =
  | { recorded: true; response: RsvpResponse; respondedAt: Date | null; revision: number; meeting: ReplyMeeting }
  | { recorded: false; refusal: ReplyRefusal };

/**
 * The one writer of a reply to a meeting invitation, for the RSVP link, the web and the
 * worker's calendar replies: under the invitation's lock it checks `replyRefusal` (member
 * current, meeting scheduled and not over, by the injected clock), writes the reply with the
 * revision it answers and its audit entry, the invitee as the actor however they reached us.
 */
@Injectable()
export class InvitationReplies {
  constructor(
    @Inject(DB) private readonly db: Database,
    private readonly repository: InvitationRepliesRepository,
    private readonly audit: AuditTrail,
    private readonly clock: Clock,
  ) {}

  /** Records the reply, in the caller's transaction when given one; a refusal changes nothing. */
  record(invitationId: string, reply: Reply, tx?: Executor): Promise<ReplyOutcome> {
    return tx
      ? this.recordIn(tx, invitationId, reply)
      : this.db.transaction((t) => this.recordIn(t, invitationId, reply));
  }

  private async recordIn(tx: Executor, invitationId: string, reply: Reply): Promise<ReplyOutcome> {
    const invitation = await this.repository.lock(tx, invitationId);
    if (!invitation) return { recorded: false, refusal: REPLY_REFUSALS['no-invitation'] };
    const refusal = replyRefusal(invitation, this.clock.now());
    if (refusal) return { recorded: false, refusal };
    const revision = answeredRevision(invitation.meeting.revision, reply.sequence);
    const saved = await this.repository.setReply(tx, invitationId, {
      rsvp: reply.response,
      source: reply.source,
      revision,
    });
    await this.audit.record(
      tx,
      { memberId: invitation.memberId, requestId: reply.requestId },
      {
        entity: 'invitation',
        entityId: invitationId,
        action: 'rsvp',
        before: { rsvp: invitation.rsvp, respondedAt: invitation.respondedAt },
        after: {
          ...saved,
          rsvpSource: reply.source,
          rsvpRevision: revision,
          ...(reply.replyFrom !== undefined ? { replyFrom: reply.replyFrom } : {}),
        },
      },
    );
    return {
      recorded: true,
      response: saved.rsvp,
      respondedAt: saved.respondedAt,
      revision,
      meeting: invitation.meeting,
    };
  }
}
