import { useCallback, useEffect, useRef, useState } from 'react';
import { answer, asFile, client, download } from '../api/client';
import { RSVP_WORDING } from '@seg/rules/rsvp-wording';
import type { InvitationsPage } from '../api/openapi.generated';
import { Alert, ErrorMessage, Loading, ProgressBar } from '../components/ui';
import { formatWhen } from '../time';
import { heldEmailsText } from './delivery-wording';

const POLL_MS = 1500;

type Invitee = InvitationsPage['items'][number];

/** The meeting's emails as they go out: totals, the failed ones to re-send, and every invitee. */
export function DeliverySection({ meetingId, tick }: { meetingId: string; tick: number }) {
  const [page, setPage] = useState<InvitationsPage | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [resent, setResent] = useState<string | null>(null);
  const timer = useRef<ReturnType<typeof setTimeout>>(undefined);
  // Right after a send the first notices may not be counted yet: keep watching a little while.
  const watchUntil = useRef(0);

  const load = useCallback(async () => {
    clearTimeout(timer.current);
    try {
      const invitations = await answer(
        client.GET('/meetings/{id}/invitations', { params: { path: { id: meetingId }, query: { limit: 200 } } }),
      );
      setPage(invitations);
      setError(null);
      if (invitations.totals.notices.queued > 0 || Date.now() < watchUntil.current)
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
      const { requeued } = await answer(
        client.POST('/meetings/{id}/notices/resend', { params: { path: { id: meetingId } }, body: {} }),
      );
      setResent(`${requeued} ${requeued === 1 ? 'email' : 'emails'} queued again.`);
      watchUntil.current = Date.now() + 5000;
      load();
    } catch (err) {
      setError(err);
    }
  }

  if (!page) return error ? <ErrorMessage error={error} /> : <Loading what="Loading delivery" />;
  const { failed } = page.totals.notices;

  return (
    <section className="section" aria-labelledby="delivery-heading">
      <h2 id="delivery-heading">Delivery</h2>
      <ErrorMessage error={error} />
      <DeliveryTotals totals={page.totals.notices} />
      {/* Outside the failed block: the re-sent emails stop counting as failed at once. */}
      {resent ? <Alert kind="success">{resent}</Alert> : null}
      {failed > 0 ? <FailedEmails failed={failed} invitees={page.items} onResend={resendFailed} /> : null}
      {page.items.length ? (
        <EveryInvitee meetingId={meetingId} invitees={page.items} total={page.total} onError={setError} />
      ) : null}
    </section>
  );
}

/** How many of the meeting's emails are queued, sent, failed, bounced or not sent, with a progress bar. */
function DeliveryTotals({ totals }: { totals: InvitationsPage['totals']['notices'] }) {
  const { queued, sent, failed } = totals;
  const all = queued + sent + failed;
  const held = heldEmailsText(totals.laterDays, totals.lastGoesAt);
  if (all === 0) return <p className="empty">No emails yet: invite people above.</p>;
  return (
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
        {totals.bounced ? (
          <li>
            <strong data-testid="bounced">{totals.bounced}</strong> bounced
          </li>
        ) : null}
        {totals.suppressed ? (
          <li>
            <strong data-testid="suppressed">{totals.suppressed}</strong> not sent (address bouncing, or turned off by
            the member)
          </li>
        ) : null}
      </ul>
      <ProgressBar value={sent + failed} max={all} label={queued > 0 ? 'Sending' : 'Delivery finished'} />
      <p role="status" className="small">
        {queued > 0 ? `Sending: ${queued} still queued.` : `All ${all} emails handled: ${sent} sent, ${failed} failed.`}
      </p>
      {held ? <p className="small">{held}</p> : null}
    </>
  );
}

/** The emails that failed, who they were for and why, with the button that queues them again. */
function FailedEmails({ failed, invitees, onResend }: { failed: number; invitees: Invitee[]; onResend: () => void }) {
  const failedRows = invitees.filter((i) => i.notices.some((n) => n.status === 'failed'));
  return (
    <>
      <button type="button" className="button secondary" onClick={onResend}>
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
  );
}

/** Every invitee with their reply and the state of each email to them, downloadable as CSV. */
function EveryInvitee({
  meetingId,
  invitees,
  total,
  onError,
}: {
  meetingId: string;
  invitees: Invitee[];
  total: number;
  onError: (error: unknown) => void;
}) {
  async function downloadInvitees() {
    try {
      const asCsv = { params: { path: { id: meetingId }, query: { format: 'csv' } }, ...asFile('text/csv') } as const;
      await download(client.GET('/meetings/{id}/invitations', asCsv), 'invitees.csv');
    } catch (err) {
      onError(err);
    }
  }

  return (
    <section aria-labelledby="invitees-heading">
      <h3 id="invitees-heading" className="subhead">
        Every invitee ({total}
        {invitees.length < total ? `, first ${invitees.length} shown` : ''})
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
            {invitees.map((i) => (
              <InviteeRow key={i.invitationId} invitee={i} />
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}

function InviteeRow({ invitee: i }: { invitee: Invitee }) {
  return (
    <tr>
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
        {RSVP_WORDING[i.rsvp]}
        {i.rsvpSource === 'calendar' ? ' (from their calendar)' : ''}
        {i.answersEarlierRevision ? ', to an earlier version' : ''}
        {i.counterProposal ? (
          <span className="small"> · proposed {formatWhen(i.counterProposal.startsAt, i.counterProposal.endsAt)}</span>
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
  );
}
