import { loadConfig } from '@seg/config';
import { KeysetPages, PageQuery, wholePage } from './pagination';

describe('KeysetPages', () => {
  const pages = new KeysetPages(loadConfig({ NODE_ENV: 'test', JWT_SECRET: 'a-secret-of-thirty-two-bytes-or-more!' }));
  const query = (cursor?: string): PageQuery => ({ limit: 2, cursor });
  const first = pages.open<[string, string]>('posts', query(), ['string', 'string']);
  const answer = first.page(
    ['a', 'b', 'c'],
    3,
    (row) => [row, `${row}-id`],
    (row) => row.toUpperCase(),
  );

  it('shows `size` rows and a cursor when more follow', () => {
    expect(first.fetch).toBe(3);
    expect(answer).toEqual({ items: ['A', 'B'], nextCursor: expect.any(String), total: 3 });
    expect(
      first.page(
        ['a', 'b'],
        2,
        (row) => [row, row],
        (row) => row,
      ).nextCursor,
    ).toBeNull();
  });

  it('reads back the keys of its own cursor', () => {
    expect(pages.open('posts', query(answer.nextCursor!), ['string', 'string']).after).toEqual(['b', 'b-id']);
  });

  it("refuses another list's cursor, another secret's, a changed one, and keys of the wrong type", () => {
    const refused = (run: () => unknown) =>
      expect(run).toThrow(
        expect.objectContaining({ details: [{ field: 'cursor', message: 'is not a cursor this list gave out' }] }),
      );
    refused(() => pages.open('audit', query(answer.nextCursor!), ['string', 'string']));
    const other = new KeysetPages(loadConfig({ NODE_ENV: 'test', JWT_SECRET: 'another-secret-of-thirty-two-bytes!!' }));
    refused(() => other.open('posts', query(answer.nextCursor!), ['string', 'string']));
    const [, mac] = answer.nextCursor!.split('.');
    refused(() =>
      pages.open('posts', query(`${Buffer.from('["x","y"]').toString('base64url')}.${mac}`), ['string', 'string']),
    );
    refused(() => pages.open<[string, number]>('posts', query(answer.nextCursor!), ['string', 'number']));
    refused(() => pages.open('posts', query('no-dot-at-all'), ['string', 'string']));
  });

  it('takes no cursor for a list that comes whole', () => {
    expect(wholePage(query(), [1, 2, 3])).toEqual({ items: [1, 2, 3], nextCursor: null, total: 3 });
    expect(() => wholePage(query('x'), [])).toThrow();
  });
});
