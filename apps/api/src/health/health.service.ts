import { Inject, Injectable } from '@nestjs/common';
import { PG_POOL } from '@seg/db';
import { REDIS_PRODUCER } from '@seg/queue';
import type IORedis from 'ioredis';
import { Pool } from 'pg';

export interface HealthReport {
  status: 'ok' | 'down';
  db: 'up' | 'down';
  redis: 'up' | 'down';
  message?: string;
}

const TIMEOUT_MS = 2_000;

function within<T>(promise: Promise<T>): Promise<T> {
  return Promise.race([promise, new Promise<T>((_, reject) => setTimeout(() => reject(new Error('timeout')), TIMEOUT_MS).unref())]);
}

@Injectable()
export class HealthService {
  constructor(
    @Inject(PG_POOL) private readonly pool: Pool,
    @Inject(REDIS_PRODUCER) private readonly redis: IORedis,
  ) {}

  async check(): Promise<HealthReport> {
    const [db, redis] = await Promise.all([
      within(this.pool.query('select 1')).then(() => 'up' as const, () => 'down' as const),
      within(this.redis.ping()).then(() => 'up' as const, () => 'down' as const),
    ]);
    const down = [db === 'down' && 'database', redis === 'down' && 'redis'].filter(Boolean);
    return down.length
      ? { status: 'down', db, redis, message: `${down.join(' and ')} down` }
      : { status: 'ok', db, redis };
  }
}
