import { Inject, Injectable, Logger } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '@seg/config';
import { REDIS_PRODUCER } from '@seg/queue';
import type IORedis from 'ioredis';
import { createHash } from 'node:crypto';
import { TooManyAttemptsException } from '../throttle/too-many-attempts.exception';

/**
 * Failed logins allowed in one window. An account is throttled per client address, so a stranger
 * guessing from elsewhere slows down only their own guesses; the account-wide ceiling, far above
 * what one address may try, stops a guessing campaign spread over many addresses.
 */
export const LOGIN_LIMITS = {
  perAccountAndAddress: 5,
  perAddress: 30,
  perAccount: 100,
  windowSeconds: 15 * 60,
} as const;

/**
 * A password sign-in refused by the throttle. A stranger can cause it (OWASP ASVS 2.2.1), so it
 * names the owner's way in: a sign-in link emailed to the account's own address. Said alike for
 * every email, member or not.
 */
export class SignInThrottledException extends TooManyAttemptsException {
  constructor(retryAfterSeconds: number) {
    super(retryAfterSeconds, 'Too many failed attempts', {
      orElse: 'or ask for a sign-in link by email (POST /auth/sign-in-link)',
      fields: { signInLinkAvailable: true },
    });
  }
}

// KEYS: address counter, account hash (a `total` field and one field per address).
// ARGV: the address's field, per-address, per-account-and-address and per-account limits, window.
// An attempt refused by a limit counts against nothing: a blocked address cannot push any account
// towards its own limit. Answers 0, or the seconds to wait.
const ATTEMPT_SCRIPT = `
local address = tonumber(redis.call('GET', KEYS[1]) or '0')
if address >= tonumber(ARGV[2]) then return redis.call('TTL', KEYS[1]) end
local fromAddress = tonumber(redis.call('HGET', KEYS[2], ARGV[1]) or '0')
local total = tonumber(redis.call('HGET', KEYS[2], 'total') or '0')
if fromAddress >= tonumber(ARGV[3]) or total >= tonumber(ARGV[4]) then return redis.call('TTL', KEYS[2]) end
redis.call('INCR', KEYS[1])
redis.call('EXPIRE', KEYS[1], ARGV[5], 'NX')
redis.call('HINCRBY', KEYS[2], ARGV[1], 1)
redis.call('HINCRBY', KEYS[2], 'total', 1)
redis.call('EXPIRE', KEYS[2], ARGV[5], 'NX')
return 0`;

// Clears the account's failures from this address and gives the address back its attempt; touches
// only live keys, so one that expired meanwhile does not come back without a TTL.
const SUCCEEDED_SCRIPT = `
local fromAddress = tonumber(redis.call('HGET', KEYS[2], ARGV[1]) or '0')
if fromAddress > 0 then
  redis.call('HDEL', KEYS[2], ARGV[1])
  redis.call('HINCRBY', KEYS[2], 'total', -fromAddress)
end
if redis.call('EXISTS', KEYS[1]) == 1 then redis.call('DECR', KEYS[1]) end
return 1`;

const tooMany = (wait: number) => new TooManyAttemptsException(wait);

export interface ThrottleKeys {
  account: string;
  address: string;
  /** The account hash's field counting failures from this address. */
  accountFromAddress: string;
}

/**
 * Counts login attempts in Redis, fixed windows per client address and per account (per address
 * and in total). An attempt counts before its password is checked and is taken back when it
 * succeeds, so a burst of parallel guesses cannot slip past the limit.
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
      accountFromAddress: `from:${address}`,
    };
  }

  /**
   * Counts one attempt; throws a 429 when the address or the account is over its limit (for a
   * sign-in, one that offers a sign-in link).
   */
  async attempt(keys: ThrottleKeys, refused: (wait: number) => TooManyAttemptsException = tooMany): Promise<void> {
    let wait: number;
    try {
      wait = Number(
        await this.redis.eval(
          ATTEMPT_SCRIPT,
          2,
          keys.address,
          keys.account,
          keys.accountFromAddress,
          LOGIN_LIMITS.perAddress,
          LOGIN_LIMITS.perAccountAndAddress,
          LOGIN_LIMITS.perAccount,
          LOGIN_LIMITS.windowSeconds,
        ),
      );
    } catch (err) {
      // Logging in matters more than throttling while Redis is down; it is back within minutes.
      this.logger.warn({ err }, 'Login throttle unavailable; attempt not counted');
      return;
    }
    // A counter without an expiry (never written so) would otherwise give no wait at all.
    if (wait !== 0) throw refused(wait > 0 ? wait : LOGIN_LIMITS.windowSeconds);
  }

  /** A successful login clears its account's failures from that address and gives the address back its attempt. */
  async succeeded(keys: ThrottleKeys): Promise<void> {
    await this.redis
      .eval(SUCCEEDED_SCRIPT, 2, keys.address, keys.account, keys.accountFromAddress)
      .catch((err) => this.logger.warn({ err }, 'Could not clear login failures'));
  }

  /** After a password reset the account starts afresh. */
  async clearAccount(email: string): Promise<void> {
    await this.redis
      .del(this.keys(email, '').account)
      .catch((err) => this.logger.warn({ err }, 'Could not clear login failures'));
  }
}
