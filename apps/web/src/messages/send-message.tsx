import { FormEvent, useState } from 'react';
import { answer, client } from '../api/client';
import type * as Api from '../api/openapi.generated';
import { Alert, ErrorSummary, Field, fieldErrors } from '../components/ui';
import { useResource } from '../hooks';

const TEXT_LIMIT = 5000;
const LABELS = { subject: 'Subject', text: 'Your message' };

/**
 * "Send a message" on the page of a colleague whose address the member may not see: the group's
 * mail carries it, Reply-To the member, so the colleague chooses whether to answer. Absent when
 * the colleague chose not to receive messages.
 */
export function SendMessage({ memberId, name }: { memberId: string; name: string }) {
  const permission = useResource(
    () => answer(client.GET('/directory/members/{id}/message', { params: { path: { id: memberId } } })),
    [memberId],
  );
  const [open, setOpen] = useState(false);
  const [receipt, setReceipt] = useState<Api.MessageReceipt | null>(null);
  const allowed = permission.data;
  if (!allowed) return null;
  // A colleague who chose not to be written to: no button at all.
  if (!allowed.canSend && allowed.sentToday < allowed.dailyLimit) return null;
  return (
    <section className="section send-message" aria-labelledby="send-message-heading">
      <h2 id="send-message-heading">Send a message</h2>
      <p>
        {name}’s email address is not shown to you. SEG Network can pass on a message: your name and address go with it,
        so they can answer you directly if they wish.
      </p>
      {receipt ? (
        <Alert kind="success" title="Your message is on its way">
          <p>
            If {name} answers, the reply comes to your own email. You have sent {receipt.sentToday} of{' '}
            {receipt.dailyLimit} messages today.
          </p>
        </Alert>
      ) : !allowed.canSend ? (
        <p className="hint">{allowed.reason}: you can send more tomorrow.</p>
      ) : open ? (
        <MessageForm memberId={memberId} name={name} onSent={setReceipt} onCancel={() => setOpen(false)} />
      ) : (
        <button type="button" className="button secondary" onClick={() => setOpen(true)}>
          Send a message
        </button>
      )}
    </section>
  );
}

function MessageForm(props: {
  memberId: string;
  name: string;
  onSent: (receipt: Api.MessageReceipt) => void;
  onCancel: () => void;
}) {
  const [subject, setSubject] = useState('');
  const [text, setText] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const errors = fieldErrors(error);

  async function submit(e: FormEvent) {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const sent = client.POST('/directory/members/{id}/message', {
        params: { path: { id: props.memberId } },
        body: { subject: subject.trim(), text },
      });
      props.onSent(await answer(sent));
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  }

  return (
    <form onSubmit={submit} noValidate>
      <ErrorSummary error={error} labels={LABELS} />
      <Field name="subject" label="Subject" error={errors.subject}>
        {(p) => <input {...p} maxLength={200} value={subject} onChange={(e) => setSubject(e.target.value)} />}
      </Field>
      <Field
        name="text"
        label="Your message"
        hint={`Plain text, up to 5,000 characters (${(TEXT_LIMIT - text.length).toLocaleString('en-GB')} left).`}
        error={errors.text}
      >
        {(p) => <textarea {...p} rows={8} value={text} onChange={(e) => setText(e.target.value)} />}
      </Field>
      <div className="button-row">
        <button type="submit" className="button" disabled={busy}>
          {busy ? 'Sending…' : `Send to ${props.name}`}
        </button>
        <button type="button" className="button secondary" onClick={props.onCancel} disabled={busy}>
          Cancel
        </button>
      </div>
    </form>
  );
}
