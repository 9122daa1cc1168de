import { DynamicModule, Module } from '@nestjs/common';
import { AuditTrailModule } from '@seg/audit';
import { AuthGuardsModule } from '@seg/auth';
import { AppConfig, ConfigModule } from '@seg/config';
import { PagingModule } from '@seg/http';
import { DatabaseModule } from '@seg/db';
import { NoticesModule } from '@seg/notices';
import { QueueModule } from '@seg/queue';
import { ClockModule } from '@seg/rules';
import { randomUUID } from 'node:crypto';
import { LoggerModule } from 'nestjs-pino';
import { AboutModule } from './about/about.module';
import { AttendanceModule } from './attendance/attendance.module';
import { LearningModule } from './learning/learning.module';
import { AuditModule } from './audit/audit.module';
import { AuthModule } from './auth/auth.module';
import { BackupsModule } from './backups/backups.module';
import { CalendarFeedModule } from './calendar-feed/calendar-feed.module';
import { CategoriesModule } from './categories/categories.module';
import { ContactCardsModule } from './contact-cards/contact-cards.module';
import { ConfirmDetailsModule } from './confirm-details/confirm-details.module';
import { DemoModule } from './demo/demo.module';
import { DirectoryModule } from './directory/directory.module';
import { EstablishmentsModule } from './establishments/establishments.module';
import { HealthModule } from './health/health.module';
import { InboundMessagesModule } from './inbound-messages/inbound-messages.module';
import { MeetingsModule } from './meetings/meetings.module';
import { MeModule } from './me/me.module';
import { MemberMessagesModule } from './member-messages/member-messages.module';
import { MetricsModule } from './metrics/metrics.module';
import { NoticeChoicesModule } from './notice-choices/notice-choices.module';
import { MembersModule } from './members/members.module';
import { PostsModule } from './posts/posts.module';
import { PrivacyModule } from './privacy/privacy.module';
import { RegionSheetModule } from './region-sheet/region-sheet.module';
import { RegionsModule } from './regions/regions.module';
import { RsvpModule } from './rsvp/rsvp.module';
import { WebAppModule } from './web-app/web-app.module';
import { WebSessionModule } from './web-session/web-session.module';

@Module({})
export class AppModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ConfigModule.forRoot(config),
        LoggerModule.forRoot({
          pinoHttp: {
            level: config.logLevel,
            // Keeps a caller's request id so one id follows a request across services.
            genReqId: (req, res) => {
              const given = req.headers['x-request-id'];
              const id = typeof given === 'string' && /^[\w.-]{1,100}$/.test(given) ? given : randomUUID();
              res.setHeader('x-request-id', id);
              return id;
            },
            redact: ['req.headers.authorization', 'req.headers.cookie'],
            autoLogging: { ignore: (req) => req.url === '/health' || req.url === '/metrics' },
          },
        }),
        DatabaseModule,
        ClockModule,
        PagingModule,
        QueueModule,
        AuthGuardsModule,
        NoticesModule,
        AuditTrailModule,
        AuthModule,
        HealthModule,
        BackupsModule,
        MetricsModule,
        AboutModule,
        MeetingsModule,
        AttendanceModule,
        LearningModule,
        RsvpModule,
        NoticeChoicesModule,
        ConfirmDetailsModule,
        AuditModule,
        RegionsModule,
        CategoriesModule,
        EstablishmentsModule,
        MembersModule,
        PostsModule,
        DirectoryModule,
        MeModule,
        CalendarFeedModule,
        ContactCardsModule,
        RegionSheetModule,
        MemberMessagesModule,
        PrivacyModule,
        InboundMessagesModule,
        DemoModule,
        WebSessionModule,
        WebAppModule,
      ],
    };
  }
}
