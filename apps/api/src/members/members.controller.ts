import {
  Body,
  Controller,
  Get,
  Header,
  HttpCode,
  HttpStatus,
  Patch,
  Post,
  Query,
  StreamableFile,
  UseInterceptors,
} from '@nestjs/common';
import {
  ApiAcceptedResponse,
  ApiBearerAuth,
  ApiBody,
  ApiConsumes,
  ApiCreatedResponse,
  ApiOkResponse,
  ApiProduces,
  ApiTags,
} from '@nestjs/swagger';
import { AuthenticatedMember, CurrentMember, Secretariat } from '@seg/auth';
import { ApiError, ApiErrors, IdParam } from '@seg/http';
import { Actor } from '@seg/audit';
import { CurrentActor } from '../audit/actor.decorator';
import { RetryAfterInterceptor } from '../throttle/retry-after.interceptor';
import { CreateMemberDto } from './dto/create-member.dto';
import { ImportQuery } from './dto/import-query.dto';
import { ImportResult } from './dto/import-result.dto';
import { ActivationSent, MemberRecord } from './dto/member-record.dto';
import { UpdateMemberDto } from './dto/update-member.dto';
import { MemberExportService } from './member-export.service';
import { MemberImportService } from './member-import.service';
import { MembersService } from './members.service';

@ApiTags('members')
@ApiBearerAuth()
@Controller('members')
@Secretariat()
@ApiErrors(401, 403)
export class MembersController {
  constructor(
    private readonly members: MembersService,
    private readonly importer: MemberImportService,
    private readonly exporter: MemberExportService,
  ) {}

  /**
   * Creates a member (status invited) and mails them an activation link. The secretariat gives
   * at most the secretariat role; only an admin makes an admin (403 naming `role`).
   */
  @Post()
  @ApiCreatedResponse({ type: MemberRecord })
  @ApiErrors(400, 409)
  create(@Body() dto: CreateMemberDto, @CurrentActor() actor: Actor, @CurrentMember() me: AuthenticatedMember) {
    return this.members.create(dto, actor, me.role);
  }

  /**
   * Creates or updates members by email from a CSV with a header row (columns email, name,
   * title, category, region, phone, establishments; establishments are codes or names separated
   * by semicolons; region, category and establishments by code or name, in any case, with or
   * without accents or the usual prefixes such as HMP). Answers per row; a bad row saves nothing,
   * the good rows are saved. With `dryRun=true` nothing is saved and the answer is the report
   * saving would give.
   */
  @Post('import')
  @ApiConsumes('text/csv')
  @ApiCreatedResponse({ type: ImportResult, description: 'Per row: created, updated, or its errors' })
  @ApiErrors(400, 413, 415)
  @ApiBody({
    schema: {
      type: 'string',
      example: 'email,name,category,region,establishments\nann@example.org,Ann Lee,Prison GP,London,HMP Brixton\n',
    },
  })
  import(
    @Body() csv: string,
    @Query() query: ImportQuery,
    @CurrentActor() actor: Actor,
    @CurrentMember() me: AuthenticatedMember,
  ) {
    return this.importer.import(csv, actor, me.role, query.dryRun === true);
  }

  /** The directory as CSV. */
  @Get('export')
  @ApiProduces('text/csv')
  @ApiOkResponse({ description: 'One row per member', content: { 'text/csv': { schema: { type: 'string' } } } })
  @Header('Content-Type', 'text/csv; charset=utf-8')
  @Header('Content-Disposition', 'attachment; filename="seg-members.csv"')
  async export() {
    return new StreamableFile(Buffer.from(await this.exporter.exportCsv(), 'utf8'));
  }

  /** A member's full record with every post they held. */
  @Get(':id')
  @ApiOkResponse({ type: MemberRecord })
  @ApiErrors(404)
  get(@IdParam() id: string) {
    return this.members.get(id);
  }

  /**
   * Mails an invited member a new activation link (the old one stops working); 409 once they have
   * activated; 403 for an invited admin unless the caller is an admin.
   */
  @Post(':id/activation')
  @HttpCode(HttpStatus.ACCEPTED)
  @ApiAcceptedResponse({ type: ActivationSent, description: 'The email is on its way to `email`' })
  @ApiErrors(404)
  @ApiError(409, 'The member is not invited any more (active, suspended or left)')
  @ApiError(
    429,
    'Three activation emails went to this member in the last hour (the cap of password reset emails); see Retry-After',
  )
  @UseInterceptors(RetryAfterInterceptor)
  resendActivation(@IdParam() id: string, @CurrentActor() actor: Actor, @CurrentMember() me: AuthenticatedMember) {
    return this.members.resendActivation(id, actor, me.role);
  }

  /**
   * Changes any field, role and status included; suspending or marking as left ends their
   * sessions. Only an admin grants or removes admin or changes an admin's status or email (403);
   * the last active admin cannot be demoted or suspended (409).
   */
  @Patch(':id')
  @ApiOkResponse({ type: MemberRecord })
  @ApiErrors(400, 404, 409)
  update(
    @IdParam() id: string,
    @Body() dto: UpdateMemberDto,
    @CurrentActor() actor: Actor,
    @CurrentMember() me: AuthenticatedMember,
  ) {
    return this.members.update(id, dto, actor, me.role);
  }
}
