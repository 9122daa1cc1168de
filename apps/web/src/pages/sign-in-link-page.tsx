import { useState } from 'react';
import { answer, client } from '../api/client';
import { Alert, ErrorMessage, Loading, Page } from '../components/ui';
import { useResource } from '../hooks';
import { Link, navigate, useLocation } from '../router';
import { useSession } from '../session';
import { linkToken, tokenProblem } from './password-fields';

/**
 * The link of a sign-in email. Opening it changes nothing (mail scanners open links, and a
 * scanner would spend it); the button signs in, the same login as with a password.
 */
export function SignInLinkPage() {
  const { query } = useLocation();
  const token = linkToken(query) ?? '';
  const { signInWithLink } = useSession();
  const status = useResource(
    () => answer(client.POST('/auth/link-status', { body: { token, purpose: 'sign-in' } })),
    [token],
  );
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  async function signIn() {
    setBusy(true);
    setError(null);
    try {
      await signInWithLink(token);
      navigate('/', { replace: true });
    } catch (err) {
      setError(err);
      setBusy(false);
    }
  }

  if (status.loading) return <Loading what="Checking your link" />;
  return (
    <Page title="Sign in with your link">
      <div className="narrow">
        {status.data?.usable === false || tokenProblem(error) ? (
          <Alert kind="error" title="This link has expired or was already used">
            <p>
              A sign-in link works once, for 15 minutes, and only until the account&apos;s email, password or status
              changes. <Link to="/sign-in">Ask for a new one</Link> on the sign-in page.
            </p>
          </Alert>
        ) : (
          <>
            <p>This link signs you in to SEG Network once. Nothing happens until you press the button.</p>
            <ErrorMessage error={error ?? status.error} />
            <button type="button" className="button" onClick={signIn} disabled={busy}>
              {busy ? 'Signing in…' : 'Sign me in'}
            </button>
          </>
        )}
      </div>
    </Page>
  );
}
