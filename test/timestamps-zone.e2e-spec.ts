import { auditLog, members, prepareDatabase } from '@seg/db';
import { eq, sql } from 'drizzle-orm';
import { Client } from 'pg';
import { ApiHarness } from './support/api-harness';
import { accessTokenFor, createMembers } from './support/factories';
import { useStack } from './support/stack';
import { TEST_PG_BASE } from './support/test-config';

/**
 * The instants the API answers are the ones stored, whatever the database's TimeZone: some are
 * read from SQL as text (the directory's card, the audit's page positions), which PostgreSQL
 * writes in the session's zone.
 */
describe.each(['Pacific/Auckland', 'America/St_Johns'])('times answered on a database whose TimeZone is %s', (zone) => {
  const stack = useStack({ api: false });
  let api: ApiHarness;
  let secretariat: { Authorization: string };

  beforeAll(async () => {
    await prepareDatabase(stack.config.databaseUrl);
    const admin = new Client({ connectionString: `${TEST_PG_BASE}/postgres` });
    await admin.connect();
    await admin.query(
      `alter database "${new URL(stack.config.databaseUrl).pathname.slice(1)}" set timezone to '${zone}'`,
    );
    await admin.end();
    // Its connections open after the change, so each session is in the zone.
    api = await stack.startApi();
    const [staff] = await createMembers(api.db, [{ role: 'secretariat', name: 'Zia Zone' }]);
    secretariat = { Authorization: `Bearer ${await accessTokenFor(api.db, stack.config, staff.id)}` };
  });

  it("answers a member's details confirmation at the instant stored, in the directory and the record", async () => {
    const [{ zone: session }] = (
      await api.db.execute<{ zone: string }>(sql`select current_setting('TimeZone') as zone`)
    ).rows;
    expect(session).toBe(zone);
    // Late in the evening in London, already the next day in Auckland.
    const confirmedAt = new Date('2026-12-07T22:15:30.123Z');
    const [member] = await createMembers(api.db, [{ name: 'Zed Zonecard', category: 'prison-gp', region: 'london' }]);
    await api.db.update(members).set({ detailsConfirmedAt: confirmedAt }).where(eq(members.id, member.id));

    const card = await api.http().get(`/directory/members/${member.id}`).set(secretariat).expect(200);
    expect(card.body.detailsConfirmation.confirmedAt).toBe(confirmedAt.toISOString());
    const record = await api.http().get(`/members/${member.id}`).set(secretariat).expect(200);
    expect(record.body.detailsConfirmation.confirmedAt).toBe(confirmedAt.toISOString());
  });

  it('pages the audit by the instants stored: each entry once, at its time', async () => {
    const [subject] = await createMembers(api.db, [{ name: 'Ada Audited' }]);
    const times = ['2026-12-07T10:59:59.001Z', '2026-12-07T11:00:00.5Z', '2026-12-07T23:30:00Z'];
    for (const [i, at] of times.entries())
      await api.db.insert(auditLog).values({
        at: new Date(at),
        entity: 'member',
        entityId: subject.id,
        action: 'update',
        after: { step: i },
      });
    const seen: { at: string; after: { step: number } }[] = [];
    let cursor: string | null = null;
    do {
      const query: Record<string, string | number> = { entity: 'member', id: subject.id, limit: 1 };
      if (cursor) query.cursor = cursor;
      const page = await api.http().get('/audit').query(query).set(secretariat).expect(200);
      seen.push(...page.body.items);
      cursor = page.body.nextCursor;
    } while (cursor);
    expect(seen.map((e) => [e.after.step, e.at])).toEqual([
      [2, '2026-12-07T23:30:00.000Z'],
      [1, '2026-12-07T11:00:00.500Z'],
      [0, '2026-12-07T10:59:59.001Z'],
    ]);
  });
});
