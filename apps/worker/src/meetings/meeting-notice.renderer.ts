import { Inject, Injectable } from '@nestjs/common';
import { randomBytes } from 'node:crypto';
import {
  CalendarInvitee,
  Clock,
  formatLondon,
  formatLondonRange,
  meetingCalendar,
  meetingCalendarFor,
  parseMailbox,
  RSVP_WORDING,
} from '@seg/rules';
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

/** What a member's copy of a meeting notice has of its own. */
interface OwnParts {
  greeting: string;
  rsvpUrl: string;
  offUrl: string;
  replyAddress: string;
}

/** What every invitee's copy of one notice of one meeting revision shares. */
interface SharedParts {
  kind: MeetingNoticeKind;
  meeting: MeetingRow;
  rsvp: RsvpResponse;
  invitedBy: MeetingInviter | null;
  payload: Record<string, unknown>;
}

/** A meeting's message rendered once, with the places where each member's own parts go. */
interface MeetingMessage {
  subject: string;
  text: Filler;
  html: Filler;
  listUnsubscribe: Filler;
  replyToName: string;
  calendar: (invitee: CalendarInvitee, stamp: Date) => string;
  method: 'REQUEST' | 'CANCEL';
  filename: string;
}

// Rendered messages kept: a few meetings' notices may be sending at once.
const KEPT_MESSAGES = 32;

/**
 * The four meeting notices. Each is rendered from the meeting as it is when sent, with the
 * invitee's RSVP links and an iCalendar object (METHOD:REQUEST, or CANCEL for a cancellation)
 * whose UID is the meeting's and whose SEQUENCE is its revision.
 *
 * A fan-out sends one meeting's notice to thousands: the message is rendered once per meeting
 * as it stands (and kind, reply so far, inviter), and each member's copy only fills in their own
 * parts (greeting, RSVP and unsubscribe links, reply address, their calendar lines); byte for
 * byte what rendering it whole gives (`renderWhole`).
 */
@Injectable()
export class MeetingNoticeRenderer implements NoticeRenderer {
  readonly kinds = ['meeting-invite', 'meeting-update', 'meeting-reminder', 'meeting-cancellation'] as const;
  private readonly messages = new Map<string, MeetingMessage>();

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly clock: Clock,
  ) {}

  render(notice: NoticeToSend): RenderedEmail | { skip: string } {
    const checked = this.check(notice);
    if ('skip' in checked) return checked;
    const { shared, invitationId } = checked;
    const key = JSON.stringify([shared.kind, shared.rsvp, shared.invitedBy, shared.payload, shared.meeting]);
    let message = this.messages.get(key);
    if (!message) {
      message = this.template(shared);
      if (this.messages.size >= KEPT_MESSAGES) this.messages.delete(this.messages.keys().next().value!);
      this.messages.set(key, message);
    }
    const own = this.ownParts(notice, shared, invitationId);
    const values = [own.greeting, own.rsvpUrl, own.offUrl];
    return {
      subject: message.subject,
      headers: {
        'List-Id': this.config.mail.listId,
        'List-Unsubscribe': message.listUnsubscribe.fill(values),
        'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
      },
      replyTo: { name: message.replyToName, address: own.replyAddress },
      text: message.text.fill(values),
      html: message.html.fill(values.map(escapeHtml)),
      calendar: {
        method: message.method,
        content: message.calendar(this.invitee(notice, shared, own), this.clock.now()),
        filename: message.filename,
      },
    };
  }

  /** The notice rendered on its own, from scratch: what `render` gives, the reference its tests hold it to. */
  renderWhole(notice: NoticeToSend): RenderedEmail | { skip: string } {
    const checked = this.check(notice);
    if ('skip' in checked) return checked;
    const { shared, invitationId } = checked;
    const own = this.ownParts(notice, shared, invitationId);
    const calendar = meetingCalendar({
      ...this.calendarInput(shared),
      invitee: this.invitee(notice, shared, own),
      stamp: this.clock.now(),
    });
    return compose(this.config, shared, own, calendar);
  }

  private check(
    notice: NoticeToSend,
  ): { shared: SharedParts & { meeting: { startsAt: Date; endsAt: Date } }; invitationId: string } | { skip: string } {
    if (!notice.invitationId) return { skip: 'A meeting notice without an invitation' };
    if (!notice.invitation) return { skip: 'The invitation no longer exists' };
    const { meeting, rsvp, invitedBy } = notice.invitation;
    const kind = notice.kind as MeetingNoticeKind;
    if (!meeting.startsAt || !meeting.endsAt) return { skip: 'The meeting has no date' };
    // An invite, update or reminder sent now would put a dead meeting back in calendars.
    if (kind !== 'meeting-cancellation' && meeting.status === 'cancelled')
      return { skip: 'The meeting was cancelled before this notice went out' };
    if (kind !== 'meeting-cancellation' && meeting.startsAt.getTime() <= this.clock.now().getTime())
      return { skip: 'The meeting had started before this notice went out' };
    return {
      shared: {
        kind,
        meeting: { ...meeting, startsAt: meeting.startsAt, endsAt: meeting.endsAt },
        rsvp,
        invitedBy,
        // Only an update's words come from its payload (what changed).
        payload: kind === 'meeting-update' ? notice.payload : {},
      },
      invitationId: notice.invitationId,
    };
  }

  private ownParts(notice: NoticeToSend, shared: SharedParts, invitationId: string): OwnParts {
    // Every meeting notice falls under a choice the member can turn off from the message itself.
    const choice = noticeChoiceOf(shared.kind, shared.meeting.kind)!;
    return {
      greeting: notice.memberName ? `Dear ${notice.memberName},` : 'Hello,',
      rsvpUrl: rsvpLink(this.config.publicUrl, this.config.auth.jwtSecret, invitationId),
      offUrl: unsubscribeLink(this.config.publicUrl, this.config.auth.jwtSecret, notice.memberId, choice),
      // The invitee's own reply address: the ORGANIZER their calendar answers, and Reply-To for
      // programs that answer the message instead; From stays MAIL_FROM.
      replyAddress: invitationReplyAddress(this.config.mail.bounceAddress, invitationId, this.config.auth.jwtSecret),
    };
  }

  private invitee(notice: NoticeToSend, shared: SharedParts, own: OwnParts): CalendarInvitee {
    return {
      name: notice.memberName ?? notice.toEmail,
      email: notice.toEmail,
      rsvp: shared.rsvp,
      rsvpUrl: own.rsvpUrl,
      replyAddress: own.replyAddress,
    };
  }

  private calendarInput(shared: SharedParts & { meeting: { startsAt: Date; endsAt: Date } }) {
    return {
      meeting: shared.meeting,
      mailFrom: this.config.mail.from,
      cancelled: shared.kind === 'meeting-cancellation',
    };
  }

  /** The message with a slot for each member's own part, in text and HTML alike. */
  private template(shared: SharedParts & { meeting: { startsAt: Date; endsAt: Date } }): MeetingMessage {
    const slots = Filler.slots(3);
    const own = { greeting: slots[0], rsvpUrl: slots[1], offUrl: slots[2], replyAddress: '' };
    const rendered = compose(this.config, shared, own, '');
    const cancelled = shared.kind === 'meeting-cancellation';
    return {
      subject: rendered.subject,
      text: new Filler(rendered.text, slots),
      html: new Filler(rendered.html!, slots),
      listUnsubscribe: new Filler(rendered.headers!['List-Unsubscribe'], slots),
      replyToName: rendered.replyTo!.name,
      calendar: meetingCalendarFor(this.calendarInput(shared)),
      method: cancelled ? 'CANCEL' : 'REQUEST',
      filename: cancelled ? 'cancel.ics' : 'invite.ics',
    };
  }
}

/**
 * A text with slots that each copy fills with its own values. The slots are private-use
 * characters around a random mark, which no meeting's text can hold by chance; every value is
 * put in as given (the HTML's already escaped).
 */
class Filler {
  private static readonly mark = randomBytes(6).toString('hex');
  private readonly parts: string[] = [];
  private readonly order: number[] = [];

  static slots(count: number): string[] {
    return Array.from({ length: count }, (_, i) => `\uE000${Filler.mark}.${i}\uE001`);
  }

  constructor(text: string, slots: string[]) {
    const pattern = new RegExp(`\uE000${Filler.mark}\\.(\\d+)\uE001`, 'g');
    let from = 0;
    for (const match of text.matchAll(pattern)) {
      this.parts.push(text.slice(from, match.index));
      this.order.push(Number(match[1]));
      from = match.index + match[0].length;
    }
    this.parts.push(text.slice(from));
    if (this.order.some((i) => i >= slots.length)) throw new Error('A slot out of range');
  }

  fill(values: readonly string[]): string {
    let text = this.parts[0];
    for (let i = 0; i < this.order.length; i++) text += values[this.order[i]] + this.parts[i + 1];
    return text;
  }
}

/** The whole message for one member: their own parts in the meeting's shared words. */
function compose(
  config: AppConfig,
  shared: SharedParts & { meeting: { startsAt: Date; endsAt: Date } },
  own: OwnParts,
  calendar: string,
): RenderedEmail {
  const { kind, meeting, rsvp, invitedBy } = shared;
  const { greeting, rsvpUrl, offUrl } = own;
  const cancelled = kind === 'meeting-cancellation';
  const choice = noticeChoiceOf(kind, meeting.kind)!;
  const stop = NOTICE_CHOICE_WORDING[choice].stop;
  const offLine = `Not wanted? ${stop}: ${offUrl}`;
  const when = formatLondonRange(meeting.startsAt, meeting.endsAt);
  const subject = `${SUBJECT_PREFIX[kind]}: ${meeting.title}, ${formatLondon(meeting.startsAt)}`;
  const lead = leadSentence(kind, meeting, invitedBy);
  const signature = signedBy(invitedBy, config.secretariatEmail);
  const changes = kind === 'meeting-update' ? whatChanged(shared.payload, meeting) : [];
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

  return {
    subject,
    // RFC 2919 and RFC 8058: large providers expect bulk mail to name its list and to offer an
    // unsubscribe that their own button performs by a POST, without the member signing in.
    headers: {
      'List-Id': config.mail.listId,
      'List-Unsubscribe': `<${offUrl}>`,
      'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
    },
    replyTo: { name: parseMailbox(config.mail.from).name ?? '', address: own.replyAddress },
    text,
    html,
    calendar: {
      method: cancelled ? 'CANCEL' : 'REQUEST',
      content: calendar,
      filename: cancelled ? 'cancel.ics' : 'invite.ics',
    },
  };
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
