import { sql } from 'drizzle-orm';
import { loggedIn } from './support/factories';
import { useStack } from './support/stack';

// More listed members than the directory counts row by row (EXACT_TOTAL_LIMIT, 1000).
const MANY = 1200;

describe('directory totals', () => {
  const stack = useStack();
  let member: { Authorization: string };

  beforeAll(async () => {
    member = (await loggedIn(stack.db, stack.config, { name: 'Counting Member', region: 'wales' })).auth;
    await stack.db.execute(sql`
      insert into members (email, name, status, category_id, region_id)
      select 'many' || g || '@example.org', 'Many Member' || g, 'active',
             (select id from categories where code = 'prison-gp'), (select id from regions where code = 'london')
        from generate_series(1, ${MANY}) g`);
    await stack.db.execute(sql`analyze directory_cards`);
  });

  const list = (query: string) => stack.http().get(`/directory/members?${query}`).set(member).expect(200);

  it('estimates the total of a long list, on later pages too', async () => {
    const first = await list('region=london&limit=10');
    expect(first.body.items).toHaveLength(10);
    expect(first.body.total).toEqual({ estimate: expect.any(Number) });
    expect(first.body.total.estimate).toBeGreaterThan(MANY / 2);
    const next = await list(`region=london&limit=10&cursor=${encodeURIComponent(first.body.nextCursor)}`);
    expect(next.body.total).toEqual(first.body.total);
  });

  it('counts a short list exactly', async () => {
    const res = await list('region=wales');
    expect(res.body.total).toBe(1);
  });

  it('counts the matches of a name exactly, however many', async () => {
    const res = await list('q=many&limit=5');
    expect(res.body.total).toBe(MANY);
  });
});
