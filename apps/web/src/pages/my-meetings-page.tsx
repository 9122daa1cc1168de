import { useState } from 'react';
import { answer, client } from '../api/client';
import type { MeetingView as Meeting } from '../api/openapi.generated';
import { MEETING_KIND_WORDING } from '@seg/rules/meeting-kind-wording';
import { RSVP_WORDING } from '@seg/rules/rsvp-wording';
import { EmptyState, ErrorMessage, Loading, Page } from '../components/ui';
import { useResource } from '../hooks';
import { Link } from '../router';
import { formatWhen } from '../time';
import { Rsvp, RsvpButtons } from './rsvp-buttons';

export async function loadMeetings(): Promise<Meeting[]> {
  return (await answer(client.GET('/meetings', { params: { query: { limit: 200 } } }))).items;
}

/** The member's invitations: upcoming first, each with its reply buttons. */
export function MyMeetingsPage() {
  const meetings = useResource(loadMeetings, []);
  const [replies, setReplies] = useState<Record<string, Rsvp>>({});
  const all = meetings.data ?? [];
  // Whether a meeting is over is the API's to say (`isOver`), by the one rule replies follow.
  const upcoming = all.filter((m) => !m.isOver).sort((a, b) => a.startsAt!.localeCompare(b.startsAt!));
  const past = all.filter((m) => m.isOver);

  return (
    <Page title="My meetings" lead="Meetings you are invited to. Your reply goes straight to the secretariat.">
      {meetings.loading && !meetings.data ? <Loading what="Loading your meetings" /> : null}
      <ErrorMessage error={meetings.error} retry={meetings.reload} />
      {meetings.data ? (
        <>
          <h2>Coming up</h2>
          {upcoming.length ? (
            <ul className="meeting-list" aria-label="Coming up">
              {upcoming.map((m) => {
                const rsvp = replies[m.id] ?? m.rsvp;
                return (
                  <li key={m.id} className="card meeting-card">
                    <h3 className="card-title">
                      <Link to={`/my/meetings/${m.id}`}>{m.title}</Link>
                    </h3>
                    <p>
                      <span className="tag">{MEETING_KIND_WORDING[m.kind]}</span> {formatWhen(m.startsAt, m.endsAt)}
                    </p>
                    {m.venue ? <p className="small">{m.venue}</p> : null}
                    <p className="small">Your reply: {RSVP_WORDING[rsvp ?? 'needs-action']}</p>
                    <RsvpButtons
                      meeting={m}
                      current={rsvp}
                      onChange={(r) => setReplies((x) => ({ ...x, [m.id]: r }))}
                    />
                  </li>
                );
              })}
            </ul>
          ) : (
            <EmptyState>No meetings coming up. Invitations arrive by email and appear here.</EmptyState>
          )}
          {past.length ? (
            <>
              <h2>Past meetings</h2>
              <ul className="plain past-list">
                {past.map((m) => (
                  <li key={m.id}>
                    <Link to={`/my/meetings/${m.id}`}>{m.title}</Link>{' '}
                    <span className="muted">· {formatWhen(m.startsAt, m.endsAt, m.summit?.year)}</span>
                  </li>
                ))}
              </ul>
            </>
          ) : null}
        </>
      ) : null}
    </Page>
  );
}
