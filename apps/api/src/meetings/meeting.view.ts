import { LONDON_TZID, toLondonIso } from '@seg/common';
import type { MeetingKind, MeetingStatus, RsvpResponse } from '@seg/db';
import type { MeetingRow } from './meetings.repository';

/** A meeting as the API shows it: times in London with their GMT/BST offset. */
export interface MeetingView {
  id: string;
  title: string;
  kind: MeetingKind;
  agenda: string | null;
  startsAt: string | null;
  endsAt: string | null;
  timeZone: typeof LONDON_TZID;
  venue: string | null;
  onlineUrl: string | null;
  status: MeetingStatus;
  revision: number;
  isOver: boolean;
  summit: { number: number; year: number | null; theme: string | null } | null;
  cancelledAt: string | null;
  createdAt: string;
  updatedAt: string;
  /** The viewer's own reply, when invited. */
  rsvp: RsvpResponse | null;
}

export function isOver(meeting: Pick<MeetingRow, 'endsAt'>, now = new Date()): boolean {
  return !meeting.endsAt || meeting.endsAt.getTime() <= now.getTime();
}

const iso = (d: Date | null) => (d ? toLondonIso(d) : null);

export function toMeetingView(meeting: MeetingRow, rsvp: RsvpResponse | null = null): MeetingView {
  return {
    id: meeting.id,
    title: meeting.title,
    kind: meeting.kind,
    agenda: meeting.agenda,
    startsAt: iso(meeting.startsAt),
    endsAt: iso(meeting.endsAt),
    timeZone: LONDON_TZID,
    venue: meeting.venue,
    onlineUrl: meeting.onlineUrl,
    status: meeting.status,
    revision: meeting.revision,
    isOver: isOver(meeting),
    summit: meeting.summitNumber ? { number: meeting.summitNumber, year: meeting.summitYear, theme: meeting.theme } : null,
    cancelledAt: iso(meeting.cancelledAt),
    createdAt: toLondonIso(meeting.createdAt),
    updatedAt: toLondonIso(meeting.updatedAt),
    rsvp,
  };
}
