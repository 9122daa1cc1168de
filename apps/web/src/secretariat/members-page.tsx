import { useState } from 'react';
import { api, membersText } from '../api/client';
import { reference, useReference } from '../api/reference';
import { ErrorMessage, Loading, Page, CodeOptions } from '../components/ui';
import { useDebounced, useMemberPages } from '../hooks';
import { NOTICE_CHOICES } from '../notice-choices';
import { Link } from '../router';
import { formatMonth } from '../time';

const STATUSES = ['invited', 'active', 'suspended', 'left'];

export function MembersPage() {
  const [q, setQ] = useState('');
  const [status, setStatus] = useState('');
  const [region, setRegion] = useState('');
  const [category, setCategory] = useState('');
  const [stale, setStale] = useState(false);
  const [noticesOff, setNoticesOff] = useState('');
  const filters = useDebounced({ q: q.trim(), status, region, category, stale, noticesOff }, 250);
  const regions = useReference(reference.regions);
  const categories = useReference(reference.categories);
  const { page, error, loading, more, setError } = useMemberPages(filters);
  const [exporting, setExporting] = useState(false);

  async function exportCsv() {
    setExporting(true);
    try {
      await api.download('/members/export', `seg-members-${new Date().toISOString().slice(0, 10)}.csv`, 'text/csv');
    } catch (err) {
      setError(err);
    } finally {
      setExporting(false);
    }
  }

  return (
    <Page
      title="Members"
      actions={
        <div className="button-row">
          <Link to="/secretariat/members/new" className="button">
            Add a member
          </Link>
          <Link to="/secretariat/members/import" className="button secondary">
            Import a CSV
          </Link>
          <button type="button" className="button secondary" onClick={exportCsv} disabled={exporting}>
            {exporting ? 'Preparing…' : 'Export as CSV'}
          </button>
        </div>
      }
    >
      <form className="filters" role="search" onSubmit={(e) => e.preventDefault()}>
        <div className="field">
          <label htmlFor="m-q">Name</label>
          <input id="m-q" type="search" value={q} onChange={(e) => setQ(e.target.value)} />
        </div>
        <div className="field">
          <label htmlFor="m-status">Status</label>
          <select id="m-status" value={status} onChange={(e) => setStatus(e.target.value)}>
            <option value="">Any status</option>
            {STATUSES.map((s) => (
              <option key={s}>{s}</option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="m-region">Region</label>
          <select id="m-region" value={region} onChange={(e) => setRegion(e.target.value)}>
            <option value="">Any region</option>
            <CodeOptions items={regions} />
          </select>
        </div>
        <div className="field">
          <label htmlFor="m-category">Category</label>
          <select id="m-category" value={category} onChange={(e) => setCategory(e.target.value)}>
            <option value="">Any category</option>
            <CodeOptions items={categories} />
          </select>
        </div>
        <div className="field">
          <label htmlFor="m-notices-off">Meeting emails</label>
          <select id="m-notices-off" value={noticesOff} onChange={(e) => setNoticesOff(e.target.value)}>
            <option value="">Any</option>
            {NOTICE_CHOICES.map((c) => (
              <option key={c.code} value={c.code}>
                Turned off: {c.label.toLowerCase()}
              </option>
            ))}
          </select>
        </div>
        <div className="field checkbox">
          <input id="m-stale" type="checkbox" checked={stale} onChange={(e) => setStale(e.target.checked)} />
          <label htmlFor="m-stale">Not confirmed their details (asked 30 days ago or more)</label>
        </div>
      </form>
      <ErrorMessage error={error} />
      <p aria-live="polite" className="result-count">
        {page ? membersText(page.total) : ''}
      </p>
      {loading && !page ? <Loading /> : null}
      {page?.items.length ? (
        <div className="table-wrap">
          <table>
            <caption className="visually-hidden">Members</caption>
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col">Email</th>
                <th scope="col">Category</th>
                <th scope="col">Region</th>
                <th scope="col">Status</th>
                <th scope="col">Role</th>
                <th scope="col">Details confirmed</th>
              </tr>
            </thead>
            <tbody>
              {page.items.map((m) => (
                <tr key={m.id}>
                  <td>
                    <Link to={`/secretariat/members/${m.id}`}>{m.name}</Link>
                    {m.posts?.length ? <span className="muted small"> · rep</span> : null}
                  </td>
                  <td>{m.email}</td>
                  <td>{m.category?.name}</td>
                  <td>{m.region?.name}</td>
                  <td>{m.status}</td>
                  <td>{m.role}</td>
                  <td className={m.detailsConfirmation.overdue ? 'details-overdue' : undefined}>
                    {m.detailsConfirmation.confirmedAt ? formatMonth(m.detailsConfirmation.confirmedAt) : 'Never'}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
      {page?.nextCursor ? (
        <button type="button" className="button secondary" onClick={more}>
          Show more
        </button>
      ) : null}
    </Page>
  );
}
