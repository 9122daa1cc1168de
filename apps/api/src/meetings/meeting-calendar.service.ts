import { ConflictException, Inject, Injectable } from '@nestjs/common';
import { AuthenticatedMember } from '@seg/auth';
import { meetingCalendar } from '@seg/rules';
import { invitationReplyAddress, rsvpLink } from '@seg/links';
import { APP_CONFIG, AppConfig } from '@seg/config';
import { MeetingAccess } from './meeting-access.service';
import { InvitationsRepository } from './invitations.repository';
import { MeetingsRepository } from './meetings.repository';
import { meetingNotFound } from './meeting.view';

/** A meeting's iCalendar object for download, built as the worker builds the emailed one. */
@Injectable()
export class MeetingCalendarService {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly meetings: MeetingsRepository,
    private readonly invitations: InvitationsRepository,
    private readonly access: MeetingAccess,
  ) {}

  /**
   * The viewer's own invitation: METHOD:REQUEST with them as ATTENDEE and their reply, or
   * METHOD:CANCEL once cancelled, with the UID and SEQUENCE of their emails. Those who run the
   * meeting (the secretariat, a representative of its region), when not invited, get it
   * published (no attendee).
   */
  async forViewer(id: string, viewer: AuthenticatedMember): Promise<string> {
    const [meeting, invitee] = await Promise.all([
      this.meetings.getById(id),
      this.invitations.findInvitee(id, viewer.id),
    ]);
    // A member is told nothing of meetings they are not invited to, not even that they exist.
    if (!meeting || (!invitee && !(await this.access.mayRun(viewer, meeting)))) throw meetingNotFound();
    const { startsAt, endsAt } = meeting;
    if (!startsAt || !endsAt) throw new ConflictException('The meeting has no date to put in a calendar');
    return meetingCalendar({
      meeting: { ...meeting, startsAt, endsAt },
      mailFrom: this.config.mail.from,
      invitee: invitee && {
        name: invitee.name,
        email: invitee.email,
        rsvp: invitee.rsvp,
        rsvpUrl: rsvpLink(this.config.publicUrl, this.config.auth.jwtSecret, invitee.invitationId),
        // The ORGANIZER of their emailed copies: a calendar that imports this one keeps replying there.
        replyAddress: invitationReplyAddress(
          this.config.mail.bounceAddress,
          invitee.invitationId,
          this.config.auth.jwtSecret,
        ),
      },
      cancelled: meeting.status === 'cancelled',
    });
  }
}
