import { useState } from 'react';
import { answer, client } from '../api/client';
import type * as Api from '../api/openapi.generated';
import { EmptyState, ErrorMessage, Loading, Page } from '../components/ui';
import { useResource } from '../hooks';
import { Link } from '../router';
import { formatWhen } from '../time';

/** Messages between members that their recipients reported: who wrote to whom and when; the text was never kept. */
export function MessageReportsPage() {
  const [more, setMore] = useState<Api.MessageReport[]>([]);
  const [cursor, setCursor] = useState<string | null>(null);
  const reports = useResource(async () => {
    const page = await answer(client.GET('/message-reports', { params: { query: { limit: 50 } } }));
    setMore([]);
    setCursor(page.nextCursor);
    return page;
  }, []);

  async function loadMore() {
    if (!cursor) return;
    const page = await answer(client.GET('/message-reports', { params: { query: { limit: 50, cursor } } }));
    setMore((m) => [...m, ...page.items]);
    setCursor(page.nextCursor);
  }

  const shown = [...(reports.data?.items ?? []), ...more];
  return (
    <Page title="Reported messages" lead="Messages members sent through SEG Network that their recipients reported.">
      {reports.loading && !reports.data ? <Loading /> : null}
      <ErrorMessage error={reports.error} retry={reports.reload} />
      {reports.data && !shown.length ? <EmptyState>No message has been reported.</EmptyState> : null}
      {shown.length ? (
        <table>
          <thead>
            <tr>
              <th scope="col">Reported</th>
              <th scope="col">From</th>
              <th scope="col">To</th>
              <th scope="col">Sent</th>
              <th scope="col">Their note</th>
            </tr>
          </thead>
          <tbody>
            {shown.map((r) => (
              <tr key={r.messageId}>
                <td>{formatWhen(r.reportedAt, null)}</td>
                <td>
                  <Link to={`/secretariat/members/${r.sender.id}`}>{r.sender.name}</Link>
                </td>
                <td>
                  <Link to={`/secretariat/members/${r.recipient.id}`}>{r.recipient.name}</Link>
                </td>
                <td>{formatWhen(r.sentAt, null)}</td>
                <td>{r.note ?? '—'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
      {cursor ? (
        <button type="button" className="button secondary" onClick={loadMore}>
          Show older reports
        </button>
      ) : null}
    </Page>
  );
}
