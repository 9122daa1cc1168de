import { PageOf } from '@seg/http';
import type { EmailStatus, NoticeStatus, RsvpResponse, RsvpSource } from '@seg/db';
import type { NoticeKind } from '@seg/notices';

/** One notice sent to an invitee and how its delivery went. */
export class NoticeState {
  id: string;
  kind: NoticeKind;
  revision: number | null;
  status: NoticeStatus;
  attempts: number;
  lastError: string | null;
  /** Held back by the day's sending limit until then (while queued); null: as soon as the rate allows. */
  notBefore: string | null;
  messageId: string | null;
  queuedAt: string;
  sentAt: string | null;
}

export class InviteeMember {
  id: string;
  name: string;
  /** Null to a representative when the invitee keeps their email for the secretariat. */
  email: string | null;
  /** Region code. */
  region: string | null;
  regionName: string | null;
  /** Category code. */
  category: string | null;
  categoryName: string | null;
  /** `bouncing` once a notice to the address was refused for good. */
  emailStatus: EmailStatus;
}

/** Another time the invitee proposed from their calendar program (COUNTER); never applied. */
export class CounterProposal {
  startsAt: string | null;
  endsAt: string | null;
  comment: string | null;
  receivedAt: string;
}

export class InviteeView {
  invitationId: string;
  member: InviteeMember;
  rsvp: RsvpResponse;
  respondedAt: string | null;
  /** How the reply came: the RSVP link, the web app, or a calendar program. Null before any reply. */
  rsvpSource: RsvpSource | null;
  /** The reply answered an earlier version of the meeting (before its time, venue or link changed). */
  answersEarlierRevision: boolean;
  counterProposal: CounterProposal | null;
  invitedAt: string;
  notices: NoticeState[];
}

export class RsvpCounts {
  invitees: number;
  accepted: number;
  tentative: number;
  declined: number;
  noReply: number;
}

export class NoticeCounts {
  queued: number;
  sent: number;
  failed: number;
  bounced: number;
  suppressed: number;
  /** Of those queued, how many wait for a later day (the day's sending limit is used up). */
  laterDays: number;
  /** About when the last queued notice goes (ISO 8601, London offset); null when none is queued. */
  lastGoesAt: string | null;
}

export class InvitationTotals extends RsvpCounts {
  notices: NoticeCounts;
}

export class InvitationsPage extends PageOf(InviteeView) {
  totals: InvitationTotals;
}

export class AttendanceGroup extends RsvpCounts {
  code: string | null;
  name: string;
  /** How many of the group came (invited or not; withdrawn attendance left out). */
  attended: number;
}

export class AttendanceTotals extends RsvpCounts {
  /** How many came (invited or not; withdrawn attendance left out). */
  attended: number;
}

/** Replies and attendance, in all and by region and category. */
export class Attendance {
  meetingId: string;
  totals: AttendanceTotals;
  byRegion: AttendanceGroup[];
  byCategory: AttendanceGroup[];
}
