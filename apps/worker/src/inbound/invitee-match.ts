/** Lower case, and without a `+tag` in the local part: `Jo+SEG@Example.net` → `jo@example.net`. */
export function canonicalAddress(address: string): string {
  const lower = address.trim().toLowerCase();
  const at = lower.lastIndexOf('@');
  if (at < 0) return lower;
  return `${lower.slice(0, at).replace(/\+.*$/, '')}${lower.slice(at)}`;
}

/**
 * The invitee a calendar answer comes from. The ATTENDEE address decides, compared without
 * letter case; when it differs from every invitee's address, it still matches one whose address
 * differs only by a `+tag` (mail programs answer from the account's own address). When that is
 * ambiguous, the message's From settles it. Never matches on From alone: anyone can write From.
 */
export function matchInvitee<T extends { email: string }>(
  invitees: readonly T[],
  attendees: readonly string[],
  from: string | null,
): T | null {
  for (const attendee of attendees) {
    const exact = invitees.find((i) => i.email.toLowerCase() === attendee.trim().toLowerCase());
    if (exact) return exact;
  }
  for (const attendee of attendees) {
    const near = invitees.filter((i) => canonicalAddress(i.email) === canonicalAddress(attendee));
    if (near.length === 1) return near[0];
    if (near.length > 1 && from) {
      const byFrom = near.find((i) => i.email.toLowerCase() === from.trim().toLowerCase());
      if (byFrom) return byFrom;
    }
  }
  return null;
}
