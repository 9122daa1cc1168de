import { useState } from 'react';
import { answer, client } from '../api/client';
import type { EmailChanged } from '../api/openapi.generated';
import { Alert, ErrorMessage, Loading, Page } from '../components/ui';
import { useResource } from '../hooks';
import { Link, useLocation } from '../router';
import { linkToken } from './password-fields';

/**
 * The link sent to a member's new email address. Opening it changes nothing (mail scanners open
 * links); the button makes the change. No sign-in: the link is the proof of the new address.
 */
export function ConfirmEmailPage() {
  const { query } = useLocation();
  const token = linkToken(query) ?? '';
  const status = useResource(
    () => answer(client.POST('/auth/link-status', { body: { token, purpose: 'email-change' } })),
    [token],
  );
  const [done, setDone] = useState<EmailChanged | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  async function confirm() {
    setBusy(true);
    setError(null);
    try {
      setDone(await answer(client.POST('/auth/email-change', { body: { token } })));
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  }

  if (status.loading) return <Loading what="Checking your link" />;
  return (
    <Page title="Confirm your new email address">
      {done ? (
        <Alert kind="success" title="Your email address is changed">
          <p>
            SEG Network now writes to {done.email}. Use it to sign in from now on. <Link to="/">Go to SEG Network</Link>
          </p>
        </Alert>
      ) : status.data?.usable === false ? (
        <Alert kind="error" title="This link has expired or was already used">
          <p>Ask the secretariat to change your address again, and use the newest email.</p>
        </Alert>
      ) : (
        <>
          <p>
            Your SEG Network account is to use the address this link was sent to. Nothing changes until you press the
            button.
          </p>
          <ErrorMessage error={error ?? status.error} />
          <button type="button" className="button" onClick={confirm} disabled={busy}>
            {busy ? 'Confirming…' : 'Confirm my new address'}
          </button>
        </>
      )}
    </Page>
  );
}
