import { useState } from 'react';
import { asFile, client, download, membersText } from '../api/client';
import { reference, useReference } from '../api/reference';
import type { DirectoryMember } from '../api/openapi.generated';
import { ErrorMessage, Loading, Page, CodeOptions } from '../components/ui';
import { DirectoryFilters, useDebounced, useMemberPages } from '../hooks';
import { NOTICE_CHOICES } from '../notice-choices';
import { Link, navigate, useLocation } from '../router';
import { formatMonth } from '../time';

const STATUSES: NonNullable<DirectoryFilters['status']>[] = ['invited', 'active', 'suspended', 'left'];
const EMAIL_STATUSES: [NonNullable<DirectoryFilters['emailStatus']>, string][] = [
  ['ok', 'Delivered'],
  ['bouncing', 'Bouncing'],
];

interface Filters {
  q: string;
  status: NonNullable<DirectoryFilters['status']>;
  emailStatus: NonNullable<DirectoryFilters['emailStatus']>;
  region: string;
  category: string;
  stale: boolean;
  noticesOff: NonNullable<DirectoryFilters['noticesOff']>;
}

function filtersOf(query: URLSearchParams): Filters {
  return {
    q: query.get('q') ?? '',
    status: (query.get('status') ?? '') as Filters['status'],
    emailStatus: (query.get('emailStatus') ?? '') as Filters['emailStatus'],
    region: query.get('region') ?? '',
    category: query.get('category') ?? '',
    stale: query.get('stale') === 'true',
    noticesOff: (query.get('noticesOff') ?? '') as Filters['noticesOff'],
  };
}

/** The address carries every filter, so a list can be bookmarked, shared and reloaded as it was. */
function addressOf(filters: Filters): string {
  const q = new URLSearchParams(
    Object.entries(filters)
      .filter(([, v]) => v)
      .map(([k, v]) => [k, String(v)]),
  );
  return `/secretariat/members${q.toString() ? `?${q}` : ''}`;
}

export function MembersPage() {
  const { query } = useLocation();
  const [form, setForm] = useState<Filters>(() => filtersOf(query));
  const set = (patch: Partial<Filters>) => {
    const next = { ...form, ...patch };
    setForm(next);
    navigate(addressOf(next), { replace: true });
  };
  const { q, status, emailStatus, region, category, stale, noticesOff } = form;
  const filters = useDebounced({ q: q.trim(), status, emailStatus, region, category, stale, noticesOff }, 250);
  const { page, error, loading, more, setError } = useMemberPages(filters);
  const [exporting, setExporting] = useState(false);

  async function exportCsv() {
    setExporting(true);
    try {
      const file = `seg-members-${new Date().toISOString().slice(0, 10)}.csv`;
      await download(client.GET('/members/export', asFile('text/csv')), file);
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
      <MemberFilters form={form} set={set} />
      <ErrorMessage error={error} />
      <p aria-live="polite" className="result-count">
        {page ? membersText(page.total) : ''}
      </p>
      {loading && !page ? <Loading /> : null}
      {page?.items.length ? <MembersTable members={page.items} /> : null}
      {page?.nextCursor ? (
        <button type="button" className="button secondary" onClick={more}>
          Show more
        </button>
      ) : null}
    </Page>
  );
}

/** The filters over the list: name, status, email, region, category, meeting emails turned off, stale details. */
function MemberFilters({ form, set }: { form: Filters; set: (patch: Partial<Filters>) => void }) {
  const regions = useReference(reference.regions);
  const categories = useReference(reference.categories);
  return (
    <form className="filters" role="search" onSubmit={(e) => e.preventDefault()}>
      <div className="field">
        <label htmlFor="m-q">Name</label>
        <input id="m-q" type="search" value={form.q} onChange={(e) => set({ q: e.target.value })} />
      </div>
      <div className="field">
        <label htmlFor="m-status">Status</label>
        <select
          id="m-status"
          value={form.status}
          onChange={(e) => set({ status: e.target.value as Filters['status'] })}
        >
          <option value="">Any status</option>
          {STATUSES.map((s) => (
            <option key={s}>{s}</option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor="m-email-status">Email</label>
        <select
          id="m-email-status"
          value={form.emailStatus}
          onChange={(e) => set({ emailStatus: e.target.value as Filters['emailStatus'] })}
        >
          <option value="">Any</option>
          {EMAIL_STATUSES.map(([value, label]) => (
            <option key={value} value={value}>
              {label}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor="m-region">Region</label>
        <select id="m-region" value={form.region} onChange={(e) => set({ region: e.target.value })}>
          <option value="">Any region</option>
          <CodeOptions items={regions} />
        </select>
      </div>
      <div className="field">
        <label htmlFor="m-category">Category</label>
        <select id="m-category" value={form.category} onChange={(e) => set({ category: e.target.value })}>
          <option value="">Any category</option>
          <CodeOptions items={categories} />
        </select>
      </div>
      <div className="field">
        <label htmlFor="m-notices-off">Meeting emails</label>
        <select
          id="m-notices-off"
          value={form.noticesOff}
          onChange={(e) => set({ noticesOff: e.target.value as Filters['noticesOff'] })}
        >
          <option value="">Any</option>
          {NOTICE_CHOICES.map((c) => (
            <option key={c.code} value={c.code}>
              Turned off: {c.label.toLowerCase()}
            </option>
          ))}
        </select>
      </div>
      <div className="field checkbox">
        <input id="m-stale" type="checkbox" checked={form.stale} onChange={(e) => set({ stale: e.target.checked })} />
        <label htmlFor="m-stale">Not confirmed their details (asked 30 days ago or more)</label>
      </div>
    </form>
  );
}

function MembersTable({ members }: { members: DirectoryMember[] }) {
  return (
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
          {members.map((m) => (
            <tr key={m.id}>
              <td>
                <Link to={`/secretariat/members/${m.id}`}>{m.name}</Link>
                {m.posts?.length ? <span className="muted small"> · rep</span> : null}
              </td>
              <td>
                {m.email}
                {m.emailStatus === 'bouncing' ? <strong className="small"> (bounces)</strong> : null}
              </td>
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
  );
}
