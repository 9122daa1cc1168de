import { createHash, createHmac, randomBytes } from 'node:crypto';
import { purposeKey } from './secret-keys';

/**
 * A member's calendar feed token: an HMAC of a random seed kept with the feed, 256 bits in
 * base64url. The database holds the seed and the token's hash, never the token: a copy of the
 * database gives no working feed link without the app secret, yet the member can be shown their
 * link again. A new seed (a reset) kills the old link at once.
 */
export function calendarFeedToken(secret: string, seed: string): string {
  return createHmac('sha256', purposeKey(secret, 'calendar-feed-v1')).update(seed).digest('base64url');
}

/** A new random seed for a feed. */
export function newCalendarFeedSeed(): string {
  return randomBytes(32).toString('base64url');
}

/** What the database keeps to find a feed by its token. */
export function calendarFeedTokenHash(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

/** A token as `calendarFeedToken` writes them: anything else is refused before the database is asked. */
export function isCalendarFeedToken(token: string): boolean {
  return /^[A-Za-z0-9_-]{43}$/.test(token);
}
