import { FormEvent, useState } from 'react';
import { answer, client } from '../api/client';
import type { AuditEntry } from '../api/openapi.generated';
import { ErrorMessage, Loading, Page } from '../components/ui';
import { useResource } from '../hooks';
import { navigate } from '../router';
import { formatMoment } from '../time';
import { MemberPicker } from './member-picker';

const KINDS: [string, string][] = [
  ['member', 'Members'],
  ['post', 'Posts'],
  ['meeting', 'Meetings'],
  ['invitation', 'Replies to meetings'],
  ['region', 'Regions'],
  ['category', 'Categories'],
  ['establishment', 'Establishments'],
];

interface AuditFilter {
  entity: string;
  id: string;
  member: string;
}

function auditPath(filter: AuditFilter): string {
  const q = new URLSearchParams(Object.entries(filter).filter(([, v]) => v));
  return `/secretariat/audit${q.toString() ? `?${q}` : ''}`;
}

export function AuditPage({ entity, id, member }: AuditFilter) {
  const [kind, setKind] = useState(entity);
  const [more, setMore] = useState<AuditEntry[]>([]);
  const [cursor, setCursor] = useState<string | null>(null);
  const query = { entity, id, member, limit: 50 };
  const log = useResource(async () => {
    const page = await answer(client.GET('/audit', { params: { query } }));
    setMore([]);
    setCursor(page.nextCursor);
    return page;
  }, [entity, id, member]);
  const person = useResource(
    async () =>
      member ? (await answer(client.GET('/members/{id}', { params: { path: { id: member } } }))).name : null,
    [member],
  );

  function submit(e: FormEvent) {
    e.preventDefault();
    navigate(auditPath({ entity: kind, id, member }));
  }

  async function loadMore() {
    if (!cursor) return;
    const page = await answer(client.GET('/audit', { params: { query: { ...query, cursor } } }));
    setMore((m) => [...m, ...page.items]);
    setCursor(page.nextCursor);
  }

  const entries = [...(log.data?.items ?? []), ...more];
  return (
    <Page title="Audit trail" lead="Every change by anyone: who, when, and what it was before and after.">
      <form className="filters" onSubmit={submit}>
        <div className="field">
          <label htmlFor="a-kind">Kind of record</label>
          <select id="a-kind" value={kind} onChange={(e) => setKind(e.target.value)}>
            <option value="">Any</option>
            {KINDS.map(([value, label]) => (
              <option key={value} value={value}>
                {label}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <button type="submit" className="button">
            Show
          </button>
        </div>
      </form>
      <AuditScope entity={entity} id={id} member={member} personName={person.data} />
      <ErrorMessage error={log.error} retry={log.reload} />
      {log.loading ? <Loading /> : null}
      {log.data && !log.loading ? (
        entries.length ? (
          <AuditTable entries={entries} />
        ) : (
          <p className="empty">Nothing recorded{entity || id || member ? ' for this choice' : ''}.</p>
        )
      ) : null}
      {cursor ? (
        <button type="button" className="button secondary" onClick={loadMore}>
          Show older changes
        </button>
      ) : null}
    </Page>
  );
}

/** Whose changes and which record are shown, with the way back to everyone's and every record's. */
function AuditScope({ entity, id, member, personName }: AuditFilter & { personName: string | null | undefined }) {
  return (
    <>
      {member ? (
        <p>
          Everything involving <strong>{personName ?? 'this person'}</strong>.{' '}
          <button
            type="button"
            className="button secondary small"
            onClick={() => navigate(auditPath({ entity, id: '', member: '' }))}
          >
            Show everyone
          </button>
        </p>
      ) : (
        <MemberPicker
          id="a-person"
          label="Involving a person"
          onPick={(m) => navigate(auditPath({ entity, id: '', member: m.id }))}
        />
      )}
      {id ? (
        <p>
          One record only.{' '}
          <button
            type="button"
            className="button secondary small"
            onClick={() => navigate(auditPath({ entity, id: '', member }))}
          >
            Show all records
          </button>
        </p>
      ) : null}
    </>
  );
}

/** Each change: when, who (and in which post), and what it was before and after. */
function AuditTable({ entries }: { entries: AuditEntry[] }) {
  return (
    // Focusable so the table scrolls by keyboard on a phone.
    <div className="table-wrap" tabIndex={0} role="region" aria-label="Changes">
      <table className="stacked">
        <thead>
          <tr>
            <th scope="col">When</th>
            <th scope="col">Who</th>
            <th scope="col">What happened</th>
          </tr>
        </thead>
        <tbody>
          {entries.map((e) => (
            <tr key={e.id}>
              <td data-label="When" className="stack-later">
                {formatMoment(e.at)}
              </td>
              <td className="stack-title">
                {e.actor?.name ?? 'The system or an emailed link'}
                {e.actorPost ? (
                  <span className="muted small">
                    {' '}
                    as {e.actorPost.role}
                    {e.actorPost.regionName ? `, ${e.actorPost.regionName}` : ''}
                  </span>
                ) : null}
              </td>
              <td data-label="What happened">
                {e.summary}
                {e.changes.length ? (
                  <ul className="plain small">
                    {e.changes.slice(0, 12).map((c) => (
                      <li key={c.field}>
                        <strong>{c.label}</strong>: {c.before ?? '(none)'} → {c.after ?? '(none)'}
                      </li>
                    ))}
                  </ul>
                ) : null}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
