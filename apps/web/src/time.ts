/** Meeting times are stored in UTC and always shown in Europe/London, naming GMT or BST. */

const ZONE = 'Europe/London';

const dateTime = new Intl.DateTimeFormat('en-GB', {
  timeZone: ZONE,
  weekday: 'short',
  day: 'numeric',
  month: 'short',
  year: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
  timeZoneName: 'short',
});
const timeOnly = new Intl.DateTimeFormat('en-GB', {
  timeZone: ZONE,
  hour: '2-digit',
  minute: '2-digit',
  timeZoneName: 'short',
});
const dayOnly = new Intl.DateTimeFormat('en-GB', { timeZone: ZONE, year: 'numeric', month: '2-digit', day: '2-digit' });
const stamp = new Intl.DateTimeFormat('en-GB', {
  timeZone: ZONE,
  day: 'numeric',
  month: 'short',
  year: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
});

export function formatWhen(startsAt: string | null, endsAt: string | null, year?: number | null): string {
  if (!startsAt) return year ? String(year) : 'Date to be confirmed';
  const start = new Date(startsAt);
  if (!endsAt) return dateTime.format(start);
  const end = new Date(endsAt);
  const sameDay = dayOnly.format(start) === dayOnly.format(end);
  return sameDay
    ? `${dateTime.format(start).replace(/\s\S+$/, '')} to ${timeOnly.format(end)}`
    : `${dateTime.format(start)} to ${dateTime.format(end)}`;
}

const dayMonthYear = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'UTC',
  day: 'numeric',
  month: 'long',
  year: 'numeric',
});

/** A calendar day as people write it: `2019-07-01` → "1 July 2019". */
export function formatDay(day: string): string {
  const date = new Date(`${day}T00:00:00Z`);
  return Number.isNaN(date.getTime()) ? day : dayMonthYear.format(date);
}

const londonDay = new Intl.DateTimeFormat('en-CA', {
  timeZone: ZONE,
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});

/** Today in London as YYYY-MM-DD, the calendar the API keeps posts by (not the UTC date). */
export function todayInLondon(): string {
  return londonDay.format(new Date());
}

/** The London day of an instant, as YYYY-MM-DD. */
export function dayInLondon(iso: string): string {
  return londonDay.format(new Date(iso));
}

/** One moment, with its day and GMT or BST: `Tue, 8 Dec 2026, 14:05 GMT`. */
export function formatMoment(iso: string): string {
  return dateTime.format(new Date(iso));
}

export function formatStamp(iso: string): string {
  return stamp.format(new Date(iso));
}

/** ISO instant → `YYYY-MM-DDTHH:mm` in London time, as the meeting form's date and time boxes hold it. */
export function isoToLondonLocal(iso: string | null | undefined): string {
  if (!iso) return '';
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-GB', {
      timeZone: ZONE,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    })
      .formatToParts(new Date(iso))
      .map((p) => [p.type, p.value]),
  );
  return `${parts.year}-${parts.month}-${parts.day}T${parts.hour}:${parts.minute}`;
}

const monthYear = new Intl.DateTimeFormat('en-GB', { timeZone: ZONE, month: 'long', year: 'numeric' });

/** An instant as its month in London: "March 2026". */
export function formatMonth(iso: string): string {
  return monthYear.format(new Date(iso));
}
