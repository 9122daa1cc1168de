import { DynamicModule, Module } from '@nestjs/common';
import { AppConfig, ConfigModule } from '@seg/config';
import { DatabaseModule } from '@seg/db';
import { QueueModule } from '@seg/queue';
import { LoggerModule } from 'nestjs-pino';
import { InboundWorkerModule } from './inbound/inbound-worker.module';
import { NoticesWorkerModule } from './notices/notices-worker.module';

@Module({})
export class WorkerModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: WorkerModule,
      imports: [
        ConfigModule.forRoot(config),
        LoggerModule.forRoot({ pinoHttp: { level: config.logLevel } }),
        DatabaseModule,
        QueueModule,
        NoticesWorkerModule,
        InboundWorkerModule,
      ],
    };
  }
}
