import { answer, client } from '../api/client';
import { EmptyState, ErrorMessage, Loading, Page } from '../components/ui';
import { useResource } from '../hooks';
import { Link } from '../router';
import { formatWhen } from '../time';

/** Messages between members that their recipients reported: who wrote to whom and when; the text was never kept. */
export function MessageReportsPage() {
  const reports = useResource(() => answer(client.GET('/message-reports')), []);
  return (
    <Page title="Reported messages" lead="Messages members sent through SEG Network that their recipients reported.">
      {reports.loading && !reports.data ? <Loading /> : null}
      <ErrorMessage error={reports.error} retry={reports.reload} />
      {reports.data && !reports.data.items.length ? <EmptyState>No message has been reported.</EmptyState> : null}
      {reports.data?.items.length ? (
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
            {reports.data.items.map((r) => (
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
    </Page>
  );
}
