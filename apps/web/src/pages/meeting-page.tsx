import { useState } from 'react';
import { answer, asFile, client, download } from '../api/client';
import { MEETING_KIND_WORDING } from '@seg/rules/meeting-kind-wording';
import type { MeetingView as Meeting } from '../api/openapi.generated';
import { MeetingAgenda } from '../components/meeting-agenda';
import { ErrorMessage, Loading, Page } from '../components/ui';
import { useResource } from '../hooks';
import { Link } from '../router';
import { useSession } from '../session';
import { formatWhen } from '../time';
import { CheckInForm, checkInOpen } from './check-in-form';
import { Rsvp, RsvpButtons } from './rsvp-buttons';

export function MeetingPage({ id }: { id: string }) {
  const { user } = useSession();
  const meeting = useResource(() => answer(client.GET('/meetings/{id}', { params: { path: { id } } })), [id]);
  const [reply, setReply] = useState<Rsvp | null>(null);
  if (meeting.loading && !meeting.data) return <Loading />;
  const m = meeting.data;
  if (!m)
    return (
      <Page title="Meeting">
        <ErrorMessage error={meeting.error} retry={meeting.reload} />
        <Link to="/my/meetings">Back to my meetings</Link>
      </Page>
    );
  const upcoming = !m.isOver;

  return (
    <Page title={m.title} lead={`${MEETING_KIND_WORDING[m.kind]}${m.region ? ` of ${m.region.name}` : ''}`}>
      {m.status === 'cancelled' ? <p className="alert alert-error">This meeting has been cancelled.</p> : null}
      <MeetingFacts meeting={m} />
      <MeetingAgenda agenda={m.agenda} />
      {m.rsvp && checkInOpen(m) ? <CheckInForm meeting={m} /> : null}
      {upcoming && m.startsAt && m.endsAt && m.status !== 'cancelled' ? (
        <>
          <h2>Your reply</h2>
          <RsvpButtons meeting={m} current={reply ?? m.rsvp} onChange={setReply} />
        </>
      ) : null}
      {upcoming && m.startsAt && m.endsAt ? <CalendarDownload meeting={m} /> : null}
      {m.mayRun ? (
        <p>
          <Link to={user?.isSecretariat ? `/secretariat/meetings/${m.id}` : `/my/region/meetings/${m.id}`}>
            Invitations and replies of this meeting
          </Link>
        </p>
      ) : null}
      <p>
        <Link to="/my/meetings">Back to my meetings</Link>
      </p>
    </Page>
  );
}

/** When and where: the time, the venue, the online link and a summit's theme. */
function MeetingFacts({ meeting: m }: { meeting: Meeting }) {
  return (
    <dl className="facts">
      <div>
        <dt>When</dt>
        <dd>{formatWhen(m.startsAt, m.endsAt, m.summit?.year)}</dd>
      </div>
      {m.venue ? (
        <div>
          <dt>Where</dt>
          <dd>{m.venue}</dd>
        </div>
      ) : null}
      {m.onlineUrl ? (
        <div>
          <dt>Online</dt>
          <dd>
            <a href={m.onlineUrl} rel="noopener noreferrer" target="_blank">
              Join online<span className="visually-hidden"> (opens in a new tab)</span>
            </a>
          </dd>
        </div>
      ) : null}
      {m.summit?.theme ? (
        <div>
          <dt>Theme</dt>
          <dd>{m.summit.theme}</dd>
        </div>
      ) : null}
    </dl>
  );
}

/** The button that adds the meeting to the member's calendar, or removes it once cancelled. */
function CalendarDownload({ meeting: m }: { meeting: Meeting }) {
  const [calendarError, setCalendarError] = useState<unknown>(null);
  const slug =
    m.title
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-|-$/g, '')
      .slice(0, 60) || 'meeting';

  /** The API's copy of the invitation, with the UID and SEQUENCE of the emails, so calendars treat it as the same event. */
  async function downloadCalendar() {
    setCalendarError(null);
    try {
      const ics = client.GET('/meetings/{id}/calendar', {
        params: { path: { id: m.id } },
        ...asFile('text/calendar'),
      });
      await download(ics, `${slug}.ics`);
    } catch (err) {
      setCalendarError(err);
    }
  }

  return (
    <>
      <ErrorMessage error={calendarError} />
      <p>
        <button type="button" className="button secondary" onClick={downloadCalendar}>
          {m.status === 'cancelled' ? 'Remove from calendar (.ics)' : 'Add to calendar (.ics)'}
        </button>
      </p>
    </>
  );
}
