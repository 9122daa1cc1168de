import { nameQuery, roughKeyLength } from './name-query';

describe('name queries', () => {
  it('measures a search key as the database makes it: no accents, spaces or punctuation', () => {
    expect(roughKeyLength("O'Brien")).toBe(6);
    expect(roughKeyLength('Zoë')).toBe(3);
    expect(roughKeyLength('  a-b ')).toBe(2);
    expect(roughKeyLength('%_%')).toBe(0);
  });

  it('splits a query into words where names split: spaces, hyphens and apostrophes', () => {
    expect(nameQuery("  Máire Ní-Bhriain O'Neill ")).toEqual({
      text: "Máire Ní-Bhriain O'Neill",
      words: ['Máire', 'Ní', 'Bhriain', 'O', 'Neill'],
      keyLength: 20,
    });
    expect(nameQuery('li')?.words).toEqual(['li']);
  });

  it('is no query when nothing in it can match a name', () => {
    expect(nameQuery(undefined)).toBeUndefined();
    expect(nameQuery('  ')).toBeUndefined();
    expect(nameQuery("%_' -")).toBeUndefined();
  });
});
