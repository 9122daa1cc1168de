import { HttpException, HttpStatus, Inject, Injectable, Logger } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '@seg/config';
import { REDIS_PRODUCER } from '@seg/queue';
import type IORedis from 'ioredis';
import { createHash } from 'node:crypto';

/** Failed logins allowed in one window, per account and per client address. */
export const LOGIN_LIMITS = { perAccount: 5, perAddress: 30, windowSeconds: 15 * 60 } as const;

/** A 429 that knows when to try again; RetryAfterInterceptor turns that into the header. */
export class TooManyAttemptsException extends HttpException {
  constructor(readonly retryAfterSeconds: number) {
    super(
      { statusCode: 429, error: 'Too Many Requests', message: `Too many failed attempts; try again in ${Math.ceil(retryAfterSeconds / 60)} minutes` },
      HttpStatus.TOO_MANY_REQUESTS,
    );
  }
}

// Decrements only a live counter: one that expired meanwhile must not come back without a TTL.
const SUCCEEDED_SCRIPT = `
redis.call('DEL', KEYS[1])
if redis.call('EXISTS', KEYS[2]) == 1 then redis.call('DECR', KEYS[2]) end
return 1`;

export interface ThrottleKeys {
  account: string;
  address: string;
}

/**
 * Counts login attempts in Redis, fixed windows per account and per client address. An attempt
 * counts before its password is checked and is taken back when it succeeds, so a burst of
 * parallel guesses cannot slip past the limit.
 */
@Injectable()
export class LoginThrottle {
  private readonly logger = new Logger(LoginThrottle.name);

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(REDIS_PRODUCER) private readonly redis: IORedis,
  ) {}

  keys(email: string, address: string): ThrottleKeys {
    // Hashed so that no email address sits in Redis in clear.
    const account = createHash('sha256').update(email.trim().toLowerCase()).digest('hex');
    return {
      account: `${this.config.queuePrefix}:auth:login-fail:account:${account}`,
      address: `${this.config.queuePrefix}:auth:login-fail:address:${address}`,
    };
  }

  /** Counts one attempt; throws a 429 when either counter is over its limit. */
  async attempt(keys: ThrottleKeys): Promise<void> {
    let results: [Error | null, unknown][] | null;
    try {
      results = await this.redis
        .multi()
        .incr(keys.account)
        .expire(keys.account, LOGIN_LIMITS.windowSeconds, 'NX')
        .incr(keys.address)
        .expire(keys.address, LOGIN_LIMITS.windowSeconds, 'NX')
        .ttl(keys.account)
        .ttl(keys.address)
        .exec();
    } catch (err) {
      // Logging in matters more than throttling while Redis is down; it is back within minutes.
      this.logger.warn({ err }, 'Login throttle unavailable; attempt not counted');
      return;
    }
    const [accountCount, , addressCount, , accountTtl, addressTtl] = (results ?? []).map(([, value]) => Number(value));
    const waits = [
      accountCount > LOGIN_LIMITS.perAccount ? accountTtl : 0,
      addressCount > LOGIN_LIMITS.perAddress ? addressTtl : 0,
    ];
    const wait = Math.max(...waits);
    if (wait > 0) throw new TooManyAttemptsException(wait);
  }

  /** A successful login clears its account's failures and gives its address back its attempt. */
  async succeeded(keys: ThrottleKeys): Promise<void> {
    await this.redis
      .eval(SUCCEEDED_SCRIPT, 2, keys.account, keys.address)
      .catch((err) => this.logger.warn({ err }, 'Could not clear login failures'));
  }

  /** After a password reset the account starts afresh. */
  async clearAccount(email: string): Promise<void> {
    await this.redis.del(this.keys(email, '').account).catch((err) => this.logger.warn({ err }, 'Could not clear login failures'));
  }
}
