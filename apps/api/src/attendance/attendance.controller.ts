import {
  Body,
  Controller,
  Get,
  Headers,
  HttpCode,
  HttpStatus,
  Post,
  Put,
  Query,
  StreamableFile,
  UseInterceptors,
} from '@nestjs/common';
import { ApiBearerAuth, ApiExtraModels, ApiOkResponse, ApiProduces, ApiTags, getSchemaPath } from '@nestjs/swagger';
import { Actor } from '@seg/audit';
import { AuthenticatedMember, CurrentMember } from '@seg/auth';
import { ApiError, ApiErrors, CSV_CONTENT_TYPE, download, IdParam } from '@seg/http';
import { CurrentActor } from '../audit/actor.decorator';
import { RetryAfterInterceptor } from '../throttle/retry-after.interceptor';
import { Attendance } from '../meetings/dto/invitation-views.dto';
import { attendanceCsv, MeetingFollowUpService } from '../meetings/meeting-follow-up.service';
import { wantsCsv } from '../meetings/meetings.controller';
import { AttendanceService } from './attendance.service';
import { AttendanceQuery, CheckInDto, MarkAttendanceDto, MarkManyDto } from './dto/attendance.dto';
import { CheckInCode, MarkManyResult, MyAttendance, RegisterLineView, RegisterPage } from './dto/attendance-views.dto';

/**
 * Who came to a meeting. The organiser (the secretariat, or a representative for their region's
 * meetings) marks it once the meeting has started, and follows it; an invitee checks themself in
 * with the code shown in the room. Every change is audited.
 */
@ApiTags('attendance')
@ApiBearerAuth()
@ApiErrors(401)
@Controller('meetings/:id')
export class AttendanceController {
  constructor(
    private readonly attendance: AttendanceService,
    private readonly followUp: MeetingFollowUpService,
  ) {}

  /**
   * Marks several people as come: those named (invitees, or walk-ins found in the directory) and,
   * with `going: true`, every invitee who replied Going. A withdrawn attendance counts again when
   * its member is named; "going" leaves such corrections as they are.
   */
  @Post('attendance')
  @HttpCode(HttpStatus.OK)
  @ApiOkResponse({ type: MarkManyResult })
  @ApiErrors(400, 403, 404)
  @ApiError(409, 'The meeting is cancelled or has not started')
  markMany(
    @IdParam() id: string,
    @Body() dto: MarkManyDto,
    @CurrentMember() member: AuthenticatedMember,
    @CurrentActor() actor: Actor,
  ): Promise<MarkManyResult> {
    return this.attendance.markMany(id, dto, member, actor);
  }

  /** One person came, or (a correction, `attended: false`) did not: their certificate then shows as withdrawn. */
  @Put('attendance/:memberId')
  @ApiOkResponse({ type: RegisterLineView })
  @ApiErrors(400, 403, 404)
  @ApiError(409, 'The meeting is cancelled or has not started')
  markOne(
    @IdParam() id: string,
    @IdParam('memberId') memberId: string,
    @Body() dto: MarkAttendanceDto,
    @CurrentMember() member: AuthenticatedMember,
    @CurrentActor() actor: Actor,
  ): Promise<RegisterLineView> {
    return this.attendance.markOne(id, memberId, dto.attended, member, actor);
  }

  /**
   * By group (the default): replies and attendance counted by region and category. By person
   * (`?by=person`): the register, a page in name order of everyone invited and everyone who came.
   * As CSV (Accept: text/csv or ?format=csv): the groups, or with `by=person` a row per attendee.
   */
  @Get('attendance')
  @ApiProduces('application/json', 'text/csv')
  @ApiOkResponse({
    description: 'JSON (counts by group, or the register by person), or CSV when asked for',
    content: {
      'application/json': {
        schema: { oneOf: [{ $ref: getSchemaPath(Attendance) }, { $ref: getSchemaPath(RegisterPage) }] },
      },
      'text/csv': { schema: { type: 'string' } },
    },
  })
  @ApiExtraModels(Attendance, RegisterPage)
  @ApiErrors(400, 403, 404)
  async list(
    @IdParam() id: string,
    @Query() query: AttendanceQuery,
    @Headers('accept') accept: string | undefined,
    @CurrentMember() member: AuthenticatedMember,
    @CurrentActor() actor: Actor,
  ): Promise<Attendance | RegisterPage | StreamableFile> {
    const csv = wantsCsv(query.format, accept);
    if (query.by === 'person') {
      if (!csv) return this.attendance.registerPage(id, query, member, actor);
      const attendees = await this.attendance.attendeesCsv(id, member, actor);
      return download(attendees, CSV_CONTENT_TYPE, `attachment; filename="attendees-${id}.csv"`);
    }
    const attendance = await this.followUp.attendance(id, member, actor);
    if (!csv) return attendance;
    return download(attendanceCsv(attendance), CSV_CONTENT_TYPE, `attachment; filename="attendance-${id}.csv"`);
  }

  /** The short code to show in the room or the online session, made on first asking, with when it works. */
  @Get('check-in-code')
  @ApiOkResponse({ type: CheckInCode })
  @ApiErrors(403, 404)
  @ApiError(409, 'The meeting is cancelled or has no date')
  checkInCode(
    @IdParam() id: string,
    @CurrentMember() member: AuthenticatedMember,
    @CurrentActor() actor: Actor,
  ): Promise<CheckInCode> {
    return this.attendance.checkInCode(id, member, actor);
  }

  /**
   * An invitee checks themself in with the code shown in the room: from the meeting's start until
   * an hour after its end, once. Ten wrong codes in 15 minutes and the member waits (429).
   */
  @Post('check-in')
  @HttpCode(HttpStatus.OK)
  @UseInterceptors(RetryAfterInterceptor)
  @ApiOkResponse({ type: MyAttendance })
  @ApiErrors(400, 404, 429)
  @ApiError(409, 'Check-in is not open (before the start, or closed), already done, or corrected by the organiser')
  checkIn(
    @IdParam() id: string,
    @Body() dto: CheckInDto,
    @CurrentMember() member: AuthenticatedMember,
    @CurrentActor() actor: Actor,
  ): Promise<MyAttendance> {
    return this.attendance.checkIn(id, member, dto.code, actor.requestId);
  }
}
