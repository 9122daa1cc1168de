import { useState } from 'react';
import { answer, ApiError, client } from '../api/client';
import type { DetailsConfirmed, DirectoryMember } from '../api/openapi.generated';
import { ContactLinks } from '../components/contacts';
import { Alert, ErrorMessage, Loading, Page } from '../components/ui';
import { useResource } from '../hooks';
import { Link, useLocation } from '../router';
import { formatMonth } from '../time';

/**
 * The "still right" link of the confirm-details email. Opening it only shows the details (mail
 * scanners open links); the button confirms. No sign-in: the link is the member's key.
 */
export function ConfirmDetailsPage() {
  const token = useLocation().query.get('token') ?? '';
  const link = { params: { path: { token } } };
  const view = useResource(() => answer(client.GET('/confirm-details/{token}', link)), [token]);
  const [confirmed, setConfirmed] = useState<DetailsConfirmed | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  if (view.loading && !view.data) return <Loading what="Opening your details" />;
  if (!view.data) {
    const status = view.error instanceof ApiError ? view.error.status : 0;
    return (
      <Page title="Confirm your details">
        {status === 404 || status === 410 ? (
          <Alert title={status === 410 ? 'This link no longer works' : 'This link is not recognised'}>
            <p>
              {status === 410
                ? 'The membership it was sent for has ended.'
                : 'Check that you copied the whole address from the email.'}
            </p>
          </Alert>
        ) : (
          <ErrorMessage error={view.error} retry={view.reload} />
        )}
      </Page>
    );
  }

  async function confirm() {
    setBusy(true);
    setError(null);
    try {
      setConfirmed(await answer(client.POST('/confirm-details/{token}', link)));
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  }

  const { name, listed, seenByMembers, detailsConfirmation } = view.data;
  return (
    <Page
      title="Are your details still right?"
      lead={`Dear ${name}, this is what other members see of you in the SEG Network directory.`}
    >
      <div className="narrow">
        {confirmed ? (
          <Alert kind="success" title="Thank you">
            <p>
              Your details are confirmed
              {confirmed.detailsConfirmation.confirmedAt
                ? ` (${formatMonth(confirmed.detailsConfirmation.confirmedAt)})`
                : ''}
              . We will ask again in good time.
            </p>
          </Alert>
        ) : null}
        {error ? <ErrorMessage error={error} /> : null}
        {listed ? null : <p>You are not listed in the directory. If you were, other members would see this:</p>}
        <SeenCard member={seenByMembers} />
        <p className="muted small">
          {detailsConfirmation.confirmedAt
            ? `You last confirmed them in ${formatMonth(detailsConfirmation.confirmedAt)}.`
            : 'You have not confirmed them before.'}{' '}
          The secretariat always sees all your details.
        </p>
        {confirmed ? null : (
          <button type="button" className="button" onClick={confirm} disabled={busy}>
            {busy ? 'Confirming…' : 'My details are still right'}
          </button>
        )}
        <p>
          Something to change? <Link to="/my/details">Sign in and edit your details</Link>.
        </p>
      </div>
    </Page>
  );
}

function SeenCard({ member }: { member: DirectoryMember }) {
  const posts = member.posts ?? [];
  return (
    <article className="card" aria-label="What other members see">
      <p className="card-title">{member.title ? `${member.name}, ${member.title}` : member.name}</p>
      <p className="small">
        {[member.category?.name, member.region?.name].filter(Boolean).join(' · ') || 'No category or region'}
      </p>
      {posts.length ? (
        <p className="role">
          {posts.map((p) => `${p.role} (${p.hub || !p.region ? 'hub' : p.region.name})`).join('; ')}
        </p>
      ) : null}
      {member.establishments?.length ? (
        <p className="small">Works at {member.establishments.map((e) => e.name).join(', ')}</p>
      ) : null}
      <ContactLinks email={member.email} phone={member.phone} />
      {member.availability ? <p className="small">Available: {member.availability}</p> : null}
      {member.bio ? <p className="small">{member.bio}</p> : null}
    </article>
  );
}
