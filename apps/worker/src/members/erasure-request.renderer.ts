import { escapeHtml } from '@seg/links';
import { Inject, Injectable } from '@nestjs/common';
import { erasureAnswerBy, formatLondon } from '@seg/rules';
import { APP_CONFIG, AppConfig } from '@seg/config';
import { htmlButton, htmlEmail } from '../notices/email-layout';
import { NoticeRenderer, NoticeToSend, RenderedEmail } from '../notices/notice-renderer';

/** Tells the secretariat that a member asked to be erased, and when the month to answer ends. */
@Injectable()
export class ErasureRequestRenderer implements NoticeRenderer {
  readonly kinds = ['erasure-requested'] as const;

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  render(notice: NoticeToSend): RenderedEmail | { skip: string } {
    if (!notice.memberName) return { skip: 'The member who asked is gone' };
    const asked = formatLondon(notice.createdAt);
    const due = erasureAnswerBy(notice.createdAt);
    const link = `${this.config.publicUrl}/secretariat/members/${notice.memberId}`;
    // No name: this email stays in the secretariat's mailbox after the member is erased.
    const subject = `An erasure request to answer by ${formatLondon(due)}`;
    const lines = [
      `A member asked on ${asked} to be erased from SEG Network.`,
      `Answer within a month, by ${formatLondon(due)}: erasing the member closes the request. Open requests and their age are listed for the secretariat.`,
    ];
    return {
      subject,
      text: `${lines.join('\n\n')}\n\nThe member's record:\n${link}\n`,
      html: htmlEmail(
        subject,
        `${lines.map((l) => `<p>${escapeHtml(l)}</p>`).join('')}${htmlButton(link, 'Open the record')}`,
      ),
    };
  }
}
