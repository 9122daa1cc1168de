import { useState } from 'react';
import { answer, client } from '../api/client';
import { ErrorMessage } from '../components/ui';

/** The month the member's appraisal year starts, chosen among the API's named months: the totals follow it. */
export function AppraisalMonth({
  month,
  choices,
  onChanged,
}: {
  month: number;
  /** The months as the API names them (MyLearning.appraisalMonthChoices). */
  choices: { month: number; name: string }[];
  onChanged: () => void;
}) {
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
        {choices.map((choice) => (
          <option key={choice.month} value={choice.month}>
            {choice.name}
          </option>
        ))}
      </select>
      <ErrorMessage error={error} />
    </div>
  );
}
