import { createIdToken, readIdToken } from './id-token';

/**
 * The token of an invitation's RSVP link. Whether the link still works (meeting cancelled or
 * over) is decided when it is used.
 */
export function createRsvpToken(secret: string, invitationId: string): string {
  return createIdToken(secret, 'rsvp', invitationId);
}

/** The invitation's RSVP page, as emails and calendar objects link to it. */
export function rsvpLink(publicUrl: string, secret: string, invitationId: string): string {
  return `${publicUrl}/rsvp/${createRsvpToken(secret, invitationId)}`;
}

/** The invitation id a token was made for, or null when the token is malformed or forged. */
export function readRsvpToken(secret: string, token: string): string | null {
  return readIdToken(secret, 'rsvp', token);
}
