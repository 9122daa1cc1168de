import { useEffect, useState } from 'react';
import { FieldNotes } from './ui';

type Part = 'day' | 'month' | 'year' | 'time';
type Parts = Record<Part, string>;

/**
 * `2026-03-27` from day, month and year as typed (and `T14:00` after it when a time is asked),
 * or what was typed when it is no real date or time: the API then names the field.
 */
function compose({ day, month, year, time }: Parts, withTime: boolean): string {
  if (!day && !month && !year && !time) return '';
  const date = composeDate(day, month, year);
  if (!withTime) return date;
  const clock = /^(\d{1,2})[:.]?(\d{2})$/.exec(time.trim());
  return `${date}T${clock ? `${clock[1].padStart(2, '0')}:${clock[2]}` : time.trim()}`;
}

function composeDate(day: string, month: string, year: string): string {
  const iso = `${year.padStart(4, '0')}-${month.padStart(2, '0')}-${day.padStart(2, '0')}`;
  const date = new Date(`${iso}T00:00:00Z`);
  // Kept as typed when no such day exists (31 February): the API then names the field.
  return /^\d{4}$/.test(year) && !Number.isNaN(date.getTime()) && date.toISOString().startsWith(iso)
    ? iso
    : `${year}-${month}-${day}`;
}

/**
 * A date as three boxes, day, month and year (the GOV.UK pattern), and with `withTime` a fourth
 * for the time on the 24-hour clock: quicker to type than a picker, and the same on every browser,
 * locale and phone. `value` and `onChange` speak `YYYY-MM-DD`, or `YYYY-MM-DDTHH:mm` with a time.
 */
export function DateInput({
  name,
  legend,
  hint,
  error,
  value,
  onChange,
  withTime = false,
}: {
  name: string;
  legend: string;
  hint?: string;
  error?: string;
  value: string;
  onChange: (iso: string) => void;
  withTime?: boolean;
}) {
  const [parts, setParts] = useState(() => split(value));
  // A value set from outside (the form cleared, say) replaces what was typed.
  useEffect(() => {
    if (compose(parts, withTime) !== value) setParts(split(value));
  }, [value]);

  function set(part: Part, text: string) {
    const next = { ...parts, [part]: part === 'time' ? text.replace(/[^\d:.]/g, '') : text.replace(/\D/g, '') };
    setParts(next);
    onChange(compose(next, withTime));
  }

  const hintId = `field-${name}-hint`;
  const errorId = `field-${name}-error`;
  const box = (part: Part, label: string, width: number) => (
    <div className="date-input-item">
      <label htmlFor={part === 'day' ? `field-${name}` : `field-${name}-${part}`}>{label}</label>
      <input
        id={part === 'day' ? `field-${name}` : `field-${name}-${part}`}
        className={`input-width-${width}`}
        inputMode={part === 'time' ? 'text' : 'numeric'}
        maxLength={width}
        value={parts[part]}
        aria-invalid={error ? true : undefined}
        onChange={(e) => set(part, e.target.value)}
      />
    </div>
  );
  return (
    <fieldset
      className={`fieldset${error ? ' field-error' : ''}`}
      role="group"
      aria-describedby={[hint ? hintId : '', error ? errorId : ''].filter(Boolean).join(' ') || undefined}
    >
      <legend>{legend}</legend>
      <FieldNotes hint={hint} hintId={hintId} error={error} errorId={errorId} />
      <div className="date-input">
        {box('day', 'Day', 2)}
        {box('month', 'Month', 2)}
        {box('year', 'Year', 4)}
        {withTime ? box('time', 'Time', 5) : null}
      </div>
    </fieldset>
  );
}

function split(iso: string): Parts {
  const match = /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}:\d{2}))?$/.exec(iso);
  return match
    ? { year: match[1], month: String(Number(match[2])), day: String(Number(match[3])), time: match[4] ?? '' }
    : { day: '', month: '', year: '', time: '' };
}
