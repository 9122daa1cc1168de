import { Module } from '@nestjs/common';
import { InboundMessagesController } from './inbound-messages.controller';
import { InboundMessagesRepository } from './inbound-messages.repository';
import { InboundMessagesService } from './inbound-messages.service';

/** The secretariat's view of the inbound mailbox: what each message was found to be, and why. */
@Module({
  controllers: [InboundMessagesController],
  providers: [InboundMessagesRepository, InboundMessagesService],
})
export class InboundMessagesModule {}
