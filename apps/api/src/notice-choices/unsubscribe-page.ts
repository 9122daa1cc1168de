import { escapeHtml } from '@seg/links';
import { NOTICE_CHOICE_WORDING } from '@seg/notices';
import { linkPage } from '../link-page/link-page';
import type { UnsubscribeLink } from './notice-choices.service';

/**
 * The page an unsubscribe link opens, and the answer to its button: what the kind covers, what
 * still comes, and how to turn it back on. Opening it changes nothing.
 */
export function unsubscribePage(
  link: UnsubscribeLink,
  options: { myDetailsUrl: string; done?: boolean },
): { status: number; html: string } {
  if (link.state === 'invalid') {
    return {
      status: 404,
      html: linkPage(
        'Link not recognised',
        `<h1>This link is not recognised</h1><p>Please check that you copied the whole address from the email. You can also choose which emails you get under My details after signing in.</p>`,
      ),
    };
  }
  if (link.state === 'ended') {
    return {
      status: 410,
      html: linkPage(
        'Link no longer works',
        `<h1>This link no longer works</h1><p>The membership it was sent for has ended, so no meeting notices are sent to it. If you think this is a mistake, please contact the SEG secretariat.</p>`,
      ),
    };
  }
  const wording = NOTICE_CHOICE_WORDING[link.choice];
  const off = link.member.noticesOff.includes(link.choice);
  const backOn = `<p>To get them again, sign in and tick “${escapeHtml(wording.label)}” under <a href="${escapeHtml(options.myDetailsUrl)}">My details</a>, Meeting emails.</p>`;
  const stillCome =
    '<p>Other meeting emails you have not turned off, and emails about your account (signing in, password), still come.</p>';
  if (off) {
    const status = options.done
      ? `<p class="notice" role="status">Done, ${escapeHtml(link.member.name)}: you will no longer get ${escapeHtml(wording.covers)}.</p>`
      : `<p class="notice" role="status">${escapeHtml(wording.label)}: already turned off for ${escapeHtml(link.member.name)}. You get none of ${escapeHtml(wording.covers)}.</p>`;
    return {
      status: 200,
      html: linkPage(
        `${wording.label}: turned off`,
        `<h1>${escapeHtml(wording.label)}: turned off</h1>${status}${stillCome}${backOn}`,
      ),
    };
  }
  // The form posts back to this same address with the body a mail program's own button sends
  // (RFC 8058): nothing changes until the button is pressed.
  return {
    status: 200,
    html: linkPage(
      wording.stop,
      `<h1>${escapeHtml(wording.stop)}?</h1>
<p>Dear ${escapeHtml(link.member.name)}, the button below turns off ${escapeHtml(wording.covers)}.</p>
${link.choice === 'reminders' ? '' : '<p>If you have said you are coming to a meeting, you will still hear if it changes or is cancelled.</p>'}
${stillCome}
<form method="post"><input type="hidden" name="List-Unsubscribe" value="One-Click"><button type="submit" class="primary">${escapeHtml(wording.stop)}</button></form>
${backOn}`,
    ),
  };
}
