import type { MeetingKind, NoticeChoice, RsvpResponse } from '@seg/db';
import { NOTICE_KINDS, NoticeKind } from './notice-kinds';

/** How members and the secretariat read each choice (My details, the unsubscribe page, the members list). */
export const NOTICE_CHOICE_WORDING: Record<NoticeChoice, { label: string; covers: string; stop: string }> = {
  'hub-meetings': {
    label: 'Hub meetings and national events',
    stop: 'Stop emails about hub meetings and national events',
    covers:
      'invitations to meetings of the national group (the hub), the Health and Justice Summit and other national events, with their changes and cancellations',
  },
  'regional-meetings': {
    label: 'Regional meetings',
    stop: 'Stop emails about regional meetings',
    covers: 'invitations to regional meetings, with their changes and cancellations',
  },
  reminders: {
    label: 'Reminders',
    stop: 'Stop meeting reminders',
    covers: 'the reminder sent before a meeting you are going to or have not answered yet',
  },
};

/**
 * Meeting notices are the kinds sent to a meeting's invitees: they carry List-Id and one-click
 * unsubscribe and can be turned off. Account emails (sent to one member) can be neither.
 */
export function isMeetingNotice(kind: NoticeKind): boolean {
  return NOTICE_KINDS[kind].to !== 'member';
}

/**
 * The choice a meeting notice falls under: a reminder is a reminder whatever the meeting; every
 * other notice follows its meeting's kind (a regional meeting, or the national group's: hub,
 * summit, other). Null for account emails.
 */
export function noticeChoiceOf(kind: NoticeKind, meetingKind: MeetingKind): NoticeChoice | null {
  if (!isMeetingNotice(kind)) return null;
  if (kind === 'meeting-reminder') return 'reminders';
  return meetingKind === 'regional' ? 'regional-meetings' : 'hub-meetings';
}

/**
 * Whether a member's choices hold a notice back, and why. A change or cancellation still reaches
 * an invitee who said they are coming (or might): they would otherwise travel to a meeting that
 * moved or was called off.
 */
export function heldBackByChoice(
  kind: NoticeKind,
  meeting: { kind: MeetingKind },
  rsvp: RsvpResponse,
  noticesOff: readonly NoticeChoice[],
): string | null {
  const choice = noticeChoiceOf(kind, meeting.kind);
  if (!choice || !noticesOff.includes(choice)) return null;
  const coming = rsvp === 'accepted' || rsvp === 'tentative';
  if (coming && (kind === 'meeting-update' || kind === 'meeting-cancellation')) return null;
  return `Not sent: the member turned off ${NOTICE_CHOICE_WORDING[choice].label.toLowerCase()}`;
}
