import { Inject, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '@seg/config';
import { REDIS_PRODUCER } from '@seg/queue';
import type IORedis from 'ioredis';
import { DailyJobHandler } from '../daily/daily-job-handler';
import { BackupRunner } from './backup-runner';

/**
 * The nightly backup. A failure is logged, recorded for /health, the overview and /metrics, and
 * thrown so the daily queue tries again (five times, an hour and more apart in all).
 */
@Injectable()
export class BackupJob implements DailyJobHandler, OnApplicationBootstrap {
  private readonly logger = new Logger(BackupJob.name);
  readonly job = 'backup' as const;
  private readonly runner: BackupRunner;

  constructor(@Inject(APP_CONFIG) config: AppConfig, @Inject(REDIS_PRODUCER) redis: IORedis) {
    this.runner = new BackupRunner(config, redis);
  }

  async onApplicationBootstrap(): Promise<void> {
    await this.runner
      .recallNewest()
      .catch((err) => this.logger.warn({ err: (err as Error).message }, 'Could not read the last backup'));
  }

  async run(): Promise<string> {
    const done = await this.runner.backUp();
    return `${done.file} ${done.sizeBytes} bytes${done.removed.length ? `, removed ${done.removed.join(' ')}` : ''}`;
  }
}
