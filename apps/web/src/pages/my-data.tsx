import { useState } from 'react';
import { answer, asFile, client, download } from '../api/client';
import type * as Api from '../api/openapi.generated';
import { Alert, ErrorMessage } from '../components/ui';
import { formatMoment } from '../time';

/** Everything held about the member, as a file they keep (a subject access request, answered at once). */
export function MyData() {
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const [asked, setAsked] = useState<Api.ErasureRequestReceipt | null>(null);

  async function askErasure() {
    if (!window.confirm('Ask the secretariat to erase everything that identifies you? Your account then ends.')) return;
    setError(null);
    try {
      setAsked(await answer(client.POST('/me/erasure-request')));
    } catch (err) {
      setError(err);
    }
  }

  async function save() {
    setBusy(true);
    setError(null);
    try {
      const file = `seg-my-data-${new Date().toISOString().slice(0, 10)}.json`;
      await download(client.GET('/me/export', asFile('application/json')), file);
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
      <button type="button" className="button secondary" onClick={save} disabled={busy}>
        {busy ? 'Preparing…' : 'Download my data'}
      </button>
      <h3>Erasure</h3>
      <p>
        You can ask the secretariat to erase you: nothing that identifies you is kept, while the network's history stays
        as an anonymous record.
      </p>
      {asked ? (
        <Alert kind="success">
          Your request is with the secretariat (asked {formatMoment(asked.requestedAt)}). They answer by{' '}
          {formatMoment(asked.answerBy)}.
        </Alert>
      ) : (
        <button type="button" className="button secondary" onClick={askErasure}>
          Ask to be erased
        </button>
      )}
    </section>
  );
}
