import type { EmailStatus, meetings, NoticeChoice, notices, RsvpResponse } from '@seg/db';
import type { NoticeKind } from '@seg/notices';

export type NoticeRow = typeof notices.$inferSelect;
export type MeetingRow = typeof meetings.$inferSelect;

/**
 * A notice with everything a renderer reads, loaded in one query: the member's name and, for a
 * meeting notice, the invitation's RSVP and its meeting as they are now.
 */
export interface NoticeToSend extends Omit<NoticeRow, 'kind'> {
  kind: NoticeKind;
  /** Null when the member is gone. */
  memberName: string | null;
  /** Null when the member is gone. */
  memberEmailStatus: EmailStatus | null;
  /** The kinds of meeting notice the member turned off; empty when the member is gone. */
  memberNoticesOff: NoticeChoice[];
  /** Null when the notice has no invitation or it is gone. */
  invitation: { rsvp: RsvpResponse; meeting: MeetingRow; invitedBy: MeetingInviter | null } | null;
}

/** Who invited, when a representative called the meeting by their post in its region. */
export interface MeetingInviter {
  name: string;
  post: string;
  regionName: string;
}

/** An email ready for nodemailer: both parts, and for meeting notices the iCalendar object. */
export interface RenderedEmail {
  subject: string;
  text: string;
  /** Left out for a plain-text email (a member's message). */
  html?: string;
  /** Header fields of the message's own (meeting notices: List-Id and one-click unsubscribe). */
  headers?: Record<string, string>;
  /** Where a reply to the message goes, when not to MAIL_FROM. */
  replyTo?: { name: string; address: string };
  /** RFC 5545 text; sent as a text/calendar part with the given METHOD and as an .ics attachment. */
  calendar?: { method: 'REQUEST' | 'CANCEL'; content: string; filename: string };
  /** Files attached (a certificate's PDF). */
  attachments?: { filename: string; content: Buffer; contentType: string }[];
}

/**
 * Renders the notices of some kinds. A renderer may return null when the notice no longer makes
 * sense (its meeting was deleted, say): the notice is then recorded as failed with that reason.
 */
export interface NoticeRenderer {
  readonly kinds: readonly NoticeKind[];
  render(notice: NoticeToSend): RenderedEmail | { skip: string } | Promise<RenderedEmail | { skip: string }>;
}

/** Injection token: the array of every renderer the worker knows. */
export const NOTICE_RENDERERS = Symbol('NOTICE_RENDERERS');
