import { useState } from 'react';
import { MEETING_KIND_WORDING } from '@seg/rules/meeting-kind-wording';
import { answer, client } from '../api/client';
import type { MeetingView as Meeting } from '../api/openapi.generated';
import { MeetingAgenda } from '../components/meeting-agenda';
import { Alert, ErrorMessage, Loading, Page } from '../components/ui';
import { useResource } from '../hooks';
import { Link } from '../router';
import { formatWhen } from '../time';
import { AttendanceSection } from './attendance-section';
import { DeliverySection } from './delivery-section';
import { InviteSection } from './invite-section';
import { MeetingLearningSection } from './meeting-learning-section';
import { RepliesSection } from './replies-section';

/**
 * One meeting for those who run it: invite, follow delivery, read replies, re-send, cancel. The
 * secretariat's screen; a representative gets the same under "My region" (`base`), inviting from
 * the meeting's region only (`regional`).
 */
export function MeetingAdminPage({
  id,
  base = '/secretariat/meetings',
  regional = false,
}: {
  id: string;
  base?: string;
  regional?: boolean;
}) {
  const meeting = useResource(() => answer(client.GET('/meetings/{id}', { params: { path: { id } } })), [id]);
  const [deliveryTick, setDeliveryTick] = useState(0);
  const [error, setError] = useState<unknown>(null);
  const [cancelled, setCancelled] = useState(false);

  async function cancel() {
    if (!meeting.data || !window.confirm(`Cancel "${meeting.data.title}"? Every invitee gets a cancellation email.`))
      return;
    try {
      await answer(client.POST('/meetings/{id}/cancel', { params: { path: { id } } }));
      setCancelled(true);
      meeting.reload();
      setDeliveryTick((t) => t + 1);
    } catch (err) {
      setError(err);
    }
  }

  if (meeting.loading && !meeting.data) return <Loading />;
  const m = meeting.data;
  if (!m)
    return (
      <Page title="Meeting">
        <ErrorMessage error={meeting.error} retry={meeting.reload} />
      </Page>
    );
  if (m.mayRun === false) return <NotYoursToRun meeting={m} />;
  const open = m.status !== 'cancelled' && !m.isOver;

  return (
    <Page
      title={m.title}
      lead={`${MEETING_KIND_WORDING[m.kind]}${m.region ? ` of ${m.region.name}` : ''} · ${formatWhen(m.startsAt, m.endsAt, m.summit?.year)} · ${m.status}`}
      actions={
        open ? (
          <div className="button-row">
            <Link to={`${base}/${m.id}/edit`} className="button secondary">
              Change details
            </Link>
            <button type="button" className="button danger" onClick={cancel}>
              Cancel meeting
            </button>
          </div>
        ) : null
      }
    >
      {cancelled ? <Alert kind="success">The meeting is cancelled; cancellation emails are on their way.</Alert> : null}
      <ErrorMessage error={error} />
      <MeetingFacts meeting={m} />
      <MeetingAgenda agenda={m.agenda} />
      {open ? (
        <InviteSection
          meetingId={m.id}
          region={regional ? (m.region ?? null) : undefined}
          onSent={() => {
            meeting.reload();
            setDeliveryTick((t) => t + 1);
          }}
        />
      ) : null}
      {m.status !== 'cancelled' ? <MeetingLearningSection meeting={m} onSaved={meeting.reload} /> : null}
      {m.status !== 'cancelled' && hasStarted(m) ? <AttendanceSection meeting={m} /> : null}
      <DeliverySection meetingId={m.id} tick={deliveryTick} />
      <RepliesSection meetingId={m.id} tick={deliveryTick} />
    </Page>
  );
}

/** A member invited to a meeting they do not run: where their invitation is instead. */
function NotYoursToRun({ meeting: m }: { meeting: Meeting }) {
  return (
    <Page title={m.title}>
      <p>
        Only the secretariat and the representatives of {m.region ? m.region.name : 'its region'} run this meeting. Your
        invitation is under <Link to={`/my/meetings/${m.id}`}>My meetings</Link>.
      </p>
    </Page>
  );
}

/** Where the meeting is, and how often it changed since it was sent. */
function MeetingFacts({ meeting: m }: { meeting: Meeting }) {
  return (
    <dl className="facts">
      {m.venue ? (
        <div>
          <dt>Venue</dt>
          <dd>{m.venue}</dd>
        </div>
      ) : null}
      {m.onlineUrl ? (
        <div>
          <dt>Online link</dt>
          <dd>{m.onlineUrl}</dd>
        </div>
      ) : null}
      <div>
        <dt>Since it was sent</dt>
        <dd>{changesSinceSent(m)}</dd>
      </div>
    </dl>
  );
}

/** Attendance is marked from the start; an archived summit with no date is in the past. */
function hasStarted(m: Meeting): boolean {
  return !m.startsAt || new Date(m.startsAt).getTime() <= Date.now();
}

/** The revision is internal: people read how often the meeting changed after the invitations went out. */
function changesSinceSent(m: Meeting): string {
  if (m.status === 'draft') return 'Not sent yet';
  const n = m.revision ?? 0;
  if (n === 0) return 'Not changed since it was sent';
  return n === 1 ? 'Changed once since it was sent' : `Changed ${n} times since it was sent`;
}
