import { prepareDatabase } from '@seg/db';
import { postNotEnded, todayInLondon } from '@seg/rules';
import { Client } from 'pg';
import { dropDatabase, TEST_PG_BASE, testConfig, uniqueName } from './support/test-config';

function addDays(day: string, days: number): string {
  const [y, m, d] = day.split('-').map(Number);
  return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10);
}

/**
 * The directory card keeps the posts not ended on the UK's today, whatever the database's own
 * zone: its trigger once counted from the server's date, so on a server in Auckland or New York
 * a post that ended yesterday or today in London stayed on the card.
 */
describe.each(['Pacific/Auckland', 'America/New_York'])(
  'directory cards on a database whose TimeZone is %s',
  (zone) => {
    const url = testConfig().databaseUrl;
    const client = new Client({ connectionString: url });

    beforeAll(async () => {
      await prepareDatabase(url);
      const admin = new Client({ connectionString: `${TEST_PG_BASE}/postgres` });
      await admin.connect();
      await admin.query(`alter database "${new URL(url).pathname.slice(1)}" set timezone to '${zone}'`);
      await admin.end();
      // A new connection takes the database's zone, and so does every trigger it sets off.
      await client.connect();
    });

    afterAll(async () => {
      await client.end();
      await dropDatabase(url);
    });

    it('drops the posts that ended yesterday or today in London and keeps the others, as postNotEnded says', async () => {
      // One transaction: the trigger's now() is the instant read here, so London's today is known.
      await client.query('begin');
      const { rows } = await client.query<{ now: Date; zone: string }>(
        `select now() as now, current_setting('TimeZone') as zone`,
      );
      expect(rows[0].zone).toBe(zone);
      const today = todayInLondon(rows[0].now);
      const member = await client.query<{ id: string }>(
        `insert into members (email, name, status) values ($1, 'Zoe Zonecheck', 'active') returning id`,
        [`${uniqueName('zone').toLowerCase()}@example.org`],
      );
      const posts = [
        { role: 'ended yesterday', startsOn: addDays(today, -30), endsOn: addDays(today, -1) },
        { role: 'ends today', startsOn: addDays(today, -30), endsOn: today },
        { role: 'ends tomorrow', startsOn: addDays(today, -30), endsOn: addDays(today, 1) },
        { role: 'no end', startsOn: addDays(today, -30), endsOn: null },
        { role: 'starts tomorrow', startsOn: addDays(today, 1), endsOn: null },
      ];
      await client.query(
        `insert into posts (member_id, role, starts_on, ends_on)
       select $1::uuid, p.role, p."startsOn", p."endsOn"
         from jsonb_to_recordset($2::jsonb) as p(role text, "startsOn" date, "endsOn" date)`,
        [member.rows[0].id, JSON.stringify(posts)],
      );
      await client.query('commit');

      const card = await client.query<{ posts: { role: string }[] }>(
        'select posts from directory_cards where member_id = $1',
        [member.rows[0].id],
      );
      const kept = card.rows[0].posts.map((p) => p.role).sort();
      expect(kept).toEqual(
        posts
          .filter((p) => postNotEnded(p, today))
          .map((p) => p.role)
          .sort(),
      );
      expect(kept).toEqual(['ends tomorrow', 'no end', 'starts tomorrow']);
    });
  },
);
