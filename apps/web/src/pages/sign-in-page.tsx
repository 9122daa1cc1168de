import { FormEvent, useEffect, useState } from 'react';
import { Alert, ErrorSummary, Field, fieldErrors, Page } from '../components/ui';
import { ApiError } from '../api/client';
import { Link, navigate, useLocation } from '../router';
import { useSession } from '../session';
import { offersSignInLink, SignInLinkRequest } from './sign-in-link-request';

/** Only a path inside the app may be a `next` target, never another site. */
export function safeNext(next: string | null): string {
  return next && next.startsWith('/') && !next.startsWith('//') ? next : '/';
}

function missingFields(email: string, password: string): { field: string; message: string }[] {
  return [
    !email.trim() && { field: 'email', message: 'Enter your work email' },
    !password && { field: 'password', message: 'Enter your password' },
  ].filter(Boolean) as { field: string; message: string }[];
}

export function SignInPage() {
  const { signIn, user } = useSession();
  const { query } = useLocation();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  const next = safeNext(query.get('next'));
  useEffect(() => {
    if (user) navigate(next, { replace: true });
  }, [user, next]);

  const [paused, setPaused] = useState(false);
  const emailMissing = () =>
    setError(new ApiError(400, 'Check what you entered', [{ field: 'email', message: 'Enter your work email' }]));

  async function submit(e: FormEvent) {
    e.preventDefault();
    const missing = missingFields(email, password);
    if (missing.length) {
      setError(new ApiError(400, 'Check what you entered', missing));
      return;
    }
    setBusy(true);
    setError(null);
    setPaused(false);
    try {
      await signIn(email.trim(), password);
    } catch (err) {
      // A stranger's guesses can pause password sign-in; the owner is then offered a sign-in link.
      if (offersSignInLink(err)) setPaused(true);
      else
        setError(
          err instanceof ApiError && err.status === 401
            ? new ApiError(401, 'The email or password is not right. Check them, or reset your password.')
            : err,
        );
      setBusy(false);
    }
  }

  const errors = fieldErrors(error);
  return (
    <Page title="Sign in" lead="For members of the RCGP Secure Environments Group.">
      <div className="narrow">
        {query.get('expired') ? <Alert kind="info">Your session ended. Sign in again to carry on.</Alert> : null}
        {query.get('done') === 'reset' ? (
          <Alert kind="success">Your password has been changed. Sign in with the new one.</Alert>
        ) : null}
        <ErrorSummary error={error} labels={{ email: 'Email', password: 'Password' }} />
        {paused ? <SignInLinkRequest email={email} paused missingEmail={emailMissing} /> : null}
        <form onSubmit={submit} noValidate>
          <EmailAndPassword
            email={email}
            setEmail={setEmail}
            password={password}
            setPassword={setPassword}
            errors={errors}
          />
          <button type="submit" className="button" disabled={busy}>
            {busy ? 'Signing in…' : 'Sign in'}
          </button>
        </form>
        {paused ? null : <SignInLinkRequest email={email} paused={false} missingEmail={emailMissing} />}
        <p>
          <Link to="/reset-password">Forgotten your password?</Link>
        </p>
        <p className="muted">New member? Use the link in your invitation email to set your password.</p>
      </div>
    </Page>
  );
}

function EmailAndPassword({
  email,
  setEmail,
  password,
  setPassword,
  errors,
}: {
  email: string;
  setEmail: (email: string) => void;
  password: string;
  setPassword: (password: string) => void;
  errors: Record<string, string>;
}) {
  return (
    <>
      <Field name="email" label="Work email" error={errors.email}>
        {(p) => (
          <input {...p} type="email" autoComplete="username" value={email} onChange={(e) => setEmail(e.target.value)} />
        )}
      </Field>
      <Field name="password" label="Password" error={errors.password}>
        {(p) => (
          <input
            {...p}
            type="password"
            autoComplete="current-password"
            value={password}
            onChange={(e) => setPassword(e.target.value)}
          />
        )}
      </Field>
    </>
  );
}
