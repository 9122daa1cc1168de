import { Inject, Injectable } from '@nestjs/common';
import { Clock, formatLondon, formatLondonRange, meetingCalendar, parseMailbox, RSVP_WORDING } from '@seg/rules';
import { escapeHtml, invitationReplyAddress, rsvpLink, unsubscribeLink } from '@seg/links';
import { APP_CONFIG, AppConfig } from '@seg/config';
import type { RsvpResponse } from '@seg/db';
import { NOTICE_CHOICE_WORDING, noticeChoiceOf, type NoticeKind } from '@seg/notices';
import { htmlButton, htmlEmail } from '../notices/email-layout';
import { MeetingInviter, MeetingRow, NoticeRenderer, NoticeToSend, RenderedEmail } from '../notices/notice-renderer';

type MeetingNoticeKind = Extract<NoticeKind, `meeting-${string}`>;

// The one wording of a reply (RSVP_WORDING), as the RSVP page's buttons say it.
const REPLIES = (['accepted', 'tentative', 'declined'] as const).map((response) => ({
  response,
  label: RSVP_WORDING[response],
}));

function replySoFar(rsvp: RsvpResponse): string {
  return `Your reply so far: ${RSVP_WORDING[rsvp]}.`;
}

/**
 * The four meeting notices. Each is rendered from the meeting as it is when sent, with the
 * invitee's RSVP links and an iCalendar object (METHOD:REQUEST, or CANCEL for a cancellation)
 * whose UID is the meeting's and whose SEQUENCE is its revision.
 */
@Injectable()
export class MeetingNoticeRenderer implements NoticeRenderer {
  readonly kinds = ['meeting-invite', 'meeting-update', 'meeting-reminder', 'meeting-cancellation'] as const;
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly clock: Clock,
  ) {}

  render(notice: NoticeToSend): RenderedEmail | { skip: string } {
    if (!notice.invitationId) return { skip: 'A meeting notice without an invitation' };
    if (!notice.invitation) return { skip: 'The invitation no longer exists' };
    const { meeting, rsvp, invitedBy } = notice.invitation;
    const invitationId = notice.invitationId;
    const memberName = notice.memberName;
    const kind = notice.kind as MeetingNoticeKind;
    if (!meeting.startsAt || !meeting.endsAt) return { skip: 'The meeting has no date' };
    // An invite, update or reminder sent now would put a dead meeting back in calendars.
    if (kind !== 'meeting-cancellation' && meeting.status === 'cancelled')
      return { skip: 'The meeting was cancelled before this notice went out' };
    if (kind !== 'meeting-cancellation' && meeting.startsAt.getTime() <= this.clock.now().getTime())
      return { skip: 'The meeting had started before this notice went out' };

    const cancelled = kind === 'meeting-cancellation';
    // Every meeting notice falls under a choice the member can turn off from the message itself.
    const choice = noticeChoiceOf(kind, meeting.kind)!;
    const offUrl = unsubscribeLink(this.config.publicUrl, this.config.auth.jwtSecret, notice.memberId, choice);
    const stop = NOTICE_CHOICE_WORDING[choice].stop;
    const offLine = `Not wanted? ${stop}: ${offUrl}`;
    const rsvpUrl = rsvpLink(this.config.publicUrl, this.config.auth.jwtSecret, invitationId);
    const when = formatLondonRange(meeting.startsAt, meeting.endsAt);
    const subject = `${SUBJECT_PREFIX[kind]}: ${meeting.title}, ${formatLondon(meeting.startsAt)}`;
    const greeting = memberName ? `Dear ${memberName},` : 'Hello,';
    const lead = leadSentence(kind, meeting, invitedBy);
    const signature = signedBy(invitedBy, this.config.secretariatEmail);
    const changes = kind === 'meeting-update' ? whatChanged(notice.payload, meeting) : [];
    const details: [string, string][] = [
      ['When', when],
      ...(meeting.venue ? [['Where', meeting.venue] as [string, string]] : []),
      ...(meeting.onlineUrl ? [['Online', meeting.onlineUrl] as [string, string]] : []),
    ];

    const text = [
      greeting,
      '',
      lead,
      ...changes.map((c) => `- ${c}`),
      '',
      meeting.title,
      ...details.map(([k, v]) => `${k}: ${v}`),
      ...(meeting.agenda ? ['', 'Agenda:', meeting.agenda] : []),
      '',
      ...(cancelled
        ? ['Your calendar will remove the meeting when you open the attached invitation.']
        : [
            replySoFar(rsvp),
            'Reply here (the page asks you to confirm):',
            ...REPLIES.map((r) => `  ${r.label}: ${rsvpUrl}?response=${r.response}`),
            '',
            'Or open the attached invitation in your calendar.',
          ]),
      '',
      ...signature,
      '',
      offLine,
      '',
    ].join('\n');

    const html = htmlEmail(
      subject,
      [
        `<p>${escapeHtml(greeting)}</p>`,
        `<p>${escapeHtml(lead)}</p>`,
        changes.length ? `<ul>${changes.map((c) => `<li>${escapeHtml(c)}</li>`).join('')}</ul>` : '',
        `<h1 style="font-size:22px;margin:16px 0">${escapeHtml(meeting.title)}</h1>`,
        `<table role="presentation" style="border-collapse:collapse;margin:0 0 16px">${details
          .map(
            ([k, v]) =>
              `<tr><th scope="row" style="text-align:left;padding:4px 16px 4px 0;vertical-align:top">${k}</th><td style="padding:4px 0">${k === 'Online' ? `<a href="${escapeHtml(v)}">${escapeHtml(v)}</a>` : escapeHtml(v)}</td></tr>`,
          )
          .join('')}</table>`,
        meeting.agenda
          ? `<h2 style="font-size:18px">Agenda</h2><p style="white-space:pre-line">${escapeHtml(meeting.agenda)}</p>`
          : '',
        cancelled
          ? '<p>Your calendar will remove the meeting when you open the attached invitation.</p>'
          : `<p>${escapeHtml(replySoFar(rsvp))} Will you attend?</p>${htmlButton(`${rsvpUrl}?response=accepted`, 'Reply to this invitation')}<p>${REPLIES.map((r) => `<a href="${escapeHtml(`${rsvpUrl}?response=${r.response}`)}">${escapeHtml(r.label)}</a>`).join(' &middot; ')}</p><p style="font-size:13px;color:#505a5f">The page asks you to confirm: opening a link changes nothing.</p>`,
        `<p>${signature.map(escapeHtml).join('<br>')}</p>`,
        `<p style="font-size:13px;color:#505a5f;border-top:1px solid #d0d4d6;padding-top:12px">Not wanted? <a href="${escapeHtml(offUrl)}">${escapeHtml(stop)}</a>, or choose in My details.</p>`,
      ].join('\n'),
    );

    // The invitee's own reply address: the ORGANIZER their calendar answers, and Reply-To for
    // programs that answer the message instead; From stays MAIL_FROM.
    const replyAddress = invitationReplyAddress(
      this.config.mail.bounceAddress,
      invitationId,
      this.config.auth.jwtSecret,
    );
    const calendar = meetingCalendar({
      meeting: { ...meeting, startsAt: meeting.startsAt, endsAt: meeting.endsAt },
      mailFrom: this.config.mail.from,
      invitee: { name: memberName ?? notice.toEmail, email: notice.toEmail, rsvp, rsvpUrl, replyAddress },
      cancelled,
    });
    return {
      subject,
      // RFC 2919 and RFC 8058: large providers expect bulk mail to name its list and to offer an
      // unsubscribe that their own button performs by a POST, without the member signing in.
      headers: {
        'List-Id': this.config.mail.listId,
        'List-Unsubscribe': `<${offUrl}>`,
        'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
      },
      replyTo: { name: parseMailbox(this.config.mail.from).name ?? '', address: replyAddress },
      text,
      html,
      calendar: {
        method: cancelled ? 'CANCEL' : 'REQUEST',
        content: calendar,
        filename: cancelled ? 'cancel.ics' : 'invite.ics',
      },
    };
  }
}

const SUBJECT_PREFIX: Record<MeetingNoticeKind, string> = {
  'meeting-invite': 'Invitation',
  'meeting-update': 'Updated',
  'meeting-reminder': 'Reminder',
  'meeting-cancellation': 'Cancelled',
};

/** A representative's meeting is theirs: they invite, with their post, and the secretariat stays the contact. */
function leadSentence(kind: MeetingNoticeKind, meeting: MeetingRow, invitedBy: MeetingInviter | null): string {
  switch (kind) {
    case 'meeting-invite':
      return invitedBy
        ? `${invitedBy.name}, ${invitedBy.post} for ${invitedBy.regionName}, invites you to this meeting.`
        : 'The secretariat of the RCGP Secure Environments Group invites you to this meeting.';
    case 'meeting-update':
      return 'This meeting has changed:';
    case 'meeting-reminder':
      return `A reminder: this meeting starts on ${formatLondon(meeting.startsAt!)}.`;
    case 'meeting-cancellation':
      return 'This meeting has been cancelled.';
  }
}

function signedBy(invitedBy: MeetingInviter | null, secretariatEmail: string): string[] {
  if (!invitedBy) return ['The secretariat, RCGP Secure Environments Group'];
  return [
    `${invitedBy.name}, ${invitedBy.post} for ${invitedBy.regionName}`,
    'RCGP Secure Environments Group',
    `Questions about the meeting: the secretariat, ${secretariatEmail}`,
  ];
}

/**
 * An update's changes in words, from the old values the notice carries (`was`) and the meeting
 * as it now is: "The time: was Tue 3 March 2026, 10:00 to 12:00; now Wed 4 March 2026, 14:00 to 16:00".
 */
function whatChanged(payload: Record<string, unknown>, meeting: MeetingRow): string[] {
  const was = (payload.was ?? {}) as Partial<Record<'startsAt' | 'endsAt' | 'venue' | 'onlineUrl', string | null>>;
  const lines: string[] = [];
  if ('startsAt' in was || 'endsAt' in was) {
    const oldStart = was.startsAt ? new Date(was.startsAt) : meeting.startsAt!;
    const oldEnd = was.endsAt ? new Date(was.endsAt) : meeting.endsAt!;
    lines.push(
      `The time: was ${formatLondonRange(oldStart, oldEnd)}; now ${formatLondonRange(meeting.startsAt!, meeting.endsAt!)}`,
    );
  }
  if ('venue' in was) lines.push(changeLine('The venue', was.venue ?? null, meeting.venue));
  if ('onlineUrl' in was) lines.push(changeLine('The online link', was.onlineUrl ?? null, meeting.onlineUrl));
  // Sent before old values were recorded: the details below are still right.
  return lines.length ? lines : ['See the details below as they now stand.'];
}

function changeLine(what: string, before: string | null, now: string | null): string {
  if (!before) return `${what}: now ${now}`;
  if (!now) return `${what}: was ${before}; there is none now`;
  return `${what}: was ${before}; now ${now}`;
}
