import {
  attendance,
  auditLog,
  meetings,
  memberMessages,
  members,
  notices,
  oneTimeTokens,
  reflections,
  refreshTokens,
  retentionRuns,
} from '@seg/db';
import { DailyJobs } from '@seg/queue';
import { and, desc, eq, inArray } from 'drizzle-orm';
import { randomBytes, randomUUID } from 'node:crypto';
import { dumpHits, memberWithHistory, Persona } from './support/erasure-proof';
import { createMember, loggedIn } from './support/factories';
import { eventually } from './support/poll';
import { useStack } from './support/stack';

const HOUR = 3600_000;
const monthsAgo = (months: number) => {
  const at = new Date();
  at.setUTCMonth(at.getUTCMonth() - months);
  return at;
};

const OTTOLINE: Persona = {
  place: 'Quernmoor Fells (HMP)',
  first: {
    email: 'Ottoline.Brackwater@Example.org',
    name: 'Ottoline Brackwater',
    title: 'Palimpsest Clinical Lead',
    registration: 'NMC 61Q4471E',
    phone: '+44 7700 900561',
    bio: 'Keeps Marginalia On Sepsis',
    availability: 'Wednesdays at Skelbrook',
  },
  later: [
    { name: 'Ottoline Brackwater-Thistlemoor', phone: '+44 7700 900782', bio: 'Teaches Cartographic Handover' },
    {
      email: 'obrackwater.t@Example.net',
      title: 'Antiphonal Nurse Consultant',
      availability: 'Fridays at Dunmarrow',
      registration: 'NMC 73R5582F',
    },
  ],
  counterComment: 'Ottoline is on leave that week',
  bounceDiagnostic: 'Brackwater-Thistlemoor unknown',
  reflection: 'Learnt Quodlibet Triage At Skelbrook',
  learningTitle: 'Oneiric Pharmacology Course',
  searched: [
    'Quodlibet',
    'Oneiric',
    'Ottoline',
    'Brackwater',
    'Thistlemoor',
    'Palimpsest',
    'Antiphonal',
    'NMC 61Q4471E',
    'NMC 73R5582F',
    '7700 900561',
    '7700 900782',
    'Marginalia',
    'Cartographic',
    'Skelbrook',
    'Dunmarrow',
    'obrackwater',
  ],
};

describe('the daily retention run', () => {
  const stack = useStack({ smtp: true, worker: true });
  let secretariat: { Authorization: string };

  beforeAll(async () => {
    secretariat = (await loggedIn(stack.db, stack.config, { role: 'secretariat' })).auth;
  });

  /** Runs the retention job through the queue and the worker as if it were `at`, and waits for it to succeed. */
  async function runRetention(at = new Date()): Promise<void> {
    const daily = stack.api.app.get(DailyJobs);
    const id = await daily.runAt('retention', at);
    await eventually(`the retention run at ${at.toISOString()} to finish`, async () => {
      const job = await daily.queue.getJob(id);
      if (job?.failedReason) throw new Error(`the run failed: ${job.failedReason}`);
      return (await job?.getState()) === 'completed';
    });
  }

  /** What each rule removed on its latest run. */
  async function lastRemoved(): Promise<Record<string, number>> {
    const rows = await stack.db
      .selectDistinctOn([retentionRuns.rule])
      .from(retentionRuns)
      .orderBy(retentionRuns.rule, desc(retentionRuns.ranAt));
    return Object.fromEntries(rows.map((r) => [r.rule, r.removed]));
  }

  it('erases a member who left 25 months ago, leaving nothing of them in the database, and keeps one who left 23 months ago', async () => {
    const gone = await memberWithHistory(stack, secretariat, OTTOLINE);
    const stays = await createMember(stack.db, {
      name: 'Perpetua Lindqvist-Ashgrove',
      phone: '+44 7700 900333',
      region: 'wales',
    });
    for (const id of [gone.id, stays.id])
      await stack.http().patch(`/members/${id}`).set(secretariat).send({ status: 'left' }).expect(200);
    // Leaving is recorded when the status changes; these two left long ago.
    const [left] = await stack.db.select({ leftAt: members.leftAt }).from(members).where(eq(members.id, gone.id));
    expect(left.leftAt).not.toBeNull();
    await stack.db
      .update(members)
      .set({ leftAt: monthsAgo(25) })
      .where(eq(members.id, gone.id));
    await stack.db
      .update(members)
      .set({ leftAt: monthsAgo(23) })
      .where(eq(members.id, stays.id));
    await stack.noticesSettled();
    expect(dumpHits(stack, OTTOLINE.searched).length).toBeGreaterThan(0);

    await runRetention();

    expect(dumpHits(stack, OTTOLINE.searched)).toEqual([]);
    expect(dumpHits(stack, ['Lindqvist-Ashgrove', '7700 900333'])).toEqual(
      expect.arrayContaining(['Lindqvist-Ashgrove', '7700 900333']),
    );
    const record = await stack.http().get(`/members/${gone.id}`).set(secretariat).expect(200);
    expect(record.body).toMatchObject({
      name: expect.stringMatching(/^Former member \d+$/),
      status: 'left',
      phone: null,
      establishments: [],
    });
    expect(record.body.posts).toEqual([expect.objectContaining({ role: 'Regional lead' })]);
    await expect(stack.http().get(`/members/${stays.id}`).set(secretariat).expect(200)).resolves.toMatchObject({
      body: { name: 'Perpetua Lindqvist-Ashgrove', status: 'left' },
    });

    // One audit entry, made by the system, says why.
    const erasure = await stack.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.entityId, gone.id), eq(auditLog.action, 'erase')));
    expect(erasure).toEqual([
      expect.objectContaining({
        actorId: null,
        requestId: null,
        after: { name: record.body.name, reason: 'retention: left more than 24 months ago' },
      }),
    ]);
    expect((await lastRemoved())['left-members']).toBe(1);

    // A second run the same day finds nothing more to remove.
    await runRetention(new Date(Date.now() + HOUR));
    expect(await lastRemoved()).toEqual({
      'left-members': 0,
      notices: 0,
      'member-messages': 0,
      sessions: 0,
      'one-time-tokens': 0,
      attendance: 0,
    });
    await expect(
      stack.db
        .select()
        .from(auditLog)
        .where(and(eq(auditLog.entityId, gone.id), eq(auditLog.action, 'erase'))),
    ).resolves.toHaveLength(1);
  });

  it('strips notices older than the period of their address and text, keeping their kind, dates, states and attempts', async () => {
    const member = await createMember(stack.db, { name: 'Ignatius Fallowby' });
    const sentAt = (months: number) => monthsAgo(months);
    const written = await stack.db
      .insert(notices)
      .values(
        [25, 25, 23].map((months, i) => ({
          kind: 'password-reset',
          memberId: member.id,
          toEmail: member.email,
          payload: { token: `old-token-${i}` },
          status: i === 1 ? ('failed' as const) : ('sent' as const),
          attempts: i + 1,
          lastError: i === 1 ? `550 ${member.email}: mailbox full` : null,
          sentAt: sentAt(months),
          createdAt: sentAt(months),
          updatedAt: sentAt(months),
        })),
      )
      .returning();
    const byAge = (rows: (typeof notices.$inferSelect)[]) =>
      rows.map(({ kind, status, attempts, sentAt, createdAt }) => ({ kind, status, attempts, sentAt, createdAt }));

    await runRetention();

    const after = await stack.db
      .select()
      .from(notices)
      .where(
        inArray(
          notices.id,
          written.map((n) => n.id),
        ),
      )
      .orderBy(notices.attempts);
    expect(byAge(after)).toEqual(byAge(written));
    expect(after.slice(0, 2).map(({ toEmail, payload, lastError }) => ({ toEmail, payload, lastError }))).toEqual([
      { toEmail: '[erased]', payload: {}, lastError: null },
      { toEmail: '[erased]', payload: {}, lastError: null },
    ]);
    expect(after[2]).toMatchObject({ toEmail: member.email, payload: { token: 'old-token-2' } });
    expect((await lastRemoved()).notices).toBe(2);
  });

  it("deletes the record of messages between members older than the notices' period, reported or not", async () => {
    const [writer, reader] = [await createMember(stack.db), await createMember(stack.db)];
    const written = await stack.db
      .insert(memberMessages)
      .values(
        [25, 25, 23].map((months, i) => ({
          senderId: writer.id,
          recipientId: reader.id,
          sentAt: monthsAgo(months),
          reportedAt: i === 1 ? monthsAgo(months) : null,
          reportNote: i === 1 ? 'Unwanted' : null,
        })),
      )
      .returning();

    await runRetention();

    const left = await stack.db
      .select({ id: memberMessages.id })
      .from(memberMessages)
      .where(eq(memberMessages.senderId, writer.id));
    expect(left).toEqual([{ id: written[2]!.id }]);
    expect((await lastRemoved())['member-messages']).toBe(2);
  });

  it('deletes ended sign-ins and used or expired one-time tokens, and keeps live ones', async () => {
    const member = await createMember(stack.db, { name: 'Wilhelmina Stoat' });
    const token = (expiresAt: Date, familyId = randomUUID()) => ({
      memberId: member.id,
      familyId,
      tokenHash: randomBytes(32).toString('hex'),
      expiresAt,
    });
    const ended = randomUUID();
    const live = randomUUID();
    await stack.db.insert(refreshTokens).values([
      token(new Date(Date.now() - 2 * HOUR), ended),
      token(new Date(Date.now() - HOUR), ended),
      // A sign-in refreshed since its first token expired is live, and keeps its start.
      token(new Date(Date.now() - HOUR), live),
      token(new Date(Date.now() + 24 * HOUR), live),
    ]);
    const link = (purpose: 'activation' | 'password-reset', expiresAt: Date, usedAt: Date | null = null) => ({
      memberId: member.id,
      purpose,
      tokenHash: randomBytes(32).toString('hex'),
      expiresAt,
      usedAt,
      securityStamp: member.securityStamp,
    });
    const links = await stack.db
      .insert(oneTimeTokens)
      .values([
        link('activation', new Date(Date.now() + 24 * HOUR), new Date()),
        link('password-reset', new Date(Date.now() - HOUR)),
        link('password-reset', new Date(Date.now() + HOUR)),
      ])
      .returning();

    await runRetention();

    const sessions = await stack.db.select().from(refreshTokens).where(eq(refreshTokens.memberId, member.id));
    expect(sessions.map((s) => s.familyId)).toEqual([live, live]);
    const kept = await stack.db.select().from(oneTimeTokens).where(eq(oneTimeTokens.memberId, member.id));
    expect(kept.map((t) => t.id)).toEqual([links[2].id]);
    expect(await lastRemoved()).toMatchObject({ sessions: 1, 'one-time-tokens': 2 });
  });

  it('removes attendance, certificates and reflections once their meeting is RETENTION_ATTENDANCE_YEARS old', async () => {
    const member = await createMember(stack.db, { name: 'Perpetua Ledger' });
    const meeting = async (values: Partial<typeof meetings.$inferInsert>) =>
      (
        await stack.db
          .insert(meetings)
          .values({ title: 'Spoke meeting', kind: 'regional', status: 'scheduled', ...values })
          .returning()
      )[0].id;
    const ended = (months: number) => ({
      startsAt: new Date(monthsAgo(months).getTime() - 2 * HOUR),
      endsAt: monthsAgo(months),
    });
    const thisYear = new Date().getUTCFullYear();
    const [old, recent, oldSummit, recentSummit] = [
      await meeting(ended(61)),
      await meeting(ended(59)),
      // Archived summits known by their year count as ending with it: six years back is gone, five is not yet.
      await meeting({ kind: 'summit', summitNumber: 900, summitYear: thisYear - 6 }),
      await meeting({ kind: 'summit', summitNumber: 901, summitYear: thisYear - 5 }),
    ];
    const rows = await stack.db
      .insert(attendance)
      .values(
        [old, recent, oldSummit, recentSummit].map((meetingId, i) => ({
          meetingId,
          memberId: member.id,
          source: 'organiser' as const,
          certificateNumber: `SEG-TEST-0000-000${i}`,
        })),
      )
      .returning();
    await stack.db
      .insert(reflections)
      .values(rows.map((r) => ({ attendanceId: r.id, learnt: 'Palimpsest of sepsis' })));

    await runRetention();
    const kept = await stack.db.select().from(attendance).where(eq(attendance.memberId, member.id));
    expect(kept.map((a) => a.meetingId).sort()).toEqual([recent, recentSummit].sort());
    const notes = await stack.db
      .select()
      .from(reflections)
      .where(
        inArray(
          reflections.attendanceId,
          rows.map((r) => r.id),
        ),
      );
    expect(notes.map((n) => n.attendanceId).sort()).toEqual(kept.map((a) => a.id).sort());
    expect(await lastRemoved()).toMatchObject({ attendance: 2 });
    // The meetings stay: the network's history; a second run the same day removes nothing more.
    await expect(
      stack.db
        .select()
        .from(meetings)
        .where(inArray(meetings.id, [old, oldSummit])),
    ).resolves.toHaveLength(2);
    await runRetention();
    expect(await lastRemoved()).toMatchObject({ attendance: 0 });
  });

  it("reports to the secretariat each rule's period and what its last run removed, and to nobody else", async () => {
    await runRetention();
    const member = await createMember(stack.db, { name: 'Cosmo Pettigrew' });
    await stack.db.update(members).set({ status: 'left' }).where(eq(members.id, member.id));
    await stack.db
      .update(members)
      .set({ leftAt: monthsAgo(30) })
      .where(eq(members.id, member.id));
    const other = await createMember(stack.db);
    await stack.db.insert(notices).values({
      kind: 'password-reset',
      memberId: other.id,
      toEmail: other.email,
      status: 'sent',
      createdAt: monthsAgo(30),
    });
    await stack.db.insert(refreshTokens).values({
      memberId: other.id,
      familyId: randomUUID(),
      tokenHash: randomBytes(32).toString('hex'),
      expiresAt: new Date(Date.now() - HOUR),
    });
    const asOf = new Date();
    await runRetention(asOf);

    const report = await stack.http().get('/privacy/retention').set(secretariat).expect(200);
    expect(report.body).toEqual({
      runsAt: '03:30',
      rules: [
        {
          rule: 'left-members',
          periodMonths: 24,
          lastRun: { ranAt: expect.any(String), asOf: asOf.toISOString(), removed: 1 },
        },
        {
          rule: 'notices',
          periodMonths: 24,
          lastRun: { ranAt: expect.any(String), asOf: asOf.toISOString(), removed: 1 },
        },
        {
          rule: 'member-messages',
          periodMonths: 24,
          lastRun: { ranAt: expect.any(String), asOf: asOf.toISOString(), removed: 0 },
        },
        {
          rule: 'sessions',
          periodMonths: null,
          lastRun: { ranAt: expect.any(String), asOf: asOf.toISOString(), removed: 1 },
        },
        {
          rule: 'one-time-tokens',
          periodMonths: null,
          lastRun: { ranAt: expect.any(String), asOf: asOf.toISOString(), removed: 0 },
        },
        {
          rule: 'attendance',
          periodMonths: 60,
          lastRun: { ranAt: expect.any(String), asOf: asOf.toISOString(), removed: 0 },
        },
      ],
    });
    const { auth } = await loggedIn(stack.db, stack.config);
    await stack.http().get('/privacy/retention').set(auth).expect(403);
    await stack.http().get('/privacy/retention').expect(401);
  });
});
