import { createHmac, timingSafeEqual } from 'node:crypto';
import { purposeKey } from './secret-keys';

// 40 bits: a forger gets one guess per message sent, and nobody sends 2^40 messages unnoticed.
const MAC_HEX = 10;

/** One use of a tagged address: its letter in the tag, and the key and label its MAC is made with. */
export interface AddressTag {
  letter: string;
  purpose: string;
  label: string;
}

function mac(secret: string, tag: AddressTag, hex: string): string {
  return createHmac('sha256', purposeKey(secret, tag.purpose))
    .update(`${tag.label}:${hex}`)
    .digest('hex')
    .slice(0, MAC_HEX);
}

/**
 * A mailbox's address tagged with one record and a MAC: `seg+<letter>.<id>.<mac>@example.org`
 * for the mailbox `seg@example.org`. Mail to it reaches the mailbox (plus addressing) and names
 * the record; only we can make one. Lower-case hex only: some servers change the case of local parts.
 */
export function tagAddress(mailbox: string, tag: AddressTag, id: string, secret: string): string {
  const at = mailbox.lastIndexOf('@');
  const hex = id.replace(/-/g, '').toLowerCase();
  return `${mailbox.slice(0, at)}+${tag.letter}.${hex}.${mac(secret, tag, hex)}${mailbox.slice(at)}`;
}

/** The record id a tagged address names, or null when it is not one of ours (or its MAC is wrong). */
export function readTaggedAddress(address: string, mailbox: string, tag: AddressTag, secret: string): string | null {
  const at = address.lastIndexOf('@');
  const baseAt = mailbox.lastIndexOf('@');
  if (at < 0 || address.slice(at).toLowerCase() !== mailbox.slice(baseAt).toLowerCase()) return null;
  const match = /^(.+)\+([a-z])\.([0-9a-f]{32})\.([0-9a-f]{10})$/.exec(address.slice(0, at).toLowerCase());
  if (!match || match[1] !== mailbox.slice(0, baseAt).toLowerCase() || match[2] !== tag.letter) return null;
  const expected = Buffer.from(mac(secret, tag, match[3]));
  if (!timingSafeEqual(expected, Buffer.from(match[4]))) return null;
  const h = match[3];
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}
