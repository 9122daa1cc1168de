import { useState } from 'react';
import { api, Page } from '../api/client';
import { Alert, ErrorMessage, Loading } from '../components/ui';
import { useResource } from '../hooks';
import { formatStamp } from '../time';

interface Session {
  id: string;
  startedAt: string;
  lastRefreshedAt: string;
  expiresAt: string;
  current: boolean;
}

/** Where the member is signed in, so a login left open on a shared computer can be ended. */
export function MySessions() {
  const sessions = useResource(() => api.get<Page<Session>>('/auth/sessions'), []);
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
                  <td>{formatStamp(s.startedAt)}</td>
                  <td>{formatStamp(s.lastRefreshedAt)}</td>
                  <td>
                    {s.current ? (
                      <strong>This browser</strong>
                    ) : (
                      <button type="button" className="button secondary small" onClick={() => end(s.id)} aria-label={`Sign out the login from ${formatStamp(s.startedAt)}`}>
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
