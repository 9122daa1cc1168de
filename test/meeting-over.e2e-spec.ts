import {
  createDatabase,
  createPool,
  meetingIsNotOverCondition,
  meetingIsOverCondition,
  meetings,
  prepareDatabase,
} from '@seg/db';
import { meetingIsOver } from '@seg/rules';
import { and, eq, inArray } from 'drizzle-orm';
import { dropDatabase, testConfig } from './support/test-config';

/** "The meeting is over" in TypeScript and in SQL answer alike on one table of cases. */
describe('the meeting is over: one rule in TypeScript and SQL', () => {
  const url = testConfig().databaseUrl;
  const now = new Date('2026-10-25T01:30:00Z');
  const ms = (offset: number) => new Date(now.getTime() + offset);
  // Just before, at and just after its end; a meeting ending on the clock-change night; a summit of a year only.
  const cases: { title: string; startsAt: Date | null; endsAt: Date | null; summitYear?: number }[] = [
    { title: 'ended a second ago', startsAt: ms(-3_600_000), endsAt: ms(-1_000) },
    { title: 'ends a millisecond ago', startsAt: ms(-3_600_000), endsAt: ms(-1) },
    { title: 'ends now', startsAt: ms(-3_600_000), endsAt: now },
    { title: 'ends in a millisecond', startsAt: ms(-3_600_000), endsAt: ms(1) },
    { title: 'not begun', startsAt: ms(86_400_000), endsAt: ms(90_000_000) },
    { title: 'an archived summit', startsAt: null, endsAt: null, summitYear: 2009 },
  ];
  let pool: ReturnType<typeof createPool>;

  beforeAll(async () => {
    await prepareDatabase(url);
    pool = createPool(url);
  });

  afterAll(async () => {
    await pool.end();
    await dropDatabase(url);
  });

  it('finds over (and not over) in SQL exactly the meetings meetingIsOver says', async () => {
    const db = createDatabase(pool);
    const rows = await db
      .insert(meetings)
      .values(cases.map((c) => ({ kind: 'other' as const, ...c })))
      .returning();
    const ids = rows.map((r) => r.id);
    const titles = async (condition: ReturnType<typeof meetingIsOverCondition>) =>
      (
        await db
          .select({ title: meetings.title })
          .from(meetings)
          .where(and(inArray(meetings.id, ids), condition))
      )
        .map((r) => r.title)
        .sort();
    const over = rows.filter((r) => meetingIsOver(r, now)).map((r) => r.title);
    expect(over.sort()).toEqual(['an archived summit', 'ended a second ago', 'ends a millisecond ago', 'ends now']);
    expect(await titles(meetingIsOverCondition(now))).toEqual(over);
    expect(await titles(meetingIsNotOverCondition(now))).toEqual(
      rows
        .filter((r) => !meetingIsOver(r, now))
        .map((r) => r.title)
        .sort(),
    );
    expect((await db.select().from(meetings).where(eq(meetings.title, 'ends now')))[0].endsAt).toEqual(now);
  });
});
