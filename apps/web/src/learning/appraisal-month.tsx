import { useState } from 'react';
import { answer, client } from '../api/client';
import { ErrorMessage } from '../components/ui';

const MONTHS = [
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
];

/** The month the member's appraisal year starts: the totals follow it. */
export function AppraisalMonth({ month, onChanged }: { month: number; onChanged: () => void }) {
  const [error, setError] = useState<unknown>(null);

  async function change(value: number) {
    setError(null);
    try {
      await answer(client.PATCH('/me/learning', { body: { appraisalMonth: value } }));
      onChanged();
    } catch (err) {
      setError(err);
    }
  }

  return (
    <div className="field">
      <label htmlFor="appraisal-month">My appraisal year starts in</label>
      <select id="appraisal-month" value={month} onChange={(e) => change(Number(e.target.value))}>
        {MONTHS.map((name, i) => (
          <option key={name} value={i + 1}>
            {name}
          </option>
        ))}
      </select>
      <ErrorMessage error={error} />
    </div>
  );
}
