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
    const held = await allOf({
      invitations: this.held.invitationsOf(memberId),
      invitationsSent: this.held.invitationsSentBy(memberId),
      meetingsCreated: this.held.meetingsCreatedBy(memberId),
      notices: this.held.noticesTo(memberId),
      sessions: this.held.sessionsOf(memberId),
      oneTimeLinks: this.held.oneTimeLinksOf(memberId),
      audit: this.held.auditOf(memberId),
      auditOfPosts: this.held.auditOfPosts(memberId),
      auditByThem: this.held.auditBy(memberId),
      inboundMessages: this.held.inboundAbout(memberId),
      erasureRequests: this.erasureRequests.requestsOf(memberId),
      messages: this.held.messagesOf(memberId),
      calendarFeeds: this.held.calendarFeedsOf(memberId),
      attendance: this.held.attendanceOf(memberId, forMember),
      learningEntries: this.held.learningEntriesOf(memberId, forMember),
    });
    return {
      exportedAt: new Date().toISOString(),
      member,
      ...held,
      reflectiveNotes: forMember ? 'included' : 'withheld',
    };
  }
}

/** Awaits every promise of an object at once: each answer under its own name, none by position. */
async function allOf<T extends Record<string, Promise<unknown>>>(
  promises: T,
): Promise<{ [K in keyof T]: Awaited<T[K]> }> {
  const names = Object.keys(promises) as (keyof T)[];
  const answers = await Promise.all(names.map((name) => promises[name]));
  return Object.fromEntries(names.map((name, i) => [name, answers[i]])) as { [K in keyof T]: Awaited<T[K]> };
}
