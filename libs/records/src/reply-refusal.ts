import { isCurrentMember, MemberStatus } from '@seg/db';
import { meetingIsOver } from '@seg/rules';

export type ReplyRefusalReason = 'no-invitation' | 'membership-ended' | 'cancelled' | 'not-scheduled' | 'over';

/** Why a reply to an invitation is not recorded, in the words every path gives. */
export interface ReplyRefusal {
  reason: ReplyRefusalReason;
  message: string;
}

/**
 * The one wording of each refusal: the API's answer (409, or the RSVP link's 410) and the
 * reason a calendar reply is set aside in Unmatched say the same. A membership that ended is
 * answered on the web with the wording of every emailed link (`MEMBERSHIP_ENDED`).
 */
export const REPLY_REFUSALS: Record<ReplyRefusalReason, ReplyRefusal> = {
  'no-invitation': { reason: 'no-invitation', message: 'No such invitation' },
  'membership-ended': { reason: 'membership-ended', message: 'The invitee is no longer a current member' },
  cancelled: { reason: 'cancelled', message: 'The meeting was cancelled' },
  'not-scheduled': { reason: 'not-scheduled', message: 'The meeting is not scheduled' },
  over: { reason: 'over', message: 'The meeting is over' },
};

/** What a reply is checked against: the invitee and the meeting as they are now. */
export interface ReplyTarget {
  member: { status: MemberStatus; erasedAt: Date | null };
  meeting: { status: string; endsAt: Date | null };
}

/**
 * Why a reply cannot be recorded now, or null when it can: only a current member answers, and
 * only a scheduled meeting that is not over. One rule for the RSVP link, the web and calendar
 * replies, checked again by `InvitationReplies` under the invitation's lock.
 */
export function replyRefusal(target: ReplyTarget, now: Date): ReplyRefusal | null {
  if (!isCurrentMember(target.member)) return REPLY_REFUSALS['membership-ended'];
  if (target.meeting.status === 'cancelled') return REPLY_REFUSALS.cancelled;
  if (target.meeting.status !== 'scheduled') return REPLY_REFUSALS['not-scheduled'];
  if (meetingIsOver(target.meeting, now)) return REPLY_REFUSALS.over;
  return null;
}

/**
 * The revision a reply answers: the one its calendar program names (SEQUENCE) when earlier than
 * the meeting's, else the meeting's own (a program that counts on its own answers the current one).
 */
export function answeredRevision(meetingRevision: number, sequence?: number | null): number {
  return sequence == null ? meetingRevision : Math.min(sequence, meetingRevision);
}
