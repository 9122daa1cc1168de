import { FormEvent, useState } from 'react';
import { answer, client } from '../api/client';
import type { MemberRecord } from '../api/openapi.generated';
import { ErrorSummary, Field, fieldErrors } from '../components/ui';

const LABELS = { reason: 'Why they are erased' };

/**
 * Erasure asked in the page, as every other form: what it does, the reason (the secretariat must
 * give one, an admin may leave it empty) with its error beside it, and a button that says what
 * it does. `onErased` runs once the record is anonymous.
 */
export function EraseMemberForm({
  record,
  onCancel,
  onErased,
}: {
  record: MemberRecord;
  onCancel: () => void;
  onErased: () => void;
}) {
  const [reason, setReason] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const errors = fieldErrors(error);

  async function submit(e: FormEvent) {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await answer(
        client.POST('/members/{id}/erase', { params: { path: { id: record.id } }, body: { reason: reason.trim() } }),
      );
      onErased();
    } catch (err) {
      setError(err);
      setBusy(false);
    }
  }

  return (
    <section className="section danger-zone" aria-labelledby="erase-heading">
      <h2 id="erase-heading">Erase {record.name}</h2>
      <p>
        Everything that identifies them goes for good: name, email, phone and what they wrote. Their posts and replies
        stay as history, held by an anonymous record. This cannot be undone.
      </p>
      <ErrorSummary error={error} labels={LABELS} />
      <form onSubmit={submit} noValidate>
        <Field
          name="reason"
          label={LABELS.reason}
          hint="For example: they asked to be erased on 3 March. Kept in the audit trail."
          error={errors.reason}
        >
          {(p) => <textarea {...p} rows={3} value={reason} onChange={(e) => setReason(e.target.value)} />}
        </Field>
        <div className="button-row">
          <button type="submit" className="button danger" disabled={busy}>
            {busy ? 'Erasing…' : `Erase ${record.name} for good`}
          </button>
          <button type="button" className="button secondary" onClick={onCancel}>
            Keep the record
          </button>
        </div>
      </form>
    </section>
  );
}
