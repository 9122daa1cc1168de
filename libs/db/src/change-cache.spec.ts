import { ChangeCache } from './change-cache';
import { DatabaseChanges } from './database-changes';

// Notices always heard: what is under test is what the cache keeps, not the connection.
const heard = { listening: true, heardUpToNow: async () => undefined, subscribe: () => undefined };

function cacheOf(budget: number) {
  const loads: string[] = [];
  const cache = new ChangeCache<string[]>(heard as unknown as DatabaseChanges, 'directory', {
    max: 1_000,
    ttlMs: 60_000,
    budget: { max: budget, of: (rows) => rows.length },
  });
  const read = (key: string, rows: number) =>
    cache.get(key, async () => {
      loads.push(key);
      return Array.from({ length: rows }, (_, i) => `${key}${i}`);
    });
  return { read, loads };
}

describe('ChangeCache budget', () => {
  it('keeps answers while their rows fit the budget, dropping the least recently used first', async () => {
    const { read, loads } = cacheOf(10);
    await read('a', 4);
    await read('b', 4);
    await read('a', 4); // a is now the most recently used
    await read('c', 4); // 12 rows > 10: b goes, not a
    await read('a', 4);
    await read('c', 4);
    expect(loads).toEqual(['a', 'b', 'c']);
    await read('b', 4);
    expect(loads).toEqual(['a', 'b', 'c', 'b']);
  });

  it('answers, without keeping it, a read larger than the whole budget', async () => {
    const { read, loads } = cacheOf(10);
    expect(await read('big', 11)).toHaveLength(11);
    await read('big', 11);
    expect(loads).toEqual(['big', 'big']);
  });
});
