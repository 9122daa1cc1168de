import { ForbiddenException, Injectable } from '@nestjs/common';
import { AuthenticatedMember, isSecretariat } from '@seg/auth';
import { Actor } from '@seg/audit';
import { notRepresentative, RegionAuthority, RegionalRights } from '../regions/regional-rights.service';
import { MeetingsRepository, MeetingWithRegion } from './meetings.repository';
import { meetingNotFound } from './meeting.view';

/** A meeting someone may run, and the actor to audit: with the post that allowed it, for a representative. */
export interface RunnableMeeting {
  meeting: MeetingWithRegion;
  authority: RegionAuthority;
  actor: Actor;
}

/**
 * Who runs a meeting (changes, invites, follows, cancels): the secretariat, or a representative
 * of the meeting's region for as long as their post lasts (`RegionalRights`).
 */
@Injectable()
export class MeetingAccess {
  constructor(
    private readonly meetings: MeetingsRepository,
    private readonly rights: RegionalRights,
  ) {}

  /**
   * 403 to a member with no regional post (whether or not the meeting exists, as for any
   * secretariat route), 404 when there is no such meeting, 403 when it is not their region's.
   */
  async toRun(meetingId: string, member: AuthenticatedMember, actor: Actor, what: string): Promise<RunnableMeeting> {
    if (!isSecretariat(member) && !(await this.rights.postsOf(member.id)).length) {
      throw new ForbiddenException(`Only the secretariat or a representative of the meeting's region may ${what}`);
    }
    const meeting = await this.meetings.getWithRegion(meetingId);
    if (!meeting) throw meetingNotFound();
    const authority = await this.rights.authorityFor(member, meeting.regionId);
    if (!authority) throw notRepresentative(what, meeting.regionName);
    return { meeting, authority, actor: actingAs(actor, authority) };
  }

  /** Whether the member runs the meeting, without refusing. */
  async mayRun(member: AuthenticatedMember, meeting: Pick<MeetingWithRegion, 'regionId'>): Promise<boolean> {
    return (await this.rights.authorityFor(member, meeting.regionId)) !== null;
  }

  /** The ids of the regions whose meetings the member may run; 'all' for the secretariat. */
  async regionsRunBy(member: AuthenticatedMember): Promise<Set<string> | 'all'> {
    if (isSecretariat(member)) return 'all';
    return new Set((await this.rights.postsOf(member.id)).map((p) => p.regionId));
  }
}

/** The actor as audited: a representative's change names the post that allowed it. */
export function actingAs(actor: Actor, authority: RegionAuthority): Actor {
  return authority.by === 'post' ? { ...actor, postId: authority.post.id } : actor;
}
