import { FormEvent, useState } from 'react';
import { answer, ApiError, client } from '../api/client';
import { Alert, ErrorSummary, Field, fieldErrors, Page } from '../components/ui';
import { Link, navigate, useLocation } from '../router';
import { linkToken, SetPasswordForm } from './password-fields';

/** Without a token: ask for the email. With the token from the email: choose a new password. */
export function ResetPasswordPage() {
  const { query } = useLocation();
  const token = linkToken(query);
  return token ? <ChooseNewPassword token={token} /> : <AskForLink />;
}

function AskForLink() {
  const [email, setEmail] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [sent, setSent] = useState(false);
  const [busy, setBusy] = useState(false);

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (!email.trim())
      return setError(
        new ApiError(400, 'Check what you entered', [{ field: 'email', message: 'Enter your work email' }]),
      );
    setBusy(true);
    setError(null);
    try {
      await answer(client.POST('/auth/password-reset', { body: { email: email.trim() } }));
      setSent(true);
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  }

  return (
    <Page title="Reset your password">
      <div className="narrow">
        {sent ? (
          <Alert kind="success" title="Check your email">
            <p>
              If {email} belongs to a member, a link to choose a new password is on its way. It works once and expires
              soon.
            </p>
          </Alert>
        ) : (
          <>
            <ErrorSummary error={error} labels={{ email: 'Work email' }} />
            <form onSubmit={submit} noValidate>
              <Field
                name="email"
                label="Work email"
                hint="We will email you a link to choose a new password."
                error={fieldErrors(error).email}
              >
                {(p) => (
                  <input
                    {...p}
                    type="email"
                    autoComplete="username"
                    value={email}
                    onChange={(e) => setEmail(e.target.value)}
                  />
                )}
              </Field>
              <button type="submit" className="button" disabled={busy}>
                Send the link
              </button>
            </form>
          </>
        )}
        <p>
          <Link to="/sign-in">Back to sign in</Link>
        </p>
      </div>
    </Page>
  );
}

function ChooseNewPassword({ token }: { token: string }) {
  return (
    <Page title="Choose a new password" lead="You will be signed out everywhere else.">
      <div className="narrow">
        <SetPasswordForm
          link={{ token, purpose: 'password-reset' }}
          save={async (password) => {
            await answer(client.POST('/auth/password-reset/confirm', { body: { token, password } }));
            navigate('/sign-in?done=reset', { replace: true });
          }}
          submitLabel="Save my new password"
          expired={<Link to="/reset-password">Ask for a new link</Link>}
        />
      </div>
    </Page>
  );
}
