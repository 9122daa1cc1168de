import { FormEvent, useState } from 'react';
import { api, Page as ListPage } from '../api/client';
import { AuditEntry } from '../api/types';
import { ErrorMessage, Loading, Page } from '../components/ui';
import { useResource } from '../hooks';
import { navigate } from '../router';
import { formatStamp } from '../time';

const ENTITIES = ['member', 'post', 'region', 'category', 'establishment', 'meeting', 'invitation'];

/** Changed fields only, so a long record does not hide the one value that changed. */
function changes(before: unknown, after: unknown): [string, unknown, unknown][] {
  const b = (before && typeof before === 'object' ? before : {}) as Record<string, unknown>;
  const a = (after && typeof after === 'object' ? after : {}) as Record<string, unknown>;
  const empty = (v: unknown) => v === undefined || v === null;
  const keys = [...new Set([...Object.keys(b), ...Object.keys(a)])].filter(
    (k) => k !== 'updatedAt' && k !== 'createdAt' && !(empty(b[k]) && empty(a[k])) && JSON.stringify(b[k]) !== JSON.stringify(a[k]),
  );
  return keys.map((k) => [k, b[k], a[k]]);
}

const show = (v: unknown) => (v === undefined ? '—' : typeof v === 'string' ? v : JSON.stringify(v));

export function AuditPage({ entity, id }: { entity: string; id: string }) {
  const [formEntity, setFormEntity] = useState(entity);
  const [formId, setFormId] = useState(id);
  const [more, setMore] = useState<AuditEntry[]>([]);
  const [cursor, setCursor] = useState<string | null>(null);
  const log = useResource(async () => {
    const page = await api.get<ListPage<AuditEntry>>('/audit', { entity, id, limit: 50 });
    setMore([]);
    setCursor(page.nextCursor);
    return page;
  }, [entity, id]);

  function submit(e: FormEvent) {
    e.preventDefault();
    const q = new URLSearchParams();
    if (formEntity) q.set('entity', formEntity);
    if (formId.trim()) q.set('id', formId.trim());
    navigate(`/secretariat/audit${q.toString() ? `?${q}` : ''}`);
  }

  async function loadMore() {
    if (!cursor) return;
    const page = await api.get<ListPage<AuditEntry>>('/audit', { entity, id, limit: 50, cursor });
    setMore((m) => [...m, ...page.items]);
    setCursor(page.nextCursor);
  }

  const entries = [...(log.data?.items ?? []), ...more];
  return (
    <Page title="Audit trail" lead="Every change by anyone: who, when, before and after.">
      <form className="filters" onSubmit={submit}>
        <div className="field">
          <label htmlFor="a-entity">Record type</label>
          <select id="a-entity" value={formEntity} onChange={(e) => setFormEntity(e.target.value)}>
            <option value="">Any</option>
            {ENTITIES.map((x) => (
              <option key={x}>{x}</option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="a-id">Record id</label>
          <input id="a-id" value={formId} onChange={(e) => setFormId(e.target.value)} />
        </div>
        <div className="field">
          <button type="submit" className="button">
            Show
          </button>
        </div>
      </form>
      <ErrorMessage error={log.error} retry={log.reload} />
      {log.loading ? <Loading /> : null}
      {log.data && !log.loading ? (
        entries.length ? (
          <div className="table-wrap">
            <table>
              <thead>
                <tr>
                  <th scope="col">When</th>
                  <th scope="col">Who</th>
                  <th scope="col">What</th>
                  <th scope="col">Changes</th>
                </tr>
              </thead>
              <tbody>
                {entries.map((e) => (
                  <tr key={e.id}>
                    <td>{formatStamp(e.at)}</td>
                    <td>{e.actor?.name ?? 'The system'}</td>
                    <td>
                      {e.action} {e.entity}
                      <br />
                      <span className="muted small">{e.entityId}</span>
                    </td>
                    <td>
                      <ul className="plain small">
                        {changes(e.before, e.after)
                          .slice(0, 12)
                          .map(([k, b, a]) => (
                            <li key={k}>
                              <strong>{k}</strong>: {show(b)} → {show(a)}
                            </li>
                          ))}
                      </ul>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        ) : (
          <p className="empty">Nothing recorded{entity || id ? ' for this record' : ''}.</p>
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
