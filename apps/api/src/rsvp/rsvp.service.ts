import { Inject, Injectable } from '@nestjs/common';
import { readRsvpToken } from '@seg/links';
import { APP_CONFIG, AppConfig } from '@seg/config';
import type { RsvpResponse } from '@seg/db';
import { replyRefusal } from '@seg/records';
import { Clock } from '@seg/rules';
import { RsvpReply } from '../meetings/dto/rsvp.dto';
import { InvitationContext, MeetingsService } from '../meetings/meetings.service';

/** What a token leads to: an open invitation, or why it no longer works. */
export type RsvpLink =
  | { state: 'open'; invitation: InvitationContext }
  /** Replies are closed, for the reason `replyRefusal` gives. */
  | { state: 'cancelled' | 'not-scheduled' | 'over'; invitation: InvitationContext }
  | { state: 'invalid' }
  /** The member is no longer current: nothing of the meeting is shown. */
  | { state: 'ended' };

@Injectable()
export class RsvpService {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly meetings: MeetingsService,
    private readonly clock: Clock,
  ) {}

  /** Reads the link; changes nothing. */
  async open(token: string): Promise<RsvpLink> {
    const invitationId = readRsvpToken(this.config.auth.jwtSecret, token);
    const invitation = invitationId ? await this.meetings.invitationForLink(invitationId) : null;
    if (!invitation) return { state: 'invalid' };
    const member = { status: invitation.memberStatus, erasedAt: invitation.memberErasedAt };
    const refusal = replyRefusal({ member, meeting: invitation.meeting }, this.clock.now());
    if (!refusal) return { state: 'open', invitation };
    if (refusal.reason === 'membership-ended' || refusal.reason === 'no-invitation') return { state: 'ended' };
    return { state: refusal.reason, invitation };
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
