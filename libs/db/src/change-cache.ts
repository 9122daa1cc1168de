import { LRUCache } from 'lru-cache';
import { ChangeChannel, DatabaseChanges } from './database-changes';

/**
 * Answers read from the database, kept in memory while the database's change notices are heard
 * (DatabaseChanges): a notice on the channel forgets what it names (`forgets`), or everything;
 * a lost connection forgets everything, and nothing is kept until it is back. An entry also
 * goes after `ttlMs`, in case a notice is lost in a way nobody noticed. The least recently used
 * entries go first once `max` entries, or the `budget` measured across the entries, is reached.
 */
export class ChangeCache<V> {
  private readonly entries: LRUCache<string, { value: V }>;
  private readonly loading = new Map<string, { generation: number; value: Promise<V> }>();
  // Raised by every notice: a read begun before it may hold what the notice changed.
  private generation = 0;

  constructor(
    private readonly changes: DatabaseChanges,
    channel: ChangeChannel,
    options: {
      max: number;
      ttlMs: number;
      /** The keys a notice's payload makes stale; every key when left out. */
      forgets?: (payload: string, key: string) => boolean;
      /**
       * What the entries may hold at most, measured by `of` (say, the rows of each answer):
       * answers differ in size by a hundredfold, so a count of entries alone bounds no memory.
       */
      budget?: { max: number; of: (value: V) => number };
    },
  ) {
    const budget = options.budget;
    this.entries = new LRUCache({
      max: options.max,
      ttl: options.ttlMs,
      ...(budget && {
        maxSize: budget.max,
        sizeCalculation: (entry: { value: V }) => Math.max(1, Math.ceil(budget.of(entry.value))),
      }),
    });
    const forgets = options.forgets;
    changes.subscribe(channel, {
      changed: (payload) => {
        this.generation += 1;
        this.loading.clear();
        if (!forgets) return this.entries.clear();
        for (const key of [...this.entries.keys()]) if (forgets(payload, key)) this.entries.delete(key);
      },
      reset: () => {
        this.generation += 1;
        this.loading.clear();
        this.entries.clear();
      },
    });
  }

  /** The kept answer for `key`, or `load()`'s, kept for next time when no notice came meanwhile. */
  async get(key: string, load: () => Promise<V>): Promise<V> {
    if (!this.changes.listening) return load();
    // Whatever was committed before this request, in any process, is heard before answering.
    await this.changes.heardUpToNow();
    if (!this.changes.listening) return load();
    const kept = this.entries.get(key);
    if (kept) return kept.value;
    // Requests asking the same at once share one read.
    const pending = this.loading.get(key);
    if (pending?.generation === this.generation) return pending.value;
    const generation = this.generation;
    const value = load();
    this.loading.set(key, { generation, value });
    try {
      const loaded = await value;
      if (generation === this.generation && this.changes.listening) this.entries.set(key, { value: loaded });
      return loaded;
    } finally {
      if (this.loading.get(key)?.value === value) this.loading.delete(key);
    }
  }
}
