import { escapeHtml } from '@seg/links';
import { Inject, Injectable } from '@nestjs/common';
import { confirmDetailsLink } from '@seg/rules';
import { APP_CONFIG, AppConfig } from '@seg/config';
import { htmlButton, htmlEmail } from '../notices/email-layout';
import { NoticeRenderer, NoticeToSend, RenderedEmail } from '../notices/notice-renderer';
import type { SeenByOthers } from './confirm-details.job';

/**
 * The email asking a member to confirm their details: what other members see of them, one link
 * to say they are still right (a page that asks for the click) and one to change them.
 */
@Injectable()
export class ConfirmDetailsRenderer implements NoticeRenderer {
  readonly kinds = ['confirm-details'] as const;

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  render(notice: NoticeToSend): RenderedEmail | { skip: string } {
    const seen = notice.payload.seen as SeenByOthers | undefined;
    if (!seen) return { skip: 'The notice holds no details to show' };
    const again = notice.payload.round === 2;
    const confirmLink = confirmDetailsLink(this.config.publicUrl, this.config.auth.jwtSecret, notice.memberId);
    const editLink = `${this.config.publicUrl}/my/details`;
    const greeting = notice.memberName ? `Dear ${notice.memberName},` : 'Hello,';
    const subject = again
      ? 'Reminder: are your SEG Network details still right?'
      : 'Are your SEG Network details still right?';
    const intro = again
      ? 'Two weeks ago we asked you to check your details in the SEG Network directory, and have not heard back.'
      : 'Colleagues use the SEG Network directory to find and call each other. Please check that your details are still right.';
    const rows = shownRows(seen);
    const listing = seen.listed
      ? 'This is what other members see of you:'
      : 'You are not listed in the directory. If you were, other members would see:';
    return {
      subject,
      text: `${greeting}\n\n${intro}\n\n${listing}\n${rows.map(([k, v]) => `  ${k}: ${v}`).join('\n')}\n\nStill right? Say so here (the page asks you to press a button):\n${confirmLink}\n\nSomething to change? Sign in and edit your details:\n${editLink}\n`,
      html: htmlEmail(
        subject,
        `<p>${escapeHtml(greeting)}</p><p>${escapeHtml(intro)}</p><p>${escapeHtml(listing)}</p>` +
          `<table style="border-collapse:collapse;margin:0 0 16px">${rows
            .map(
              ([k, v]) =>
                `<tr><th style="text-align:left;vertical-align:top;padding:4px 16px 4px 0">${escapeHtml(k)}</th><td style="padding:4px 0">${escapeHtml(v)}</td></tr>`,
            )
            .join('')}</table>` +
          `<p><strong>Still right?</strong></p>${htmlButton(confirmLink, 'My details are still right')}` +
          `<p><strong>Something to change?</strong> <a href="${escapeHtml(editLink)}">Sign in and edit your details</a>.</p>`,
      ),
    };
  }
}

function shownRows(seen: SeenByOthers): [string, string][] {
  const hidden = 'shown to the secretariat only';
  return [
    ['Name', seen.title ? `${seen.title} ${seen.name}` : seen.name],
    ['Category', seen.category ?? 'none'],
    ['Region', seen.region ?? 'none'],
    ...(seen.posts.length ? [['Posts', seen.posts.join('; ')] as [string, string]] : []),
    ['Work email', seen.email ?? hidden],
    ['Phone', seen.phone ?? (seen.phoneGiven ? hidden : 'not given')],
    ['Works at', seen.establishments.length ? seen.establishments.join('; ') : 'none given'],
    ['Availability', seen.availability ?? 'not given'],
    ['About you', seen.bio ?? 'not given'],
  ];
}
