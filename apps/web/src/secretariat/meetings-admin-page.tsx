import { useState } from 'react';
import { api, Page as ListPage } from '../api/client';
import { Meeting, MEETING_KIND_LABELS } from '../api/types';
import { ErrorMessage, Loading, Page } from '../components/ui';
import { useResource } from '../hooks';
import { Link } from '../router';
import { formatWhen } from '../time';

export function MeetingsAdminPage() {
  const [when, setWhen] = useState<'upcoming' | 'past'>('upcoming');
  const meetings = useResource(() => api.get<ListPage<Meeting>>('/meetings', { when, limit: 100 }), [when]);
  return (
    <Page
      title="Meetings"
      actions={
        <Link to="/secretariat/meetings/new" className="button">
          New meeting
        </Link>
      }
    >
      <div className="button-row" role="group" aria-label="Which meetings">
        <button type="button" className={`button ${when === 'upcoming' ? '' : 'secondary'}`} aria-pressed={when === 'upcoming'} onClick={() => setWhen('upcoming')}>
          Coming up
        </button>
        <button type="button" className={`button ${when === 'past' ? '' : 'secondary'}`} aria-pressed={when === 'past'} onClick={() => setWhen('past')}>
          Past
        </button>
      </div>
      <ErrorMessage error={meetings.error} retry={meetings.reload} />
      {meetings.loading ? <Loading /> : null}
      {meetings.data && !meetings.loading ? (
        meetings.data.items.length ? (
          <div className="table-wrap">
            <table>
              <thead>
                <tr>
                  <th scope="col">Meeting</th>
                  <th scope="col">Kind</th>
                  <th scope="col">Region</th>
                  <th scope="col">When</th>
                  <th scope="col">Status</th>
                </tr>
              </thead>
              <tbody>
                {meetings.data.items.map((m) => (
                  <tr key={m.id}>
                    <td>
                      <Link to={`/secretariat/meetings/${m.id}`}>{m.title}</Link>
                    </td>
                    <td>{MEETING_KIND_LABELS[m.kind] ?? m.kind}</td>
                    <td>{m.region?.name ?? ''}</td>
                    <td>{formatWhen(m.startsAt, m.endsAt, m.summit?.year)}</td>
                    <td>
                      <span className={`tag${m.status === 'cancelled' ? ' tag-cancelled' : ''}`}>{m.status}</span>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        ) : (
          <p className="empty">No meetings {when === 'upcoming' ? 'coming up' : 'in the past'}.</p>
        )
      ) : null}
    </Page>
  );
}
