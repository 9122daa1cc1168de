import { createHash, randomBytes } from 'node:crypto';

/** Refresh, activation and reset tokens: 32 random bytes, base64url; only the hash is stored. */
export function newSecretToken(): { token: string; hash: string } {
  const token = randomBytes(32).toString('base64url');
  return { token, hash: hashSecretToken(token) };
}

export function hashSecretToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}
