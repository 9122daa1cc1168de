import { useState } from 'react';
import { api } from '../api/client';
import type * as Api from '../api/openapi.generated';
import { Alert, ErrorMessage } from '../components/ui';
import { formatStamp } from '../time';

/** Everything held about the member, as a file they keep (a subject access request, answered at once). */
export function MyData() {
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const [asked, setAsked] = useState<Api.ErasureRequestReceipt | null>(null);

  async function askErasure() {
    if (!window.confirm('Ask the secretariat to erase everything that identifies you? Your account then ends.')) return;
    setError(null);
    try {
      setAsked(await api.post<Api.ErasureRequestReceipt>('/me/erasure-request', {}));
    } catch (err) {
      setError(err);
    }
  }

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
        Download everything we hold about you: your record and posts, meeting invitations and replies, the emails sent
        to you, your sign-ins and the history of changes to your record.
      </p>
      {error ? <ErrorMessage error={error} /> : null}
      <button type="button" className="button secondary" onClick={download} disabled={busy}>
        {busy ? 'Preparing…' : 'Download my data'}
      </button>
      <h3>Erasure</h3>
      <p>
        You can ask the secretariat to erase you: nothing that identifies you is kept, while the network's history stays
        as an anonymous record.
      </p>
      {asked ? (
        <Alert kind="success">
          Your request is with the secretariat (asked {formatStamp(asked.requestedAt)}). They answer by{' '}
          {formatStamp(asked.answerBy)}.
        </Alert>
      ) : (
        <button type="button" className="button secondary" onClick={askErasure}>
          Ask to be erased
        </button>
      )}
    </section>
  );
}
