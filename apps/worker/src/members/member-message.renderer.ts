import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '@seg/config';
import { createIdToken } from '@seg/links';
import { NoticeRenderer, NoticeToSend, RenderedEmail } from '../notices/notice-renderer';
import { MemberMessagesRepository } from './member-messages.repository';

/**
 * A message from one member to another whose address is hidden from them: plain text, from the
 * group's address, Reply-To the sender, so the recipient decides whether to answer (and so show
 * their own address). It says who sent it and how to report it or stop such messages.
 */
@Injectable()
export class MemberMessageRenderer implements NoticeRenderer {
  readonly kinds = ['member-message'] as const;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly messages: MemberMessagesRepository,
  ) {}

  async render(notice: NoticeToSend): Promise<RenderedEmail | { skip: string }> {
    const { messageId, subject, text } = notice.payload as { messageId?: string; subject?: string; text?: string };
    if (!messageId || subject === undefined || text === undefined) return { skip: 'The message is gone' };
    const sender = await this.messages.senderOf(messageId);
    if (!sender || sender.erased) return { skip: 'The sender is gone' };
    const report = `${this.config.publicUrl}/report-message?token=${createIdToken(this.config.auth.jwtSecret, 'message-report', messageId)}`;
    const body = [
      `${sender.name} sent you this message through SEG Network. Your address was not shown to them: reply only if you wish, and your reply goes to ${sender.email}.`,
      '------',
      text,
      '------',
      `Unwelcome or abusive? Report it to the secretariat: ${report}`,
      `To stop members writing to you this way, change "Messages from members" in My details: ${this.config.publicUrl}/my/details`,
    ];
    return {
      subject,
      text: `${body.join('\n\n')}\n`,
      replyTo: { name: sender.name, address: sender.email },
    };
  }
}
