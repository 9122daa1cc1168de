import { Inject, Injectable, Logger, Module } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '@seg/config';
import { REDIS_PRODUCER } from '@seg/queue';
import type IORedis from 'ioredis';

/** A counter's state: how many in the window so far, and the seconds until the window ends. */
export interface WindowCount {
  count: number;
  secondsLeft: number;
}

// KEYS: the counter. ARGV: the cap, the window. Answers 0 when counted, or the seconds to wait.
const ADD_UNDER_SCRIPT = `
local count = tonumber(redis.call('GET', KEYS[1]) or '0')
if count >= tonumber(ARGV[1]) then return redis.call('TTL', KEYS[1]) end
redis.call('INCR', KEYS[1])
redis.call('EXPIRE', KEYS[1], ARGV[2], 'NX')
return 0`;

/**
 * The fixed-window counters in Redis behind every per-member or per-address limit of the API
 * (wrong check-in codes, unknown certificate numbers, link emails, sign-in link requests): a
 * counter starts its window with its first count and expires by itself at the window's end.
 * While Redis is down nothing is counted or refused (each method answers null): letting a member
 * in matters more than a few extra attempts for the minutes Redis is away.
 */
@Injectable()
export class FixedWindows {
  private readonly logger = new Logger(FixedWindows.name);

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(REDIS_PRODUCER) private readonly redis: IORedis,
  ) {}

  /** The counter's key under this deployment's prefix: `name` says what it counts, `subject` whose. */
  key(name: string, subject: string): string {
    return `${this.config.queuePrefix}:${name}:${subject}`;
  }

  /** Counts one, starting the window with the first: the count with this one, and the seconds left. */
  async add(key: string, windowSeconds: number): Promise<WindowCount | null> {
    try {
      const [[, count], , [, ttl]] = (await this.redis
        .multi()
        .incr(key)
        .expire(key, windowSeconds, 'NX')
        .ttl(key)
        .exec()) as [[Error | null, number], unknown, [Error | null, number]];
      return { count, secondsLeft: this.secondsLeft(ttl, windowSeconds) };
    } catch (err) {
      this.logger.warn({ err, key }, 'Limit counter unavailable; not counted');
      return null;
    }
  }

  /**
   * Counts one unless the cap is already reached: null when counted (or Redis is down), else the
   * seconds until the window ends. A refused attempt counts for nothing.
   */
  async addUnder(key: string, cap: number, windowSeconds: number): Promise<number | null> {
    try {
      const wait = Number(await this.redis.eval(ADD_UNDER_SCRIPT, 1, key, cap, windowSeconds));
      return wait === 0 ? null : this.secondsLeft(wait, windowSeconds);
    } catch (err) {
      this.logger.warn({ err, key }, 'Limit counter unavailable; not counted');
      return null;
    }
  }

  /** The count so far, counting nothing. */
  async read(key: string, windowSeconds: number): Promise<WindowCount | null> {
    try {
      const [count, ttl] = await Promise.all([this.redis.get(key).then(Number), this.redis.ttl(key)]);
      return { count, secondsLeft: this.secondsLeft(ttl, windowSeconds) };
    } catch (err) {
      this.logger.warn({ err, key }, 'Limit counter unavailable; not checked');
      return null;
    }
  }

  // A counter without an expiry (never written so) would otherwise give no wait at all.
  private secondsLeft(ttl: number, windowSeconds: number): number {
    return ttl > 0 ? ttl : windowSeconds;
  }
}

@Module({ providers: [FixedWindows], exports: [FixedWindows] })
export class ThrottleModule {}
