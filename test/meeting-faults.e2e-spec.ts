import { notices } from '@seg/db';
import { eq } from 'drizzle-orm';
import { ApiHarness } from './support/api-harness';
import { accessTokenFor, createMembers, TestMember } from './support/factories';
import { eventually } from './support/poll';
import { useStack } from './support/stack';
import { SpawnedWorker } from './support/worker-harness';

/**
 * Meeting notices through faults, with workers as separate processes and a Redis of the test's
 * own (the machine's Redis is never stopped or flushed).
 */
describe('meeting notices through faults', () => {
  const stack = useStack({
    ownRedis: true,
    smtp: true,
    env: { MAIL_RATE_PER_MINUTE: '6000', WORKER_CONCURRENCY: '20' },
  });
  let secretariat: string;

  const startWorkerProcess = () => stack.spawnWorker();
  const kill = async (w: SpawnedWorker, signal: NodeJS.Signals) => {
    if (w.child.exitCode === null && w.child.signalCode === null) {
      w.child.kill(signal);
      await w.exited;
    }
  };

  async function meetingFor(title: string): Promise<string> {
    const res = await stack
      .http()
      .post('/meetings')
      .set({ Authorization: `Bearer ${secretariat}` })
      .send({ title, kind: 'hub', startsAt: '2027-06-09T10:00', endsAt: '2027-06-09T16:00', venue: 'London' })
      .expect(201);
    return res.body.id;
  }

  async function invite(id: string, audience: object, through: ApiHarness = stack.api) {
    return through
      .http()
      .post(`/meetings/${id}/invitations`)
      .set({ Authorization: `Bearer ${secretariat}` })
      .send({ audience })
      .expect(202);
  }

  /** Copies received per address of the given members. */
  function deliveries(people: TestMember[]): { missing: number; duplicates: number } {
    const counts = new Map(people.map((p) => [p.email.toLowerCase(), 0]));
    for (const mail of stack.sink.received)
      for (const to of mail.to) if (counts.has(to)) counts.set(to, counts.get(to)! + 1);
    let missing = 0;
    let duplicates = 0;
    for (const n of counts.values()) {
      if (n === 0) missing += 1;
      else duplicates += n - 1;
    }
    return { missing, duplicates };
  }

  async function statuses(meetingId: string): Promise<Record<string, number>> {
    const rows = await stack.db
      .select({ status: notices.status })
      .from(notices)
      .where(eq(notices.meetingId, meetingId));
    return rows.reduce<Record<string, number>>((acc, r) => ({ ...acc, [r.status]: (acc[r.status] ?? 0) + 1 }), {});
  }

  beforeAll(async () => {
    const [staff] = await createMembers(stack.db, [{ role: 'secretariat', name: 'Secretariat' }]);
    secretariat = await accessTokenFor(stack.db, stack.config, staff.id);
  });
  // Each test starts the workers it needs.
  afterEach(() => stack.killSpawnedWorkers());

  it('misses nobody when the worker is killed mid-batch of 1,000 and restarted', async () => {
    const people = await createMembers(
      stack.db,
      Array.from({ length: 1000 }, () => ({ region: 'london' })),
    );
    const id = await meetingFor('Killed mid-batch');
    const first = startWorkerProcess();
    const res = await invite(id, { regions: ['london'] });
    expect(res.body.invited).toBe(1000);

    await stack.sink.waitFor(() => 1000 - deliveries(people).missing >= 200, 60_000);
    await kill(first, 'SIGKILL');
    const atKill = 1000 - deliveries(people).missing;
    expect(atKill).toBeLessThan(1000);

    startWorkerProcess();
    // Sends that were in flight come back when their lock runs out (30 s).
    await stack.sink.waitFor(() => deliveries(people).missing === 0, 150_000);
    await eventually(
      'every notice recorded as sent',
      async () => ((await statuses(id)).sent === 1000 ? true : undefined),
      60_000,
    );
    const { duplicates } = deliveries(people);
    process.stdout.write(
      `SIGKILL mid-batch: ${atKill} of 1000 delivered at the kill, 0 missed, ${duplicates} duplicates (at most MAIL_POOL_SIZE = ${stack.config.mail.poolSize} sent but unrecorded)\n`,
    );
    // Only an email the server accepted but the worker had not recorded yet goes twice, and each
    // SMTP connection holds at most one such: the bound is the pool, not the worker's concurrency.
    expect(duplicates).toBeLessThanOrEqual(stack.config.mail.poolSize);
  }, 240_000);

  it('delivers every notice after the SMTP server has been down for a while', async () => {
    const people = await createMembers(
      stack.db,
      Array.from({ length: 20 }, () => ({ region: 'wales' })),
    );
    const id = await meetingFor('SMTP outage');
    startWorkerProcess();
    await stack.sink.stop();
    try {
      await invite(id, { memberIds: people.map((p) => p.id) });
      await eventually(
        'failed attempts to be recorded while SMTP is down',
        async () => {
          const rows = await stack.db.select().from(notices).where(eq(notices.meetingId, id));
          return rows.length === 20 && rows.every((r) => r.status === 'queued' && r.attempts >= 1 && r.lastError)
            ? true
            : undefined;
        },
        30_000,
      );
      // Down for a while: every notice fails a retry too before the server comes back.
      await eventually(
        'a retry of each notice to fail as well',
        async () => {
          const rows = await stack.db.select().from(notices).where(eq(notices.meetingId, id));
          return rows.every((r) => r.status === 'queued' && r.attempts >= 2) || undefined;
        },
        30_000,
      );
    } finally {
      await stack.sink.start();
    }
    await stack.sink.waitFor(() => deliveries(people).missing === 0, 90_000);
    expect(deliveries(people).duplicates).toBe(0);
    await eventually(
      'every notice recorded as sent',
      async () => ((await statuses(id)).sent === 20 ? true : undefined),
      30_000,
    );
  }, 150_000);

  it('re-queues what Redis lost when it is flushed mid-batch, and everyone gets the invite', async () => {
    const people = await createMembers(
      stack.db,
      Array.from({ length: 400 }, () => ({ region: 'north-west' })),
    );
    const id = await meetingFor('Redis flushed');
    startWorkerProcess();
    await invite(id, { regions: ['north-west'] });
    await stack.sink.waitFor(() => 400 - deliveries(people).missing >= 40, 60_000);
    await stack.redis.flushAll();
    const atFlush = 400 - deliveries(people).missing;
    expect(atFlush).toBeLessThan(400);
    await stack.sink.waitFor(() => deliveries(people).missing === 0, 120_000);
    const { duplicates } = deliveries(people);
    process.stdout.write(
      `Redis flush mid-batch: ${atFlush} of 400 delivered at the flush, 0 missed, ${duplicates} duplicates\n`,
    );
    expect(duplicates).toBeLessThanOrEqual(stack.config.worker.concurrency);
    await eventually(
      'every notice recorded as sent',
      async () => ((await statuses(id)).sent === 400 ? true : undefined),
      60_000,
    );
  }, 200_000);

  it('behaves as one with two API processes and two workers', async () => {
    startWorkerProcess();
    startWorkerProcess();
    const second = await stack.startApi();
    try {
      const people = await createMembers(
        stack.db,
        Array.from({ length: 300 }, () => ({ region: 'north-east' })),
      );
      const id = await meetingFor('Two of each');
      // The same audience sent through both APIs at once, twice over.
      const results = await Promise.all([
        invite(id, { regions: ['north-east'] }),
        invite(id, { regions: ['north-east'] }, second),
        invite(id, { memberIds: people.map((p) => p.id) }, second),
      ]);
      expect(results.reduce((n, r) => n + r.body.invited, 0)).toBe(300);
      await stack.sink.waitFor(() => deliveries(people).missing === 0, 90_000);
      await stack.noticesSettled();
      expect(deliveries(people)).toEqual({ missing: 0, duplicates: 0 });
      expect(await statuses(id)).toEqual({ sent: 300 });
    } finally {
      await second.close();
    }
  }, 150_000);
});
