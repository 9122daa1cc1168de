import { useState } from 'react';
import { answer, client } from '../api/client';
import { MEETING_KIND_WORDING } from '@seg/rules/meeting-kind-wording';
import { useResource } from '../hooks';
import { Link } from '../router';
import { formatWhen } from '../time';
import { ErrorMessage, Loading } from './ui';

/**
 * Meetings coming up or past, as the secretariat and a region's representatives list them:
 * `query` narrows the list (a region), `meetingPath` is where a meeting's own screen lives.
 */
export function MeetingsByWhen({
  query = {},
  meetingPath,
  withRegion = false,
  caption,
}: {
  query?: { region?: string };
  meetingPath: string;
  withRegion?: boolean;
  caption?: string;
}) {
  const [when, setWhen] = useState<'upcoming' | 'past'>('upcoming');
  const key = JSON.stringify(query);
  const meetings = useResource(
    () => answer(client.GET('/meetings', { params: { query: { ...query, when, limit: 100 } } })),
    [key, when],
  );
  return (
    <>
      <div className="button-row" role="group" aria-label="Which meetings">
        <button
          type="button"
          className={`button ${when === 'upcoming' ? '' : 'secondary'}`}
          aria-pressed={when === 'upcoming'}
          onClick={() => setWhen('upcoming')}
        >
          Coming up
        </button>
        <button
          type="button"
          className={`button ${when === 'past' ? '' : 'secondary'}`}
          aria-pressed={when === 'past'}
          onClick={() => setWhen('past')}
        >
          Past
        </button>
      </div>
      <ErrorMessage error={meetings.error} retry={meetings.reload} />
      {meetings.loading ? <Loading /> : null}
      {meetings.data && !meetings.loading ? (
        meetings.data.items.length ? (
          <div className="table-wrap">
            <table>
              {caption ? <caption className="visually-hidden">{caption}</caption> : null}
              <thead>
                <tr>
                  <th scope="col">Meeting</th>
                  <th scope="col">Kind</th>
                  {withRegion ? <th scope="col">Region</th> : null}
                  <th scope="col">When</th>
                  <th scope="col">Status</th>
                </tr>
              </thead>
              <tbody>
                {meetings.data.items.map((m) => (
                  <tr key={m.id}>
                    <td>
                      <Link to={`${meetingPath}/${m.id}`}>{m.title}</Link>
                    </td>
                    <td>{MEETING_KIND_WORDING[m.kind]}</td>
                    {withRegion ? <td>{m.region?.name ?? ''}</td> : null}
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
    </>
  );
}
