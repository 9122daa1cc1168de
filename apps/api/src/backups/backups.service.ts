import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '@seg/config';
import { readBackupState, REDIS_PRODUCER } from '@seg/queue';
import type IORedis from 'ioredis';
import { BackupReportView } from './backup-report.dto';

const pad = (n: number) => String(n).padStart(2, '0');

/** What the worker left in Redis about the backups, with their schedule. */
@Injectable()
export class BackupsService {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(REDIS_PRODUCER) private readonly redis: IORedis,
  ) {}

  async report(): Promise<BackupReportView> {
    const { last, failure } = await readBackupState(this.redis, this.config.queuePrefix);
    const { hour, minute } = this.config.daily.backupTime;
    return {
      runsAt: `${pad(hour)}:${pad(minute)}`,
      keepDays: this.config.backup.keepDays,
      last: last && { at: last.at.toISOString(), file: last.file, sizeBytes: last.sizeBytes },
      failure: failure && { at: failure.at.toISOString(), error: failure.error },
    };
  }
}
