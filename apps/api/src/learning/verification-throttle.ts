import { Inject, Injectable, Logger } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '@seg/config';
import { REDIS_PRODUCER } from '@seg/queue';
import type IORedis from 'ioredis';
import { TooManyAttemptsException } from '../auth/login-throttle';

/**
 * Unknown certificate numbers one address may ask about in a window. Numbers carry 60 random bits,
 * so guessing finds nothing anyway; the limit keeps the page from being a place to try.
 */
export const VERIFY_LIMITS = { unknownNumbers: 20, windowSeconds: 15 * 60 } as const;

// KEYS: the address's counter. ARGV: the window. Counts one more miss.
const MISS_SCRIPT = `
redis.call('INCR', KEYS[1])
redis.call('EXPIRE', KEYS[1], ARGV[1], 'NX')
return 0`;

/** Counts the unknown numbers asked about per client address in Redis; over the limit, 429. */
@Injectable()
export class VerificationThrottle {
  private readonly logger = new Logger(VerificationThrottle.name);

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(REDIS_PRODUCER) private readonly redis: IORedis,
  ) {}

  private key(address: string): string {
    return `${this.config.queuePrefix}:verify:unknown:${address}`;
  }

  /** Throws a 429 while the address has used up its unknown numbers. */
  async check(address: string): Promise<void> {
    const key = this.key(address);
    let misses = 0;
    let ttl = 0;
    try {
      [misses, ttl] = await Promise.all([this.redis.get(key).then(Number), this.redis.ttl(key)]);
    } catch (err) {
      this.logger.warn({ err }, 'Verification throttle unavailable; lookup not checked');
      return;
    }
    if (misses >= VERIFY_LIMITS.unknownNumbers)
      throw new TooManyAttemptsException(
        ttl > 0 ? ttl : VERIFY_LIMITS.windowSeconds,
        'Too many unknown certificate numbers',
      );
  }

  async unknownNumber(address: string): Promise<void> {
    try {
      await this.redis.eval(MISS_SCRIPT, 1, this.key(address), VERIFY_LIMITS.windowSeconds);
    } catch (err) {
      this.logger.warn({ err }, 'Verification throttle unavailable; unknown number not counted');
    }
  }
}
