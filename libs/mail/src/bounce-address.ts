import { AddressTag, readTaggedAddress, tagAddress } from '@seg/links';

const BOUNCE: AddressTag = { letter: 'b', purpose: 'bounce-address-v1', label: 'bounce' };

/**
 * The envelope sender of one notice (VERP): `seg+b.<notice id>.<mac>@example.org` for the bounce
 * address `seg@example.org`. A delivery report comes back to it, naming the notice however the
 * reporting server words the rest.
 */
export function noticeBounceAddress(bounceAddress: string, noticeId: string, secret: string): string {
  return tagAddress(bounceAddress, BOUNCE, noticeId, secret);
}

/** The notice id a VERP address names, or null when it is not one of ours (or its MAC is wrong). */
export function readNoticeBounceAddress(address: string, bounceAddress: string, secret: string): string | null {
  return readTaggedAddress(address, bounceAddress, BOUNCE, secret);
}
