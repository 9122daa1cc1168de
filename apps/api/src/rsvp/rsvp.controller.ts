import {
  Body,
  Controller,
  Get,
  GoneException,
  Headers,
  HttpStatus,
  NotFoundException,
  Param,
  Post,
  Query,
  Res,
} from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import { ApiConsumes, ApiOkResponse, ApiResponse, ApiTags } from '@nestjs/swagger';
import { Public } from '@seg/auth';
import { MEMBERSHIP_ENDED } from '@seg/db';
import { REPLY_REFUSALS } from '@seg/records';
import { RequestId } from '../audit/actor.decorator';
import { ApiLinkPage, ApiLinkRefusals, sendLinkPage } from '../link-page/link-page.http';
import { RsvpDto } from '../meetings/dto/rsvp.dto';
import { toLondonIso } from '@seg/rules';
import { rsvpPage } from './rsvp-page';
import { RsvpReplyView } from './rsvp-reply.dto';
import { RsvpService } from './rsvp.service';

/** The links in meeting emails. No login: the token is the invitee's key to this one invitation. */
@ApiTags('meetings')
@Public()
@Controller('rsvp')
export class RsvpController {
  constructor(
    private readonly rsvp: RsvpService,
    private readonly adapterHost: HttpAdapterHost,
  ) {}

  /** A small page showing the meeting and asking for the click; opening it changes nothing. */
  @Get(':token')
  @ApiLinkPage(
    'the meeting was cancelled or is over, or that the member is no longer current (then nothing of the meeting)',
  )
  async show(
    @Param('token') token: string,
    @Query('response') response: string | undefined,
    @Query('saved') saved: string | undefined,
    @Res() res: unknown,
  ): Promise<void> {
    const link = await this.rsvp.open(token);
    sendLinkPage(this.adapterHost.httpAdapter, res, rsvpPage(link, { chosen: response, saved: saved === '1' }));
  }

  /** Records the reply: a form post is sent back to the page, a JSON call gets JSON. */
  @Post(':token')
  @ApiConsumes('application/x-www-form-urlencoded', 'application/json')
  @ApiOkResponse({ type: RsvpReplyView, description: 'The reply is recorded (a JSON call)' })
  @ApiResponse({ status: 303, description: 'The reply is recorded (a form post): back to the page' })
  @ApiLinkRefusals('The meeting was cancelled or is over, or the member is no longer current')
  async reply(
    @Param('token') token: string,
    @Body() dto: RsvpDto,
    @Headers('content-type') contentType: string | undefined,
    @RequestId() requestId: string | null,
    @Res() res: unknown,
  ): Promise<void> {
    const { httpAdapter } = this.adapterHost;
    const result = await this.rsvp.reply(token, dto.response, requestId);
    const fromForm = /application\/x-www-form-urlencoded/i.test(contentType ?? '');
    httpAdapter.setHeader(res, 'cache-control', 'no-store');
    if (fromForm) {
      if (result.state === 'open') {
        // Back to the page (relative, so it works behind any path prefix) showing what was saved.
        httpAdapter.redirect(res, HttpStatus.SEE_OTHER, `${encodeURIComponent(token)}?saved=1`);
        return;
      }
      sendLinkPage(httpAdapter, res, rsvpPage(result));
      return;
    }
    if (result.state === 'invalid') throw new NotFoundException('This RSVP link is not recognised');
    if (result.state === 'ended') throw new GoneException(MEMBERSHIP_ENDED);
    if (result.state !== 'open') throw new GoneException(REPLY_REFUSALS[result.state].message);
    const reply: RsvpReplyView = {
      meetingId: result.invitation.meeting.id,
      response: result.saved!.response,
      respondedAt: result.saved!.respondedAt ? toLondonIso(result.saved!.respondedAt) : null,
    };
    httpAdapter.reply(res, reply, HttpStatus.OK);
  }
}
