import { Module } from '@nestjs/common';
import { AccountNoticeRenderer } from '../accounts/account-notice.renderer';
import { MeetingNoticeRenderer } from '../meetings/meeting-notice.renderer';
import { MeetingsWorkerModule } from '../meetings/meetings-worker.module';
import { MailerService } from './mailer.service';
import { NOTICE_RENDERERS, NoticeRenderer } from './notice-renderer';
import { NoticeSenderProcessor } from './notice-sender.processor';
import { NoticesRepository } from './notices.repository';
import { OutboxRelayService } from './outbox-relay.service';
import { SentRecorder } from './sent-recorder';

@Module({
  imports: [MeetingsWorkerModule],
  providers: [
    AccountNoticeRenderer,
    {
      provide: NOTICE_RENDERERS,
      inject: [AccountNoticeRenderer, MeetingNoticeRenderer],
      useFactory: (...renderers: NoticeRenderer[]) => renderers,
    },
    NoticesRepository,
    SentRecorder,
    MailerService,
    NoticeSenderProcessor,
    OutboxRelayService,
  ],
  exports: [NoticeSenderProcessor, OutboxRelayService, MailerService],
})
export class NoticesWorkerModule {}
