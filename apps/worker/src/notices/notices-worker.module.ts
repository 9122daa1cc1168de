import { DynamicModule, Module, Type } from '@nestjs/common';
import { MailerModule } from './mailer.module';
import { NOTICE_RENDERERS, NoticeRenderer } from './notice-renderer';
import { NoticeLoader } from './notice-loader';
import { NoticeSenderProcessor } from './notice-sender.processor';
import { NoticesRepository } from './notices.repository';
import { OutboxRelayService } from './outbox-relay.service';
import { SendPace } from './send-pace';
import { SentRecorder } from './sent-recorder';

/**
 * Sending notices: the sender and the relay. The renderers come from the feature
 * modules, named by the worker module that assembles the app, so this module imports no feature.
 */
@Module({})
export class NoticesWorkerModule {
  static withRenderers(options: { imports: Type[]; renderers: Type<NoticeRenderer>[] }): DynamicModule {
    return {
      module: NoticesWorkerModule,
      imports: [MailerModule, ...options.imports],
      providers: [
        {
          provide: NOTICE_RENDERERS,
          inject: options.renderers,
          useFactory: (...renderers: NoticeRenderer[]) => renderers,
        },
        NoticesRepository,
        NoticeLoader,
        SentRecorder,
        SendPace,
        NoticeSenderProcessor,
        OutboxRelayService,
      ],
      exports: [NoticeSenderProcessor, OutboxRelayService],
    };
  }
}
