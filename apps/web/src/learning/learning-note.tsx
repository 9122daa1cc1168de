import { FormEvent, useState } from 'react';
import { answer, client } from '../api/client';
import type * as Api from '../api/openapi.generated';
import { Alert, ErrorMessage } from '../components/ui';

/** The member's private note on one line: what they learnt, what they will change. */
export function LearningNote({ item }: { item: Api.LearningItem }) {
  const [learnt, setLearnt] = useState(item.learnt ?? '');
  const [willChange, setWillChange] = useState(item.willChange ?? '');
  const [error, setError] = useState<unknown>(null);
  const [saved, setSaved] = useState(false);

  async function save(e: FormEvent) {
    e.preventDefault();
    setError(null);
    setSaved(false);
    try {
      await answer(
        client.PATCH('/me/learning/{id}', { params: { path: { id: item.id } }, body: { learnt, willChange } }),
      );
      setSaved(true);
    } catch (err) {
      setError(err);
    }
  }

  const id = (part: string) => `note-${item.id}-${part}`;
  return (
    <form onSubmit={save} className="learning-note" aria-label={`Your note on ${item.title}`}>
      <div className="field">
        <label htmlFor={id('learnt')}>What I learnt</label>
        <textarea id={id('learnt')} rows={3} value={learnt} onChange={(e) => setLearnt(e.target.value)} />
      </div>
      <div className="field">
        <label htmlFor={id('change')}>What I will change</label>
        <textarea id={id('change')} rows={3} value={willChange} onChange={(e) => setWillChange(e.target.value)} />
      </div>
      <ErrorMessage error={error} />
      <div className="button-row">
        <button type="submit" className="button secondary">
          Save my note
        </button>
      </div>
      {saved ? <Alert kind="success">Your note is saved. Only you can read it.</Alert> : null}
    </form>
  );
}
