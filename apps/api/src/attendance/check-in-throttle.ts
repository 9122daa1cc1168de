import { Inject, Injectable, Logger } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '@seg/config';
import { REDIS_PRODUCER } from '@seg/queue';
import type IORedis from 'ioredis';
import { TooManyAttemptsException } from '../auth/login-throttle';

/** Wrong check-in codes a member may type for one meeting in one window: plenty for typos, nowhere near a guess. */
export const CHECK_IN_LIMITS = { wrongCodes: 10, windowSeconds: 15 * 60 } as const;

// KEYS: the member's counter for the meeting. ARGV: the limit, the window. Answers 0, or the seconds to wait.
const WRONG_CODE_SCRIPT = `
local wrong = tonumber(redis.call('GET', KEYS[1]) or '0')
if wrong >= tonumber(ARGV[1]) then return redis.call('TTL', KEYS[1]) end
redis.call('INCR', KEYS[1])
redis.call('EXPIRE', KEYS[1], ARGV[2], 'NX')
return 0`;

/**
 * Counts wrong check-in codes per member and meeting in Redis (a fixed window that expires by
 * itself), so a member who is not in the room cannot find the code by trying: over the limit, 429.
 */
@Injectable()
export class CheckInThrottle {
  private readonly logger = new Logger(CheckInThrottle.name);

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(REDIS_PRODUCER) private readonly redis: IORedis,
  ) {}

  private key(meetingId: string, memberId: string): string {
    return `${this.config.queuePrefix}:check-in:wrong:${meetingId}:${memberId}`;
  }

  /** Throws a 429 while the member has used up their wrong codes for this meeting. */
  async check(meetingId: string, memberId: string): Promise<void> {
    const key = this.key(meetingId, memberId);
    let wrong = 0;
    let ttl = 0;
    try {
      [wrong, ttl] = await Promise.all([this.redis.get(key).then(Number), this.redis.ttl(key)]);
    } catch (err) {
      this.logger.warn({ err }, 'Check-in throttle unavailable; attempt not checked');
      return;
    }
    if (wrong >= CHECK_IN_LIMITS.wrongCodes)
      throw new TooManyAttemptsException(ttl > 0 ? ttl : CHECK_IN_LIMITS.windowSeconds, 'Too many wrong codes');
  }

  /** Counts a wrong code; throws a 429 when it is one too many. */
  async wrongCode(meetingId: string, memberId: string): Promise<void> {
    let wait: number;
    try {
      wait = Number(
        await this.redis.eval(
          WRONG_CODE_SCRIPT,
          1,
          this.key(meetingId, memberId),
          CHECK_IN_LIMITS.wrongCodes,
          CHECK_IN_LIMITS.windowSeconds,
        ),
      );
    } catch (err) {
      this.logger.warn({ err }, 'Check-in throttle unavailable; wrong code not counted');
      return;
    }
    if (wait !== 0)
      throw new TooManyAttemptsException(wait > 0 ? wait : CHECK_IN_LIMITS.windowSeconds, 'Too many wrong codes');
  }
}
