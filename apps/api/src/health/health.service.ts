import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '@seg/config';
import { PG_POOL } from '@seg/db';
import { BackupState, readBackupState, readInboundState, readMailAuthRefused, REDIS_PRODUCER } from '@seg/queue';
import type IORedis from 'ioredis';
import { Pool } from 'pg';
import { BackupHealth, HealthReport } from './health-report.dto';

const TIMEOUT_MS = 2_000;

function within<T>(promise: Promise<T>): Promise<T> {
  return Promise.race([
    promise,
    new Promise<T>((_, reject) => setTimeout(() => reject(new Error('timeout')), TIMEOUT_MS).unref()),
  ]);
}

@Injectable()
export class HealthService {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(PG_POOL) private readonly pool: Pool,
    @Inject(REDIS_PRODUCER) private readonly redis: IORedis,
  ) {}

  async check(): Promise<HealthReport> {
    const [db, redis, inboundState, refusal, backupState] = await Promise.all([
      within(this.pool.query('select 1')).then(
        () => 'up' as const,
        () => 'down' as const,
      ),
      within(this.redis.ping()).then(
        () => 'up' as const,
        () => 'down' as const,
      ),
      within(readInboundState(this.redis, this.config.queuePrefix)).catch(() => null),
      within(readMailAuthRefused(this.redis, this.config.queuePrefix)).catch(() => null),
      within(readBackupState(this.redis, this.config.queuePrefix)).catch(() => null),
    ]);
    const mail = refusal ? ('auth failed' as const) : ('up' as const);
    const backup = backupState && backupHealth(backupState);
    // Without IMAP_URL only a development mail catcher reads inbound mail, and says so while it runs.
    const inbound = inboundState ?? (this.config.inbound.imapUrl ? 'down' : 'off');
    const down = [db === 'down' && 'database', redis === 'down' && 'redis'].filter(Boolean);
    return down.length
      ? { status: 'down', db, redis, inbound, mail, backup, message: `${down.join(' and ')} down` }
      : { status: 'ok', db, redis, inbound, mail, backup };
  }
}

function backupHealth({ last, failure }: BackupState): BackupHealth {
  return {
    status: failure ? 'failed' : last ? 'ok' : 'none',
    lastAt: last?.at.toISOString() ?? null,
    sizeBytes: last?.sizeBytes ?? null,
    failedAt: failure?.at.toISOString() ?? null,
  };
}
