import { invitations, meetings } from '@seg/db';
import { sql } from 'drizzle-orm';
import { randomBytes } from 'node:crypto';
import { createMembers, createPost, loggedIn } from './support/factories';
import { useStack } from './support/stack';

type Headers = Record<string, string>;

interface PagedList {
  name: string;
  /** The list's path with the query that picks the rows this test made. */
  path: string;
  /** How many rows the test made there; the walk must see each once (lists of reference data say null: all of them). */
  made: number | null;
}

/** An item of any list: its own id, or its invitation's or message's. */
type Item = { id?: string; invitationId?: string; messageId?: string };
const idOf = (item: Item) => (item.invitationId ?? item.messageId ?? item.id)!;

const NOT_OURS = { field: 'cursor', message: 'is not a cursor this list gave out' };
const unsigned = (keys: unknown) => Buffer.from(JSON.stringify(keys)).toString('base64url');

describe('paged lists', () => {
  const stack = useStack();
  let secretariat: Headers;
  const run = randomBytes(4).toString('hex');
  let lists: PagedList[];

  beforeAll(async () => {
    const api = stack.api;
    const admin = await loggedIn(api.db, stack.config, { role: 'secretariat' });
    secretariat = admin.auth;

    // Directory: seven members found by a name of this run.
    const people = await createMembers(
      api.db,
      Array.from({ length: 7 }, (_, i) => ({ name: `Pager ${run} ${String.fromCharCode(97 + i)}` })),
    );
    // Posts: five of one member, two starting the same day so the id breaks the tie.
    for (const startsOn of ['2021-01-01', '2022-01-01', '2022-01-01', '2023-06-01', '2024-02-29']) {
      await createPost(api.db, { memberId: people[0].id, region: 'london', startsOn });
    }
    // Audit: five entries of one transaction share their time to the microsecond.
    const at = new Date('2026-01-02T10:00:00.000Z');
    await api.db.execute(
      // The microseconds are what a Date cannot hold; they must survive the cursor.
      sql`insert into audit_log (entity, entity_id, action, at)
        select ${`pager-${run}`}, 'x', 'update', ${at.toISOString()}::timestamptz + interval '123 microseconds' from generate_series(1, 5)`,
    );
    // Meetings: five, two at the same time; and one meeting's invitations of all seven members.
    const made = await api.db
      .insert(meetings)
      .values(
        ['2027-01-01T10:00Z', '2027-01-01T10:00Z', '2027-02-01T10:00Z', '2020-03-01T10:00Z', '2020-04-01T10:00Z'].map(
          (t, i) => ({
            title: `Pager ${run} ${i}`,
            kind: 'hub' as const,
            startsAt: new Date(t),
            endsAt: new Date(new Date(t).getTime() + 3_600_000),
            status: 'scheduled' as const,
          }),
        ),
      )
      .returning({ id: meetings.id });
    await api.db.insert(invitations).values(people.map((p) => ({ meetingId: made[0].id, memberId: p.id })));
    // Reported messages: five, two reported in the same microsecond, so the id breaks the tie.
    await api.db.execute(
      sql`insert into member_messages (sender_id, recipient_id, sent_at, reported_at)
        select ${people[1].id}::uuid, ${people[2].id}::uuid, now(), ${at.toISOString()}::timestamptz + make_interval(secs => least(n, 4) * 0.000123)
        from generate_series(1, 5) n`,
    );

    lists = [
      { name: 'directory', path: `/directory/members?q=${encodeURIComponent(`pager ${run}`)}`, made: 7 },
      { name: 'establishments', path: '/establishments?', made: null },
      { name: 'posts', path: `/posts?memberId=${people[0].id}`, made: 5 },
      { name: 'audit', path: `/audit?entity=pager-${run}`, made: 5 },
      { name: 'meetings', path: '/meetings?', made: null },
      { name: 'upcoming meetings', path: '/meetings?when=upcoming', made: null },
      { name: 'invitations', path: `/meetings/${made[0].id}/invitations?`, made: 7 },
      { name: 'message reports', path: '/message-reports?', made: 5 },
    ];
  });

  const get = (path: string, query: string) =>
    stack
      .http()
      .get(`${path}${path.endsWith('?') ? '' : '&'}${query}`)
      .set(secretariat);

  /** Follows nextCursor to the end, `limit` at a time, and answers every id seen with the totals. */
  async function walk(list: PagedList, limit: number): Promise<{ ids: string[]; totals: number[]; pages: number }> {
    const ids: string[] = [];
    const totals: number[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const res: {
        body: { items: Item[]; total: number; nextCursor: string | null };
      } = await get(list.path, `limit=${limit}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`).expect(200);
      expect(res.body.items.length).toBeLessThanOrEqual(limit);
      ids.push(...res.body.items.map(idOf));
      totals.push(res.body.total);
      cursor = res.body.nextCursor;
      pages += 1;
    } while (cursor && pages < 1000);
    return { ids, totals, pages };
  }

  it('walks every row exactly once, whatever the page size', async () => {
    for (const list of lists) {
      const whole = await get(list.path, 'limit=200').expect(200);
      expect(whole.body.nextCursor).toBeNull();
      if (list.made !== null) expect(whole.body.total).toBe(list.made);
      // Lists of every establishment and meeting are walked in bigger steps, to keep the test short.
      for (const limit of list.made === null ? [7, 50] : [1, 2, 3]) {
        const { ids, totals, pages } = await walk(list, limit);
        expect({ list: list.name, limit, ids: ids.length, unique: new Set(ids).size }).toEqual({
          list: list.name,
          limit,
          ids: whole.body.total,
          unique: whole.body.total,
        });
        expect(ids).toEqual(whole.body.items.map(idOf));
        expect(new Set(totals)).toEqual(new Set([whole.body.total]));
        expect(pages).toBe(Math.max(1, Math.ceil(whole.body.total / limit)));
      }
    }
  });

  it('pages 50 at a time when no limit is given', async () => {
    const res = await stack.http().get('/establishments').set(secretariat).expect(200);
    expect(res.body.total).toBeGreaterThan(50);
    expect(res.body.items).toHaveLength(50);
    expect(res.body.nextCursor).toEqual(expect.any(String));
  });

  it('answers 400 naming limit to a limit that is not 1 to 200, on every list', async () => {
    const everyList = [
      ...lists.map((l) => l.path),
      '/regions?',
      '/categories?',
      '/establishment-types?',
      '/auth/sessions?',
    ];
    for (const path of everyList) {
      for (const limit of ['abc', '-1', '0', '201', '1.5', '']) {
        const res = await get(path, `limit=${limit}`);
        expect({ path, limit, status: res.status }).toEqual({ path, limit, status: 400 });
        expect([...new Set(res.body.details.map((d: { field: string }) => d.field))]).toEqual(['limit']);
      }
    }
  });

  it('answers 400 naming cursor to a cursor the list did not give out, on every list', async () => {
    const cursorOf = async (list: PagedList) => (await get(list.path, 'limit=1').expect(200)).body.nextCursor as string;
    const given = new Map<string, string>();
    for (const list of lists) given.set(list.name, await cursorOf(list));
    const postsCursor = given.get('posts')!;
    const [payload, mac] = postsCursor.split('.');
    const forged = (keys: unknown) => `${unsigned(keys)}.${mac}`;

    for (const list of lists) {
      const other = lists.find((l) => l.name !== list.name && given.get(l.name) !== given.get(list.name))!;
      const own = given.get(list.name)!;
      const tampered = [
        unsigned(['x', 'y']),
        unsigned([1, 2]),
        unsigned(['x', 'y', 'abc']),
        'garbage',
        '.',
        forged(['2021-01-01', 'not-a-uuid']),
        `${payload}.${mac.slice(0, -1)}`,
        `${own}x`,
        own.replace(/^./, (c) => (c === 'W' ? 'X' : 'W')),
        given.get(other.name)!,
      ];
      for (const cursor of tampered) {
        const res = await get(list.path, `cursor=${encodeURIComponent(cursor)}`);
        expect({ list: list.name, cursor, status: res.status }).toEqual({ list: list.name, cursor, status: 400 });
        expect(res.body.details).toEqual([NOT_OURS]);
      }
    }
    // A search's cursor carries its total, so it is good for that search only.
    const directory = lists.find((l) => l.name === 'directory')!;
    const res = await stack
      .http()
      .get(`/directory/members?q=pager&cursor=${encodeURIComponent(given.get('directory')!)}`)
      .set(secretariat);
    expect(res.status).toBe(400);
    // The lists that come whole give out no cursor and take none.
    for (const path of ['/regions', '/categories', '/establishment-types', '/auth/sessions']) {
      const whole = await stack
        .http()
        .get(`${path}?cursor=${encodeURIComponent(given.get(directory.name)!)}`)
        .set(secretariat);
      expect({ path, status: whole.status, details: whole.body.details }).toEqual({
        path,
        status: 400,
        details: [NOT_OURS],
      });
    }
  });
});
