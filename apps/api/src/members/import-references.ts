/**
 * Reads the region, category and establishments of an imported row the way people write them:
 * by code or by name, in any case, with or without accents and punctuation. Establishments are
 * keyed by the caller (with PostgreSQL's seg_place_words, which knows the type words such as HMP
 * and YOI, so "HMP Brixton", "Brixton", "brixton (hmp)" are one place, as in a search).
 */

export interface Named {
  code: string | null;
  name: string;
}

export type Match<T> = { found: T } | { error: string };

/** Lower case, no accents, letters and digits only, in words. */
function words(text: string): string[] {
  return text
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean);
}

/** "Prison GP", "prison-gp" and "prison_gp" are one key. */
export function plainKey(text: string): string {
  return words(text).join('');
}

function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++)
      current[j] = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    previous = current;
  }
  return previous[b.length];
}

const NEAREST_SHOWN = 3;

/** Finds items of one list by code or name; an unknown value's error says what is accepted. */
export class ReferenceMatcher<T extends Named> {
  private readonly byKey = new Map<string, T[]>();

  constructor(
    private readonly items: T[],
    private readonly noun: string,
    private readonly key: (text: string) => string = plainKey,
  ) {
    for (const item of items) {
      for (const k of new Set([item.code ? plainKey(item.code) : '', key(item.name)].filter(Boolean)))
        this.byKey.set(k, [...(this.byKey.get(k) ?? []), item]);
    }
  }

  match(value: string): Match<T> {
    const found = this.byKey.get(this.key(value)) ?? this.byKey.get(plainKey(value)) ?? [];
    if (found.length === 1) return { found: found[0] };
    if (found.length > 1) return { error: `"${value}" could be ${found.map(describe).join(' or ')}: use the code` };
    return { error: `"${value}" is not ${article(this.noun)} ${this.noun}; ${this.accepted(value)}` };
  }

  /** Short lists in full; long ones (establishments) by the nearest names. */
  private accepted(value: string): string {
    if (this.items.length <= 20) return `use one of: ${this.items.map(describe).join(', ')}`;
    const key = this.key(value);
    const nearest = [...this.items]
      .map((item) => ({ item, distance: editDistance(key, this.key(item.name)) }))
      .sort((a, b) => a.distance - b.distance || a.item.name.localeCompare(b.item.name))
      .slice(0, NEAREST_SHOWN)
      .map(({ item }) => describe(item));
    return `the nearest are ${nearest.join(', ')}`;
  }
}

function describe(item: Named): string {
  return item.code ? `${item.name} (${item.code})` : item.name;
}

function article(noun: string): string {
  return /^[aeiou]/i.test(noun) ? 'an' : 'a';
}
