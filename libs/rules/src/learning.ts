import { randomInt } from 'node:crypto';
import { londonParts, MONTH_NAMES } from './london-time';

/**
 * The rules of learning that counts (CPD): when members may check themselves in, when a meeting
 * closes (and its certificates go out), which appraisal year a day falls in, how hours are shown,
 * and the shape of check-in codes and certificate numbers.
 */

/** A check-in code stays valid this long after the meeting ends: people sign in on the way out. */
export const CHECK_IN_MINUTES_AFTER = 60;

/** The most learning one meeting or entry counts for: a long summit, not a typo. */
export const MAX_LEARNING_MINUTES = 100 * 60;
/** Hours are counted in quarters of an hour. */
export const LEARNING_MINUTES_STEP = 15;
/** A meeting's learning outcomes: a short list of short lines. */
export const MAX_LEARNING_OUTCOMES = 10;
export const MAX_OUTCOME_LENGTH = 300;

interface Timed {
  startsAt: Date | null;
  endsAt: Date | null;
}

/** When members may check themselves in: from the start until `CHECK_IN_MINUTES_AFTER` past the end. Null for an undated meeting. */
export function checkInWindow(meeting: Timed): { opensAt: Date; closesAt: Date } | null {
  if (!meeting.startsAt || !meeting.endsAt) return null;
  return { opensAt: meeting.startsAt, closesAt: new Date(meeting.endsAt.getTime() + CHECK_IN_MINUTES_AFTER * 60_000) };
}

/**
 * A meeting closes when its check-in does: attendance is then settled enough for certificates to
 * be emailed. An undated meeting (an archived summit) has long closed.
 */
export function hasClosed(meeting: Timed, now: Date): boolean {
  const window = checkInWindow(meeting);
  return !window || window.closesAt.getTime() <= now.getTime();
}

/** Attendance is marked once a meeting has started; an undated meeting is in the past. */
export function hasStarted(meeting: Timed, now: Date): boolean {
  return !meeting.startsAt || meeting.startsAt.getTime() <= now.getTime();
}

/**
 * The day (YYYY-MM-DD, London) a meeting counts on for a member's learning: its start, or for an
 * archived summit known only by its year, 1 June of that year (where the meeting list places it).
 */
export function learningDay(meeting: Timed & { summitYear?: number | null }): string | null {
  if (meeting.startsAt) {
    const p = londonParts(meeting.startsAt);
    return isoDay(p.year, p.month, p.day);
  }
  return meeting.summitYear ? isoDay(meeting.summitYear, 6, 1) : null;
}

/** An appraisal year: from the first day of its start month to the day before the same day a year on. */
export interface AppraisalYear {
  /** The calendar year it starts in: it names the year (`?year=2025`). */
  year: number;
  startMonth: number;
  /** First day, YYYY-MM-DD. */
  startsOn: string;
  /** Last day, YYYY-MM-DD. */
  endsOn: string;
  /** "April 2025 to March 2026", or "2025" when it starts in January. */
  label: string;
}

/** The appraisal year named by the calendar year it starts in. */
export function appraisalYear(year: number, startMonth: number): AppraisalYear {
  const endYear = startMonth === 1 ? year : year + 1;
  const endMonth = startMonth === 1 ? 12 : startMonth - 1;
  const lastDay = new Date(Date.UTC(endYear, endMonth, 0)).getUTCDate();
  return {
    year,
    startMonth,
    startsOn: isoDay(year, startMonth, 1),
    endsOn: isoDay(endYear, endMonth, lastDay),
    label:
      startMonth === 1
        ? String(year)
        : `${MONTH_NAMES[startMonth - 1]} ${year} to ${MONTH_NAMES[endMonth - 1]} ${endYear}`,
  };
}

/** The appraisal year a day (YYYY-MM-DD) falls in, for a year starting in `startMonth`. */
export function appraisalYearOf(day: string, startMonth: number): AppraisalYear {
  const year = Number(day.slice(0, 4));
  const month = Number(day.slice(5, 7));
  return appraisalYear(month >= startMonth ? year : year - 1, startMonth);
}

/** Whether a day (YYYY-MM-DD) falls in the appraisal year. */
export function inAppraisalYear(day: string, year: AppraisalYear): boolean {
  return day >= year.startsOn && day <= year.endsOn;
}

/** Minutes as the hours people count: 1.5, 0.75, 2. */
export function hoursOf(minutes: number): number {
  return Math.round((minutes / 60) * 100) / 100;
}

/** Hours as people read them: "1 hour", "1.5 hours", "0.75 hours". */
export function formatHours(minutes: number): string {
  const hours = hoursOf(minutes);
  return `${hours.toLocaleString('en-GB', { maximumFractionDigits: 2 })} ${hours === 1 ? 'hour' : 'hours'}`;
}

/** Hours as given (a number of quarter hours) to minutes; null when not a whole number of quarters in range. */
export function minutesOfHours(hours: number): number | null {
  const minutes = Math.round(hours * 60);
  if (Math.abs(minutes - hours * 60) > 1e-6) return null;
  if (minutes <= 0 || minutes > MAX_LEARNING_MINUTES || minutes % LEARNING_MINUTES_STEP !== 0) return null;
  return minutes;
}

// Crockford's base 32: no I, L, O or U, so what is read aloud or copied by hand cannot be misread.
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

function randomSymbols(count: number): string {
  let out = '';
  for (let i = 0; i < count; i++) out += ALPHABET[randomInt(ALPHABET.length)];
  return out;
}

/** What a person typed, read the way Crockford's base 32 reads it: case, spaces and dashes ignored, O as 0, I and L as 1. */
function normalise(text: string): string {
  return text.toUpperCase().replace(/[\s-]/g, '').replace(/O/g, '0').replace(/[IL]/g, '1');
}

/** Six symbols (about a billion codes): shown in the room, typed on a phone. */
export const CHECK_IN_CODE_LENGTH = 6;

export function newCheckInCode(): string {
  return randomSymbols(CHECK_IN_CODE_LENGTH);
}

/** A typed check-in code in its stored form, or null when it cannot be one. */
export function readCheckInCode(text: string): string | null {
  const code = normalise(text);
  return code.length === CHECK_IN_CODE_LENGTH && [...code].every((c) => ALPHABET.includes(c)) ? code : null;
}

/**
 * A certificate number: SEG and 12 random symbols (60 bits) in groups of four, so nobody finds a
 * name on the public verification page by trying numbers.
 */
export function newCertificateNumber(): string {
  const s = randomSymbols(12);
  return `SEG-${s.slice(0, 4)}-${s.slice(4, 8)}-${s.slice(8)}`;
}

/** A certificate number as typed or linked, in its stored form; null when it cannot be one. */
export function readCertificateNumber(text: string): string | null {
  const typed = normalise(text);
  const bare = typed.length === 15 && typed.startsWith('SEG') ? typed.slice(3) : typed;
  if (bare.length !== 12 || ![...bare].every((c) => ALPHABET.includes(c))) return null;
  return `SEG-${bare.slice(0, 4)}-${bare.slice(4, 8)}-${bare.slice(8)}`;
}

function isoDay(year: number, month: number, day: number): string {
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}
