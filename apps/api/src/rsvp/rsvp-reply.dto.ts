import type { RsvpResponse } from '@seg/db';

/** The answer to a JSON reply through an RSVP link. */
export class RsvpReplyView {
  meetingId: string;
  response: RsvpResponse;
  respondedAt: string | null;
}
