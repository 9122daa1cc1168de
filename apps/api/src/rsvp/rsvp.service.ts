import { Inject, Injectable } from '@nestjs/common';
import { readRsvpToken } from '@seg/links';
import { APP_CONFIG, AppConfig } from '@seg/config';
import { isCurrentMember, type RsvpResponse } from '@seg/db';
import { RsvpReply } from '../meetings/dto/rsvp.dto';
import { isOver } from '../meetings/meeting.view';
import { InvitationContext, MeetingsService } from '../meetings/meetings.service';

/** What a token leads to: an open invitation, or why it no longer works. */
export type RsvpLink =
  | { state: 'open'; invitation: InvitationContext }
  | { state: 'cancelled' | 'over'; invitation: InvitationContext }
  | { state: 'invalid' }
  /** The member is no longer current: nothing of the meeting is shown. */
  | { state: 'ended' };

@Injectable()
export class RsvpService {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly meetings: MeetingsService,
  ) {}

  /** Reads the link; changes nothing. */
  async open(token: string): Promise<RsvpLink> {
    const invitationId = readRsvpToken(this.config.auth.jwtSecret, token);
    const invitation = invitationId ? await this.meetings.invitationForLink(invitationId) : null;
    if (!invitation) return { state: 'invalid' };
    if (!isCurrentMember({ status: invitation.memberStatus, erasedAt: invitation.memberErasedAt }))
      return { state: 'ended' };
    if (invitation.meeting.status === 'cancelled') return { state: 'cancelled', invitation };
    if (isOver(invitation.meeting)) return { state: 'over', invitation };
    return { state: 'open', invitation };
  }

  /** Records the reply when the link still works; otherwise says why not. */
  async reply(
    token: string,
    response: RsvpReply,
    requestId: string | null,
  ): Promise<RsvpLink & { saved?: { response: RsvpResponse; respondedAt: Date | null } }> {
    const link = await this.open(token);
    if (link.state !== 'open') return link;
    const saved = await this.meetings.recordRsvp(link.invitation.invitationId, response, 'link', requestId);
    return { ...link, saved: { response: saved.response, respondedAt: saved.respondedAt } };
  }
}
