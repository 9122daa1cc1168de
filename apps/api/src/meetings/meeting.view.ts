import { NotFoundException } from '@nestjs/common';
import { hoursOf, LONDON_TZID, meetingIsOver, toLondonIso } from '@seg/rules';
import type { RsvpResponse } from '@seg/db';
import { MeetingView } from './dto/meeting-view.dto';
import type { MeetingWithRegion } from './meetings.repository';

const iso = (d: Date | null) => (d ? toLondonIso(d) : null);

/** The meeting as the API shows it at `now`; `mayRun` says whether the viewer runs it. */
export function toMeetingView(
  meeting: MeetingWithRegion,
  mayRun: boolean,
  now: Date,
  rsvp: RsvpResponse | null = null,
): MeetingView {
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
    isOver: meetingIsOver(meeting, now),
    summit: meeting.summitNumber
      ? { number: meeting.summitNumber, year: meeting.summitYear, theme: meeting.theme }
      : null,
    region: meeting.regionCode ? { code: meeting.regionCode, name: meeting.regionName! } : null,
    mayRun,
    cpdHours: meeting.cpdMinutes === null ? null : hoursOf(meeting.cpdMinutes),
    learningOutcomes: meeting.learningOutcomes,
    cancelledAt: iso(meeting.cancelledAt),
    createdAt: toLondonIso(meeting.createdAt),
    updatedAt: toLondonIso(meeting.updatedAt),
    rsvp,
  };
}

export function meetingNotFound(): NotFoundException {
  return new NotFoundException('No such meeting');
}
