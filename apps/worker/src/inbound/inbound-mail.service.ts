import { Inject, Injectable, Logger } from '@nestjs/common';
import { AuditTrail } from '@seg/audit';
import { APP_CONFIG, AppConfig } from '@seg/config';
import { Executor, InboundOutcome, RsvpResponse } from '@seg/db';
import { readInvitationReplyAddress } from '@seg/links';
import { readNoticeBounceAddress } from '@seg/mail';
import { answeredRevision, InvitationReplies, ReplyRefusal, replyRefusal } from '@seg/records';
import { Clock, readMeetingUid } from '@seg/rules';
import { CalendarAnswer } from './calendar-reply';
import { DeliveryReport } from './delivery-report';
import { contentMessageId, headerMessageId, InboundMessage, readInboundMessage } from './inbound-message';
import { InboundRecord, InboundRepository } from './inbound.repository';
import { matchInvitee } from './invitee-match';

/** What a message was found to be; `unmatched` ones go to the Unmatched folder for a person to look at. */
export interface InboundResult {
  messageId: string;
  outcome: InboundOutcome;
  /** True when the message had been handled before (read twice): nothing changed this time. */
  repeated: boolean;
  /** True when the message could not be read at all: set aside (Unmatched), never to be tried again. */
  unreadable: boolean;
  detail: Record<string, unknown>;
}

const PARTSTAT_TO_RSVP: Partial<Record<string, Exclude<RsvpResponse, 'needs-action'>>> = {
  ACCEPTED: 'accepted',
  TENTATIVE: 'tentative',
  DECLINED: 'declined',
};
/** Why a calendar answer without the proof changes nothing (the secretariat reads it in Unmatched). */
const UNPROVEN =
  "the reply was not sent to the address this invitee was given (their invitation's ORGANIZER), so nothing shows it comes from them";
const NOTICE_MESSAGE_ID = /^<([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})\.\d+@/i;

/** The change a message asks for, decided before the transaction that records it. */
type Plan = InboundRecord & { apply?: (tx: Executor) => Promise<void> };

/** A reply refused by the writer after it was planned (the meeting cancelled in between): set aside instead. */
class RefusedWhenRecorded extends Error {
  constructor(
    readonly refusal: ReplyRefusal,
    readonly meetingId: string,
  ) {
    super(refusal.message);
  }
}

/**
 * Reads one message from the inbound mailbox and records what it says, once per Message-ID:
 * a calendar REPLY becomes the invitee's RSVP, a COUNTER is kept for the secretariat, a
 * permanent delivery failure marks the notice bounced and the member's address bouncing. An
 * automatic reply changes nothing; anything it cannot match is for a person (Unmatched).
 */
@Injectable()
export class InboundMailService {
  private readonly logger = new Logger(InboundMailService.name);

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly repository: InboundRepository,
    private readonly audit: AuditTrail,
    private readonly replies: InvitationReplies,
    private readonly clock: Clock,
  ) {}

  async handle(raw: Buffer): Promise<InboundResult> {
    let message: InboundMessage;
    try {
      message = await readInboundMessage(raw);
    } catch (error) {
      return this.setAside(raw, error as Error);
    }
    const earlier = await this.repository.findHandled(message.messageId);
    if (earlier)
      return { messageId: message.messageId, outcome: earlier, repeated: true, unreadable: false, detail: {} };
    const result = await this.record(await this.plan(message));
    this.logger.log(result, 'Inbound message handled');
    return result;
  }

  /**
   * A message the parser refuses (1,000 attachments, 50,000 header lines) is refused the same way
   * every time: it is recorded once as unmatched with the parser's reason, so the reader moves it
   * to Unmatched instead of trying it again at every poll.
   */
  private async setAside(raw: Buffer, error: Error): Promise<InboundResult> {
    const messageId = headerMessageId(raw) ?? contentMessageId(raw);
    const result = {
      ...(await this.record(unmatched(messageId, 'the message could not be read', { error: error.message }))),
      unreadable: true,
    };
    this.logger.warn(result, 'Inbound message could not be read; set aside as unmatched');
    return result;
  }

  /** Records the plan and applies its change in one transaction, unless the message was handled before. */
  private async record(plan: Plan): Promise<InboundResult> {
    let claimed: boolean;
    try {
      claimed = await this.repository.transaction(async (tx) => {
        if (!(await this.repository.claim(tx, plan))) return false;
        await plan.apply?.(tx);
        return true;
      });
    } catch (error) {
      if (!(error instanceof RefusedWhenRecorded)) throw error;
      return this.record(unmatched(plan.messageId, error.refusal.message, { meetingId: error.meetingId }));
    }
    const outcome = claimed ? plan.outcome : ((await this.repository.findHandled(plan.messageId)) ?? plan.outcome);
    return { messageId: plan.messageId, outcome, repeated: !claimed, unreadable: false, detail: plan.detail ?? {} };
  }

  private async plan(message: InboundMessage): Promise<Plan> {
    switch (message.kind) {
      case 'calendar':
        return this.planCalendar(message.messageId, message.answer, message.from, message.envelopeAddresses);
      case 'bounce':
        return this.planBounce(
          message.messageId,
          message.envelopeAddresses,
          message.reports,
          message.originalMessageIds,
        );
      case 'auto-reply':
        return { messageId: message.messageId, outcome: 'auto-reply' };
      default:
        return unmatched(message.messageId, 'neither a calendar answer nor a delivery report');
    }
  }

  /**
   * A calendar answer counts only when it proves it comes from the invitee: it was sent to the
   * reply address that invitee alone was given (the ORGANIZER of their invitation, carrying their
   * invitation and a MAC), and its ATTENDEE is that invitee. Anyone can write a UID, an ATTENDEE
   * and a From; nobody else has that address.
   */
  private async planCalendar(
    messageId: string,
    answer: CalendarAnswer,
    from: string | null,
    envelope: string[],
  ): Promise<Plan> {
    const meetingId = readMeetingUid(answer.uid);
    if (!meetingId || !(await this.repository.meetingExists(meetingId)))
      return unmatched(messageId, 'no meeting has this UID');
    const invitationId = this.replyInvitationId([...envelope, ...(answer.organizer ? [answer.organizer] : [])]);
    if (!invitationId) return unmatched(messageId, UNPROVEN, { meetingId });
    const found = await this.repository.getReplyInvitation(invitationId);
    if (!found || found.meeting.id !== meetingId)
      return unmatched(messageId, 'the address it was sent to is for an invitation to another meeting', { meetingId });
    const { meeting, member } = found;
    if (
      !matchInvitee(
        [member],
        answer.attendees.map((a) => a.email),
        from,
      )
    )
      return unmatched(messageId, 'the ATTENDEE is not the invitee whose address it was sent to', { meetingId });
    // The rule and the words of an answer through the link or the web: `InvitationReplies` checks it again.
    const refusal = replyRefusal(found, this.clock.now());
    if (refusal) return unmatched(messageId, refusal.message, { meetingId });
    const invitee = { invitationId, memberId: member.id, email: member.email };
    const revision = answeredRevision(meeting.revision, answer.sequence);
    const partstat =
      answer.attendees.find((a) => a.email.toLowerCase() === invitee.email.toLowerCase())?.partstat ??
      answer.attendees[0]?.partstat;

    if (answer.method === 'COUNTER') {
      const counter = {
        startsAt: answer.proposed?.startsAt?.toISOString() ?? null,
        endsAt: answer.proposed?.endsAt?.toISOString() ?? null,
        comment: answer.comment,
        receivedAt: new Date().toISOString(),
      };
      return {
        messageId,
        outcome: 'counter',
        invitationId: invitee.invitationId,
        detail: { meetingId: meeting.id, sequence: answer.sequence },
        apply: async (tx) => {
          await this.repository.setCounterProposal(tx, invitee.invitationId, counter);
          await this.audit.record(
            tx,
            { memberId: invitee.memberId, requestId: null },
            {
              entity: 'invitation',
              entityId: invitee.invitationId,
              action: 'counter',
              after: { ...counter, replyFrom: from },
            },
          );
        },
      };
    }

    const rsvp = partstat ? PARTSTAT_TO_RSVP[partstat] : undefined;
    if (!rsvp)
      return unmatched(messageId, `PARTSTAT ${partstat ?? 'missing'} is not a reply`, { meetingId: meeting.id });
    return {
      messageId,
      outcome: 'reply',
      invitationId: invitee.invitationId,
      detail: { meetingId: meeting.id, rsvp, sequence: answer.sequence, earlierRevision: revision < meeting.revision },
      apply: async (tx) => {
        const reply = { response: rsvp, source: 'calendar' as const, sequence: answer.sequence, requestId: null };
        const outcome = await this.replies.record(invitee.invitationId, { ...reply, replyFrom: from }, tx);
        if (!outcome.recorded) throw new RefusedWhenRecorded(outcome.refusal, meeting.id);
      },
    };
  }

  private async planBounce(
    messageId: string,
    envelope: string[],
    reports: DeliveryReport[],
    originalIds: string[],
  ): Promise<Plan> {
    const notice = await this.findBouncedNotice(envelope, reports, originalIds);
    if (!notice) return unmatched(messageId, 'no notice matches this delivery report');
    const report = reports.find((r) => r.recipient?.toLowerCase() === notice.toEmail.toLowerCase()) ?? reports[0];
    if (!report)
      return unmatched(messageId, 'the delivery report says neither failed nor delayed', { noticeId: notice.id });
    // Kept in inbound_messages, which must name nobody: the address is on the notice and the member.
    const detail = {
      status: report.status,
      diagnostic: report.diagnostic?.replace(/[^\s<>()[\]"',;:]+@[^\s<>()[\]"',;:]+/g, '[address]') ?? null,
    };
    // A delay is only news: the sending server keeps trying, and may yet deliver.
    if (report.action === 'delayed') return { messageId, outcome: 'delay', noticeId: notice.id, detail };
    const diagnostic = report.diagnostic ?? report.status ?? 'permanent delivery failure';
    return {
      messageId,
      outcome: 'bounce',
      noticeId: notice.id,
      detail,
      apply: async (tx) => {
        await this.repository.markNoticeBounced(tx, notice.id, diagnostic);
        if (await this.repository.markMemberBouncing(tx, notice.memberId, notice.toEmail, diagnostic)) {
          await this.audit.record(tx, null, {
            entity: 'member',
            entityId: notice.memberId,
            action: 'email-bouncing',
            after: { emailStatus: 'bouncing', noticeId: notice.id, status: report.status },
          });
        }
      },
    };
  }

  /** The invitation named by the first of these addresses that is an invitee's reply address. */
  private replyInvitationId(addresses: string[]): string | null {
    for (const address of addresses) {
      const id = readInvitationReplyAddress(address, this.config.mail.bounceAddress, this.config.auth.jwtSecret);
      if (id) return id;
    }
    return null;
  }

  /**
   * The notice a report is about: named by the VERP address it came back to, or else by the
   * original Message-ID it quotes (ours name the notice) when its Final-Recipient, if given, is
   * the notice's address.
   */
  private async findBouncedNotice(envelope: string[], reports: DeliveryReport[], originalIds: string[]) {
    for (const address of envelope) {
      const id = readNoticeBounceAddress(address, this.config.mail.bounceAddress, this.config.auth.jwtSecret);
      const notice = id ? await this.repository.getNotice(id) : null;
      if (notice) return notice;
    }
    const recipients = reports.map((r) => r.recipient?.toLowerCase()).filter(Boolean);
    for (const original of originalIds) {
      const id = NOTICE_MESSAGE_ID.exec(original)?.[1];
      const notice = id ? await this.repository.getNotice(id.toLowerCase()) : null;
      if (!notice || notice.messageId !== original) continue;
      if (recipients.length && !recipients.includes(notice.toEmail.toLowerCase())) continue;
      return notice;
    }
    return null;
  }
}

function unmatched(messageId: string, reason: string, extra: Record<string, unknown> = {}): Plan {
  return { messageId, outcome: 'unmatched', detail: { reason, ...extra } };
}
