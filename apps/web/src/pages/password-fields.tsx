import { FormEvent, ReactNode, useState } from 'react';
import { answer, ApiError, client, FieldError } from '../api/client';
import { reference, useReference } from '../api/reference';
import { Alert, ErrorSummary, Field, fieldErrors, Loading } from '../components/ui';
import { useResource } from '../hooks';

/**
 * New password twice. Only that the two are the same is checked here: the API's policy judges the
 * password and names the rule a refused one breaks. `field` is the API's name for it, so the
 * API's reasons land on that field.
 */
export function usePasswordPair(field = 'password') {
  const [password, setPassword] = useState('');
  const [confirm, setConfirm] = useState('');
  const check = (): ApiError | null => {
    const details: FieldError[] = [];
    if (confirm !== password) details.push({ field: 'confirm', message: 'The two passwords are not the same' });
    return details.length ? new ApiError(400, 'Check what you entered', details) : null;
  };
  return { field, password, setPassword, confirm, setConfirm, check };
}

export function PasswordFields({
  pair,
  errors,
}: {
  pair: ReturnType<typeof usePasswordPair>;
  errors: Record<string, string>;
}) {
  const about = useReference(reference.about);
  return (
    <>
      <Field
        name={pair.field}
        label="New password"
        hint={`${about?.passwordRules ?? ''} A few unrelated words make a strong one.`.trim()}
        error={errors[pair.field]}
      >
        {(p) => (
          <input
            {...p}
            type="password"
            autoComplete="new-password"
            value={pair.password}
            onChange={(e) => pair.setPassword(e.target.value)}
          />
        )}
      </Field>
      <Field name="confirm" label="New password again" error={errors.confirm}>
        {(p) => (
          <input
            {...p}
            type="password"
            autoComplete="new-password"
            value={pair.confirm}
            onChange={(e) => pair.setConfirm(e.target.value)}
          />
        )}
      </Field>
    </>
  );
}

/** The one-time token from an email link: `?token=` or `#token=` (the fragment never reaches a server log). */
export function linkToken(query: URLSearchParams): string | null {
  const fromHash = new URLSearchParams(location.hash.slice(1)).get('token');
  return fromHash ?? query.get('token');
}

export function tokenProblem(error: unknown): boolean {
  return (
    error instanceof ApiError &&
    (error.status === 404 ||
      error.status === 410 ||
      (error.status === 400 && error.details.some((d) => d.field === 'token')))
  );
}

/**
 * The form behind an activation or reset link: the new password twice, then `save`, which
 * calls the API and moves on. A dead link shows `expired` instead of field errors.
 */
export function SetPasswordForm({
  link,
  save,
  submitLabel,
  expired,
}: {
  link: { token: string; purpose: 'activation' | 'password-reset' };
  save: (password: string) => Promise<void>;
  submitLabel: string;
  expired: ReactNode;
}) {
  const pair = usePasswordPair();
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  // Asked when the page opens, so a used link is said before the password is typed twice.
  const status = useResource(
    () => answer(client.POST('/auth/link-status', { body: link })),
    [link.token, link.purpose],
  );

  async function submit(e: FormEvent) {
    e.preventDefault();
    const problem = pair.check();
    if (problem) return setError(problem);
    setBusy(true);
    setError(null);
    try {
      await save(pair.password);
    } catch (err) {
      setError(err);
      setBusy(false);
    }
  }

  if (status.loading) return <Loading what="Checking your link" />;
  if (status.data?.usable === false) {
    return (
      <Alert kind="error" title="This link has expired or was already used">
        <p>{expired}</p>
      </Alert>
    );
  }
  return (
    <>
      {tokenProblem(error) ? (
        <Alert kind="error" title="This link has expired or was already used">
          <p>{expired}</p>
        </Alert>
      ) : (
        <ErrorSummary error={error} labels={{ password: 'New password', confirm: 'New password again' }} />
      )}
      <form onSubmit={submit} noValidate>
        <PasswordFields pair={pair} errors={fieldErrors(error)} />
        <button type="submit" className="button" disabled={busy}>
          {busy ? 'Saving…' : submitLabel}
        </button>
      </form>
    </>
  );
}
