import { Injectable } from '@nestjs/common';
import { FixedWindows } from '../throttle/fixed-windows';
import { TooManyAttemptsException } from '../throttle/too-many-attempts.exception';

/**
 * Unknown certificate numbers one address may ask about in a window. Numbers carry 60 random bits,
 * so guessing finds nothing anyway; the limit keeps the page from being a place to try.
 */
export const VERIFY_LIMITS = { unknownNumbers: 20, windowSeconds: 15 * 60 } as const;

/** Counts the unknown numbers asked about per client address; over the limit, 429. */
@Injectable()
export class VerificationThrottle {
  constructor(private readonly windows: FixedWindows) {}

  private key(address: string): string {
    return this.windows.key('verify:unknown', address);
  }

  /** Throws a 429 while the address has used up its unknown numbers. */
  async check(address: string): Promise<void> {
    const misses = await this.windows.read(this.key(address), VERIFY_LIMITS.windowSeconds);
    if (misses && misses.count >= VERIFY_LIMITS.unknownNumbers)
      throw new TooManyAttemptsException(misses.secondsLeft, 'Too many unknown certificate numbers');
  }

  async unknownNumber(address: string): Promise<void> {
    await this.windows.add(this.key(address), VERIFY_LIMITS.windowSeconds);
  }
}
