import { Body, Controller, Get, HttpCode, Param, Post, Query, UseInterceptors } from '@nestjs/common';
import { ApiAcceptedResponse, ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Actor } from '@seg/audit';
import { AuthenticatedMember, CurrentMember, Public, Secretariat } from '@seg/auth';
import { ApiError, ApiErrors, IdParam, PageQuery } from '@seg/http';
import { CurrentActor } from '../audit/actor.decorator';
import { RetryAfterInterceptor } from '../throttle/retry-after.interceptor';
import {
  MessagePermission,
  MessageReceipt,
  MessageReportPage,
  ReportedMessageView,
  ReportMessageDto,
  SendMessageDto,
} from './member-message.dto';
import { MemberMessagesService } from './member-messages.service';

@ApiTags('directory')
@Controller()
export class MemberMessagesController {
  constructor(private readonly messages: MemberMessagesService) {}

  /** Whether you may send the member a message now, and how many you have sent today. */
  @Get('directory/members/:id/message')
  @ApiBearerAuth()
  @ApiOkResponse({ type: MessagePermission })
  @ApiErrors(401, 400, 404)
  permission(@IdParam() id: string, @CurrentMember() viewer: AuthenticatedMember): Promise<MessagePermission> {
    return this.messages.permission(id, viewer);
  }

  /**
   * Sends the member a message through the group's mail: from the group's address, Reply-To
   * you, so they choose whether to answer. Their address is never in the answer. Plain text, up
   * to 5,000 characters; 10 a day (429 past that); 403 if they chose not to receive messages.
   */
  @Post('directory/members/:id/message')
  @HttpCode(202)
  @UseInterceptors(RetryAfterInterceptor)
  @ApiBearerAuth()
  @ApiAcceptedResponse({ type: MessageReceipt })
  @ApiErrors(401, 400, 404)
  @ApiError(403, 'The member chose not to receive messages')
  @ApiError(429, 'You have sent the messages a day allows')
  send(
    @IdParam() id: string,
    @Body() dto: SendMessageDto,
    @CurrentMember() sender: AuthenticatedMember,
    @CurrentActor() actor: Actor,
  ): Promise<MessageReceipt> {
    return this.messages.send(id, dto, sender, actor);
  }

  /** The message a "Report this message" link names: who sent it and when. Opening it changes nothing. */
  @Get('message-reports/:token')
  @Public()
  @ApiOkResponse({ type: ReportedMessageView })
  @ApiErrors(404)
  reportView(@Param('token') token: string): Promise<ReportedMessageView> {
    return this.messages.reportView(token);
  }

  /** Reports the message to the secretariat (from the link in it); a second report changes nothing. */
  @Post('message-reports/:token')
  @Public()
  @HttpCode(200)
  @ApiOkResponse({ type: ReportedMessageView })
  @ApiErrors(400, 404)
  report(@Param('token') token: string, @Body() dto: ReportMessageDto): Promise<ReportedMessageView> {
    return this.messages.report(token, dto);
  }

  /** Messages their recipients reported, the latest first: who wrote to whom and when (never the text). */
  @Get('message-reports')
  @Secretariat()
  @ApiBearerAuth()
  @ApiOkResponse({ type: MessageReportPage })
  @ApiErrors(401, 400, 403)
  reports(@Query() query: PageQuery): Promise<MessageReportPage> {
    return this.messages.reports(query);
  }
}
