import { members } from '@seg/db';
import { DAILY_JOBS, DailyJobs, dailySchedulerId } from '@seg/queue';
import { eq } from 'drizzle-orm';
import { Client } from 'pg';
import { createMember } from './support/factories';
import { eventually } from './support/poll';
import { useStack } from './support/stack';

/**
 * The daily run with workers as separate processes (the built worker): two workers keep one
 * schedule, and a worker killed in the middle of the day's run leaves it to the other, so the
 * member due is asked exactly once.
 */
describe('confirm-details run across workers', () => {
  const stack = useStack({ smtp: true });
  afterEach(() => stack.killSpawnedWorkers());

  it('sends one email to a member due, with two workers and one of them restarted mid-run', async () => {
    const due = await createMember(stack.db, { region: 'london' });
    const lastYear = new Date(Date.now() - 400 * 24 * 3600_000);
    await stack.db.update(members).set({ detailsConfirmedAt: lastYear }).where(eq(members.id, due.id));
    const daily = stack.api.app.get(DailyJobs);

    const first = stack.spawnWorker();
    const next = await eventually('the first worker to schedule the daily run', async () =>
      (await daily.queue.getDelayed()).find((j) => j.repeatJobKey === dailySchedulerId('confirm-details')),
    );

    // The run gets stuck on the member's row, so the worker can be killed in the middle of it.
    const holder = new Client({ connectionString: stack.config.databaseUrl });
    await holder.connect();
    try {
      await holder.query('begin');
      await holder.query('select id from members where id = $1 for update', [due.id]);
      // The clock moves to the scheduled time: tomorrow's run starts now, counting as tomorrow.
      await next.promote();
      await eventually('the first worker to be in the middle of the run', async () => {
        const waiting = await holder.query(
          `select 1 from pg_stat_activity where datname = current_database() and wait_event_type = 'Lock'`,
        );
        return (await next.getState()) === 'active' && waiting.rowCount === 1;
      });

      const second = stack.spawnWorker();
      first.child.kill('SIGKILL');
      await first.exited;
      stack.spawnWorker();
      await holder.query('commit');
      // The killed worker's job is taken again once its lock runs out (about 30 s).
      await eventually(
        'the run to complete on another worker',
        async () => (await next.getState()) === 'completed',
        150_000,
      );
      expect(second.child.exitCode).toBeNull();
    } finally {
      await holder.end();
    }

    await stack.noticesSettled();
    expect(stack.sink.to(due.email)).toHaveLength(1);
    const [row] = await stack.db.select().from(members).where(eq(members.id, due.id));
    // The run counted as its scheduled time, not the moment it ran.
    expect(row.detailsRequestedAt!.getTime()).toBe(next.opts.prevMillis);
    // Three workers started: one schedule per daily job, and one run planned for a later day.
    expect(await daily.queue.getJobSchedulersCount()).toBe(Object.keys(DAILY_JOBS).length);
    const planned = (await daily.queue.getDelayed()).filter(
      (j) => j.repeatJobKey === dailySchedulerId('confirm-details') && !j.finishedOn,
    );
    expect(planned).toHaveLength(1);
    expect(planned[0].opts.prevMillis).toBeGreaterThan(next.opts.prevMillis!);
  }, 240_000);
});
