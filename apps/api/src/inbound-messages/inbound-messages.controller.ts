import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Secretariat } from '@seg/auth';
import { ApiErrors } from '@seg/http';
import { InboundMessagePage } from './inbound-message.dto';
import { InboundMessagesQuery } from './inbound-messages.query';
import { InboundMessagesService } from './inbound-messages.service';

@ApiTags('inbound mail')
@ApiBearerAuth()
@Controller('inbound-messages')
export class InboundMessagesController {
  constructor(private readonly messages: InboundMessagesService) {}

  /**
   * The messages the worker read from the inbound mailbox, newest first: calendar replies,
   * bounces, and those it set aside in Unmatched with the reason (`outcome=unmatched`).
   */
  @Get()
  @Secretariat()
  @ApiOkResponse({ type: InboundMessagePage })
  @ApiErrors(400, 401, 403)
  list(@Query() query: InboundMessagesQuery): Promise<InboundMessagePage> {
    return this.messages.list(query);
  }
}
