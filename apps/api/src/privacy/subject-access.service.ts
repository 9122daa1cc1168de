import { Injectable } from '@nestjs/common';
import { ErasureRequestsRepository } from '@seg/privacy';
import { MembersService } from '../members/members.service';
import { MyData } from './subject-access.dto';
import { SubjectAccessRepository } from './subject-access.repository';

/** A member's subject access export, for themselves or for the secretariat. */
@Injectable()
export class SubjectAccessService {
  constructor(
    private readonly members: MembersService,
    private readonly held: SubjectAccessRepository,
    private readonly erasureRequests: ErasureRequestsRepository,
  ) {}

  /**
   * What is held about the member. `forMember` is their own copy, with their reflective notes; the
   * secretariat's copy withholds them (the notes are the member's alone) and says so.
   */
  async export(memberId: string, forMember: boolean): Promise<MyData> {
    const member = await this.members.get(memberId);
    const [
      invitations,
      invitationsSent,
      meetingsCreated,
      notices,
      sessions,
      oneTimeLinks,
      audit,
      auditOfPosts,
      auditByThem,
      inboundMessages,
      erasureRequests,
      calendarFeeds,
      attendance,
      learningEntries,
      messages,
    ] = await Promise.all([
      this.held.invitationsOf(memberId),
      this.held.invitationsSentBy(memberId),
      this.held.meetingsCreatedBy(memberId),
      this.held.noticesTo(memberId),
      this.held.sessionsOf(memberId),
      this.held.oneTimeLinksOf(memberId),
      this.held.auditOf(memberId),
      this.held.auditOfPosts(memberId),
      this.held.auditBy(memberId),
      this.held.inboundAbout(memberId),
      this.erasureRequests.requestsOf(memberId),
      this.held.calendarFeedsOf(memberId),
      this.held.attendanceOf(memberId, forMember),
      this.held.learningEntriesOf(memberId, forMember),
      this.held.messagesOf(memberId),
    ]);
    return {
      exportedAt: new Date().toISOString(),
      member,
      invitations,
      invitationsSent,
      meetingsCreated,
      notices,
      sessions,
      oneTimeLinks,
      audit,
      auditOfPosts,
      auditByThem,
      inboundMessages,
      erasureRequests,
      messages,
      calendarFeeds,
      attendance,
      learningEntries,
      reflectiveNotes: forMember ? 'included' : 'withheld',
    };
  }
}
