import { FormEvent, useState } from 'react';
import { api, FieldError } from '../api/client';
import { Alert, ErrorSummary, Page } from '../components/ui';
import { Link } from '../router';

interface ImportRow {
  row: number;
  email: string | null;
  status: 'created' | 'updated' | 'error';
  id?: string;
  errors?: FieldError[];
}

interface ImportResult {
  created: number;
  updated: number;
  failed: number;
  rows: ImportRow[];
}

const EXAMPLE = 'email,name,title,category,region,phone,establishments\nann.lee@example.nhs.uk,Ann Lee,Dr,prison-gp,london,020 7946 0000,HMP Brixton';

/** A CSV of members in; a table of what happened to each row out. A bad row saves nothing. */
export function ImportPage() {
  const [text, setText] = useState('');
  const [fileName, setFileName] = useState('');
  const [result, setResult] = useState<ImportResult | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  async function submit(e: FormEvent) {
    e.preventDefault();
    setBusy(true);
    setError(null);
    setResult(null);
    try {
      setResult(await api.postText<ImportResult>('/members/import', 'text/csv', text));
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  }

  return (
    <Page title="Import members" lead="Creates new members and updates existing ones, matched by email.">
      <p>
        The first line names the columns: <code>email, name, title, category, region, phone, establishments</code>. Category and region are codes; separate several establishments with
        semicolons.
      </p>
      <details>
        <summary>Example</summary>
        <pre>{EXAMPLE}</pre>
      </details>
      <ErrorSummary error={error} />
      <form onSubmit={submit}>
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
              setText(await file.text());
            }}
          />
        </div>
        <div className="field">
          <label htmlFor="csv-text">Or paste the CSV</label>
          <textarea id="csv-text" rows={8} value={text} onChange={(e) => setText(e.target.value)} spellCheck={false} />
        </div>
        <div className="button-row">
          <button type="submit" className="button" disabled={busy || !text.trim()}>
            {busy ? 'Importing…' : `Import${fileName ? ` ${fileName}` : ''}`}
          </button>
          <Link to="/secretariat/members" className="button secondary">
            Back to members
          </Link>
        </div>
      </form>
      {result ? (
        <section className="section" aria-labelledby="result-heading">
          <h2 id="result-heading">Result</h2>
          <Alert kind={result.failed ? 'error' : 'success'}>
            <p>
              {result.created} created, {result.updated} updated, {result.failed} with errors{result.failed ? ': fix those rows and import them again.' : '.'}
            </p>
          </Alert>
          <div className="table-wrap">
            <table>
              <caption>Each row of the file</caption>
              <thead>
                <tr>
                  <th scope="col">Line</th>
                  <th scope="col">Email</th>
                  <th scope="col">Result</th>
                  <th scope="col">Problems</th>
                </tr>
              </thead>
              <tbody>
                {result.rows.map((r) => (
                  <tr key={r.row}>
                    <td>{r.row}</td>
                    <td>{r.id ? <Link to={`/secretariat/members/${r.id}`}>{r.email}</Link> : r.email}</td>
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
