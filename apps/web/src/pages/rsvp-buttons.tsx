import { useState } from 'react';
import { answer, client, messageOf } from '../api/client';
import type { MeetingView as Meeting } from '../api/openapi.generated';
import { RSVP_WORDING } from '@seg/rules/rsvp-wording';

/** A reply to an invitation, as the API words it. */
export type Rsvp = NonNullable<Meeting['rsvp']>;

type Reply = Exclude<Rsvp, 'needs-action'>;

const CHOICES: { value: Reply; label: string }[] = [
  { value: 'accepted', label: 'I will come' },
  { value: 'tentative', label: 'Maybe' },
  { value: 'declined', label: 'I cannot come' },
];

/** The member's reply to one invitation; the chosen answer is shown as pressed. */
export function RsvpButtons({
  meeting,
  current,
  onChange,
}: {
  meeting: Meeting;
  current: Rsvp | null;
  onChange: (r: Rsvp) => void;
}) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [said, setSaid] = useState<string | null>(null);

  async function reply(response: Reply) {
    setBusy(true);
    setError(null);
    try {
      await answer(client.PUT('/meetings/{id}/rsvp', { params: { path: { id: meeting.id } }, body: { response } }));
      onChange(response);
      setSaid(`Reply saved: ${RSVP_WORDING[response]}.`);
    } catch (err) {
      setError(messageOf(err));
    } finally {
      setBusy(false);
    }
  }

  if (meeting.status === 'cancelled') return <p className="tag tag-cancelled">Cancelled</p>;
  return (
    <div className="rsvp">
      <div role="group" aria-label={`Your reply to ${meeting.title}`} className="button-row">
        {CHOICES.map((c) => (
          <button
            key={c.value}
            type="button"
            className={`button ${current === c.value ? '' : 'secondary'}`}
            aria-pressed={current === c.value}
            disabled={busy}
            onClick={() => reply(c.value)}
          >
            {c.label}
          </button>
        ))}
      </div>
      <p role="status" className="small">
        {error ? <span className="error-text">{error}</span> : (said ?? '')}
      </p>
    </div>
  );
}
