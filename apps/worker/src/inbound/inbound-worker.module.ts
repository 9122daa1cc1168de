import { Module } from '@nestjs/common';
import { RecordsModule } from '@seg/records';
import { MailerModule } from '../notices/mailer.module';
import { CatcherInboundService } from './catcher-inbound.service';
import { InboundMailService } from './inbound-mail.service';
import { InboundRepository } from './inbound.repository';
import { MailboxReaderService } from './mailbox-reader.service';

/** Inbound mail: calendar replies and bounces, read from IMAP_URL or the development mail catcher. */
@Module({
  imports: [MailerModule, RecordsModule],
  providers: [InboundRepository, InboundMailService, MailboxReaderService, CatcherInboundService],
  exports: [InboundMailService, MailboxReaderService],
})
export class InboundWorkerModule {}
