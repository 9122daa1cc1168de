import { FormEvent, useState } from 'react';
import { Alert, ErrorSummary, fieldErrors, Page } from '../components/ui';
import { Link, navigate, useLocation } from '../router';
import { useSession } from '../session';
import { linkToken, PasswordFields, tokenProblem, usePasswordPair } from './password-fields';

/** From the activation email: the member sets their first password. */
export function ActivatePage() {
  const { query } = useLocation();
  const token = linkToken(query);
  const pair = usePasswordPair();
  const { activate } = useSession();
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  async function submit(e: FormEvent) {
    e.preventDefault();
    const problem = pair.check();
    if (problem) return setError(problem);
    setBusy(true);
    setError(null);
    try {
      await activate(token!, pair.password);
      navigate('/?welcome=1', { replace: true });
    } catch (err) {
      setError(err);
      setBusy(false);
    }
  }

  if (!token) {
    return (
      <Page title="Activate your account">
        <Alert kind="error" title="This link is not complete">
          <p>Open the link in your invitation email again, or ask the secretariat to send a new one.</p>
        </Alert>
      </Page>
    );
  }
  return (
    <Page title="Activate your account" lead="Choose the password you will use to sign in.">
      <div className="narrow">
        {tokenProblem(error) ? (
          <Alert kind="error" title="This link has expired or was already used">
            <p>
              Ask the secretariat to send a new invitation, or <Link to="/reset-password">reset your password</Link> if you have already activated your account.
            </p>
          </Alert>
        ) : (
          <ErrorSummary error={error} labels={{ password: 'New password', confirm: 'New password again' }} />
        )}
        <form onSubmit={submit} noValidate>
          <PasswordFields pair={pair} errors={fieldErrors(error)} />
          <button type="submit" className="button" disabled={busy}>
            {busy ? 'Saving…' : 'Activate my account'}
          </button>
        </form>
      </div>
    </Page>
  );
}
