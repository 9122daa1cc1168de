/**
 * The one wording of a reply, wherever a person reads it: emails, the RSVP page, the web app and
 * the secretariat's lists and downloads.
 */
export const RSVP_WORDING = {
  accepted: 'Going',
  tentative: 'Maybe',
  declined: 'Not going',
  'needs-action': 'No reply yet',
} as const;

export type RsvpWorded = keyof typeof RSVP_WORDING;
