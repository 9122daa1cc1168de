import { Inject, Injectable } from '@nestjs/common';
import { formatLondon } from '@seg/common';
import { APP_CONFIG, AppConfig } from '@seg/config';
import { escapeHtml, htmlButton, htmlEmail } from '../notices/email-layout';
import { NoticeRenderer, NoticeToSend, RenderedEmail } from '../notices/notice-renderer';

/**
 * The emails about a member's account: activation and password reset, each carrying a one-time
 * link, and the warning that the password was changed.
 */
@Injectable()
export class AccountNoticeRenderer implements NoticeRenderer {
  readonly kinds = ['activation', 'password-reset', 'password-changed'] as const;

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  render(notice: NoticeToSend): RenderedEmail | { skip: string } {
    const greeting = notice.memberName ? `Dear ${notice.memberName},` : 'Hello,';
    if (notice.kind === 'password-changed') return this.passwordChanged(notice, greeting);
    const token = notice.payload.token;
    if (typeof token !== 'string') return { skip: 'The one-time token of this notice is gone' };

    if (notice.kind === 'activation') {
      const link = `${this.config.publicUrl}/activate?token=${encodeURIComponent(token)}`;
      const subject = 'Your SEG Network account: choose a password';
      return {
        subject,
        text: `${greeting}\n\nThe secretariat of the RCGP Secure Environments Group has created your account on SEG Network, the group's membership and network directory.\n\nChoose your password here (the link works once, for 7 days):\n${link}\n\nIf you did not expect this email, you can ignore it.\n`,
        html: htmlEmail(
          subject,
          `<p>${escapeHtml(greeting)}</p><p>The secretariat of the RCGP Secure Environments Group has created your account on SEG Network, the group's membership and network directory.</p><p>Choose your password to sign in. The link works once, for 7 days.</p>${htmlButton(link, 'Choose my password')}<p>If you did not expect this email, you can ignore it.</p>`,
        ),
      };
    }
    const link = `${this.config.publicUrl}/reset-password?token=${encodeURIComponent(token)}`;
    const subject = 'Reset your SEG Network password';
    return {
      subject,
      text: `${greeting}\n\nSomeone asked to reset the password of your SEG Network account. If it was you, choose a new password here (the link works once, for 1 hour):\n${link}\n\nIf it was not you, ignore this email: your password stays as it is.\n`,
      html: htmlEmail(
        subject,
        `<p>${escapeHtml(greeting)}</p><p>Someone asked to reset the password of your SEG Network account. If it was you, choose a new password. The link works once, for 1 hour.</p>${htmlButton(link, 'Choose a new password')}<p>If it was not you, ignore this email: your password stays as it is.</p>`,
      ),
    };
  }

  /** Sent whenever a signed-in member changes their password, so a stolen login cannot do it quietly. */
  private passwordChanged(notice: NoticeToSend, greeting: string): RenderedEmail {
    const when = formatLondon(notice.createdAt);
    const link = `${this.config.publicUrl}/reset-password`;
    const subject = 'Your SEG Network password was changed';
    return {
      subject,
      text: `${greeting}\n\nThe password of your SEG Network account was changed on ${when}, and every other place you were signed in was signed out.\n\nIf this was you, there is nothing to do. If it was not, reset your password now and tell the secretariat:\n${link}\n`,
      html: htmlEmail(
        subject,
        `<p>${escapeHtml(greeting)}</p><p>The password of your SEG Network account was changed on ${escapeHtml(when)}, and every other place you were signed in was signed out.</p><p>If this was you, there is nothing to do. If it was not, reset your password now and tell the secretariat.</p>${htmlButton(link, 'Reset my password')}`,
      ),
    };
  }
}
