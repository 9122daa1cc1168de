import { escapeHtml } from '@seg/links';
import { formatLondonRange, RSVP_WORDING } from '@seg/rules';
import { RSVP_REPLIES } from '../meetings/dto/rsvp.dto';
import { linkPage as page } from '../link-page/link-page';
import type { RsvpLink } from './rsvp.service';

function details(link: Extract<RsvpLink, { invitation: unknown }>): string {
  const m = link.invitation.meeting;
  const when = m.startsAt && m.endsAt ? formatLondonRange(m.startsAt, m.endsAt) : 'to be confirmed';
  const rows = [
    ['When', escapeHtml(when)],
    ...(m.venue ? [['Where', escapeHtml(m.venue)]] : []),
    ...(m.onlineUrl ? [['Online', `<a href="${escapeHtml(m.onlineUrl)}">${escapeHtml(m.onlineUrl)}</a>`]] : []),
  ];
  return `<dl>${rows.map(([k, v]) => `<dt>${k}</dt><dd>${v}</dd>`).join('')}</dl>`;
}

/** The page an RSVP link opens: the meeting and one button per reply. Opening it changes nothing. */
export function rsvpPage(
  link: RsvpLink,
  options: { chosen?: string; saved?: boolean } = {},
): { status: number; html: string } {
  if (link.state === 'invalid') {
    return {
      status: 404,
      html: page(
        'Link not recognised',
        `<h1>This link is not recognised</h1><p>Please check that you copied the whole address from the email, or reply from the meetings page after signing in.</p>`,
      ),
    };
  }
  if (link.state === 'ended') {
    return {
      status: 410,
      html: page(
        'Link no longer works',
        `<h1>This link no longer works</h1><p>The membership it was sent for has ended. If you think this is a mistake, please contact the SEG secretariat.</p>`,
      ),
    };
  }
  const m = link.invitation.meeting;
  const title = escapeHtml(m.title);
  if (link.state !== 'open') {
    const why = {
      cancelled: 'This meeting has been cancelled',
      'not-scheduled': 'This meeting is not scheduled',
      over: 'This meeting is over',
    }[link.state];
    return {
      status: 410,
      html: page(
        why,
        `<h1>${title}</h1><p class="notice" role="status">${why}, so replies are closed.</p>${details(link)}`,
      ),
    };
  }
  const current = link.invitation.rsvp;
  const chosen = RSVP_REPLIES.find((r) => r === options.chosen);
  const status = options.saved
    ? `<p class="notice" role="status">Thank you, ${escapeHtml(link.invitation.memberName)}. Your reply is recorded: <strong>${RSVP_WORDING[current]}</strong>. You can change it below until the meeting starts.</p>`
    : `<p>Dear ${escapeHtml(link.invitation.memberName)}, your reply so far: <strong>${RSVP_WORDING[current]}</strong>.</p>`;
  const prompt = chosen && !options.saved ? `Confirm your reply: press “${RSVP_WORDING[chosen]}”` : 'Will you attend?';
  // The reply asked for by the email's button is the filled one; the reply so far is marked in
  // words, so the two never look alike.
  const buttons = RSVP_REPLIES.map((r) => {
    const cls = r === chosen && !options.saved ? ' class="primary"' : '';
    const now = r === current ? ' <span class="now">(your reply now)</span>' : '';
    return `<button type="submit" name="response" value="${r}"${cls} aria-pressed="${r === current}">${RSVP_WORDING[r]}${now}</button>`;
  }).join('\n');
  // The form posts back to this same address: nothing is recorded until a button is pressed.
  return {
    status: 200,
    html: page(
      m.title,
      `<h1>${title}</h1>${status}${details(link)}<form method="post"><fieldset><legend>${escapeHtml(prompt)}</legend>\n${buttons}\n</fieldset></form>`,
    ),
  };
}
