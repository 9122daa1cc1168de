import { FormEvent, useState } from 'react';
import { api } from '../api/client';
import type { ImportResult } from '../api/openapi.generated';
import { Alert, ErrorSummary, Page } from '../components/ui';
import { Link } from '../router';

const EXAMPLE =
  'email,name,title,category,region,phone,establishments\nann.lee@example.nhs.uk,Ann Lee,Dr,Prison GP,London,020 7946 0000,HMP Brixton';

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

/**
 * A CSV of members in. The file is checked first (a dry run: nothing saved), the officer sees what
 * would happen to each row and how many activation emails would go out, and only then saves.
 */
export function ImportPage() {
  const [text, setText] = useState('');
  const [fileName, setFileName] = useState('');
  // The chosen file goes as its own bytes: the API reads its encoding (a Latin-1 file is refused
  // with a message saying how to save it), where the browser's reading would garble it silently.
  const [file, setFile] = useState<File | null>(null);
  const [result, setResult] = useState<ImportResult | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  function changeText(next: string, from: File | null = null) {
    setText(next);
    setFile(from);
    setResult(null);
  }

  async function send(dryRun: boolean) {
    setBusy(true);
    setError(null);
    try {
      setResult(
        await api.postText<ImportResult>(`/members/import${dryRun ? '?dryRun=true' : ''}`, 'text/csv', file ?? text),
      );
    } catch (err) {
      setError(err);
      setResult(null);
    } finally {
      setBusy(false);
    }
  }

  function check(e: FormEvent) {
    e.preventDefault();
    void send(true);
  }

  const toSave = result ? result.created + result.updated : 0;
  return (
    <Page
      title="Import members"
      lead="Creates new members and updates existing ones, matched by email. The file is checked before anything is saved."
    >
      <p>
        The first line names the columns: <code>email, name, title, category, region, phone, establishments</code>. Give
        the category, region and establishments by code or by name (“Prison GP”, “London”, “HMP Brixton”); separate
        several establishments with semicolons.
      </p>
      <details>
        <summary>Example</summary>
        <pre>{EXAMPLE}</pre>
      </details>
      <ErrorSummary error={error} />
      <form onSubmit={check}>
        <div className="field">
          <label htmlFor="csv-file">CSV file</label>
          <input
            id="csv-file"
            type="file"
            accept=".csv,text/csv"
            onChange={async (e) => {
              const file = e.target.files?.[0];
              if (!file) return;
              setFileName(file.name);
              changeText(await file.text(), file);
            }}
          />
        </div>
        <div className="field">
          <label htmlFor="csv-text">Or paste the CSV</label>
          <textarea
            id="csv-text"
            rows={8}
            value={text}
            onChange={(e) => changeText(e.target.value)}
            spellCheck={false}
          />
        </div>
        <div className="button-row">
          <button type="submit" className="button" disabled={busy || !text.trim()}>
            {busy && !result ? 'Checking…' : `Check${fileName ? ` ${fileName}` : ' the file'}`}
          </button>
          <Link to="/secretariat/members" className="button secondary">
            Back to members
          </Link>
        </div>
      </form>
      {result ? (
        <section className="section" aria-labelledby="result-heading">
          <h2 id="result-heading" tabIndex={-1}>
            {result.dryRun ? 'What importing would do' : 'Result'}
          </h2>
          {result.dryRun ? (
            <Alert kind={result.failed ? 'error' : 'info'}>
              <p>
                Nothing is saved yet. {plural(result.created, 'member')} would be created and {result.updated} updated
                {result.failed
                  ? `; ${plural(result.failed, 'row')} with errors would be left out (fix them and check the file again)`
                  : ''}
                .
              </p>
            </Alert>
          ) : (
            <Alert kind={result.failed ? 'error' : 'success'}>
              <p>
                {result.created} created, {result.updated} updated, {result.failed} with errors
                {result.failed ? ': fix those rows and import them again.' : '.'}{' '}
                {result.activationEmails ? `${plural(result.activationEmails, 'activation email')} on the way.` : ''}
              </p>
            </Alert>
          )}
          {result.dryRun && toSave ? (
            <div className="card" role="group" aria-labelledby="save-question">
              <p id="save-question">
                Save {plural(toSave, 'member')} and send {plural(result.activationEmails, 'activation email')}?
              </p>
              <button type="button" className="button" disabled={busy} onClick={() => void send(false)}>
                {busy ? 'Saving…' : `Save and send ${plural(result.activationEmails, 'activation email')}`}
              </button>
            </div>
          ) : null}
          <div className="table-wrap">
            <table>
              <caption>Each row of the file</caption>
              <thead>
                <tr>
                  <th scope="col">Line</th>
                  <th scope="col">Email</th>
                  <th scope="col">{result.dryRun ? 'Would be' : 'Result'}</th>
                  <th scope="col">Problems</th>
                </tr>
              </thead>
              <tbody>
                {result.rows.map((r) => (
                  <tr key={r.row}>
                    <td>{r.row}</td>
                    <td>
                      {r.id && !result.dryRun ? <Link to={`/secretariat/members/${r.id}`}>{r.email}</Link> : r.email}
                    </td>
                    <td>
                      <span className={`tag ${r.status === 'error' ? 'tag-failed' : 'tag-sent'}`}>{r.status}</span>
                    </td>
                    <td>{r.errors?.length ? r.errors.map((x) => `${x.field}: ${x.message}`).join('; ') : ''}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </section>
      ) : null}
    </Page>
  );
}
