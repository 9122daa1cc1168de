import { FormEvent, useState } from 'react';
import { answer, ApiError, client } from '../api/client';
import { Alert, ErrorMessage, Loading, Page } from '../components/ui';
import { useResource } from '../hooks';
import { navigate } from '../router';

/** Public: anyone shown a certificate of attendance checks its number here, without signing in. */
export function VerifyPage({ number }: { number: string | null }) {
  const [typed, setTyped] = useState(number ?? '');

  function check(e: FormEvent) {
    e.preventDefault();
    const clean = typed.trim();
    if (clean) navigate(`/verify/${encodeURIComponent(clean)}`);
  }

  return (
    <Page
      title="Check a certificate of attendance"
      lead="Type the number printed on a SEG Network certificate to see whether it is genuine."
    >
      <form onSubmit={check} className="search-row" role="search" aria-label="Check a certificate">
        <div className="field">
          <label htmlFor="certificate-number">Certificate number</label>
          <input
            id="certificate-number"
            value={typed}
            onChange={(e) => setTyped(e.target.value)}
            placeholder="SEG-XXXX-XXXX-XXXX"
            autoComplete="off"
          />
        </div>
        <button type="submit" className="button">
          Check
        </button>
      </form>
      {number ? <Verdict key={number} number={number} /> : null}
    </Page>
  );
}

function Verdict({ number }: { number: string }) {
  const result = useResource(
    () => answer(client.GET('/certificates/{number}/verify', { params: { path: { number } } })),
    [number],
  );
  if (result.loading) return <Loading what="Checking the number" />;
  if (result.error instanceof ApiError && result.error.status === 404)
    return (
      <Alert kind="error" title="Not found">
        No SEG Network certificate has the number {number}. Check it was typed as printed.
      </Alert>
    );
  if (result.error) return <ErrorMessage error={result.error} retry={result.reload} />;
  const c = result.data!;
  return (
    <section className="section" aria-labelledby="verdict-heading">
      <h2 id="verdict-heading">
        {c.status === 'valid' ? 'A genuine certificate' : 'Withdrawn: this attendance was corrected'}
      </h2>
      {c.status === 'withdrawn' ? (
        <Alert kind="error">
          The organiser recorded that this person did not attend after all: the certificate does not count.
        </Alert>
      ) : null}
      <dl className="facts">
        <dt>Number</dt>
        <dd>{c.number}</dd>
        <dt>Name</dt>
        <dd>{c.name}</dd>
        <dt>Meeting</dt>
        <dd>{c.meeting}</dd>
        <dt>Date</dt>
        <dd>{c.date}</dd>
      </dl>
    </section>
  );
}
