/**
 * The one wording of a meeting's kind, wherever a person reads it: the web app's lists, the
 * meeting's page and the secretariat's form. Plain data, so the web app imports this file too.
 */
export const MEETING_KIND_WORDING = {
  hub: 'Hub meeting',
  regional: 'Regional meeting',
  summit: 'Summit',
  other: 'Other',
} as const;
