import { FormEvent, useState } from 'react';
import { api, ApiError, Page } from '../api/client';
import { Alert, ErrorMessage, ErrorSummary, Field, fieldErrors, Loading } from '../components/ui';
import { useResource } from '../hooks';
import { formatStamp } from '../time';
import { PasswordFields, usePasswordPair } from './password-fields';

interface Session {
  id: string;
  device: string | null;
  startedAt: string;
  lastRefreshedAt: string;
  expiresAt: string;
  current: boolean;
}

/** The member's password and logins, at the foot of My details. */
export function MySignIn() {
  // A password change ends the other logins: the list below reloads after one.
  const [changes, setChanges] = useState(0);
  return (
    <>
      <ChangePassword onChanged={() => setChanges((n) => n + 1)} />
      <MySessions changes={changes} />
    </>
  );
}

const PASSWORD_LABELS = { currentPassword: 'Current password', newPassword: 'New password', confirm: 'New password again' };

function ChangePassword({ onChanged }: { onChanged: () => void }) {
  const pair = usePasswordPair('newPassword');
  const [current, setCurrent] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState(false);

  async function submit(e: FormEvent) {
    e.preventDefault();
    setDone(false);
    const details = [...(current ? [] : [{ field: 'currentPassword', message: 'Enter your current password' }]), ...(pair.check()?.details ?? [])];
    if (details.length) return setError(new ApiError(400, 'Check what you entered', details));
    setBusy(true);
    setError(null);
    try {
      await api.put('/auth/password', { currentPassword: current, newPassword: pair.password });
      setCurrent('');
      pair.setPassword('');
      pair.setConfirm('');
      setDone(true);
      onChanged();
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  }

  const errors = fieldErrors(error);
  return (
    <section className="section" aria-labelledby="password-heading">
      <h2 id="password-heading">Change your password</h2>
      {done ? <Alert kind="success">Your password is changed. You are still signed in here; everywhere else you are signed out.</Alert> : null}
      <ErrorSummary error={error} labels={PASSWORD_LABELS} />
      <form onSubmit={submit} noValidate>
        <Field name="currentPassword" label="Current password" error={errors.currentPassword}>
          {(p) => <input {...p} type="password" autoComplete="current-password" value={current} onChange={(e) => setCurrent(e.target.value)} />}
        </Field>
        <PasswordFields pair={pair} errors={errors} />
        <button type="submit" className="button" disabled={busy}>
          {busy ? 'Changing…' : 'Change password'}
        </button>
      </form>
    </section>
  );
}

/** Where the member is signed in, so a login left open on a shared computer can be ended. */
function MySessions({ changes }: { changes: number }) {
  const sessions = useResource(() => api.get<Page<Session>>('/auth/sessions'), [changes]);
  const [ended, setEnded] = useState(false);
  const [error, setError] = useState<unknown>(null);

  async function end(id: string) {
    setError(null);
    setEnded(false);
    try {
      await api.delete(`/auth/sessions/${id}`);
      setEnded(true);
      sessions.reload();
    } catch (err) {
      setError(err);
    }
  }

  return (
    <section className="section" aria-labelledby="sessions-heading">
      <h2 id="sessions-heading">Where you are signed in</h2>
      <p className="muted">Sign out of any you do not recognise or no longer use, such as a shared computer.</p>
      {ended ? <Alert kind="success">Signed out there.</Alert> : null}
      <ErrorMessage error={error} />
      {sessions.data ? null : <ErrorMessage error={sessions.error} retry={sessions.reload} />}
      {sessions.loading && !sessions.data ? <Loading what="Loading where you are signed in" /> : null}
      {sessions.data ? (
        <div className="table-wrap">
          <table>
            <thead>
              <tr>
                <th scope="col">Device</th>
                <th scope="col">Signed in</th>
                <th scope="col">Last active</th>
                <th scope="col">
                  <span className="visually-hidden">Action</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {sessions.data.items.map((s) => (
                <tr key={s.id}>
                  <td>{s.device ?? 'Unknown'}</td>
                  <td>{formatStamp(s.startedAt)}</td>
                  <td>{formatStamp(s.lastRefreshedAt)}</td>
                  <td>
                    {s.current ? (
                      <strong>This browser</strong>
                    ) : (
                      <button type="button" className="button secondary small" onClick={() => end(s.id)} aria-label={`Sign out ${s.device ?? 'the login'} from ${formatStamp(s.startedAt)}`}>
                        Sign out
                      </button>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
    </section>
  );
}
