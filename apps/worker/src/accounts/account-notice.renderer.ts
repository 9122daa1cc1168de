import { escapeHtml } from '@seg/links';
import { Inject, Injectable } from '@nestjs/common';
import { formatLondon } from '@seg/rules';
import { APP_CONFIG, AppConfig } from '@seg/config';
import { htmlButton, htmlEmail } from '../notices/email-layout';
import { NoticeRenderer, NoticeToSend, RenderedEmail } from '../notices/notice-renderer';

/**
 * The emails about a member's account: activation, password reset, email change and sign-in,
 * each carrying a one-time link, and the warnings that the password or the address was changed.
 */
@Injectable()
export class AccountNoticeRenderer implements NoticeRenderer {
  readonly kinds = [
    'activation',
    'password-reset',
    'password-changed',
    'email-change',
    'email-changed',
    'sign-in',
  ] as const;

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  render(notice: NoticeToSend): RenderedEmail | { skip: string } {
    const greeting = notice.memberName ? `Dear ${notice.memberName},` : 'Hello,';
    if (notice.kind === 'password-changed') return this.passwordChanged(notice, greeting);
    if (notice.kind === 'email-changed') return this.emailChanged(notice, greeting);
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
    if (notice.kind === 'email-change') return this.emailChange(token, greeting);
    if (notice.kind === 'sign-in') return this.signIn(token, greeting);
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

  /** To the new address: the address changes only when its owner follows the link. */
  private emailChange(token: string, greeting: string): RenderedEmail {
    const link = `${this.config.publicUrl}/confirm-email?token=${encodeURIComponent(token)}`;
    const subject = 'Confirm your new SEG Network email address';
    return {
      subject,
      text: `${greeting}\n\nYour SEG Network account is to use this email address from now on. Confirm it here (the link works once, for 24 hours):\n${link}\n\nUntil you do, emails keep going to your old address. If you did not expect this, ignore this email and tell the secretariat.\n`,
      html: htmlEmail(
        subject,
        `<p>${escapeHtml(greeting)}</p><p>Your SEG Network account is to use this email address from now on. Confirm it to make the change; the link works once, for 24 hours.</p>${htmlButton(link, 'Confirm my new address')}<p>Until you do, emails keep going to your old address. If you did not expect this, ignore this email and tell the secretariat.</p>`,
      ),
    };
  }

  /** Asked for from the sign-in page; sent only to the account's own address. */
  private signIn(token: string, greeting: string): RenderedEmail {
    const link = `${this.config.publicUrl}/sign-in-link?token=${encodeURIComponent(token)}`;
    const subject = 'Your link to sign in to SEG Network';
    return {
      subject,
      text: `${greeting}\n\nSomeone asked for a link to sign in to your SEG Network account. If it was you, sign in here (the link works once, for 15 minutes):\n${link}\n\nIf it was not you, ignore this email: nobody can use the link without it, and your password stays as it is.\n`,
      html: htmlEmail(
        subject,
        `<p>${escapeHtml(greeting)}</p><p>Someone asked for a link to sign in to your SEG Network account. If it was you, sign in with it. The link works once, for 15 minutes.</p>${htmlButton(link, 'Sign me in')}<p>If it was not you, ignore this email: nobody can use the link without it, and your password stays as it is.</p>`,
      ),
    };
  }

  /** To the old address: a change of address is how an account would be taken over. */
  private emailChanged(notice: NoticeToSend, greeting: string): RenderedEmail {
    const newEmail = typeof notice.payload.newEmail === 'string' ? notice.payload.newEmail : 'a new address';
    const subject = 'Your SEG Network email address is being changed';
    return {
      subject,
      text: `${greeting}\n\nA change of the email address of your SEG Network account to ${newEmail} was asked for on ${formatLondon(notice.createdAt)}. It takes effect once confirmed from that address.\n\nIf you did not ask for this, tell the secretariat at once: ${this.config.secretariatEmail}\n`,
      html: htmlEmail(
        subject,
        `<p>${escapeHtml(greeting)}</p><p>A change of the email address of your SEG Network account to <strong>${escapeHtml(newEmail)}</strong> was asked for on ${escapeHtml(formatLondon(notice.createdAt))}. It takes effect once confirmed from that address.</p><p>If you did not ask for this, tell the secretariat at once: <a href="mailto:${escapeHtml(this.config.secretariatEmail)}">${escapeHtml(this.config.secretariatEmail)}</a></p>`,
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
