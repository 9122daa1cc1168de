import { AddressTag, readTaggedAddress, tagAddress } from './tagged-address';

const INVITATION: AddressTag = { letter: 'i', purpose: 'invitation-reply-address-v1', label: 'invitation' };

/**
 * Where one invitee's calendar replies go: the read mailbox tagged with their invitation,
 * `seg+i.<invitation>.<mac>@example.org`. It is the ORGANIZER of every calendar object the invitee
 * is sent, so a calendar program answers to it; a reply that reaches us on it comes from someone
 * who was given that invitation, which a reply to the plain address cannot show.
 */
export function invitationReplyAddress(mailbox: string, invitationId: string, secret: string): string {
  return tagAddress(mailbox, INVITATION, invitationId, secret);
}

/** The invitation a reply address names, or null when it is none of ours. */
export function readInvitationReplyAddress(address: string, mailbox: string, secret: string): string | null {
  return readTaggedAddress(address, mailbox, INVITATION, secret);
}
