import { useState } from 'react';
import { answer, ApiError, client } from '../api/client';
import { Alert, ErrorMessage } from '../components/ui';

/** Whether a refused sign-in says the account's owner can be emailed a sign-in link (the API decides). */
export function offersSignInLink(error: unknown): boolean {
  return error instanceof ApiError && error.status === 429 && error.body.signInLinkAvailable === true;
}

/**
 * "Email me a sign-in link", for the email typed in the sign-in form: the owner's way in while
 * password sign-in to their account is paused. The link goes only to the account's own address,
 * and the answer is the same whoever the email belongs to.
 */
export function SignInLinkRequest({
  email,
  paused,
  missingEmail,
}: {
  email: string;
  paused: boolean;
  missingEmail: () => void;
}) {
  const [sentTo, setSentTo] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  async function send() {
    const to = email.trim();
    if (!to) return missingEmail();
    setBusy(true);
    setError(null);
    try {
      await answer(client.POST('/auth/sign-in-link', { body: { email: to } }));
      setSentTo(to);
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  }

  if (sentTo)
    return (
      <Alert kind="success" title="Check your email">
        <p>If {sentTo} belongs to a member, a sign-in link is on its way to it. The link works once, for 15 minutes.</p>
      </Alert>
    );
  const button = (
    <button type="button" className={paused ? 'button' : 'button secondary'} onClick={send} disabled={busy}>
      {busy ? 'Sending…' : 'Email me a sign-in link'}
    </button>
  );
  return (
    <>
      <ErrorMessage error={error} />
      {paused ? (
        <Alert kind="info" title="Signing in with a password is paused for this account">
          <p>
            After too many wrong passwords, signing in with a password waits a while. We can email you a link that signs
            you in now: it goes only to the account&apos;s own address.
          </p>
          {button}
        </Alert>
      ) : (
        <p>No password to hand? {button}</p>
      )}
    </>
  );
}
