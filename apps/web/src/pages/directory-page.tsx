import { useEffect, useState } from 'react';
import { answer, client, DirectoryTotal, membersText, totalCount } from '../api/client';
import { reference, useReference } from '../api/reference';
import type { DirectoryMember } from '../api/openapi.generated';
import { MemberSummary } from '../components/contacts';
import { EmptyState, ErrorMessage, Loading, Page, CodeOptions } from '../components/ui';
import { useDebounced } from '../hooks';
import { navigate, useLocation } from '../router';

const PAGE_SIZE = 20;

interface Filters {
  q: string;
  region: string;
  category: string;
  establishment: string;
  reps: boolean;
}

function filtersFrom(query: URLSearchParams): Filters {
  return {
    q: query.get('q') ?? '',
    region: query.get('region') ?? '',
    category: query.get('category') ?? '',
    establishment: query.get('establishment') ?? '',
    reps: query.get('reps') === 'true',
  };
}

function toQuery(f: Filters): string {
  const p = new URLSearchParams();
  if (f.q) p.set('q', f.q);
  if (f.region) p.set('region', f.region);
  if (f.category) p.set('category', f.category);
  if (f.establishment) p.set('establishment', f.establishment);
  if (f.reps) p.set('reps', 'true');
  const s = p.toString();
  return s ? `?${s}` : '';
}

/** The directory's members for the settled filters, page by page; a change of filters starts again. */
function useDirectorySearch(settled: Filters) {
  const [results, setResults] = useState<DirectoryMember[]>([]);
  const [total, setTotal] = useState<DirectoryTotal | null>(null);
  const [cursor, setCursor] = useState<string | null>(null);
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<unknown>(null);
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    navigate(`/directory${toQuery(settled)}`, { replace: true });
    let live = true;
    setLoading(true);
    answer(client.GET('/directory/members', { params: { query: { ...settled, limit: PAGE_SIZE } } }))
      .then(
        (page) => {
          if (!live) return;
          setResults(page.items);
          setTotal(page.total);
          setCursor(page.nextCursor);
          setError(null);
        },
        (err) => live && setError(err),
      )
      .finally(() => live && setLoading(false));
    return () => {
      live = false;
    };
  }, [settled, attempt]);

  async function more() {
    if (!cursor) return;
    setLoading(true);
    try {
      const page = await answer(
        client.GET('/directory/members', { params: { query: { ...settled, limit: PAGE_SIZE, cursor } } }),
      );
      setResults((r) => [...r, ...page.items]);
      setCursor(page.nextCursor);
    } catch (err) {
      setError(err);
    } finally {
      setLoading(false);
    }
  }

  return { results, total, cursor, loading, error, more, retry: () => setAttempt((a) => a + 1) };
}

/** Search as you type; the filters live in the address so a search can be shared or reloaded. */
export function DirectoryPage() {
  const { query } = useLocation();
  const [filters, setFilters] = useState<Filters>(() => filtersFrom(query));
  const settled = useDebounced(filters, 250);
  const { results, total, cursor, loading, error, more, retry } = useDirectorySearch(settled);
  const filtered = Boolean(settled.q || settled.region || settled.category || settled.establishment || settled.reps);

  return (
    <Page title="Directory" lead="Find colleagues by name, region, category or where they work.">
      <DirectoryFilters filters={filters} set={(patch) => setFilters((f) => ({ ...f, ...patch }))} />

      <div aria-live="polite" className="result-count">
        {total !== null && !error ? (
          <p>
            {total === 0 ? 'No members found' : `${membersText(total)}${filtered ? ' found' : ''}`}
            {results.length < totalCount(total) ? `, showing ${results.length}` : ''}
          </p>
        ) : null}
      </div>
      <ErrorMessage error={error} retry={retry} />
      {total === 0 ? <EmptyState>Try part of a name, or fewer filters.</EmptyState> : null}
      {/* Names the list, and keeps the headings in order: the cards' names are h3. */}
      <h2 className="visually-hidden" id="results-heading">
        Members
      </h2>
      <ul className="card-grid results" aria-labelledby="results-heading">
        {results.map((m) => (
          <li key={m.id}>
            <MemberSummary member={m} />
          </li>
        ))}
      </ul>
      {loading ? <Loading what="Searching" /> : null}
      {cursor && !loading ? (
        <button type="button" className="button secondary" onClick={more}>
          Show more members
        </button>
      ) : null}
    </Page>
  );
}

/** The search form: a name, a region, a category, an establishment, representatives only. */
function DirectoryFilters({ filters, set }: { filters: Filters; set: (patch: Partial<Filters>) => void }) {
  const regions = useReference(reference.regions);
  const categories = useReference(reference.categories);
  const establishments = useReference(reference.establishments);
  return (
    <form className="filters" role="search" onSubmit={(e) => e.preventDefault()}>
      <div className="field">
        <label htmlFor="q">Name</label>
        <input id="q" type="search" autoComplete="off" value={filters.q} onChange={(e) => set({ q: e.target.value })} />
      </div>
      <div className="field">
        <label htmlFor="region">Region</label>
        <select id="region" value={filters.region} onChange={(e) => set({ region: e.target.value })}>
          <option value="">Any region</option>
          <CodeOptions items={regions} />
        </select>
      </div>
      <div className="field">
        <label htmlFor="category">Category</label>
        <select id="category" value={filters.category} onChange={(e) => set({ category: e.target.value })}>
          <option value="">Any category</option>
          <CodeOptions items={categories} />
        </select>
      </div>
      <div className="field">
        <label htmlFor="establishment">Establishment</label>
        <select
          id="establishment"
          value={filters.establishment}
          onChange={(e) => set({ establishment: e.target.value })}
        >
          <option value="">Any establishment</option>
          {establishments?.map((e) => (
            <option key={e.id} value={e.id}>
              {e.name}
            </option>
          ))}
        </select>
      </div>
      <div className="field checkbox">
        <input id="reps" type="checkbox" checked={filters.reps} onChange={(e) => set({ reps: e.target.checked })} />
        <label htmlFor="reps">Representatives only</label>
      </div>
    </form>
  );
}
