import { useState } from 'react';
import { answer, asFile, client, download } from '../api/client';
import { EmptyState, ErrorMessage, Loading, Page } from '../components/ui';
import { useResource } from '../hooks';
import { AppraisalMonth } from './appraisal-month';
import { LearningEntryForm } from './learning-entry-form';
import { hoursText, LearningLine } from './learning-line';

/** My learning: an appraisal year's meetings and own entries, with notes, the total and the downloads. */
/** The appraisal year's learning as a CSV, or its statement as a PDF. */
function saveYear(kind: 'csv' | 'pdf', y: number): Promise<void> {
  const year = { params: { query: { year: y } } };
  return kind === 'csv'
    ? download(client.GET('/me/learning.csv', { ...year, ...asFile('text/csv') }), `learning-${y}.csv`)
    : download(
        client.GET('/me/learning/statement.pdf', { ...year, ...asFile('application/pdf') }),
        `learning-statement-${y}.pdf`,
      );
}

export function MyLearningPage() {
  const [year, setYear] = useState<number | null>(null);
  const [tick, setTick] = useState(0);
  const learning = useResource(
    () => answer(client.GET('/me/learning', { params: { query: year === null ? {} : { year } } })),
    [year, tick],
  );
  const [error, setError] = useState<unknown>(null);
  const reload = () => setTick((t) => t + 1);
  const data = learning.data;
  const shown = data?.appraisalYear.year ?? year;

  async function save(kind: 'csv' | 'pdf') {
    if (!data) return;
    setError(null);
    await saveYear(kind, data.appraisalYear.year).catch(setError);
  }

  return (
    <Page
      title="My learning"
      lead="Your CPD for appraisal: meetings you attended, with their certificates, and learning you add. Your notes are yours alone; the secretariat does not see them."
    >
      {learning.loading && !data ? <Loading what="Loading your learning" /> : null}
      <ErrorMessage error={learning.error ?? error} retry={learning.reload} />
      {data ? (
        <>
          <section className="section" aria-labelledby="year-heading">
            <h2 id="year-heading">Appraisal year {data.appraisalYear.label}</h2>
            <p className="lead">
              <strong>{hoursText(data.totalHours)}</strong> of learning in this year
            </p>
            <div className="button-row">
              <button type="button" className="button secondary" onClick={() => setYear(shown! - 1)}>
                Year before
              </button>
              {shown !== data.currentYear ? (
                <button type="button" className="button secondary" onClick={() => setYear(shown! + 1)}>
                  Year after
                </button>
              ) : null}
              <button type="button" className="button secondary" onClick={() => save('csv')}>
                Download the year (CSV)
              </button>
              <button type="button" className="button" onClick={() => save('pdf')}>
                Download the year’s statement (PDF)
              </button>
            </div>
            <AppraisalMonth
              month={data.appraisalMonth}
              choices={data.appraisalMonthChoices}
              onChanged={() => (setYear(null), reload())}
            />
          </section>
          {data.items.length ? (
            <ul className="meeting-list" aria-label="Learning in this year">
              {data.items.map((item) => (
                <LearningLine key={item.id} item={item} onChanged={reload} />
              ))}
            </ul>
          ) : (
            <EmptyState>Nothing in this year yet. Meetings you attend appear here with their certificates.</EmptyState>
          )}
          <LearningEntryForm onAdded={reload} />
        </>
      ) : null}
    </Page>
  );
}
