import { DynamicModule, Module } from '@nestjs/common';
import { AuditTrailModule } from '@seg/audit';
import { AppConfig, ConfigModule } from '@seg/config';
import { DatabaseModule } from '@seg/db';
import { NoticesModule } from '@seg/notices';
import { QueueModule } from '@seg/queue';
import { ClockModule } from '@seg/rules';
import { LoggerModule } from 'nestjs-pino';
import { AccountNoticeRenderer } from './accounts/account-notice.renderer';
import { AccountsWorkerModule } from './accounts/accounts-worker.module';
import { BackupJob } from './backup/backup.job';
import { BackupWorkerModule } from './backup/backup-worker.module';
import { DailyJobsModule } from './daily/daily-jobs.module';
import { InboundWorkerModule } from './inbound/inbound-worker.module';
import { CertificateNoticeRenderer } from './learning/certificate-notice.renderer';
import { LearningWorkerModule } from './learning/learning-worker.module';
import { MeetingNoticeRenderer } from './meetings/meeting-notice.renderer';
import { MeetingsWorkerModule } from './meetings/meetings-worker.module';
import { ConfirmDetailsJob } from './members/confirm-details.job';
import { ConfirmDetailsRenderer } from './members/confirm-details.renderer';
import { ErasureRequestRenderer } from './members/erasure-request.renderer';
import { MemberMessageRenderer } from './members/member-message.renderer';
import { MembersWorkerModule } from './members/members-worker.module';
import { NoticesWorkerModule } from './notices/notices-worker.module';
import { PrivacyWorkerModule } from './privacy/privacy-worker.module';
import { RetentionJob } from './privacy/retention.job';

@Module({})
export class WorkerModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: WorkerModule,
      imports: [
        ConfigModule.forRoot(config),
        LoggerModule.forRoot({ pinoHttp: { level: config.logLevel } }),
        DatabaseModule,
        ClockModule,
        QueueModule,
        NoticesModule,
        AuditTrailModule,
        // Every notice kind of @seg/notices needs a renderer here; the sender refuses to start without.
        NoticesWorkerModule.withRenderers({
          imports: [AccountsWorkerModule, MeetingsWorkerModule, MembersWorkerModule, LearningWorkerModule],
          renderers: [
            AccountNoticeRenderer,
            MeetingNoticeRenderer,
            ConfirmDetailsRenderer,
            ErasureRequestRenderer,
            CertificateNoticeRenderer,
            MemberMessageRenderer,
          ],
        }),
        InboundWorkerModule,
        // Every daily job of @seg/queue needs a handler here; the worker refuses to start without.
        DailyJobsModule.withHandlers({
          imports: [MembersWorkerModule, PrivacyWorkerModule, BackupWorkerModule],
          handlers: [ConfirmDetailsJob, RetentionJob, BackupJob],
        }),
      ],
    };
  }
}
