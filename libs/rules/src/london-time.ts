/**
 * Europe/London time, as the group's meetings are shown: GMT in winter, BST (UTC+1) from 01:00
 * UTC on the last Sunday of March to 01:00 UTC on the last Sunday of October (the UK rule since
 * 1996). Written out rather than left to the platform's time zone data so that the API, the
 * emails and the iCalendar VTIMEZONE all follow the same rule.
 */
export const LONDON_TZID = 'Europe/London';

const DAY_MS = 24 * 3600 * 1000;
const DAY_NAMES = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];
/** The months' English names, January first: the one spelling for dates, appraisal years and the web's choices. */
export const MONTH_NAMES = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
] as const;

/** 01:00 UTC on the last Sunday of a month (month 1-12). */
function lastSundayAtOneUtc(year: number, month: number): number {
  const lastDay = Date.UTC(year, month, 0, 1);
  return lastDay - new Date(lastDay).getUTCDay() * DAY_MS;
}

/** Minutes east of UTC in London at that instant: 0 (GMT) or 60 (BST). */
export function londonOffsetMinutes(at: Date): 0 | 60 {
  const year = at.getUTCFullYear();
  const t = at.getTime();
  return t >= lastSundayAtOneUtc(year, 3) && t < lastSundayAtOneUtc(year, 10) ? 60 : 0;
}

export interface LondonParts {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  weekday: number;
  offsetMinutes: 0 | 60;
  zone: 'GMT' | 'BST';
}

export function londonParts(at: Date): LondonParts {
  const offsetMinutes = londonOffsetMinutes(at);
  const local = new Date(at.getTime() + offsetMinutes * 60_000);
  return {
    year: local.getUTCFullYear(),
    month: local.getUTCMonth() + 1,
    day: local.getUTCDate(),
    hour: local.getUTCHours(),
    minute: local.getUTCMinutes(),
    second: local.getUTCSeconds(),
    weekday: local.getUTCDay(),
    offsetMinutes,
    zone: offsetMinutes ? 'BST' : 'GMT',
  };
}

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

/**
 * Today's date in the UK, as PostgreSQL dates are kept (YYYY-MM-DD): the date of every rule that
 * runs by the day (current posts, the learning year, a day's limits). seg_uk_today in SQL.
 */
export function todayInLondon(now = new Date()): string {
  const p = londonParts(now);
  return `${pad(p.year, 4)}-${pad(p.month)}-${pad(p.day)}`;
}

/** ISO-8601 in London time with its offset: `2026-06-10T10:00:00+01:00`. */
export function toLondonIso(at: Date): string {
  const p = londonParts(at);
  return `${pad(p.year, 4)}-${pad(p.month)}-${pad(p.day)}T${pad(p.hour)}:${pad(p.minute)}:${pad(p.second)}+0${p.offsetMinutes / 60}:00`;
}

/** For people: `Wednesday 10 June 2026, 10:00 BST`. */
export function formatLondon(at: Date): string {
  const p = londonParts(at);
  return `${DAY_NAMES[p.weekday]} ${p.day} ${MONTH_NAMES[p.month - 1]} ${p.year}, ${pad(p.hour)}:${pad(p.minute)} ${p.zone}`;
}

/** For people, the day alone as the UK writes it: `7 December 2026`. */
export function formatLondonDay(at: Date): string {
  const p = londonParts(at);
  return `${p.day} ${MONTH_NAMES[p.month - 1]} ${p.year}`;
}

/** For people, the month alone: `March 2026`. */
export function formatLondonMonth(at: Date): string {
  const p = londonParts(at);
  return `${MONTH_NAMES[p.month - 1]} ${p.year}`;
}

/** For people: `10:00 to 12:30 BST on Wednesday 10 June 2026`, or both dates when it spans days. */
export function formatLondonRange(start: Date, end: Date): string {
  const a = londonParts(start);
  const b = londonParts(end);
  if (a.year === b.year && a.month === b.month && a.day === b.day) {
    const startZone = a.zone === b.zone ? '' : ` ${a.zone}`;
    return `${DAY_NAMES[a.weekday]} ${a.day} ${MONTH_NAMES[a.month - 1]} ${a.year}, ${pad(a.hour)}:${pad(a.minute)}${startZone} to ${pad(b.hour)}:${pad(b.minute)} ${b.zone}`;
  }
  return `${formatLondon(start)} to ${formatLondon(end)}`;
}

/**
 * The instant of a London wall-clock time, or null for a time that does not exist: the hour the
 * clocks skip when they go forward (01:00 to 01:59 on the last Sunday of March). The hour they
 * repeat when they go back (01:00 to 01:59 on the last Sunday of October) is read as its first,
 * BST, occurrence, as iCalendar reads such a time (RFC 5545, 3.3.5); an offset names the second.
 */
export function fromLondonWallClock(
  year: number,
  month: number,
  day: number,
  hour: number,
  minute: number,
  second = 0,
): Date | null {
  const asUtc = Date.UTC(year, month - 1, day, hour, minute, second);
  const bst = new Date(asUtc - 3600_000);
  if (londonOffsetMinutes(bst) === 60) return bst;
  const gmt = new Date(asUtc);
  return londonOffsetMinutes(gmt) === 0 ? gmt : null;
}

/** Years a date may fall in: beyond them a date is a typing slip (and 0001 would read as 1901). */
export const ACCEPTED_YEARS = { first: 1900, last: 2200 } as const;

export function isAcceptedYear(year: number): boolean {
  return year >= ACCEPTED_YEARS.first && year <= ACCEPTED_YEARS.last;
}

const NOT_A_DATE_TIME = `must be an ISO-8601 date-time, e.g. 2026-06-10T10:00 (London time) or 2026-06-10T09:00:00Z, in the years ${ACCEPTED_YEARS.first} to ${ACCEPTED_YEARS.last}`;

/** A date-time read, or why it cannot be one, in words for the person who typed it. */
export type DateTimeReading = { at: Date } | { problem: string };

/**
 * Reads an ISO-8601 date-time. With `Z` or an offset it is that instant; without one it is a
 * London wall-clock time (see fromLondonWallClock), and one in the hour the clocks skip is a
 * problem, not a guess. Outside ACCEPTED_YEARS it is a problem too.
 */
export function readDateTime(value: string): DateTimeReading {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})?$/.exec(value);
  if (!m) return { problem: NOT_A_DATE_TIME };
  const [year, month, day, hour, minute, second] = m.slice(1, 7).map((v) => Number(v ?? 0));
  if (!isAcceptedYear(year) || month < 1 || month > 12 || day < 1 || hour > 23 || minute > 59 || second > 59)
    return { problem: NOT_A_DATE_TIME };
  const calendarCheck = new Date(Date.UTC(year, month - 1, day));
  if (calendarCheck.getUTCMonth() !== month - 1 || calendarCheck.getUTCDate() !== day)
    return { problem: NOT_A_DATE_TIME };
  if (!m[7]) {
    const at = fromLondonWallClock(year, month, day, hour, minute, second);
    if (at) return { at };
    const date = `${DAY_NAMES[calendarCheck.getUTCDay()]} ${day} ${MONTH_NAMES[month - 1]} ${year}`;
    return {
      problem: `is a time that does not exist in the UK: the clocks go forward from 01:00 GMT to 02:00 BST on ${date}, so ${pad(hour)}:${pad(minute)} is skipped; choose a time from 02:00, or give an offset`,
    };
  }
  const parsed = new Date(value);
  return Number.isNaN(parsed.getTime()) ? { problem: NOT_A_DATE_TIME } : { at: parsed };
}

/** readDateTime's instant, or null when it has a problem. */
export function parseDateTime(value: string): Date | null {
  const reading = readDateTime(value);
  return 'at' in reading ? reading.at : null;
}
