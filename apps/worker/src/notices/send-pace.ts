import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '@seg/config';
import { noticesPerJob, REDIS_PRODUCER, sendWindow } from '@seg/queue';
import type IORedis from 'ioredis';

/**
 * BullMQ's limiter (global to the queue, so shared by every worker) for a rate a minute. It
 * counts jobs, and each job holds up to `noticesPerJob` notices: so many jobs a window that
 * their notices make the rate (`sendWindow`: 30 a minute is one job of one notice every 2 s).
 */
export function limiterFor(ratePerMinute: number): { max: number; duration: number } {
  const { max, duration } = sendWindow(ratePerMinute);
  return { max: max / noticesPerJob(ratePerMinute), duration };
}

/** The longest pause a run of throttling answers leads to. */
const MAX_PAUSE_MS = 10 * 60_000;
/** How long sending stops when the provider says its day is full. */
export const OVER_DAY_LIMIT_PAUSE_MS = 60 * 60_000;
/** A throttling answer within this long after a pause ends doubles the next pause. */
const LEVEL_KEPT_MS = 60_000;
/**
 * How long the workers wait, at most, before asking again whether a pause is over: the pause ends
 * by the clock, which the queue's limiter (real milliseconds in Redis) cannot follow.
 */
export const PAUSE_RECHECK_MS = 250;

// KEYS: pace. ARGV: now (ms), first pause (ms), longest pause (ms), level kept (ms).
// A throttling answer while a pause is on joins it (the sends in flight all hear the same "slow
// down"); the first after a pause doubles the last one, unless the level was kept too long
// without one. Times are the clock's, so the pause ends when the clock says, not Redis.
const THROTTLED = `
local now = tonumber(ARGV[1])
local pausedUntil = tonumber(redis.call('HGET', KEYS[1], 'until') or '0')
if pausedUntil > now then return pausedUntil - now end
local level = 1
if pausedUntil + tonumber(ARGV[4]) > now then
  level = tonumber(redis.call('HGET', KEYS[1], 'level') or '0') + 1
end
local pause = math.min(tonumber(ARGV[2]) * 2 ^ (level - 1), tonumber(ARGV[3]))
redis.call('HSET', KEYS[1], 'until', now + pause, 'level', level)
redis.call('PEXPIRE', KEYS[1], pause + tonumber(ARGV[4]))
return pause`;

/**
 * How long every worker pauses after the provider asks us to slow down, decided in Redis so the
 * workers agree: the first pause is one send's interval (at least a second), doubling while the
 * answers go on, up to ten minutes. The pause is kept as the instant it ends by the injected
 * clock, which every worker asks before it sends.
 */
@Injectable()
export class SendPace {
  private readonly key: string;
  private readonly firstPauseMs: number;

  constructor(
    @Inject(APP_CONFIG) config: AppConfig,
    @Inject(REDIS_PRODUCER) private readonly redis: IORedis,
  ) {
    this.key = `${config.queuePrefix}:mail:throttle`;
    this.firstPauseMs = Math.max(1_000, Math.ceil(60_000 / config.mail.ratePerMinute));
  }

  /** The pause to impose after a throttling answer heard at `now`, in ms. */
  async throttled(now: Date): Promise<number> {
    return Number(
      await this.redis.eval(
        THROTTLED,
        1,
        this.key,
        String(now.getTime()),
        String(this.firstPauseMs),
        String(MAX_PAUSE_MS),
        String(LEVEL_KEPT_MS),
      ),
    );
  }

  /** How much of a pause is left at `now`, in ms: 0 when sending may go on. */
  async pausedFor(now: Date): Promise<number> {
    const pausedUntil = Number((await this.redis.hget(this.key, 'until')) ?? 0);
    return Math.max(0, pausedUntil - now.getTime());
  }
}
