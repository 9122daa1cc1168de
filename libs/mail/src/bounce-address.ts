import { createHmac, timingSafeEqual } from 'node:crypto';
import { purposeKey } from '@seg/links';

// 40 bits: enough that nobody forges a bounce that marks a member's address bouncing.
const MAC_HEX = 10;
const TAG = /^(.+)\+b\.([0-9a-f]{32})\.([0-9a-f]{10})$/;

function mac(secret: string, hex: string): string {
  return createHmac('sha256', purposeKey(secret, 'bounce-address-v1'))
    .update(`bounce:${hex}`)
    .digest('hex')
    .slice(0, MAC_HEX);
}

/**
 * The envelope sender of one notice (VERP): `seg+b.<notice id>.<mac>@example.org` for the bounce
 * address `seg@example.org`. A delivery report comes back to it, naming the notice however the
 * reporting server words the rest. Lower-case hex only: some servers change the case of local parts.
 */
export function noticeBounceAddress(bounceAddress: string, noticeId: string, secret: string): string {
  const at = bounceAddress.lastIndexOf('@');
  const hex = noticeId.replace(/-/g, '').toLowerCase();
  return `${bounceAddress.slice(0, at)}+b.${hex}.${mac(secret, hex)}${bounceAddress.slice(at)}`;
}

/** The notice id a VERP address names, or null when it is not one of ours (or its MAC is wrong). */
export function readNoticeBounceAddress(address: string, bounceAddress: string, secret: string): string | null {
  const at = address.lastIndexOf('@');
  const baseAt = bounceAddress.lastIndexOf('@');
  if (at < 0 || address.slice(at).toLowerCase() !== bounceAddress.slice(baseAt).toLowerCase()) return null;
  const match = TAG.exec(address.slice(0, at).toLowerCase());
  if (!match || match[1] !== bounceAddress.slice(0, baseAt).toLowerCase()) return null;
  const expected = Buffer.from(mac(secret, match[2]));
  if (!timingSafeEqual(expected, Buffer.from(match[3]))) return null;
  const h = match[2];
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}
