import type { RsvpResponse } from '@seg/db';

/**
 * Every kind of notice (email) the system sends, and who receives it. This is the one list:
 * a new kind is an entry here plus a renderer in the worker (the worker refuses to start when
 * a kind has none).
 *
 * - `member`: one member, named by the caller with the address to write to (`NoticeOutbox.add`).
 * - `invitees`: every current (invited or active) invitee of a meeting whose reply is one of `rsvps`
 *   (`NoticeOutbox.addToInvitees`).
 * - `new-invitations`: each invitation an invitation call has just written, in the same
 *   statement (`newInvitationNotices`).
 *
 * `suppressedWhenBouncing`: the worker does not send it to a member whose address bounces.
 * `account`: an account email (activation, password reset, a new address's link): someone waits
 * for it with the sign-in page open, so it goes ahead of every other notice in the queue and is
 * never planned for a later day; only a day limit truly used up holds it back.
 */
export const NOTICE_KINDS = {
  // Account emails still go to an address that bounces, so the member can sign in and fix it.
  activation: { to: 'member', suppressedWhenBouncing: false, account: true },
  'password-reset': { to: 'member', suppressedWhenBouncing: false, account: true },
  'password-changed': { to: 'member', suppressedWhenBouncing: false, account: true },
  /** A link that signs the member in once (`payload.token`): their way in while sign-in is throttled. */
  'sign-in': { to: 'member', suppressedWhenBouncing: false, account: true },
  /** The link that confirms a new address, sent to that address (`payload.token`). */
  'email-change': { to: 'member', suppressedWhenBouncing: false, account: true },
  /** The old address is told of the change asked for (`payload.newEmail`): how a takeover would start. */
  'email-changed': { to: 'member', suppressedWhenBouncing: false, account: true },
  /**
   * The daily run asks a member to confirm their details (`payload.round`: 1, then 2 if
   * unanswered), showing what other members see of them. Not sent to an address that bounces:
   * such a member goes on the not-confirmed list instead.
   */
  'confirm-details': { to: 'member', suppressedWhenBouncing: true, account: false },
  /**
   * To the secretariat (SECRETARIAT_EMAIL) about the member who asked to be erased
   * (`payload.requestId`); the member's own address plays no part, so a bounce does not stop it.
   */
  'erasure-requested': { to: 'member', suppressedWhenBouncing: false, account: false },
  /**
   * A certificate of attendance, once the meeting has closed (`payload.attendanceId`), its PDF
   * attached. Held back from an address that bounces: the member downloads it from My learning.
   */
  'attendance-certificate': { to: 'member', suppressedWhenBouncing: true, account: false },
  /**
   * A message from another member whose address this member's own is hidden from
   * (`payload.messageId`, `senderId`, `subject`, `text`): Reply-To the sender. The subject and
   * text leave the row once the notice leaves the queue (drizzle/functions/60-member-message-text.sql).
   */
  'member-message': { to: 'member', suppressedWhenBouncing: true, account: false },
  // Meeting notices stop for a member whose address bounces.
  'meeting-invite': { to: 'new-invitations', suppressedWhenBouncing: true, account: false },
  /** Everyone but those who declined hears of a change. */
  'meeting-update': {
    to: 'invitees',
    rsvps: ['needs-action', 'accepted', 'tentative'],
    suppressedWhenBouncing: true,
    account: false,
  },
  /** A reminder goes to those coming or who have not answered. */
  'meeting-reminder': {
    to: 'invitees',
    rsvps: ['accepted', 'needs-action'],
    suppressedWhenBouncing: true,
    account: false,
  },
  /** Everyone invited hears of a cancellation, even those who declined. */
  'meeting-cancellation': {
    to: 'invitees',
    rsvps: ['needs-action', 'accepted', 'tentative', 'declined'],
    suppressedWhenBouncing: true,
    account: false,
  },
} as const satisfies Record<string, NoticeKindRule>;

/** Who receives a notice of a kind, whether it is held back from an address that bounces, and whether it is an account email. */
export type NoticeKindRule = (
  { to: 'member' } | { to: 'new-invitations' } | { to: 'invitees'; rsvps: readonly RsvpResponse[] }
) & { suppressedWhenBouncing: boolean; account: boolean };
export type NoticeRecipients = NoticeKindRule['to'];

export type NoticeKind = keyof typeof NOTICE_KINDS;
type KindTo<T extends NoticeRecipients> = {
  [K in NoticeKind]: (typeof NOTICE_KINDS)[K]['to'] extends T ? K : never;
}[NoticeKind];
/** Kinds written for one member at a time. */
export type MemberNoticeKind = KindTo<'member'>;
/** Kinds written to a meeting's invitees by their reply. */
export type InviteeNoticeKind = KindTo<'invitees'>;
/** Kinds written with the invitations an invitation call creates. */
export type NewInvitationNoticeKind = KindTo<'new-invitations'>;

export function isNoticeKind(kind: string): kind is NoticeKind {
  return Object.hasOwn(NOTICE_KINDS, kind);
}
