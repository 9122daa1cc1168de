import { FormEvent, useState } from 'react';
import { answer, client } from '../api/client';
import type { MeetingView as Meeting } from '../api/openapi.generated';
import { Alert, ErrorSummary, Field, fieldErrors } from '../components/ui';

/** The meeting's learning (CPD): the hours it counts for and its outcomes, printed on its certificates. */
export function MeetingLearningSection({ meeting, onSaved }: { meeting: Meeting; onSaved: () => void }) {
  const [hours, setHours] = useState(meeting.cpdHours === null ? '' : String(meeting.cpdHours));
  const [outcomes, setOutcomes] = useState(meeting.learningOutcomes.join('\n'));
  const [error, setError] = useState<unknown>(null);
  const [saved, setSaved] = useState(false);
  const errors = fieldErrors(error);

  async function save(e: FormEvent) {
    e.preventDefault();
    setError(null);
    setSaved(false);
    try {
      const body = {
        cpdHours: hours.trim() === '' ? null : Number(hours),
        learningOutcomes: outcomes
          .split('\n')
          .map((l) => l.trim())
          .filter(Boolean),
      };
      await answer(client.PATCH('/meetings/{id}', { params: { path: { id: meeting.id } }, body }));
      setSaved(true);
      onSaved();
    } catch (err) {
      setError(err);
    }
  }

  return (
    <form onSubmit={save} noValidate className="section" aria-labelledby="learning-heading">
      <h2 id="learning-heading">Learning (CPD)</h2>
      <p className="hint">Printed on every attendee’s certificate and counted in their learning.</p>
      <ErrorSummary error={error} labels={{ cpdHours: 'Hours', learningOutcomes: 'Learning outcomes' }} />
      <Field name="cpdHours" label="Hours of learning" hint="In quarter hours: 1.5, 2, 6" error={errors.cpdHours}>
        {(p) => <input {...p} inputMode="decimal" value={hours} onChange={(e) => setHours(e.target.value)} />}
      </Field>
      <Field
        name="learningOutcomes"
        label="Learning outcomes"
        hint="One a line, up to ten"
        error={errors.learningOutcomes}
      >
        {(p) => <textarea {...p} rows={4} value={outcomes} onChange={(e) => setOutcomes(e.target.value)} />}
      </Field>
      <button type="submit" className="button secondary">
        Save the learning
      </button>
      {saved ? <Alert kind="success">The learning is saved.</Alert> : null}
    </form>
  );
}
