import { useEffect, useState } from 'react';
import { FieldNotes } from './ui';

/** `2026-03-27` from day, month and year as typed, or what was typed when it is no real date. */
function compose(day: string, month: string, year: string): string {
  if (!day && !month && !year) return '';
  const iso = `${year.padStart(4, '0')}-${month.padStart(2, '0')}-${day.padStart(2, '0')}`;
  const date = new Date(`${iso}T00:00:00Z`);
  // Kept as typed when no such day exists (31 February): the API then names the field.
  return /^\d{4}$/.test(year) && !Number.isNaN(date.getTime()) && date.toISOString().startsWith(iso)
    ? iso
    : `${year}-${month}-${day}`;
}

/**
 * A date as three boxes, day, month and year (the GOV.UK pattern): quicker to type than a date
 * picker, and the same on every browser and phone. `value` and `onChange` speak `YYYY-MM-DD`.
 */
export function DateInput({
  name,
  legend,
  hint,
  error,
  value,
  onChange,
}: {
  name: string;
  legend: string;
  hint?: string;
  error?: string;
  value: string;
  onChange: (iso: string) => void;
}) {
  const [parts, setParts] = useState(() => split(value));
  // A value set from outside (the form cleared, say) replaces what was typed.
  useEffect(() => {
    if (compose(parts.day, parts.month, parts.year) !== value) setParts(split(value));
  }, [value]);

  function set(part: 'day' | 'month' | 'year', text: string) {
    const next = { ...parts, [part]: text.replace(/\D/g, '') };
    setParts(next);
    onChange(compose(next.day, next.month, next.year));
  }

  const hintId = `field-${name}-hint`;
  const errorId = `field-${name}-error`;
  const box = (part: 'day' | 'month' | 'year', label: string, width: number) => (
    <div className="date-input-item">
      <label htmlFor={part === 'day' ? `field-${name}` : `field-${name}-${part}`}>{label}</label>
      <input
        id={part === 'day' ? `field-${name}` : `field-${name}-${part}`}
        className={`input-width-${width}`}
        inputMode="numeric"
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
      </div>
    </fieldset>
  );
}

function split(iso: string): { day: string; month: string; year: string } {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  return match
    ? { year: match[1], month: String(Number(match[2])), day: String(Number(match[3])) }
    : { day: '', month: '', year: '' };
}
