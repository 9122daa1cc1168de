import { useState } from 'react';
import { answer, client } from '../api/client';
import type * as Api from '../api/openapi.generated';
import { Alert, ErrorMessage } from '../components/ui';

/**
 * The member's choice to receive messages from colleagues through the group's mail, saved on
 * its own (PATCH /me/notice-preferences with this one field), apart from the details form.
 */
export function MyMessagesChoice({ me }: { me: Api.MemberRecord }) {
  const [accepts, setAccepts] = useState(me.noticePreferences.messages);
  const [saved, setSaved] = useState(me.noticePreferences.messages);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState(false);

  async function save() {
    setBusy(true);
    setError(null);
    try {
      const preferences = await answer(client.PATCH('/me/notice-preferences', { body: { messages: accepts } }));
      setSaved(preferences.messages);
      setDone(true);
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  }

  return (
    <section className="section" aria-labelledby="messages-choice-heading">
      <h2 id="messages-choice-heading">Messages from members</h2>
      <p>
        A member who cannot see your email address can send you a message through SEG Network. It comes from the group’s
        address with theirs to reply to; yours stays hidden unless you answer.
      </p>
      <div className="checkbox">
        <input
          id="accepts-messages"
          type="checkbox"
          checked={accepts}
          onChange={(e) => {
            setDone(false);
            setAccepts(e.target.checked);
          }}
        />
        <label htmlFor="accepts-messages">Members may send me messages through SEG Network</label>
      </div>
      <button type="button" className="button secondary" onClick={save} disabled={busy || accepts === saved}>
        Save this choice
      </button>
      <div aria-live="polite">
        {done ? (
          <Alert kind="success">
            {saved ? 'Members can send you messages again.' : 'Members can no longer send you messages.'}
          </Alert>
        ) : null}
      </div>
      <ErrorMessage error={error} />
    </section>
  );
}
