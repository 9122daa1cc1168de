import { FormEvent, useState } from 'react';
import { answer, ApiError, client } from '../api/client';
import type * as Api from '../api/openapi.generated';
import { Alert, ErrorMessage, ErrorSummary, Field, fieldErrors, Loading } from '../components/ui';
import { useResource } from '../hooks';
import { formatMoment } from '../time';
import { PasswordFields, usePasswordPair } from './password-fields';

type Session = Api.SessionDto;

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

const PASSWORD_LABELS = {
  currentPassword: 'Current password',
  newPassword: 'New password',
  confirm: 'New password again',
};

function ChangePassword({ onChanged }: { onChanged: () => void }) {
  const pair = usePasswordPair('newPassword');
  const [current, setCurrent] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState(false);

  async function submit(e: FormEvent) {
    e.preventDefault();
    setDone(false);
    const details = [
      ...(current ? [] : [{ field: 'currentPassword', message: 'Enter your current password' }]),
      ...(pair.check()?.details ?? []),
    ];
    if (details.length) return setError(new ApiError(400, 'Check what you entered', details));
    setBusy(true);
    setError(null);
    try {
      await answer(client.PUT('/auth/password', { body: { currentPassword: current, newPassword: pair.password } }));
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
      {done ? (
        <Alert kind="success">
          Your password is changed. You are still signed in here; everywhere else you are signed out.
        </Alert>
      ) : null}
      <ErrorSummary error={error} labels={PASSWORD_LABELS} />
      <form onSubmit={submit} noValidate>
        <Field name="currentPassword" label="Current password" error={errors.currentPassword}>
          {(p) => (
            <input
              {...p}
              type="password"
              autoComplete="current-password"
              value={current}
              onChange={(e) => setCurrent(e.target.value)}
            />
          )}
        </Field>
        <PasswordFields pair={pair} errors={errors} />
        <button type="submit" className="button" disabled={busy}>
          {busy ? 'Changing…' : 'Change password'}
        </button>
      </form>
    </section>
  );
}

interface Device {
  device: string;
  sessions: Session[];
  current: boolean;
  lastActive: string;
}

/** One row per device: a browser that signed in five times is one place, not five. */
function byDevice(sessions: Session[]): Device[] {
  const devices = new Map<string, Device>();
  for (const s of sessions) {
    const name = s.device ?? 'Unknown device';
    const d = devices.get(name) ?? { device: name, sessions: [], current: false, lastActive: s.lastRefreshedAt };
    d.sessions.push(s);
    d.current ||= s.current;
    if (s.lastRefreshedAt > d.lastActive) d.lastActive = s.lastRefreshedAt;
    devices.set(name, d);
  }
  // This device first, then the most recently active.
  return [...devices.values()].sort(
    (a, b) => Number(b.current) - Number(a.current) || b.lastActive.localeCompare(a.lastActive),
  );
}

/** Where the member is signed in, so a login left open on a shared computer can be ended. */
function MySessions({ changes }: { changes: number }) {
  const sessions = useResource(() => answer(client.GET('/auth/sessions')), [changes]);
  const [done, setDone] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);

  async function act(work: () => Promise<unknown>, message: string) {
    setError(null);
    setDone(null);
    try {
      await work();
      setDone(message);
      sessions.reload();
    } catch (err) {
      setError(err);
    }
  }

  const endDevice = (d: Device) =>
    act(
      () =>
        Promise.all(
          d.sessions
            .filter((s) => !s.current)
            .map((s) => answer(client.DELETE('/auth/sessions/{id}', { params: { path: { id: s.id } } }))),
        ),
      `Signed out of ${d.device}.`,
    );
  const endOthers = () =>
    act(
      () => answer(client.POST('/auth/sessions/sign-out-others')),
      'Signed out everywhere else. You are still signed in here.',
    );

  const devices = sessions.data ? byDevice(sessions.data.items) : [];
  const others = sessions.data ? sessions.data.items.filter((s) => !s.current).length : 0;
  return (
    <section className="section" aria-labelledby="sessions-heading">
      <h2 id="sessions-heading">Where you are signed in</h2>
      <p className="muted">Sign out of any you do not recognise or no longer use, such as a shared computer.</p>
      {done ? <Alert kind="success">{done}</Alert> : null}
      <ErrorMessage error={error} />
      {sessions.data ? null : <ErrorMessage error={sessions.error} retry={sessions.reload} />}
      {sessions.loading && !sessions.data ? <Loading what="Loading where you are signed in" /> : null}
      {sessions.data ? (
        <>
          <DevicesTable devices={devices} onEnd={endDevice} />
          {others ? (
            <button type="button" className="button secondary" onClick={endOthers}>
              Sign out everywhere else
            </button>
          ) : null}
        </>
      ) : null}
    </section>
  );
}

/** A row per device: when it first signed in, when it was last active, and the button that signs it out. */
function DevicesTable({ devices, onEnd }: { devices: Device[]; onEnd: (device: Device) => void }) {
  return (
    <div className="table-wrap" tabIndex={0} role="region" aria-label="Devices you are signed in on">
      <table>
        <thead>
          <tr>
            <th scope="col">Device</th>
            <th scope="col">First signed in</th>
            <th scope="col">Last active</th>
            <th scope="col">
              <span className="visually-hidden">Action</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {devices.map((d) => {
            const ending = d.sessions.filter((s) => !s.current).length;
            return (
              <tr key={d.device}>
                <td>
                  {d.device}
                  {d.sessions.length > 1 ? <span className="muted small"> ({d.sessions.length} sign-ins)</span> : null}
                </td>
                <td>{formatMoment(d.sessions.map((s) => s.startedAt).sort()[0])}</td>
                <td>{formatMoment(d.lastActive)}</td>
                <td>
                  {d.current ? <strong>This browser</strong> : null}
                  {ending ? (
                    <button type="button" className="button secondary small" onClick={() => onEnd(d)}>
                      {d.current ? `Sign out the other ${ending}` : 'Sign out'}
                      <span className="visually-hidden"> on {d.device}</span>
                    </button>
                  ) : null}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
