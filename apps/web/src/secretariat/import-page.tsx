import { useState } from 'react';
import { answer, asCsv, client } from '../api/client';
import type { ImportResult } from '../api/openapi.generated';
import { Alert, ErrorSummary, Page } from '../components/ui';
import { Link } from '../router';
import { CsvExample, rowProblems, useCsvImport } from './csv-import';

const EXAMPLE =
  'email,name,title,category,region,phone,establishments\nann.lee@example.nhs.uk,Ann Lee,Dr,Prison GP,London,020 7946 0000,HMP Brixton';

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

/**
 * A CSV of members in. The file is checked first (a dry run: nothing saved), the officer sees what
 * would happen to each row and how many activation emails would go out, and only then saves.
 */
export function ImportPage() {
  const csv = useCsvImport((body, dryRun) =>
    answer(client.POST('/members/import', { params: { query: { dryRun } }, ...asCsv(body) })),
  );
  const [fileName, setFileName] = useState('');
  const { result, busy } = csv;
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
      <CsvExample csv={EXAMPLE} />
      <ErrorSummary error={csv.error} />
      <form onSubmit={csv.check}>
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
              csv.changeText(await file.text(), file);
            }}
          />
        </div>
        <div className="field">
          <label htmlFor="csv-text">Or paste the CSV</label>
          <textarea
            id="csv-text"
            rows={8}
            value={csv.text}
            onChange={(e) => csv.changeText(e.target.value)}
            spellCheck={false}
          />
        </div>
        <div className="button-row">
          <button type="submit" className="button" disabled={busy || !csv.text.trim()}>
            {busy && !result ? 'Checking…' : `Check${fileName ? ` ${fileName}` : ' the file'}`}
          </button>
          <Link to="/secretariat/members" className="button secondary">
            Back to members
          </Link>
        </div>
      </form>
      {result ? <MemberImportReport result={result} busy={busy} onSave={csv.save} /> : null}
    </Page>
  );
}

/** What the import would do or did: the totals, the question before saving, and each row. */
function MemberImportReport({ result, busy, onSave }: { result: ImportResult; busy: boolean; onSave: () => void }) {
  const toSave = result.created + result.updated;
  return (
    <section className="section" aria-labelledby="result-heading">
      <h2 id="result-heading" tabIndex={-1}>
        {result.dryRun ? 'What importing would do' : 'Result'}
      </h2>
      <MemberImportTotals result={result} />
      {result.dryRun && toSave ? (
        <div className="card" role="group" aria-labelledby="save-question">
          <p id="save-question">
            Save {plural(toSave, 'member')} and send {plural(result.activationEmails, 'activation email')}?
          </p>
          <button type="button" className="button" disabled={busy} onClick={onSave}>
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
                <td>{r.id && !result.dryRun ? <Link to={`/secretariat/members/${r.id}`}>{r.email}</Link> : r.email}</td>
                <td>
                  <span className={`tag ${r.status === 'error' ? 'tag-failed' : 'tag-sent'}`}>{r.status}</span>
                </td>
                <td>{rowProblems(r.errors)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}

/** How many members would be or were created, updated and left out. */
function MemberImportTotals({ result }: { result: ImportResult }) {
  if (result.dryRun)
    return (
      <Alert kind={result.failed ? 'error' : 'info'}>
        <p>
          Nothing is saved yet. {plural(result.created, 'member')} would be created and {result.updated} updated
          {result.failed
            ? `; ${plural(result.failed, 'row')} with errors would be left out (fix them and check the file again)`
            : ''}
          .
        </p>
      </Alert>
    );
  return (
    <Alert kind={result.failed ? 'error' : 'success'}>
      <p>
        {result.created} created, {result.updated} updated, {result.failed} with errors
        {result.failed ? ': fix those rows and import them again.' : '.'}{' '}
        {result.activationEmails ? `${plural(result.activationEmails, 'activation email')} on the way.` : ''}
      </p>
    </Alert>
  );
}
