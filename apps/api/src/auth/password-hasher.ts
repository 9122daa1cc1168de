import { Injectable, OnModuleInit } from '@nestjs/common';
import * as argon2 from 'argon2';
import { randomBytes } from 'node:crypto';
import { normalisePassword } from './password-policy';

/** OWASP's argon2id minimum: 19 MiB, two passes, one lane. */
export const ARGON2_OPTIONS = { type: argon2.argon2id, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

@Injectable()
export class PasswordHasher implements OnModuleInit {
  /**
   * The argon2 calls this class makes, on an object of their own so that a test can watch them:
   * an unknown email must cost the same verification as a wrong password, and that is proved by
   * counting verifications and their settings, not by timing answers.
   */
  readonly argon2 = { hash: argon2.hash, verify: argon2.verify };
  private dummyHash = '';

  async onModuleInit(): Promise<void> {
    this.dummyHash = await this.argon2.hash(randomBytes(32).toString('base64url'), ARGON2_OPTIONS);
  }

  /** Hashes the normalised form of the password. */
  hash(password: string): Promise<string> {
    return this.argon2.hash(normalisePassword(password), ARGON2_OPTIONS);
  }

  /**
   * True when the password matches. Without a hash (unknown email, account never activated) it
   * still verifies against a throw-away hash, so the answer takes as long either way. A password
   * whose normalised form differs is also tried as typed: hashes made before normalisation.
   */
  async verify(hash: string | null | undefined, password: string): Promise<boolean> {
    const normalised = normalisePassword(password);
    if (await this.matches(hash, normalised)) return true;
    return normalised !== password && (await this.matches(hash, password));
  }

  private async matches(hash: string | null | undefined, password: string): Promise<boolean> {
    try {
      const matches = await this.argon2.verify(hash || this.dummyHash, password);
      return Boolean(hash) && matches;
    } catch {
      return false;
    }
  }

  /** True when a stored hash was made with weaker settings than today's and should be redone. */
  needsRehash(hash: string): boolean {
    return argon2.needsRehash(hash, ARGON2_OPTIONS);
  }
}
