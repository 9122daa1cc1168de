import { Controller, Get, Headers, HttpCode, HttpStatus, Param, Post, Res } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import { ApiBearerAuth, ApiOkResponse, ApiProduces, ApiResponse, ApiTags } from '@nestjs/swagger';
import { Actor } from '@seg/audit';
import { AuthenticatedMember, CurrentMember, Public } from '@seg/auth';
import { ApiErrors } from '@seg/http';
import { CurrentActor } from '../audit/actor.decorator';
import { CalendarFeedLinks } from './calendar-feed.dto';
import { CalendarFeedService } from './calendar-feed.service';

@ApiTags('me')
@Controller()
export class CalendarFeedController {
  constructor(
    private readonly feeds: CalendarFeedService,
    private readonly adapterHost: HttpAdapterHost,
  ) {}

  /** Your private calendar feed's address, to subscribe to in any calendar program. */
  @Get('me/calendar')
  @ApiBearerAuth()
  @ApiOkResponse({ type: CalendarFeedLinks })
  @ApiErrors(401)
  links(@CurrentMember() member: AuthenticatedMember): Promise<CalendarFeedLinks> {
    return this.feeds.links(member.id);
  }

  /** A new address for your feed: the old one stops working at once (404). */
  @Post('me/calendar/reset')
  @HttpCode(200)
  @ApiBearerAuth()
  @ApiOkResponse({ type: CalendarFeedLinks })
  @ApiErrors(401)
  reset(@CurrentMember() member: AuthenticatedMember, @CurrentActor() actor: Actor): Promise<CalendarFeedLinks> {
    return this.feeds.reset(member.id, actor);
  }

  /**
   * A member's meetings as an iCalendar feed, for whoever has the secret address: every meeting
   * they are invited to (those to come and the last year's), cancelled ones marked so, with
   * their reply. 304 when `If-None-Match` names the current ETag.
   */
  @Get('calendar/:token.ics')
  @Public()
  @ApiTags('calendar')
  @ApiProduces('text/calendar')
  @ApiOkResponse({
    description: 'An iCalendar feed (RFC 5545), one VEVENT per meeting',
    content: { 'text/calendar': { schema: { type: 'string' } } },
  })
  @ApiResponse({ status: 304, description: 'Not changed since the ETag given in If-None-Match' })
  @ApiErrors(404)
  async feed(
    @Param('token') token: string,
    @Headers('if-none-match') ifNoneMatch: string | undefined,
    @Res() res: unknown,
  ): Promise<void> {
    const { httpAdapter } = this.adapterHost;
    const feed = await this.feeds.feed(token);
    // The address is the secret: no shared cache keeps it, and a client checks back each time.
    httpAdapter.setHeader(res, 'Cache-Control', 'private, no-cache');
    httpAdapter.setHeader(res, 'ETag', feed.etag);
    httpAdapter.setHeader(res, 'X-Robots-Tag', 'noindex');
    if (matches(ifNoneMatch, feed.etag)) {
      httpAdapter.reply(res, undefined, HttpStatus.NOT_MODIFIED);
      return;
    }
    httpAdapter.setHeader(res, 'Content-Type', 'text/calendar; charset=utf-8');
    httpAdapter.setHeader(res, 'Content-Disposition', 'inline; filename="seg-network-meetings.ics"');
    httpAdapter.reply(res, feed.body, HttpStatus.OK);
  }
}

/** Whether If-None-Match names the ETag (RFC 9110: weak comparison, a list, or `*`). */
function matches(header: string | undefined, etag: string): boolean {
  if (!header) return false;
  return header.split(',').some((tag) => {
    const t = tag.trim();
    return t === '*' || t.replace(/^W\//, '') === etag;
  });
}
