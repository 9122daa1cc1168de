import { PageOf } from '@seg/http';
import type { MailProvider } from '@seg/config';
import type { MeetingKind, MeetingStatus, RsvpResponse } from '@seg/db';
import type { LONDON_TZID } from '@seg/rules';

/** The region a regional meeting belongs to. */
export class MeetingRegion {
  code: string;
  name: string;
}

export class MeetingSummit {
  number: number;
  year: number | null;
  theme: string | null;
}

/** A meeting as the API shows it: times in London with their GMT/BST offset. */
export class MeetingView {
  id: string;
  title: string;
  kind: MeetingKind;
  agenda: string | null;
  /** ISO 8601 with the London offset. */
  startsAt: string | null;
  endsAt: string | null;
  timeZone: typeof LONDON_TZID;
  venue: string | null;
  onlineUrl: string | null;
  status: MeetingStatus;
  /** The iCalendar SEQUENCE: raised by each change of time, venue or link. */
  revision: number;
  isOver: boolean;
  summit: MeetingSummit | null;
  /** The region whose representatives run the meeting with the secretariat; null for none. */
  region: MeetingRegion | null;
  /** The viewer may change, invite to, follow and cancel it (the secretariat, or a representative of its region). */
  mayRun: boolean;
  /** The learning (CPD) hours it counts for; null when the organiser has not set them. */
  cpdHours: number | null;
  /** What attendees will have learnt, as the certificate lists it. */
  learningOutcomes: string[];
  cancelledAt: string | null;
  createdAt: string;
  updatedAt: string;
  /** The viewer's own reply, when invited. */
  rsvp: RsvpResponse | null;
}

export class MeetingPage extends PageOf(MeetingView) {}

/** Members of the audience left out because they are no longer current members, by reason. */
export class SkippedMembers {
  suspended: number;
  left: number;
}

export class InviteResult {
  invited: number;
  alreadyInvited: number;
  skipped: SkippedMembers;
}

/** How long the invitations would take to go out, at the mail provider's limits. */
export class DeliveryEstimateView {
  /** The invitations the call would send. */
  notices: number;
  /** Notices already waiting to go before them. */
  ahead: number;
  /** Whose limits: MAIL_PROVIDER. */
  provider: MailProvider;
  /** Emails a minute, for all workers together. */
  ratePerMinute: number;
  /** Recipients in any rolling 24 hours; null for no limit. */
  dailyLimit: number | null;
  /** Of the invitations, how many must wait for a later day because the day's limit is used up. */
  laterDays: number;
  /** About how long until the last goes, in whole minutes (0: under half a minute). */
  minutes: number;
  /** About when the last goes: ISO 8601 with the London offset. */
  lastGoesAt: string;
}

/** What the same invitation call would do now, and how long its emails would take. */
export class InvitePreview {
  wouldInvite: number;
  alreadyInvited: number;
  skipped: SkippedMembers;
  delivery: DeliveryEstimateView;
}

export class ResendResult {
  /** How many failed notices were queued again. */
  requeued: number;
}
