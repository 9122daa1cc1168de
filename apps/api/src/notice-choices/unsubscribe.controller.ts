import {
  Controller,
  Get,
  GoneException,
  HttpStatus,
  Inject,
  NotFoundException,
  Param,
  Post,
  Req,
  Res,
} from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import { ApiBody, ApiConsumes, ApiExtraModels, ApiOkResponse, ApiTags, getSchemaPath } from '@nestjs/swagger';
import { Public } from '@seg/auth';
import { APP_CONFIG, AppConfig } from '@seg/config';
import { MEMBERSHIP_ENDED } from '@seg/db';
import { AdapterRequest, invalidField, nodeRequest } from '@seg/http';
import { RequestId } from '../audit/actor.decorator';
import { ApiLinkPage, ApiLinkRefusals, sendLinkPage } from '../link-page/link-page.http';
import { NoticeChoicesService } from './notice-choices.service';
import { noticePreferences, UnsubscribedView } from './notice-preferences.dto';
import { isOneClickPost, ONE_CLICK_FIELD } from './one-click-body';
import { unsubscribePage } from './unsubscribe-page';

/**
 * The one-click unsubscribe of meeting notices (List-Unsubscribe, RFC 8058). No login: the token
 * names the member and the kind of notice, and reached only that member's address.
 */
@ApiTags('me')
@ApiExtraModels(UnsubscribedView)
@Public()
@Controller('unsubscribe')
export class UnsubscribeController {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly choices: NoticeChoicesService,
    private readonly adapterHost: HttpAdapterHost,
  ) {}

  /** A page saying what the link turns off, with the button; opening it changes nothing. */
  @Get(':token')
  @ApiLinkPage('the member is no longer current')
  async show(@Param('token') token: string, @Res() res: unknown): Promise<void> {
    const page = unsubscribePage(await this.choices.open(token), { myDetailsUrl: this.myDetailsUrl() });
    sendLinkPage(this.adapterHost.httpAdapter, res, page);
  }

  /**
   * Turns that kind of meeting notice off for the link's member (audited). The body is RFC
   * 8058's `List-Unsubscribe=One-Click`, as a form (multipart or urlencoded, as mail programs
   * send it; the page's button too) or JSON; a form gets the page back, JSON gets JSON.
   */
  @Post(':token')
  @ApiConsumes('multipart/form-data', 'application/x-www-form-urlencoded', 'application/json')
  @ApiBody({
    schema: {
      type: 'object',
      required: [ONE_CLICK_FIELD],
      properties: { [ONE_CLICK_FIELD]: { type: 'string', enum: ['One-Click'] } },
    },
  })
  @ApiOkResponse({
    description: 'Turned off: the page for a form post, JSON for a JSON call',
    content: {
      'application/json': { schema: { $ref: getSchemaPath(UnsubscribedView) } },
      'text/html': { schema: { type: 'string' } },
    },
  })
  @ApiLinkRefusals('The member is no longer current')
  async turnOff(
    @Param('token') token: string,
    @Req() req: AdapterRequest & { body?: unknown },
    @RequestId() requestId: string | null,
    @Res() res: unknown,
  ): Promise<void> {
    const { httpAdapter } = this.adapterHost;
    if (!(await isOneClickPost(req))) throw invalidField(ONE_CLICK_FIELD, 'must be One-Click (RFC 8058)');
    const link = await this.choices.turnOff(token, requestId);
    httpAdapter.setHeader(res, 'cache-control', 'no-store');
    if (!/application\/json/i.test(nodeRequest(req).headers['content-type'] ?? '')) {
      sendLinkPage(httpAdapter, res, unsubscribePage(link, { myDetailsUrl: this.myDetailsUrl(), done: true }));
      return;
    }
    if (link.state === 'invalid') throw new NotFoundException('This unsubscribe link is not recognised');
    if (link.state === 'ended') throw new GoneException(MEMBERSHIP_ENDED);
    const view: UnsubscribedView = {
      turnedOff: link.choice,
      noticePreferences: noticePreferences(link.member),
    };
    httpAdapter.reply(res, view, HttpStatus.OK);
  }

  private myDetailsUrl(): string {
    return `${this.config.publicUrl}/my/details`;
  }
}
