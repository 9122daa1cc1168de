import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '@seg/config';
import { REDIS_PRODUCER } from '@seg/queue';
import type IORedis from 'ioredis';

/**
 * BullMQ's limiter (global to the queue, so shared by every worker) for a rate a minute, in the
 * shortest whole-second window that keeps it exact: 30 a minute is one every 2 s, not 30 at once
 * at the top of each minute, which providers count as a burst.
 */
export function limiterFor(ratePerMinute: number): { max: number; duration: number } {
  const gcd = (a: number, b: number): number => (b ? gcd(b, a % b) : a);
  const windows = gcd(ratePerMinute, 60);
  return { max: ratePerMinute / windows, duration: 60_000 / windows };
}

/** The longest pause a run of throttling answers leads to. */
const MAX_PAUSE_MS = 10 * 60_000;
/** How long sending stops when the provider says its day is full. */
export const OVER_DAY_LIMIT_PAUSE_MS = 60 * 60_000;

// KEYS: pause, level. ARGV: first pause (ms), longest pause (ms).
// A throttling answer while a pause is on joins it (the sends in flight all hear the same "slow
// down"); the first after a pause doubles the last one. The level is forgotten after a minute
// without one: a provider that throttled within the minute is likely to again.
const THROTTLED = `
local left = redis.call('PTTL', KEYS[1])
if left > 0 then return left end
local level = redis.call('INCR', KEYS[2])
local pause = math.min(tonumber(ARGV[1]) * 2 ^ (level - 1), tonumber(ARGV[2]))
redis.call('SET', KEYS[1], level, 'PX', pause)
redis.call('PEXPIRE', KEYS[2], pause + 60000)
return pause`;

/**
 * How long every worker pauses after the provider asks us to slow down, decided in Redis so the
 * workers agree: the first pause is one send's interval (at least a second), doubling while the
 * answers go on, up to ten minutes.
 */
@Injectable()
export class SendPace {
  private readonly keys: { pause: string; level: string };
  private readonly firstPauseMs: number;

  constructor(
    @Inject(APP_CONFIG) config: AppConfig,
    @Inject(REDIS_PRODUCER) private readonly redis: IORedis,
  ) {
    const base = `${config.queuePrefix}:mail:throttle`;
    this.keys = { pause: `${base}:pause`, level: `${base}:level` };
    this.firstPauseMs = Math.max(1_000, Math.ceil(60_000 / config.mail.ratePerMinute));
  }

  /** The pause to impose after a throttling answer, in ms. */
  async throttled(): Promise<number> {
    return Number(
      await this.redis.eval(
        THROTTLED,
        2,
        this.keys.pause,
        this.keys.level,
        String(this.firstPauseMs),
        String(MAX_PAUSE_MS),
      ),
    );
  }
}
