import { isCurrentMember, MEMBER_STATUSES, prepareDatabase, ROLES } from '@seg/db';
import { isListable, isMemberAccount, postIsCurrent, postNotEnded, todayInLondon, toLondonIso } from '@seg/rules';
import { Client } from 'pg';
import { dropDatabase, TEST_PG_BASE, testConfig } from './support/test-config';

/**
 * Each domain rule has one SQL definition (drizzle/functions/00-rules.sql) and one in TypeScript;
 * this runs both on the same table of cases, on a database whose TimeZone is not London's.
 */

/** Zones far from London on either side, whose dates turn at other hours than London's. */
const ZONES = ['Pacific/Auckland', 'America/New_York'] as const;

/** Instants where the UK's date or clock is easy to get wrong. */
const INSTANTS = [
  // Both clock-change nights of 2026 and 2027 (the clocks change at 01:00 UTC), either side of it.
  ...['2026-03-29', '2026-10-25', '2027-03-28', '2027-10-31'].flatMap((day) =>
    ['00:59:00', '00:59:59', '01:00:00', '01:01:00'].map((time) => `${day}T${time}Z`),
  ),
  // Midnight in London against midnight UTC: an hour apart in summer time, together in winter.
  '2026-07-01T22:59:59Z',
  '2026-07-01T23:00:00Z',
  '2026-07-01T23:59:59Z',
  '2026-07-02T00:00:00Z',
  '2026-03-28T23:59:59Z',
  '2026-03-29T00:00:00Z',
  '2026-10-24T22:59:59Z',
  '2026-10-24T23:00:00Z',
  '2026-10-24T23:59:59Z',
  '2026-10-25T00:00:00Z',
  '2026-12-31T23:59:59Z',
  '2027-01-01T00:00:00Z',
  // Midnight in Auckland (13 and 12 hours ahead) and New York (5 and 4 behind), where their date
  // turns and London's does not.
  '2026-12-07T10:59:59Z',
  '2026-12-07T11:00:00Z',
  '2026-06-07T11:59:59Z',
  '2026-06-07T12:00:00Z',
  '2026-12-08T04:59:59Z',
  '2026-12-08T05:00:00Z',
  '2026-06-08T03:59:59Z',
  '2026-06-08T04:00:00Z',
];

function addDays(day: string, days: number): string {
  const [y, m, d] = day.split('-').map(Number);
  return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10);
}

type PostCase = { at: string; startsOn: string; endsOn: string | null };

/**
 * At each instant, posts starting and ending on the days around London's date and UTC's (which
 * differ near midnight): every start with no end, and every end from the start on.
 */
const POSTS: PostCase[] = INSTANTS.flatMap((at) => {
  const days = [
    ...new Set([-1, 0, 1].flatMap((n) => [addDays(todayInLondon(new Date(at)), n), addDays(at.slice(0, 10), n)])),
  ].sort();
  return days.flatMap((startsOn) =>
    [null, ...days.filter((d) => d >= startsOn)].map((endsOn) => ({ at, startsOn, endsOn })),
  );
});

type MemberCase = { status: string; erasedAt: string | null; role: string; hasCategory: boolean };

/** Every status, erased or not, every role, with a membership category or without. */
const MEMBERS: MemberCase[] = MEMBER_STATUSES.flatMap((status) =>
  [null, '2026-05-01T09:00:00Z'].flatMap((erasedAt) =>
    ROLES.flatMap((role) => [false, true].map((hasCategory) => ({ status, erasedAt, role, hasCategory }))),
  ),
);

/** The cases on which the SQL and the TypeScript answers differ: none, for rules that are one. */
function disagreements<C, A>(cases: C[], bySql: A[], byTs: (c: C) => A): { case: C; sql: A; ts: A }[] {
  return cases.flatMap((c, i) => {
    const ts = byTs(c);
    return JSON.stringify(bySql[i]) === JSON.stringify(ts) ? [] : [{ case: c, sql: bySql[i], ts }];
  });
}

/** The cases as JSON, each with its place (`i`) so that the answers come back in their order. */
function numbered(cases: object[]): string {
  return JSON.stringify(cases.map((c, i) => ({ ...c, i })));
}

describe('domain rules: SQL and TypeScript agree', () => {
  const url = testConfig().databaseUrl;
  const name = new URL(url).pathname.slice(1);

  beforeAll(async () => {
    await prepareDatabase(url);
  });

  afterAll(async () => {
    await dropDatabase(url);
  });

  describe.each(ZONES)('on a database whose TimeZone is %s', (zone) => {
    const client = new Client({ connectionString: url });

    beforeAll(async () => {
      const admin = new Client({ connectionString: `${TEST_PG_BASE}/postgres` });
      await admin.connect();
      await admin.query(`alter database "${name}" set timezone to '${zone}'`);
      await admin.end();
      // A new connection takes the database's setting.
      await client.connect();
      const { rows } = await client.query<{ zone: string }>(`select current_setting('TimeZone') as zone`);
      expect(rows[0].zone).toBe(zone);
    });

    afterAll(async () => {
      await client.end();
    });

    it("gives the UK's date and clock at every instant, as todayInLondon and toLondonIso do", async () => {
      const { rows } = await client.query<{ today: string; clock: string }>(
        `select public.seg_uk_today(c.at)::text as today,
                to_char(c.at at time zone 'Europe/London', 'YYYY-MM-DD"T"HH24:MI:SS')
                  || '+' || to_char((c.at at time zone 'Europe/London') - (c.at at time zone 'UTC'), 'HH24:MI') as clock
           from jsonb_to_recordset($1::jsonb) as c(i int, at timestamptz) order by c.i`,
        [numbered(INSTANTS.map((at) => ({ at })))],
      );
      expect(
        disagreements(INSTANTS, rows, (at) => ({
          today: todayInLondon(new Date(at)),
          clock: toLondonIso(new Date(at)),
        })),
      ).toEqual([]);
    });

    it("gives the UK's date now by default, whatever the session's own date", async () => {
      const { rows } = await client.query<{ now: Date; today: string }>(
        `select now() as now, public.seg_uk_today()::text as today`,
      );
      expect(rows[0].today).toBe(todayInLondon(rows[0].now));
    });

    it("decides which posts are current, and which not ended, on the UK's date as postIsCurrent does", async () => {
      const { rows } = await client.query<{ current: boolean; notEnded: boolean }>(
        `select public.seg_post_is_current(c."startsOn", c."endsOn", public.seg_uk_today(c.at)) as current,
                public.seg_post_not_ended(c."endsOn", public.seg_uk_today(c.at)) as "notEnded"
           from jsonb_to_recordset($1::jsonb) as c(i int, at timestamptz, "startsOn" date, "endsOn" date) order by c.i`,
        [numbered(POSTS)],
      );
      expect(
        disagreements(POSTS, rows, (p) => {
          const today = todayInLondon(new Date(p.at));
          return { current: postIsCurrent(p, today), notEnded: postNotEnded(p, today) };
        }),
      ).toEqual([]);
    });

    it('decides who is a current member, a member account and listable as @seg/db and @seg/rules do', async () => {
      const { rows } = await client.query<{ current: boolean; memberAccount: boolean; listable: boolean }>(
        `select public.seg_member_is_current(c.status, c."erasedAt") as current,
                public.seg_is_member_account(c.role, c."hasCategory") as "memberAccount",
                public.seg_member_is_listable(c.status, c."erasedAt", c.role, c."hasCategory") as listable
           from jsonb_to_recordset($1::jsonb)
                as c(i int, status text, "erasedAt" timestamptz, role text, "hasCategory" boolean)
          order by c.i`,
        [numbered(MEMBERS)],
      );
      expect(
        disagreements(MEMBERS, rows, (m) => {
          const member = m as Parameters<typeof isListable>[0];
          return {
            current: isCurrentMember(member),
            memberAccount: isMemberAccount(member),
            listable: isListable(member),
          };
        }),
      ).toEqual([]);
    });
  });
});
