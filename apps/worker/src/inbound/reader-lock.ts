import { randomUUID } from 'node:crypto';
import type IORedis from 'ioredis';

// Compare-and-act: only the holder's token may extend or release the lock.
const RENEW = `if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('pexpire', KEYS[1], ARGV[2]) else return 0 end`;
const RELEASE = `if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('del', KEYS[1]) else return 0 end`;

/**
 * A lock in Redis that one worker holds while it reads the mailbox. It lapses `ttlMs` after
 * its holder stops renewing it (a killed worker), so another takes over.
 */
export class ReaderLock {
  private readonly token = randomUUID();

  constructor(
    private readonly redis: IORedis,
    private readonly key: string,
    private readonly ttlMs: number,
  ) {}

  async acquire(): Promise<boolean> {
    return (await this.redis.set(this.key, this.token, 'PX', this.ttlMs, 'NX')) === 'OK';
  }

  /** False when the lock lapsed and may be someone else's: stop reading at once. */
  async renew(): Promise<boolean> {
    return Number(await this.redis.eval(RENEW, 1, this.key, this.token, String(this.ttlMs))) === 1;
  }

  async release(): Promise<void> {
    await this.redis.eval(RELEASE, 1, this.key, this.token);
  }
}
