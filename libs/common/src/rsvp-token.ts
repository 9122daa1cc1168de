import { createHmac, timingSafeEqual } from 'node:crypto';
import { purposeKey } from './secret-keys';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
// 22 base64url characters of the MAC: 132 bits, beyond guessing.
const MAC_CHARS = 22;

function mac(secret: string, invitationId: string): string {
  return createHmac('sha256', purposeKey(secret, 'rsvp-token-v1')).update(`rsvp:${invitationId}`).digest('base64url').slice(0, MAC_CHARS);
}

/**
 * The token of an invitation's RSVP link: the invitation id and its MAC. Nothing is stored;
 * whether the link still works (meeting cancelled or over) is decided when it is used.
 */
export function createRsvpToken(secret: string, invitationId: string): string {
  if (!UUID.test(invitationId)) throw new Error('An RSVP token needs an invitation id (uuid)');
  const id = invitationId.toLowerCase();
  return `${Buffer.from(id.replace(/-/g, ''), 'hex').toString('base64url')}.${mac(secret, id)}`;
}

/** The invitation's RSVP page, as emails and calendar objects link to it. */
export function rsvpLink(publicUrl: string, secret: string, invitationId: string): string {
  return `${publicUrl}/rsvp/${createRsvpToken(secret, invitationId)}`;
}

/** The invitation id a token was made for, or null when the token is malformed or forged. */
export function readRsvpToken(secret: string, token: string): string | null {
  const match = /^([A-Za-z0-9_-]{22})\.([A-Za-z0-9_-]{22})$/.exec(token);
  if (!match) return null;
  const bytes = Buffer.from(match[1], 'base64url');
  if (bytes.length !== 16) return null;
  const hex = bytes.toString('hex');
  const id = `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
  const expected = Buffer.from(mac(secret, id));
  const given = Buffer.from(match[2]);
  return expected.length === given.length && timingSafeEqual(expected, given) ? id : null;
}
