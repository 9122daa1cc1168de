import { FormEvent, useState } from 'react';
import { answer, asEntered, client } from '../api/client';
import type { CreateLearningEntryDto } from '../api/openapi.generated';
import { ErrorSummary, Field, fieldErrors } from '../components/ui';

const EMPTY = { title: '', date: '', hours: '', learnt: '', willChange: '' };

/** Adds learning done outside the network: a course, a conference, reading. */
export function LearningEntryForm({ onAdded }: { onAdded: () => void }) {
  const [form, setForm] = useState(EMPTY);
  const [error, setError] = useState<unknown>(null);
  const errors = fieldErrors(error);
  const set = (change: Partial<typeof EMPTY>) => setForm((f) => ({ ...f, ...change }));

  async function add(e: FormEvent) {
    e.preventDefault();
    setError(null);
    try {
      const body = asEntered<CreateLearningEntryDto>({ ...form, hours: form.hours === '' ? null : Number(form.hours) });
      await answer(client.POST('/me/learning', { body }));
      setForm(EMPTY);
      onAdded();
    } catch (err) {
      setError(err);
    }
  }

  return (
    <form onSubmit={add} noValidate aria-labelledby="add-learning-heading" className="section">
      <h2 id="add-learning-heading">Add learning outside the network</h2>
      <ErrorSummary error={error} labels={{ title: 'What it was', date: 'Date', hours: 'Hours' }} />
      <Field name="title" label="What it was" error={errors.title}>
        {(p) => <input {...p} value={form.title} onChange={(e) => set({ title: e.target.value })} />}
      </Field>
      <Field name="date" label="Date" hint="For example 2026-03-14" error={errors.date}>
        {(p) => <input {...p} type="date" value={form.date} onChange={(e) => set({ date: e.target.value })} />}
      </Field>
      <Field name="hours" label="Hours" hint="In quarter hours: 0.75, 1.5, 6" error={errors.hours}>
        {(p) => (
          <input {...p} inputMode="decimal" value={form.hours} onChange={(e) => set({ hours: e.target.value })} />
        )}
      </Field>
      <Field name="learnt" label="What I learnt (optional)" error={errors.learnt}>
        {(p) => <textarea {...p} rows={3} value={form.learnt} onChange={(e) => set({ learnt: e.target.value })} />}
      </Field>
      <Field name="willChange" label="What I will change (optional)" error={errors.willChange}>
        {(p) => (
          <textarea {...p} rows={3} value={form.willChange} onChange={(e) => set({ willChange: e.target.value })} />
        )}
      </Field>
      <button type="submit" className="button">
        Add to my learning
      </button>
    </form>
  );
}
