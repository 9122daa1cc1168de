import { Injectable } from '@nestjs/common';
import { OutboxRepository } from './outbox.repository';

/** How the notices of a meeting's invitations went: for the secretariat's follow-up. */
@Injectable()
export class NoticeDelivery {
  constructor(private readonly repository: OutboxRepository) {}

  /** Every notice of these invitations, oldest first. */
  async ofInvitations(invitationIds: string[]) {
    return this.repository.listOfInvitations(invitationIds);
  }

  /** The meeting's notices counted by status (queued, sent, failed). */
  async countOfMeeting(meetingId: string): Promise<Record<string, number>> {
    return this.repository.countByStatusOfMeeting(meetingId);
  }
}
