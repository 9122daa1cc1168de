import { answer, asCsv, client } from '../api/client';
import type { AttendanceImportResult } from '../api/openapi.generated';
import { Alert, ErrorSummary, Page } from '../components/ui';
import { Link } from '../router';
import { CsvExample, rowProblems, useCsvImport } from './csv-import';

const EXAMPLE = 'email,summit,year,hours\nann.lee@example.nhs.uk,9,,6\nbob.day@example.nhs.uk,3,2013,5';

/**
 * The summits' past attendance in, so members can download their certificates: checked first (a
 * dry run), then saved. Imported attendance sends no email.
 */
export function AttendanceImportPage() {
  const csv = useCsvImport((body, dryRun) =>
    answer(client.POST('/attendance/import', { params: { query: { dryRun } }, ...asCsv(body) })),
  );
  const { result } = csv;
  const toSave = result ? result.recorded + result.restored : 0;
  return (
    <Page
      title="Import past attendance"
      lead="Who came to the Health and Justice Summits before SEG Network kept attendance, so members can download their certificates. The file is checked before anything is saved."
    >
      <p>
        The first line names the columns: <code>email, summit</code> (the summit’s number), and for a summit not yet in
        the archive its <code>year</code>. <code>title</code>, <code>venue</code> and <code>hours</code> are optional.
      </p>
      <CsvExample csv={EXAMPLE} />
      <ErrorSummary error={csv.error} />
      <form onSubmit={csv.check}>
        <div className="field">
          <label htmlFor="attendance-csv">Paste the CSV</label>
          <textarea
            id="attendance-csv"
            rows={8}
            value={csv.text}
            onChange={(e) => csv.changeText(e.target.value)}
            spellCheck={false}
          />
        </div>
        <div className="button-row">
          <button type="submit" className="button" disabled={csv.busy || !csv.text.trim()}>
            Check the file
          </button>
          <Link to="/secretariat/meetings" className="button secondary">
            Back to meetings
          </Link>
        </div>
      </form>
      {result ? <ImportReport result={result} busy={csv.busy} toSave={toSave} onSave={csv.save} /> : null}
    </Page>
  );
}

function ImportReport(props: { result: AttendanceImportResult; busy: boolean; toSave: number; onSave: () => void }) {
  const { result } = props;
  return (
    <section className="section" aria-labelledby="result-heading">
      <h2 id="result-heading">{result.dryRun ? 'What importing would do' : 'Result'}</h2>
      <Alert kind={result.failed ? 'error' : result.dryRun ? 'info' : 'success'}>
        <p>
          {result.dryRun ? 'Nothing is saved yet. ' : ''}
          {result.recorded} {result.dryRun ? 'would be recorded' : 'recorded'}, {result.already} already there,{' '}
          {result.failed} with errors; {result.summitsCreated} summits {result.dryRun ? 'would be' : 'were'} added to
          the archive.
        </p>
      </Alert>
      {result.dryRun && props.toSave ? (
        <button type="button" className="button" disabled={props.busy} onClick={props.onSave}>
          Save {props.toSave} attendances
        </button>
      ) : null}
      <div className="table-wrap" tabIndex={0} role="region" aria-label="Each row of the file">
        <table>
          <caption>Each row of the file</caption>
          <thead>
            <tr>
              <th scope="col">Line</th>
              <th scope="col">Email</th>
              <th scope="col">Summit</th>
              <th scope="col">{result.dryRun ? 'Would be' : 'Result'}</th>
              <th scope="col">Problems</th>
            </tr>
          </thead>
          <tbody>
            {result.rows.map((r) => (
              <tr key={r.row}>
                <td>{r.row}</td>
                <td>{r.email}</td>
                <td>{r.summit ?? ''}</td>
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
