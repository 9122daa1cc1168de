import { useState } from 'react';
import { api } from '../api/client';
import { ErrorMessage } from '../components/ui';

/** Everything held about the member, as a file they keep (a subject access request, answered at once). */
export function MyData() {
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  async function download() {
    setBusy(true);
    setError(null);
    try {
      await api.download('/me/export', `seg-my-data-${new Date().toISOString().slice(0, 10)}.json`, 'application/json');
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  }

  return (
    <section className="section" aria-labelledby="my-data-heading">
      <h2 id="my-data-heading">Your data</h2>
      <p>
        Download everything we hold about you: your record and posts, meeting invitations and replies, the emails sent to you, your sign-ins and the
        history of changes to your record.
      </p>
      {error ? <ErrorMessage error={error} /> : null}
      <button type="button" className="button secondary" onClick={download} disabled={busy}>
        {busy ? 'Preparing…' : 'Download my data'}
      </button>
    </section>
  );
}
