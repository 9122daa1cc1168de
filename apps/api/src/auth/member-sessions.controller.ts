import { Controller, Delete, HttpCode, HttpStatus, Param, ParseUUIDPipe } from '@nestjs/common';
import { ApiBearerAuth, ApiNoContentResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AuthenticatedMember, CurrentMember, Secretariat } from '@seg/auth';
import { ApiError, ApiErrors } from '@seg/http';
import { Actor } from '@seg/audit';
import { CurrentActor } from '../audit/actor.decorator';
import { AuthService } from './auth.service';

@ApiTags('members')
@ApiBearerAuth()
@Controller('members')
export class MemberSessionsController {
  constructor(private readonly auth: AuthService) {}

  @Secretariat()
  @Delete(':id/sessions')
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiOperation({
    summary: 'End every login of a member',
    description: 'Their refresh tokens and the access tokens already out stop working at once. Audited.',
  })
  @ApiNoContentResponse({ description: 'Ended' })
  @ApiErrors(400, 401)
  @ApiError(404, 'No such member')
  @ApiError(403, "Secretariat only; an admin's sessions, admins only")
  endAll(
    @CurrentActor() actor: Actor,
    @CurrentMember() me: AuthenticatedMember,
    @Param('id', ParseUUIDPipe) id: string,
  ): Promise<void> {
    return this.auth.endAllSessions(actor, me.role, id);
  }
}
