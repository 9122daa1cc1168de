import { Injectable } from '@nestjs/common';
import { Actor } from '@seg/audit';
import type { AuthenticatedMember } from '@seg/auth';
import { Viewer } from '@seg/rules';
import { ContactsView } from '../directory/directory-member.dto';
import { DirectoryService } from '../directory/directory.service';
import { UpdateMeDto } from '../members/dto/update-me.dto';
import { MemberRecord } from '../members/dto/member-record.dto';
import { MembersService } from '../members/members.service';
import { ErasureRequestReceipt } from '../privacy/erasure-request.dto';
import { ErasureRequestsService } from '../privacy/erasure-requests.service';
import { MyData } from '../privacy/subject-access.dto';
import { SubjectAccessService } from '../privacy/subject-access.service';

@Injectable()
export class MeService {
  constructor(
    private readonly members: MembersService,
    private readonly directory: DirectoryService,
    private readonly subjectAccess: SubjectAccessService,
    private readonly erasureRequests: ErasureRequestsService,
  ) {}

  get(memberId: string): Promise<MemberRecord> {
    return this.members.get(memberId);
  }

  update(member: AuthenticatedMember, dto: UpdateMeDto, actor: Actor): Promise<MemberRecord> {
    return this.members.updateOwn(member.id, dto, actor, member.role);
  }

  async confirm(memberId: string): Promise<MemberRecord> {
    await this.members.confirmDetails(memberId);
    return this.members.get(memberId);
  }

  contacts(viewer: Viewer): Promise<ContactsView> {
    return this.directory.myContacts(viewer);
  }

  /** Everything held about the member (a subject access request). */
  export(memberId: string): Promise<MyData> {
    return this.subjectAccess.export(memberId, true);
  }

  requestErasure(memberId: string): Promise<ErasureRequestReceipt> {
    return this.erasureRequests.request(memberId);
  }
}
