/**
 * Times as the group reads them, in the one style of the emails and the API's own words
 * (`Wednesday 10 June 2026, 10:00 BST`): the rule and the wording are @seg/rules' London time,
 * which the API and the worker use too. Here only the API's ISO strings are turned into dates.
 */
import {
  formatLondon,
  formatLondonDay,
  formatLondonMonth,
  formatLondonRange,
  toLondonIso,
} from '@seg/rules/london-time';

/** A meeting's time: `Wednesday 10 June 2026, 10:00 to 12:30 BST`, or its year, or not yet known. */
export function formatWhen(startsAt: string | null, endsAt: string | null, year?: number | null): string {
  if (!startsAt) return year ? String(year) : 'Date to be confirmed';
  return endsAt ? formatLondonRange(new Date(startsAt), new Date(endsAt)) : formatLondon(new Date(startsAt));
}

/** A calendar day as people write it: `2019-07-01` → "1 July 2019". */
export function formatDay(day: string): string {
  // Noon UTC falls on the same day in London whatever the season.
  const noon = new Date(`${day}T12:00:00Z`);
  return Number.isNaN(noon.getTime()) ? day : formatLondonDay(noon);
}

/** Today in London as YYYY-MM-DD, the calendar the API keeps posts by (not the UTC date). */
export function todayInLondon(): string {
  return toLondonIso(new Date()).slice(0, 10);
}

/** The London day of an instant, as YYYY-MM-DD. */
export function dayInLondon(iso: string): string {
  return toLondonIso(new Date(iso)).slice(0, 10);
}

/** One moment, with its day and GMT or BST: `Tuesday 8 December 2026, 14:05 GMT`. */
export function formatMoment(iso: string): string {
  return formatLondon(new Date(iso));
}

/** ISO instant → `YYYY-MM-DDTHH:mm` in London time, as the meeting form's date and time boxes hold it. */
export function isoToLondonLocal(iso: string | null | undefined): string {
  return iso ? toLondonIso(new Date(iso)).slice(0, 16) : '';
}

/** An instant as its month in London: "March 2026". */
export function formatMonth(iso: string): string {
  return formatLondonMonth(new Date(iso));
}

/** When something was recorded (the audit, sign-ins, backups), in the same style. */
export const formatStamp = formatMoment;
