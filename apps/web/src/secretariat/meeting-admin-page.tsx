import { useCallback, useEffect, useRef, useState } from 'react';
import { api } from '../api/client';
import type * as Api from '../api/openapi.generated';
import { Attendance, InvitationsPage, Meeting, MEETING_KIND_LABELS, RSVP_LABELS } from '../api/types';
import { MeetingAgenda } from '../components/meeting-agenda';
import { Alert, ErrorMessage, ErrorSummary, Loading, Page, ProgressBar } from '../components/ui';
import { useResource } from '../hooks';
import { Link } from '../router';
import { formatWhen } from '../time';
import { Audience, audienceBody, AudiencePicker, audienceIsEmpty, InvitePreview } from './audience-picker';
import { AttendanceSection } from './attendance-section';
import { MeetingLearningSection } from './meeting-learning-section';
import { deliveryEstimateText, heldEmailsText } from './delivery-wording';
import { MemberPicker } from './member-picker';

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
  const meeting = useResource(() => api.get<Meeting>(`/meetings/${encodeURIComponent(id)}`), [id]);
  const [deliveryTick, setDeliveryTick] = useState(0);
  const [error, setError] = useState<unknown>(null);
  const [cancelled, setCancelled] = useState(false);

  async function cancel() {
    if (!meeting.data || !window.confirm(`Cancel "${meeting.data.title}"? Every invitee gets a cancellation email.`))
      return;
    try {
      await api.post(`/meetings/${id}/cancel`);
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
  if (m.mayRun === false)
    return (
      <Page title={m.title}>
        <p>
          Only the secretariat and the representatives of {m.region ? m.region.name : 'its region'} run this meeting.
          Your invitation is under <Link to={`/my/meetings/${m.id}`}>My meetings</Link>.
        </p>
      </Page>
    );
  const open = m.status !== 'cancelled' && !m.isOver;

  return (
    <Page
      title={m.title}
      lead={`${MEETING_KIND_LABELS[m.kind] ?? m.kind}${m.region ? ` of ${m.region.name}` : ''} · ${formatWhen(m.startsAt, m.endsAt, m.summit?.year)} · ${m.status}`}
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

/** `region`: a representative's invitation, inside the meeting's region only. */
function InviteSection({
  meetingId,
  region,
  onSent,
}: {
  meetingId: string;
  region?: { code: string; name: string } | null;
  onSent: () => void;
}) {
  const [audience, setAudience] = useState<Audience>({});
  const [picked, setPicked] = useState<{ id: string; name: string }[]>([]);
  const [result, setResult] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const [sends, setSends] = useState(0);

  async function send() {
    setError(null);
    setResult(null);
    setBusy(true);
    try {
      // Counted afresh at the click, by the same query that will invite.
      const preview = await api.post<InvitePreview>(
        `/meetings/${meetingId}/invitations/preview`,
        audienceBody(audience, picked),
      );
      if (preview.wouldInvite === 0) {
        setResult('Nobody new to invite: everyone chosen is already invited or cannot be invited.');
        return;
      }
      if (
        !window.confirm(
          `Send the invitation to ${plural(preview.wouldInvite, 'member')}? ${deliveryEstimateText(preview.delivery)}`,
        )
      )
        return;
      const answer = await api.post<InviteResult>(`/meetings/${meetingId}/invitations`, audienceBody(audience, picked));
      const skipped = answer.skipped ? answer.skipped.suspended + answer.skipped.left : 0;
      setResult(
        `${answer.invited} invited${answer.alreadyInvited ? `; ${answer.alreadyInvited} were already invited` : ''}${skipped ? `; ${skipped} left out because they are no longer members` : ''}. The emails go out in the background: follow them below.`,
      );
      setAudience({});
      setPicked([]);
      setSends((n) => n + 1);
      onSent();
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  }

  return (
    <section className="section card" aria-labelledby="invite-heading">
      <h2 id="invite-heading">Invite</h2>
      {result ? <Alert kind="success">{result}</Alert> : null}
      <ErrorSummary error={error} linked={false} labels={{ venue: 'Venue', audience: 'Audience' }} />
      <AudiencePicker
        meetingId={meetingId}
        region={region}
        sends={sends}
        value={audience}
        onChange={setAudience}
        picked={picked}
        onPickedChange={setPicked}
      />
      <MemberPicker
        id="aud-member"
        label={region ? `Add a member of ${region.name} by name` : 'Add a member by name'}
        region={region?.code}
        exclude={picked.map((p) => p.id)}
        onPick={(m) => setPicked((p) => [...p, { id: m.id, name: m.name }])}
      />
      <button
        type="button"
        className="button"
        disabled={busy || audienceIsEmpty(audience, picked.length)}
        onClick={send}
      >
        {busy ? 'Sending…' : 'Send invitations'}
      </button>
    </section>
  );
}

const plural = (n: number, one: string) => `${n} ${n === 1 ? one : `${one}s`}`;

/** The revision is internal: people read how often the meeting changed after the invitations went out. */
/** Attendance is marked from the start; an archived summit with no date is in the past. */
function hasStarted(m: Meeting): boolean {
  return !m.startsAt || new Date(m.startsAt).getTime() <= Date.now();
}

function changesSinceSent(m: Meeting): string {
  if (m.status === 'draft') return 'Not sent yet';
  const n = m.revision ?? 0;
  if (n === 0) return 'Not changed since it was sent';
  return n === 1 ? 'Changed once since it was sent' : `Changed ${n} times since it was sent`;
}

type InviteResult = Api.InviteResult;

const POLL_MS = 1500;

function DeliverySection({ meetingId, tick }: { meetingId: string; tick: number }) {
  const [page, setPage] = useState<InvitationsPage | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [resent, setResent] = useState<string | null>(null);
  const timer = useRef<ReturnType<typeof setTimeout>>(undefined);
  // Right after a send the first notices may not be counted yet: keep watching a little while.
  const watchUntil = useRef(0);

  const load = useCallback(async () => {
    clearTimeout(timer.current);
    try {
      const answer = await api.get<InvitationsPage>(`/meetings/${meetingId}/invitations`, { limit: 200 });
      setPage(answer);
      setError(null);
      if (answer.totals.notices.queued > 0 || Date.now() < watchUntil.current)
        timer.current = setTimeout(load, POLL_MS);
    } catch (err) {
      setError(err);
    }
  }, [meetingId]);

  useEffect(() => {
    if (tick > 0) watchUntil.current = Date.now() + 5000;
    load();
    return () => clearTimeout(timer.current);
  }, [load, tick]);

  async function resendFailed() {
    try {
      const answer = await api.post<{ requeued: number }>(`/meetings/${meetingId}/notices/resend`, {});
      setResent(`${answer.requeued} ${answer.requeued === 1 ? 'email' : 'emails'} queued again.`);
      watchUntil.current = Date.now() + 5000;
      load();
    } catch (err) {
      setError(err);
    }
  }

  async function downloadInvitees() {
    try {
      await api.download(`/meetings/${meetingId}/invitations`, 'invitees.csv', 'text/csv', { format: 'csv' });
    } catch (err) {
      setError(err);
    }
  }

  if (!page) return error ? <ErrorMessage error={error} /> : <Loading what="Loading delivery" />;
  const { queued, sent, failed } = page.totals.notices;
  const all = queued + sent + failed;
  const held = heldEmailsText(page.totals.notices.laterDays, page.totals.notices.lastGoesAt);
  const failedRows = page.items.filter((i) => i.notices.some((n) => n.status === 'failed'));

  return (
    <section className="section" aria-labelledby="delivery-heading">
      <h2 id="delivery-heading">Delivery</h2>
      <ErrorMessage error={error} />
      {all === 0 ? (
        <p className="empty">No emails yet: invite people above.</p>
      ) : (
        <>
          <ul className="totals" aria-label="Emails">
            <li>
              <strong data-testid="queued">{queued}</strong> queued
            </li>
            <li>
              <strong data-testid="sent">{sent}</strong> sent
            </li>
            <li>
              <strong data-testid="failed">{failed}</strong> failed
            </li>
            {page.totals.notices.bounced ? (
              <li>
                <strong data-testid="bounced">{page.totals.notices.bounced}</strong> bounced
              </li>
            ) : null}
            {page.totals.notices.suppressed ? (
              <li>
                <strong data-testid="suppressed">{page.totals.notices.suppressed}</strong> not sent (address bouncing,
                or turned off by the member)
              </li>
            ) : null}
          </ul>
          <ProgressBar value={sent + failed} max={all} label={queued > 0 ? 'Sending' : 'Delivery finished'} />
          <p role="status" className="small">
            {queued > 0
              ? `Sending: ${queued} still queued.`
              : `All ${all} emails handled: ${sent} sent, ${failed} failed.`}
          </p>
          {held ? <p className="small">{held}</p> : null}
        </>
      )}
      {/* Outside the failed block: the re-sent emails stop counting as failed at once. */}
      {resent ? <Alert kind="success">{resent}</Alert> : null}
      {failed > 0 ? (
        <>
          <button type="button" className="button secondary" onClick={resendFailed}>
            Re-send the {failed} failed {failed === 1 ? 'email' : 'emails'}
          </button>
          <div className="table-wrap">
            <table className="stacked">
              <caption>Failed emails</caption>
              <thead>
                <tr>
                  <th scope="col">Member</th>
                  <th scope="col">Email</th>
                  <th scope="col">Notice</th>
                  <th scope="col">Attempts</th>
                  <th scope="col">Last error</th>
                </tr>
              </thead>
              <tbody>
                {failedRows.flatMap((i) =>
                  i.notices
                    .filter((n) => n.status === 'failed')
                    .map((n) => (
                      <tr key={n.id}>
                        <td className="stack-title">{i.member.name}</td>
                        <td data-label="Email">{i.member.email}</td>
                        <td data-label="Notice">{n.kind.replace('meeting-', '')}</td>
                        <td data-label="Attempts">{n.attempts}</td>
                        <td data-label="Last error">{n.lastError}</td>
                      </tr>
                    )),
                )}
              </tbody>
            </table>
          </div>
        </>
      ) : null}
      {page.items.length ? (
        <section aria-labelledby="invitees-heading">
          <h3 id="invitees-heading" className="subhead">
            Every invitee ({page.total}
            {page.items.length < page.total ? `, first ${page.items.length} shown` : ''})
          </h3>
          <button type="button" className="button secondary small" onClick={downloadInvitees}>
            Download every invitee (CSV)
          </button>
          <div className="table-wrap">
            <table className="stacked">
              <caption className="visually-hidden">Every invitee</caption>
              <thead>
                <tr>
                  <th scope="col">Member</th>
                  <th scope="col">Category</th>
                  <th scope="col">Region</th>
                  <th scope="col">Reply</th>
                  <th scope="col">Emails</th>
                </tr>
              </thead>
              <tbody>
                {page.items.map((i) => (
                  <tr key={i.invitationId}>
                    <td className="stack-title">
                      {i.member.name}
                      {i.member.emailStatus === 'bouncing' ? (
                        <>
                          {' '}
                          <span className="tag tag-bounced">Email bouncing</span>
                        </>
                      ) : null}
                    </td>
                    <td data-label="Category" className="stack-later">
                      {i.member.categoryName ?? ''}
                    </td>
                    <td data-label="Region" className="stack-later">
                      {i.member.regionName ?? ''}
                    </td>
                    <td data-label="Reply">
                      {RSVP_LABELS[i.rsvp]}
                      {i.rsvpSource === 'calendar' ? ' (from their calendar)' : ''}
                      {i.answersEarlierRevision ? ', to an earlier version' : ''}
                      {i.counterProposal ? (
                        <span className="small">
                          {' '}
                          · proposed {formatWhen(i.counterProposal.startsAt, i.counterProposal.endsAt)}
                        </span>
                      ) : null}
                    </td>
                    <td data-label="Emails">
                      {i.notices.map((n) => (
                        <span key={n.id} className={`tag tag-${n.status}`}>
                          {n.kind.replace('meeting-', '')}: {n.status}
                        </span>
                      ))}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </section>
      ) : null}
    </section>
  );
}

function RepliesSection({ meetingId, tick }: { meetingId: string; tick: number }) {
  const attendance = useResource(() => api.get<Attendance>(`/meetings/${meetingId}/attendance`), [meetingId, tick]);
  const [error, setError] = useState<unknown>(null);
  const a = attendance.data;
  const groups = (a?.byRegion ?? []).filter((g) => g.invitees > 0);
  const widest = Math.max(1, ...groups.map((g) => g.invitees));

  async function download() {
    try {
      await api.download(`/meetings/${meetingId}/attendance`, 'attendance.csv', 'text/csv', { format: 'csv' });
    } catch (err) {
      setError(err);
    }
  }

  /** Who answered what, how and to which version: what a representative follows up on. */
  async function downloadEach() {
    try {
      await api.download(`/meetings/${meetingId}/invitations`, 'replies.csv', 'text/csv', { format: 'csv' });
    } catch (err) {
      setError(err);
    }
  }

  return (
    <section className="section" aria-labelledby="replies-heading">
      <h2 id="replies-heading">Replies</h2>
      <ErrorMessage error={attendance.error ?? error} retry={attendance.reload} />
      {a ? (
        <>
          <ul className="totals" aria-label="Replies">
            <li>
              <strong>{a.totals.invitees}</strong> invited
            </li>
            <li>
              <strong>{a.totals.accepted}</strong> going
            </li>
            <li>
              <strong>{a.totals.tentative}</strong> maybe
            </li>
            <li>
              <strong>{a.totals.declined}</strong> not going
            </li>
            <li>
              <strong>{a.totals.noReply}</strong> no reply
            </li>
          </ul>
          {groups.length ? (
            <figure>
              <figcaption>
                <strong>Replies by region</strong>
              </figcaption>
              <ul className="legend" aria-hidden="true">
                <li>
                  <span className="bar-accepted" />
                  Going
                </li>
                <li>
                  <span className="bar-tentative" />
                  Maybe
                </li>
                <li>
                  <span className="bar-declined" />
                  Not going
                </li>
                <li>
                  <span style={{ background: 'var(--wash)', border: '1px solid var(--line)' }} />
                  No reply
                </li>
              </ul>
              <div className="bars">
                {groups.map((g) => (
                  <div className="bar-row" key={g.code ?? 'none'}>
                    <span>{g.name}</span>
                    <div className="bar-track" style={{ width: `${(g.invitees / widest) * 100}%` }} aria-hidden="true">
                      <div className="bar-accepted" style={{ width: `${(g.accepted / g.invitees) * 100}%` }} />
                      <div className="bar-tentative" style={{ width: `${(g.tentative / g.invitees) * 100}%` }} />
                      <div className="bar-declined" style={{ width: `${(g.declined / g.invitees) * 100}%` }} />
                    </div>
                    <span className="small">
                      {g.accepted} going, {g.tentative} maybe, {g.declined} not, {g.noReply} no reply
                    </span>
                  </div>
                ))}
              </div>
            </figure>
          ) : null}
          <div className="button-row">
            <button type="button" className="button secondary" onClick={downloadEach}>
              Download each person's reply (CSV)
            </button>
            <button type="button" className="button secondary" onClick={download}>
              Download replies by region and category (CSV)
            </button>
          </div>
        </>
      ) : null}
    </section>
  );
}
