import { NOTICE_CHOICES, type NoticeChoice } from '@seg/db';
import { createIdToken, readIdToken } from './id-token';

/**
 * The token of a one-click unsubscribe link: the kind of notice, then the member's id with a MAC
 * under that kind's own key, so neither the member nor the kind can be changed. Whether the link
 * still works (the member is current) is decided when it is used.
 */
export function createUnsubscribeToken(secret: string, memberId: string, choice: NoticeChoice): string {
  return `${choice}.${createIdToken(secret, `unsubscribe-${choice}`, memberId)}`;
}

/** The page a meeting notice's List-Unsubscribe header and footer link to. */
export function unsubscribeLink(publicUrl: string, secret: string, memberId: string, choice: NoticeChoice): string {
  return `${publicUrl}/unsubscribe/${createUnsubscribeToken(secret, memberId, choice)}`;
}

/** The member and kind a token was made for, or null when it is malformed or forged. */
export function readUnsubscribeToken(secret: string, token: string): { memberId: string; choice: NoticeChoice } | null {
  const dot = token.indexOf('.');
  if (dot < 0) return null;
  const choice = NOTICE_CHOICES.find((c) => c === token.slice(0, dot));
  if (!choice) return null;
  const memberId = readIdToken(secret, `unsubscribe-${choice}`, token.slice(dot + 1));
  return memberId ? { memberId, choice } : null;
}
