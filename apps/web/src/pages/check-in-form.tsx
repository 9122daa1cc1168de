import { FormEvent, useState } from 'react';
import { answer, client } from '../api/client';
import type * as Api from '../api/openapi.generated';
import type { MeetingView as Meeting } from '../api/openapi.generated';
import { Alert, ErrorSummary, Field, fieldErrors } from '../components/ui';
import { Link } from '../router';

/** Check-in stays open this long after the end (CHECK_IN_MINUTES_AFTER of the API's rules). */
const AFTER_END_MS = 60 * 60_000;

/** Whether members may check in now: from the start until an hour after the end. */
export function checkInOpen(m: Meeting, now = Date.now()): boolean {
  if (!m.startsAt || !m.endsAt || m.status === 'cancelled') return false;
  return new Date(m.startsAt).getTime() <= now && now < new Date(m.endsAt).getTime() + AFTER_END_MS;
}

/** "I am here": the member types the code shown in the room or the online session. */
export function CheckInForm({ meeting }: { meeting: Meeting }) {
  const [code, setCode] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [done, setDone] = useState<Api.MyAttendance | null>(null);

  async function checkIn(e: FormEvent) {
    e.preventDefault();
    setError(null);
    try {
      setDone(
        await answer(client.POST('/meetings/{id}/check-in', { params: { path: { id: meeting.id } }, body: { code } })),
      );
    } catch (err) {
      setError(err);
    }
  }

  if (done)
    return (
      <Alert kind="success" title="You are checked in">
        Your certificate of attendance comes by email after the meeting, and is in{' '}
        <Link to="/my/learning">My learning</Link>.
      </Alert>
    );
  return (
    <form onSubmit={checkIn} noValidate className="section" aria-labelledby="check-in-heading">
      <h2 id="check-in-heading">I am here</h2>
      <ErrorSummary error={error} labels={{ code: 'Check-in code' }} />
      <Field
        name="code"
        label="Check-in code"
        hint="The six letters and digits shown in the room or the online session"
        error={fieldErrors(error).code}
      >
        {(p) => <input {...p} autoComplete="off" value={code} onChange={(e) => setCode(e.target.value)} />}
      </Field>
      <button type="submit" className="button">
        Check me in
      </button>
    </form>
  );
}
