import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '@seg/config';
import type IORedis from 'ioredis';
import { REDIS_PRODUCER } from './notice-queue';

/** The day the limit counts over: recipients in any rolling 24 hours. */
export const DAY_MS = 24 * 3600_000;

/** A notice in the day's count: one recipient per notice and generation. */
export interface DayLimitedNotice {
  id: string;
  generation: number;
}

// Shared by both scripts: KEYS[1] sent (member -> when it went), KEYS[2] planned (member -> not
// before). ARGV[1] now, ARGV[2] window, ARGV[3] limit.
const PRELUDE = `
local now, window, limit = tonumber(ARGV[1]), tonumber(ARGV[2]), tonumber(ARGV[3])
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now - window)
`;

// Plans each notice the earliest time it may go without any 24 hours holding more than `limit`
// of the sends and plans already made: the first notice after the limit-th latest slot goes a
// window after it. A notice already planned keeps its time (a repeat changes nothing).
// ARGV[4]: 1 to record the plans of the notices that follow; 0 to only work out when ARGV[5]
// more notices would go (an estimate).
const PLAN = `${PRELUDE}
redis.call('ZREMRANGEBYSCORE', KEYS[2], '-inf', now - window)
local write = ARGV[4] == '1'
local slots = {}
local sent = redis.call('ZRANGE', KEYS[1], 0, -1, 'WITHSCORES')
local planned = redis.call('ZRANGE', KEYS[2], 0, -1, 'WITHSCORES')
local i, j = 2, 2
while i <= #sent or j <= #planned do
  local a, b = tonumber(sent[i]), tonumber(planned[j])
  if b == nil or (a ~= nil and a <= b) then slots[#slots + 1] = a; i = i + 2
  else slots[#slots + 1] = b; j = j + 2 end
end
local times = {}
local count = write and (#ARGV - 4) or tonumber(ARGV[5])
for k = 1, count do
  local member = ARGV[4 + k]
  local at = write and redis.call('ZSCORE', KEYS[2], member)
  if at then
    at = tonumber(at)
  else
    at = now
    local n = #slots
    if n >= limit then at = math.max(now, slots[n - limit + 1] + window) end
    if n == 0 or at >= slots[n] then
      slots[n + 1] = at
    else
      local p = n
      while p > 0 and slots[p] > at do p = p - 1 end
      table.insert(slots, p + 1, at)
    end
    if write then redis.call('ZADD', KEYS[2], at, member) end
  end
  times[#times + 1] = tostring(at)
end
return times`;

// Lets one notice go now if fewer than `limit` sends were made in the last window, counting it
// (a notice tried again counts once); otherwise answers when a send leaves the window, and plans
// the notice for then. ARGV[4]: the notice.
const TAKE = `${PRELUDE}
local member = ARGV[4]
if redis.call('ZSCORE', KEYS[1], member) or redis.call('ZCARD', KEYS[1]) < limit then
  redis.call('ZADD', KEYS[1], now, member)
  redis.call('ZREM', KEYS[2], member)
  return 0
end
local n = redis.call('ZCARD', KEYS[1])
local oldest = tonumber(redis.call('ZRANGE', KEYS[1], n - limit, n - limit, 'WITHSCORES')[2])
local at = oldest + window
redis.call('ZADD', KEYS[2], at, member)
return tostring(at)`;

/**
 * MAIL_DAILY_LIMIT across all workers and APIs, in Redis. Two sorted sets: the sends made (by
 * the workers, at the moment each goes) and the plans (written when notices are queued, so a
 * send larger than what is left today is spread over the next days at once and each notice
 * knows its `notBefore`). Plans only estimate; the sends made are the limit: a worker sends
 * only while fewer than the limit went in the last 24 hours, however late the plans ran.
 * Every time is the caller's (its injected clock), so tests can move days.
 */
@Injectable()
export class MailDayLimit {
  readonly limit: number | null;
  private readonly keys: [sent: string, planned: string];

  constructor(
    @Inject(APP_CONFIG) config: AppConfig,
    @Inject(REDIS_PRODUCER) private readonly redis: IORedis,
  ) {
    this.limit = config.mail.dailyLimit;
    this.keys = [`${config.queuePrefix}:mail:day:sent`, `${config.queuePrefix}:mail:day:planned`];
  }

  /** When each notice may go (in the order given), recorded so later plans count them. */
  async plan(notices: DayLimitedNotice[], now: Date): Promise<Date[]> {
    if (this.limit === null || !notices.length) return notices.map(() => now);
    const times: Date[] = [];
    // Redis takes a few thousand arguments at a time comfortably.
    for (let i = 0; i < notices.length; i += 5_000) {
      const members = notices.slice(i, i + 5_000).map(member);
      times.push(...(await this.run(PLAN, now, '1', ...members)).map((t) => new Date(Number(t))));
    }
    return times;
  }

  /** When each of `count` more notices would go, were they queued now; records nothing. */
  async estimate(count: number, now: Date): Promise<Date[]> {
    if (this.limit === null || count === 0) return Array.from({ length: count }, () => now);
    return (await this.run(PLAN, now, '0', String(count))).map((t) => new Date(Number(t)));
  }

  /** A planned notice that will not be sent (suppressed, gone): its slot is free again. */
  async release(notice: DayLimitedNotice): Promise<void> {
    if (this.limit !== null) await this.redis.zrem(this.keys[1], member(notice));
  }

  /** Null: the notice may go now, and is counted. Otherwise when it may go (and is planned for then). */
  async take(notice: DayLimitedNotice, now: Date): Promise<Date | null> {
    if (this.limit === null) return null;
    const [at] = await this.run(TAKE, now, member(notice));
    return Number(at) === 0 ? null : new Date(Number(at));
  }

  private async run(script: string, now: Date, ...args: string[]): Promise<string[]> {
    const answer = await this.redis.eval(
      script,
      2,
      ...this.keys,
      String(now.getTime()),
      String(DAY_MS),
      String(this.limit),
      ...args,
    );
    return (Array.isArray(answer) ? answer : [answer]).map(String);
  }
}

function member(notice: DayLimitedNotice): string {
  return `${notice.id}.${notice.generation}`;
}
