import { Body, Controller, Get, HttpCode, HttpStatus, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Actor } from '@seg/audit';
import { AuthenticatedMember, CurrentMember, Secretariat } from '@seg/auth';
import { ApiErrors, IdParam, InvalidFieldsException } from '@seg/http';
import { MemberErasure } from '@seg/privacy';
import { CurrentActor } from '../audit/actor.decorator';
import { EraseMemberDto, ErasedMember } from './erase-member.dto';
import { OpenErasureRequests } from './erasure-request.dto';
import { ErasureRequestsService } from './erasure-requests.service';

@ApiTags('privacy')
@ApiBearerAuth()
@Controller()
@Secretariat()
@ApiErrors(401, 403)
export class ErasureController {
  constructor(
    private readonly erasure: MemberErasure,
    private readonly requests: ErasureRequestsService,
  ) {}

  /** Members' open requests to be erased, oldest first, with their age: each is answered within a month. */
  @Get('privacy/erasure-requests')
  @ApiOkResponse({ type: OpenErasureRequests })
  openRequests(): Promise<OpenErasureRequests> {
    return this.requests.listOpen();
  }

  /**
   * Replaces the member with an anonymous record ("Former member 1001"); see the README for
   * what is kept and why. An admin may erase without a reason; the secretariat must give one.
   */
  @Post('members/:id/erase')
  @HttpCode(HttpStatus.OK)
  @ApiOkResponse({ type: ErasedMember })
  @ApiErrors(404, 409)
  erase(
    @IdParam() id: string,
    @Body() dto: EraseMemberDto,
    @CurrentMember() member: AuthenticatedMember,
    @CurrentActor() actor: Actor,
  ): Promise<ErasedMember> {
    const reason = dto.reason?.trim() || null;
    if (!reason && member.role !== 'admin')
      throw new InvalidFieldsException([{ field: 'reason', message: 'is needed: say why the member is erased' }]);
    return this.erasure.erase(id, reason, actor, member.role);
  }
}
