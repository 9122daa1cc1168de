import {
  Body,
  Controller,
  Get,
  Header,
  Headers,
  HttpCode,
  HttpStatus,
  Patch,
  Post,
  Put,
  Query,
  StreamableFile,
} from '@nestjs/common';
import {
  ApiAcceptedResponse,
  ApiBearerAuth,
  ApiCreatedResponse,
  ApiExtraModels,
  ApiOkResponse,
  ApiProduces,
  ApiTags,
  getSchemaPath,
} from '@nestjs/swagger';
import { AuthenticatedMember, CurrentMember } from '@seg/auth';
import { ApiError, ApiErrors, CSV_CONTENT_TYPE, download, IdParam } from '@seg/http';
import { Actor } from '@seg/audit';
import { CurrentActor } from '../audit/actor.decorator';
import { CreateMeetingDto } from './dto/create-meeting.dto';
import { InviteDto } from './dto/invite.dto';
import { InvitationsQuery, ListMeetingsQuery } from './dto/list-meetings.query';
import { ResendNoticesDto } from './dto/resend-notices.dto';
import { RsvpDto } from './dto/rsvp.dto';
import { UpdateMeetingDto } from './dto/update-meeting.dto';
import { InvitationsPage } from './dto/invitation-views.dto';
import { InvitePreview, InviteResult, MeetingPage, MeetingView, ResendResult } from './dto/meeting-view.dto';
import { MeetingFollowUpService } from './meeting-follow-up.service';
import { MeetingCalendarService } from './meeting-calendar.service';
import { MeetingsService } from './meetings.service';

@ApiTags('meetings')
@ApiBearerAuth()
@ApiErrors(401)
@Controller('meetings')
export class MeetingsController {
  constructor(
    private readonly meetings: MeetingsService,
    private readonly followUp: MeetingFollowUpService,
    private readonly calendars: MeetingCalendarService,
  ) {}

  /**
   * Creates a draft; it becomes scheduled when first invited. The secretariat calls any meeting;
   * a representative, regional meetings of a region where they hold a post today.
   */
  @Post()
  @ApiCreatedResponse({ type: MeetingView })
  @ApiErrors(400, 403)
  create(
    @Body() dto: CreateMeetingDto,
    @CurrentMember() member: AuthenticatedMember,
    @CurrentActor() actor: Actor,
  ): Promise<MeetingView> {
    return this.meetings.create(dto, member, actor);
  }

  /**
   * The secretariat sees every meeting; a member, those they are invited to (and the summit
   * archive), each with their own RSVP; with `region`, every meeting of that region, for the
   * secretariat and the region's representatives.
   */
  @Get()
  @ApiOkResponse({ type: MeetingPage })
  @ApiErrors(400)
  @ApiError(403, 'Only the secretariat or a representative of the region lists its meetings')
  list(@Query() query: ListMeetingsQuery, @CurrentMember() member: AuthenticatedMember): Promise<MeetingPage> {
    return this.meetings.list(query, member);
  }

  @Get(':id')
  @ApiOkResponse({ type: MeetingView })
  @ApiErrors(404)
  get(@IdParam() id: string, @CurrentMember() member: AuthenticatedMember): Promise<MeetingView> {
    return this.meetings.get(id, member);
  }

  /**
   * A change of time, venue or link raises the revision and sends an update to everyone who has
   * not declined. Open to the secretariat and, for a meeting of their region, its representatives
   * (as are the routes below that run a meeting).
   */
  @Patch(':id')
  @ApiOkResponse({ type: MeetingView })
  @ApiErrors(400, 403, 404)
  @ApiError(409, 'The meeting is cancelled or over')
  update(
    @IdParam() id: string,
    @Body() dto: UpdateMeetingDto,
    @CurrentMember() member: AuthenticatedMember,
    @CurrentActor() actor: Actor,
  ): Promise<MeetingView> {
    return this.meetings.update(id, dto, member, actor);
  }

  /**
   * Invites the audience (the union of its parts); the notices go out in the background. A
   * representative's audience lies inside the meeting's region: anything wider is 403 naming the
   * parts outside it, and nobody is invited.
   */
  @Post(':id/invitations')
  @HttpCode(HttpStatus.ACCEPTED)
  @ApiAcceptedResponse({ type: InviteResult })
  @ApiErrors(400, 403, 404)
  @ApiError(409, 'The meeting is cancelled or over')
  invite(
    @IdParam() id: string,
    @Body() dto: InviteDto,
    @CurrentMember() member: AuthenticatedMember,
    @CurrentActor() actor: Actor,
  ): Promise<InviteResult> {
    return this.meetings.invite(id, dto.audience, member, actor);
  }

  /** What the same invitation call would do now, counted by the invitation's own query; changes nothing. */
  @Post(':id/invitations/preview')
  @HttpCode(HttpStatus.OK)
  @ApiOkResponse({ type: InvitePreview })
  @ApiErrors(400, 403, 404)
  previewInvite(
    @IdParam() id: string,
    @Body() dto: InviteDto,
    @CurrentMember() member: AuthenticatedMember,
    @CurrentActor() actor: Actor,
  ): Promise<InvitePreview> {
    return this.meetings.previewInvite(id, dto.audience, member, actor);
  }

  /**
   * Each invitee's reply and the delivery state of every notice sent to them, with totals; or
   * (Accept: text/csv or ?format=csv) every invitee as a CSV row: name, email, category and region
   * names, reply, when they replied, and their last notice's state.
   */
  @Get(':id/invitations')
  @ApiProduces('application/json', 'text/csv')
  @ApiOkResponse({
    description: 'JSON, or CSV (every invitee) when asked for',
    content: {
      'application/json': { schema: { $ref: getSchemaPath(InvitationsPage) } },
      'text/csv': { schema: { type: 'string' } },
    },
  })
  @ApiExtraModels(InvitationsPage)
  @ApiErrors(400, 403, 404)
  async invitations(
    @IdParam() id: string,
    @Query() query: InvitationsQuery,
    @Headers('accept') accept: string | undefined,
    @CurrentMember() member: AuthenticatedMember,
    @CurrentActor() actor: Actor,
  ): Promise<InvitationsPage | StreamableFile> {
    if (wantsCsv(query.format, accept)) {
      const csv = await this.followUp.invitationsCsv(id, member, actor);
      return download(csv, CSV_CONTENT_TYPE, `attachment; filename="invitees-${id}.csv"`);
    }
    return this.followUp.invitations(id, query, member, actor);
  }

  /** Queues failed notices again (all of the meeting's, or those named). */
  @Post(':id/notices/resend')
  @HttpCode(HttpStatus.ACCEPTED)
  @ApiAcceptedResponse({ type: ResendResult })
  @ApiErrors(400, 403, 404)
  resend(
    @IdParam() id: string,
    @Body() dto: ResendNoticesDto,
    @CurrentMember() member: AuthenticatedMember,
    @CurrentActor() actor: Actor,
  ): Promise<ResendResult> {
    return this.meetings.resendNotices(id, dto, member, actor);
  }

  /** Cancels the meeting and sends a cancellation to every invitee. */
  @Post(':id/cancel')
  @HttpCode(HttpStatus.OK)
  @ApiOkResponse({ type: MeetingView })
  @ApiErrors(403, 404)
  @ApiError(409, 'The meeting is over (cancelling a cancelled one answers it as it is)')
  cancel(
    @IdParam() id: string,
    @CurrentMember() member: AuthenticatedMember,
    @CurrentActor() actor: Actor,
  ): Promise<MeetingView> {
    return this.meetings.cancel(id, member, actor);
  }

  /** The logged-in member's own reply. */
  @Put(':id/rsvp')
  @ApiOkResponse({ type: MeetingView })
  @ApiErrors(400, 404)
  @ApiError(409, 'The meeting was cancelled or is over')
  rsvp(
    @IdParam() id: string,
    @Body() dto: RsvpDto,
    @CurrentMember() member: AuthenticatedMember,
    @CurrentActor() actor: Actor,
  ): Promise<MeetingView> {
    return this.meetings.rsvpAsMember(id, member, dto.response, actor.requestId);
  }

  /**
   * The meeting for the caller's calendar: their own invitation (METHOD:REQUEST, or CANCEL once
   * cancelled) with the UID and SEQUENCE of the emails; for the secretariat when not invited,
   * METHOD:PUBLISH. 404 to a member not invited.
   */
  @Get(':id/calendar')
  @Header('Cache-Control', 'private, no-store')
  @ApiProduces('text/calendar')
  @ApiOkResponse({
    description: 'An iCalendar object (RFC 5545)',
    content: { 'text/calendar': { schema: { type: 'string' } } },
  })
  @ApiErrors(404)
  async calendar(@IdParam() id: string, @CurrentMember() member: AuthenticatedMember): Promise<StreamableFile> {
    const calendar = await this.calendars.forViewer(id, member);
    return download(calendar, 'text/calendar; charset=utf-8', `attachment; filename="meeting-${id}.ics"`);
  }
}

/** CSV when asked by ?format=csv, or by the Accept header unless ?format=json says otherwise. */
export function wantsCsv(format: 'json' | 'csv' | undefined, accept: string | undefined): boolean {
  return format === 'csv' || (format !== 'json' && /text\/csv/i.test(accept ?? ''));
}
