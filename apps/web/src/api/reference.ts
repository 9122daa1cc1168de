import { useEffect, useState } from 'react';
import { answer, client } from './client';
import type { EstablishmentView } from './openapi.generated';

/** Regions, categories and establishments change rarely: fetched once per visit and shared. */

const cache = new Map<string, Promise<unknown>>();

function cached<T>(key: string, load: () => Promise<T>): Promise<T> {
  if (!cache.has(key)) {
    const promise = load();
    promise.catch(() => cache.delete(key));
    cache.set(key, promise);
  }
  return cache.get(key) as Promise<T>;
}

export const reference = {
  about: () => cached('about', () => answer(client.GET('/about'))),
  regions: () =>
    cached('regions', async () => (await answer(client.GET('/regions', { params: { query: { limit: 200 } } }))).items),
  categories: () =>
    cached(
      'categories',
      async () => (await answer(client.GET('/categories', { params: { query: { limit: 200 } } }))).items,
    ),
  establishments: () =>
    cached('establishments', async () => {
      const all: EstablishmentView[] = [];
      let cursor: string | undefined;
      do {
        const page = await answer(client.GET('/establishments', { params: { query: { limit: 200, cursor } } }));
        all.push(...page.items);
        cursor = page.nextCursor ?? undefined;
      } while (cursor);
      return all;
    }),
  /** After the secretariat changes a list. */
  forget(key: 'regions' | 'categories' | 'establishments') {
    cache.delete(key);
  },
};

export function useReference<T>(load: () => Promise<T>): T | undefined {
  const [value, setValue] = useState<T>();
  useEffect(() => {
    let live = true;
    load().then(
      (v) => live && setValue(v),
      () => undefined,
    );
    return () => {
      live = false;
    };
  }, [load]);
  return value;
}
