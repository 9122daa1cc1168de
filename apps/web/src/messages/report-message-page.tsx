import { FormEvent, useState } from 'react';
import { answer, client } from '../api/client';
import type * as Api from '../api/openapi.generated';
import { Alert, ErrorMessage, Field, Loading, Page } from '../components/ui';
import { useResource } from '../hooks';
import { useLocation } from '../router';
import { formatWhen } from '../time';

/**
 * The "Report this message" link of a member's message: opening it changes nothing (mail
 * scanners open links); the button tells the secretariat, with a note if the member wishes.
 */
export function ReportMessagePage() {
  const token = useLocation().query.get('token') ?? '';
  const link = { params: { path: { token } } };
  const message = useResource(() => answer(client.GET('/message-reports/{token}', link)), [token]);
  const [note, setNote] = useState('');
  const [reported, setReported] = useState<Api.ReportedMessageView | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  async function submit(e: FormEvent) {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const body = note.trim() ? { note: note.trim() } : {};
      setReported(await answer(client.POST('/message-reports/{token}', { ...link, body })));
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  }

  if (message.loading && !message.data) return <Loading />;
  const shown = reported ?? message.data;
  return (
    <Page title="Report a message">
      <ErrorMessage error={shown ? error : message.error} />
      {shown ? (
        <>
          <p>
            The message from {shown.senderName}, sent through SEG Network on {formatWhen(shown.sentAt, null)}.
          </p>
          {shown.reportedAt ? (
            <Alert kind="success" title="Reported to the secretariat">
              <p>The secretariat sees who sent it and when; the group never kept its text.</p>
            </Alert>
          ) : (
            <form onSubmit={submit} noValidate>
              <Field name="note" label="Anything the secretariat should know (optional)">
                {(p) => (
                  <textarea {...p} rows={4} maxLength={1000} value={note} onChange={(e) => setNote(e.target.value)} />
                )}
              </Field>
              <button type="submit" className="button" disabled={busy}>
                Report this message
              </button>
            </form>
          )}
        </>
      ) : null}
    </Page>
  );
}
