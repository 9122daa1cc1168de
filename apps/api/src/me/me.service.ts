import { Injectable } from '@nestjs/common';
import { Actor } from '../audit/actor.decorator';
import { Viewer } from '@seg/common';
import { ContactsView } from '../directory/directory-member.dto';
import { DirectoryService } from '../directory/directory.service';
import { UpdateMeDto } from '../members/dto/update-me.dto';
import { MemberRecord } from '../members/dto/member-record.dto';
import { MembersService } from '../members/members.service';
import { MeRepository } from './me.repository';

@Injectable()
export class MeService {
  constructor(
    private readonly members: MembersService,
    private readonly directory: DirectoryService,
    private readonly me: MeRepository,
  ) {}

  get(memberId: string): Promise<MemberRecord> {
    return this.members.get(memberId);
  }

  update(memberId: string, dto: UpdateMeDto, actor: Actor): Promise<MemberRecord> {
    return this.members.updateOwn(memberId, dto, actor);
  }

  async confirm(memberId: string): Promise<MemberRecord> {
    await this.members.confirmDetails(memberId);
    return this.members.get(memberId);
  }

  contacts(viewer: Viewer): Promise<ContactsView> {
    return this.directory.myContacts(viewer);
  }

  /** Everything held about the member: their record and posts, invitations, emails, logins and the audit of their record. */
  async export(memberId: string) {
    const [record, invitations, notices, sessions, oneTimeLinks, audit] = await Promise.all([
      this.members.get(memberId),
      this.me.invitationsOf(memberId),
      this.me.noticesTo(memberId),
      this.me.sessionsOf(memberId),
      this.me.oneTimeLinksOf(memberId),
      this.me.auditOf(memberId),
    ]);
    return { exportedAt: new Date().toISOString(), member: record, invitations, notices, sessions, oneTimeLinks, audit };
  }
}
