/**
 * A name as typed into a search: the text, its words (split where a name's words split: spaces,
 * hyphens, apostrophes) and the length of its search key. PostgreSQL makes the keys
 * (seg_search_key), so the rule lives in one place; the lengths here only choose the indexes.
 */
export interface NameQuery {
  text: string;
  words: string[];
  keyLength: number;
}

/** The name query of a search box's text, or undefined when nothing in it can match a name. */
export function nameQuery(q: string | undefined): NameQuery | undefined {
  const text = q?.trim() ?? '';
  const words = text.split(/[\s'’‘´`\-‐–—]+/u).filter((w) => roughKeyLength(w) > 0);
  if (!words.length) return undefined;
  return { text, words, keyLength: roughKeyLength(text) };
}

/** The length of a search key as seg_search_key makes it, near enough to pick the index to use. */
export function roughKeyLength(q: string): number {
  return q
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[\s\p{P}\p{S}]/gu, '').length;
}
