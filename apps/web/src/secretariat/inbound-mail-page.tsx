import { useState } from 'react';
import { answer, client } from '../api/client';
import type * as Api from '../api/openapi.generated';
import { ErrorMessage, Loading, Page } from '../components/ui';
import { useResource } from '../hooks';
import { Link } from '../router';
import { formatMoment } from '../time';

/**
 * What the worker made of the inbound mailbox: by default the messages it set aside in the
 * Unmatched folder, each with why (a reply that proves nothing, a meeting that is over...).
 */
export function InboundMailPage() {
  const [more, setMore] = useState<Api.InboundMessageView[]>([]);
  const [cursor, setCursor] = useState<string | null>(null);
  const list = useResource(async () => {
    const page = await answer(
      client.GET('/inbound-messages', { params: { query: { outcome: 'unmatched', limit: 50 } } }),
    );
    setMore([]);
    setCursor(page.nextCursor);
    return page;
  }, []);

  async function loadMore() {
    if (!cursor) return;
    const unmatched = { outcome: 'unmatched', limit: 50, cursor } as const;
    const page = await answer(client.GET('/inbound-messages', { params: { query: unmatched } }));
    setMore((m) => [...m, ...page.items]);
    setCursor(page.nextCursor);
  }

  const messages = [...(list.data?.items ?? []), ...more];
  return (
    <Page
      title="Unmatched mail"
      lead="Messages to the group's mailbox that changed nothing: each waits in its Unmatched folder, under its Message-ID, for a person to read."
    >
      <ErrorMessage error={list.error} retry={list.reload} />
      {list.loading ? <Loading /> : null}
      {list.data && !list.loading ? (
        messages.length ? (
          <div className="table-wrap" tabIndex={0} role="region" aria-label="Unmatched messages">
            <table>
              <thead>
                <tr>
                  <th scope="col">Received</th>
                  <th scope="col">Why it changed nothing</th>
                  <th scope="col">Meeting</th>
                  <th scope="col">Message-ID</th>
                </tr>
              </thead>
              <tbody>
                {messages.map((m) => (
                  <tr key={m.id}>
                    <td>{formatMoment(m.receivedAt)}</td>
                    <td>{m.reason ?? 'Not recorded'}</td>
                    <td>
                      {m.meeting ? <Link to={`/secretariat/meetings/${m.meeting.id}`}>{m.meeting.title}</Link> : null}
                    </td>
                    <td className="small message-id">{m.messageId}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        ) : (
          <p className="empty">Nothing is waiting in Unmatched.</p>
        )
      ) : null}
      {cursor ? (
        <button type="button" className="button secondary" onClick={loadMore}>
          Show older messages
        </button>
      ) : null}
    </Page>
  );
}
