import { useEffect, useState } from 'react';
import { api, Page } from './client';
import type { About } from './openapi.generated';
import { Category, Establishment, Region } from './types';

/** Regions, categories and establishments change rarely: fetched once per visit and shared. */

const cache = new Map<string, Promise<unknown>>();

function items<T>(answer: T[] | Page<T>): T[] {
  return Array.isArray(answer) ? answer : answer.items;
}

function cached<T>(key: string, load: () => Promise<T>): Promise<T> {
  if (!cache.has(key)) {
    const promise = load();
    promise.catch(() => cache.delete(key));
    cache.set(key, promise);
  }
  return cache.get(key) as Promise<T>;
}

export const reference = {
  about: () => cached('about', () => api.get<About>('/about')),
  regions: () =>
    cached('regions', async () => items(await api.get<Region[] | Page<Region>>('/regions', { limit: 200 }))),
  categories: () =>
    cached('categories', async () => items(await api.get<Category[] | Page<Category>>('/categories', { limit: 200 }))),
  establishments: () =>
    cached('establishments', async () => {
      const all: Establishment[] = [];
      let cursor: string | null = null;
      do {
        const answer: Establishment[] | Page<Establishment> = await api.get('/establishments', { limit: 200, cursor });
        if (Array.isArray(answer)) return answer;
        all.push(...answer.items);
        cursor = answer.nextCursor;
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
