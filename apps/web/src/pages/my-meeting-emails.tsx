import { FormEvent, useState } from 'react';
import { answer, client } from '../api/client';
import type * as Api from '../api/openapi.generated';
import { Alert, ErrorMessage, Loading } from '../components/ui';
import { useResource } from '../hooks';
import { NOTICE_CHOICES as CHOICES } from '../notice-choices';

/** Which kinds of meeting email the member gets; each email's own unsubscribe link turns one off. */
export function MyMeetingEmails() {
  const loaded = useResource(() => answer(client.GET('/me/notice-preferences')), []);
  if (loaded.loading && !loaded.data) return <Loading what="Finding your meeting email choices" />;
  return (
    <section className="section" aria-labelledby="meeting-emails-heading">
      <h2 id="meeting-emails-heading">Meeting emails</h2>
      {loaded.data ? <ChoicesForm saved={loaded.data} /> : <ErrorMessage error={loaded.error} retry={loaded.reload} />}
    </section>
  );
}

function ChoicesForm({ saved: initial }: { saved: Api.NoticePreferences }) {
  const [saved, setSaved] = useState(initial);
  const [form, setForm] = useState(initial);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [done, setDone] = useState(false);

  async function submit(e: FormEvent) {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const now = await answer(client.PATCH('/me/notice-preferences', { body: form }));
      setSaved(now);
      setForm(now);
      setDone(true);
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  }

  const changed = CHOICES.some((c) => form[c.field] !== saved[c.field]);
  return (
    <form onSubmit={submit} noValidate>
      <fieldset className="fieldset">
        <legend>Email me about</legend>
        <p className="hint">
          Emails about your account (signing in, your password, confirming your details) always come. If you said you
          are coming to a meeting, you still hear when it changes or is cancelled.
        </p>
        {CHOICES.map((c) => (
          <div key={c.field}>
            <div className="checkbox">
              <input
                id={`notice-${c.field}`}
                type="checkbox"
                checked={form[c.field]}
                aria-describedby={`notice-${c.field}-hint`}
                onChange={(e) => {
                  setDone(false);
                  setForm((f) => ({ ...f, [c.field]: e.target.checked }));
                }}
              />
              <label htmlFor={`notice-${c.field}`}>{c.label}</label>
            </div>
            <p className="hint choice-hint" id={`notice-${c.field}-hint`}>
              {c.covers}
            </p>
          </div>
        ))}
      </fieldset>
      <ErrorMessage error={error} />
      <button type="submit" className="button" disabled={busy}>
        {busy ? 'Saving…' : 'Save my meeting emails'}
      </button>
      {changed ? <p className="muted small">Save to apply your choice.</p> : null}
      {done ? <Alert kind="success">Your meeting email choices are saved.</Alert> : null}
    </form>
  );
}
