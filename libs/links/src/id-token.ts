import { createHmac, timingSafeEqual } from 'node:crypto';
import type { NoticeChoice } from '@seg/db';
import { purposeKey } from './secret-keys';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
// 22 base64url characters of the MAC: 132 bits, beyond guessing.
const MAC_CHARS = 22;

/**
 * What a link token stands for; each has its own key, so one can never pass for another (an
 * unsubscribe link's key is its kind of notice's own).
 */
export type IdTokenPurpose = 'rsvp' | 'confirm-details' | 'message-report' | `unsubscribe-${NoticeChoice}`;

function mac(secret: string, purpose: IdTokenPurpose, id: string): string {
  return createHmac('sha256', purposeKey(secret, `${purpose}-token-v1`))
    .update(`${purpose}:${id}`)
    .digest('base64url')
    .slice(0, MAC_CHARS);
}

/**
 * The token of an email link: a record's id (uuid) and its MAC. Nothing is stored; whether the
 * link still works is decided when it is used.
 */
export function createIdToken(secret: string, purpose: IdTokenPurpose, id: string): string {
  if (!UUID.test(id)) throw new Error(`A ${purpose} token needs an id (uuid)`);
  const lower = id.toLowerCase();
  return `${Buffer.from(lower.replace(/-/g, ''), 'hex').toString('base64url')}.${mac(secret, purpose, lower)}`;
}

/** The id a token was made for, or null when the token is malformed, forged or made for another purpose. */
export function readIdToken(secret: string, purpose: IdTokenPurpose, token: string): string | null {
  const match = /^([A-Za-z0-9_-]{22})\.([A-Za-z0-9_-]{22})$/.exec(token);
  if (!match) return null;
  const bytes = Buffer.from(match[1], 'base64url');
  if (bytes.length !== 16) return null;
  const hex = bytes.toString('hex');
  const id = `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
  const expected = Buffer.from(mac(secret, purpose, id));
  const given = Buffer.from(match[2]);
  return expected.length === given.length && timingSafeEqual(expected, given) ? id : null;
}
