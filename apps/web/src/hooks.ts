import { DependencyList, useCallback, useEffect, useRef, useState } from 'react';
import { answer, client } from './api/client';
import type { DirectoryMemberPage, operations } from './api/openapi.generated';

/** The directory's filters, as GET /directory/members takes them. */
export type DirectoryQuery = NonNullable<operations['DirectoryController_search']['parameters']['query']>;

/**
 * The directory's filters as a form or the address holds them: '' is no filter, and is left out
 * of the query. A value read from the address goes as it is: the API refuses one it does not know.
 */
export type DirectoryFilters = { [K in keyof DirectoryQuery]?: DirectoryQuery[K] | '' };

export interface Resource<T> {
  data: T | undefined;
  error: unknown;
  loading: boolean;
  reload: () => void;
}

/** Loads something when the deps change; drops answers that arrive after a newer request. */
export function useResource<T>(load: () => Promise<T>, deps: DependencyList): Resource<T> {
  const [data, setData] = useState<T>();
  const [error, setError] = useState<unknown>(null);
  const [loading, setLoading] = useState(true);
  const [tick, setTick] = useState(0);
  const latest = useRef(0);

  useEffect(() => {
    const id = ++latest.current;
    setLoading(true);
    load().then(
      (value) => {
        if (id !== latest.current) return;
        setData(value);
        setError(null);
        setLoading(false);
      },
      (err) => {
        if (id !== latest.current) return;
        setError(err);
        setLoading(false);
      },
    );
  }, [...deps, tick]);

  const reload = useCallback(() => setTick((t) => t + 1), []);
  return { data, error, loading, reload };
}

/**
 * A value that follows its input after the user pauses typing. Compared by content, so an
 * object built afresh at each render settles once and keeps its identity until it changes:
 * effects that depend on it run once per change, not once per render.
 */
export function useDebounced<T>(value: T, ms = 250): T {
  const key = JSON.stringify(value);
  const [settled, setSettled] = useState({ key, value });
  useEffect(() => {
    if (key === settled.key) return;
    const timer = setTimeout(() => setSettled({ key, value }), ms);
    return () => clearTimeout(timer);
  }, [key, ms]);
  return settled.value;
}

/**
 * The directory's members for a query, page by page: a new query starts again from its first
 * page, and `more` appends the next one. Compared by content, so a query built afresh at each
 * render asks once.
 */
export function useMemberPages(filters: DirectoryFilters) {
  // queryString leaves out the '' of "no filter".
  const query = filters as DirectoryQuery;
  const key = JSON.stringify(query);
  const [page, setPage] = useState<DirectoryMemberPage>();
  const [error, setError] = useState<unknown>(null);
  const [loading, setLoading] = useState(true);

  useEffect(() => {
    let live = true;
    setLoading(true);
    answer(client.GET('/directory/members', { params: { query: { ...query, limit: 50 } } }))
      .then(
        (p) => {
          if (!live) return;
          setPage(p);
          setError(null);
        },
        (err) => live && setError(err),
      )
      .finally(() => live && setLoading(false));
    return () => {
      live = false;
    };
  }, [key]);

  async function more() {
    if (!page?.nextCursor) return;
    try {
      const next = await answer(
        client.GET('/directory/members', { params: { query: { ...query, limit: 50, cursor: page.nextCursor } } }),
      );
      setPage({ ...next, items: [...page.items, ...next.items] });
    } catch (err) {
      setError(err);
    }
  }

  return { page, error, loading, more, setError };
}
