import { Global, Inject, Module, OnApplicationShutdown } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '@seg/config';
import type IORedis from 'ioredis';
import { DailyJobs } from './daily-jobs';
import { MailDayLimit } from './mail-day-limit';
import { NoticeQueue, REDIS_PRODUCER } from './notice-queue';
import { createRedisConnection } from './redis-connection';

/** The producer side: what the API needs to queue notices and reminders. */
@Global()
@Module({
  providers: [
    {
      provide: REDIS_PRODUCER,
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) =>
        createRedisConnection(config.redisUrl, 'producer', `${config.queuePrefix}:producer`),
    },
    NoticeQueue,
    DailyJobs,
    MailDayLimit,
  ],
  exports: [REDIS_PRODUCER, NoticeQueue, DailyJobs, MailDayLimit],
})
export class QueueModule implements OnApplicationShutdown {
  constructor(@Inject(REDIS_PRODUCER) private readonly redis: IORedis) {}

  async onApplicationShutdown(): Promise<void> {
    // After NoticeQueue and DailyJobs have closed their queues (module shutdown order is reverse of creation).
    this.redis.disconnect();
  }
}
