import { ForbiddenException, Inject, Injectable, NotFoundException } from '@nestjs/common';
import { Actor, AuditTrail } from '@seg/audit';
import { APP_CONFIG, AppConfig } from '@seg/config';
import { Database, DB, isCurrentMember } from '@seg/db';
import { invalidField, KeysetPages, PageQuery } from '@seg/http';
import { readIdToken } from '@seg/links';
import { NoticeOutbox } from '@seg/notices';
import { Clock, fromLondonWallClock, londonParts, Viewer } from '@seg/rules';
import { TooManyAttemptsException } from '../throttle/too-many-attempts.exception';
import { DirectoryService } from '../directory/directory.service';
import {
  MessagePermission,
  MessageReceipt,
  MessageReportPage,
  ReportedMessageView,
  ReportMessageDto,
  SendMessageDto,
} from './member-message.dto';
import { MemberMessagesRepository, MessageRecipient, MessageReportPosition } from './member-messages.repository';

/** How many messages a member may send a day (London's day): enough for work, too few for a mailing. */
export const MESSAGES_A_DAY = 10;

/**
 * Messages from a member to another through the group's mail: the sender never learns the
 * recipient's address (Reply-To is the sender; the recipient decides whether to answer). The
 * text goes into the notice only; the record keeps who wrote to whom and when.
 */
@Injectable()
export class MemberMessagesService {
  constructor(
    @Inject(DB) private readonly db: Database,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly messages: MemberMessagesRepository,
    private readonly directory: DirectoryService,
    private readonly outbox: NoticeOutbox,
    private readonly audit: AuditTrail,
    private readonly clock: Clock,
    private readonly pages: KeysetPages,
  ) {}

  /** Whether the viewer may write to the member now, and how many they have sent today. */
  async permission(recipientId: string, viewer: Viewer): Promise<MessagePermission> {
    const recipient = await this.recipientFor(recipientId, viewer);
    const sentToday = await this.messages.sentSince(viewer.id, this.startOfToday());
    const reason = refusal(recipient) ?? (sentToday >= MESSAGES_A_DAY ? limitReached() : null);
    return { canSend: reason === null, reason, sentToday, dailyLimit: MESSAGES_A_DAY };
  }

  async send(recipientId: string, dto: SendMessageDto, sender: Viewer, actor: Actor): Promise<MessageReceipt> {
    const recipient = await this.recipientFor(recipientId, sender);
    const refused = refusal(recipient);
    if (refused) throw new ForbiddenException(refused);
    const now = this.clock.now();
    const { refs, sentToday } = await this.db.transaction(async (tx) => {
      await this.messages.lockSender(tx, sender.id);
      const sent = await this.messages.sentSince(sender.id, this.startOfToday(now), tx);
      if (sent >= MESSAGES_A_DAY) throw new TooManyAttemptsException(this.secondsToTomorrow(now), limitReached());
      const messageId = await this.messages.insert(tx, { senderId: sender.id, recipientId, sentAt: now });
      const refs = await this.outbox.add(tx, [
        {
          kind: 'member-message',
          memberId: recipientId,
          toEmail: recipient.email,
          payload: { messageId, senderId: sender.id, subject: dto.subject, text: dto.text },
        },
      ]);
      await this.messages.setNotice(tx, messageId, refs[0].id);
      // Who wrote to whom and when: never the subject or the text.
      await this.audit.record(tx, actor, {
        entity: 'member-message',
        entityId: messageId,
        action: 'send',
        after: { senderId: sender.id, recipientId, sentAt: now.toISOString() },
      });
      return { refs, sentToday: sent + 1 };
    });
    await this.outbox.dispatch(refs);
    return { sentAt: now.toISOString(), sentToday, dailyLimit: MESSAGES_A_DAY };
  }

  /** What a "Report this message" link shows; 404 for a link that is not ours or a message gone. */
  async reportView(token: string): Promise<ReportedMessageView> {
    const message = await this.messages.forReport(this.messageOf(token));
    if (!message) throw new NotFoundException('No such message');
    return {
      senderName: message.senderName,
      sentAt: message.sentAt.toISOString(),
      reportedAt: message.reportedAt?.toISOString() ?? null,
    };
  }

  /** Records the report for the secretariat; reporting again changes nothing. */
  async report(token: string, dto: ReportMessageDto): Promise<ReportedMessageView> {
    const id = this.messageOf(token);
    await this.db.transaction(async (tx) => {
      const reported = await this.messages.markReported(tx, id, this.clock.now(), dto.note?.trim() || null);
      if (reported)
        await this.audit.record(tx, null, {
          entity: 'member-message',
          entityId: id,
          action: 'report',
          after: { ...reported, note: dto.note?.trim() || null },
        });
    });
    return this.reportView(token);
  }

  async reports(query: PageQuery): Promise<MessageReportPage> {
    const request = this.pages.open<MessageReportPosition>('message-reports', query, ['string', 'string']);
    const { rows, total } = await this.messages.reported(request.fetch, request.after);
    return request.page(
      rows,
      total,
      (r) => [r.exactAt, r.messageId],
      (r) => ({
        messageId: r.messageId,
        sender: { id: r.senderId, name: r.senderName },
        recipient: { id: r.recipientId, name: r.recipientName },
        sentAt: r.sentAt.toISOString(),
        reportedAt: r.reportedAt!.toISOString(),
        note: r.note,
      }),
    );
  }

  /** The member as the directory shows them to the sender (404 where it would), with what sending needs. */
  private async recipientFor(recipientId: string, viewer: Viewer): Promise<MessageRecipient> {
    if (recipientId === viewer.id) throw invalidField('id', 'is you: a message goes to another member');
    await this.directory.getMember(recipientId, viewer);
    const recipient = await this.messages.recipient(recipientId);
    if (!recipient || !isCurrentMember(recipient)) throw new NotFoundException('No such member');
    return recipient;
  }

  private messageOf(token: string): string {
    const id = readIdToken(this.config.auth.jwtSecret, 'message-report', token);
    if (!id) throw new NotFoundException('No such message');
    return id;
  }

  private startOfToday(now = this.clock.now()): Date {
    const p = londonParts(now);
    // Midnight always exists in London: the clocks change at 01:00.
    return fromLondonWallClock(p.year, p.month, p.day, 0, 0)!;
  }

  private secondsToTomorrow(now: Date): number {
    // 36 hours after today's start is within tomorrow, whatever the clocks did (days of 23 to 25 hours).
    const tomorrow = this.startOfToday(new Date(this.startOfToday(now).getTime() + 36 * 3600_000));
    return Math.max(1, Math.ceil((tomorrow.getTime() - now.getTime()) / 1000));
  }
}

function refusal(recipient: MessageRecipient): string | null {
  return recipient.acceptsMessages ? null : 'This member chose not to receive messages through SEG Network';
}

function limitReached(): string {
  return `You can send ${MESSAGES_A_DAY} messages a day through SEG Network`;
}
