import { loadConfig } from '@seg/config';
import IORedis from 'ioredis';
import { randomBytes } from 'node:crypto';
import { DailyJobs } from './daily-jobs';

const REDIS_URL = 'redis://127.0.0.1:6379';

/** The wall-clock time of an instant in the UK. */
const londonTime = (at: Date) =>
  new Intl.DateTimeFormat('en-GB', {
    timeZone: 'Europe/London',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).format(at);

describe('DailyJobs (real Redis)', () => {
  const prefix = `seg_test_daily_${randomBytes(4).toString('hex')}`;
  const connections: IORedis[] = [];
  const jobs: DailyJobs[] = [];

  /** One worker's view of the daily jobs: its own connection, the shared prefix. */
  function workerDailyJobs(env: Record<string, string> = {}): DailyJobs {
    const connection = new IORedis(REDIS_URL, { maxRetriesPerRequest: null });
    connections.push(connection);
    const dailyJobs = new DailyJobs(loadConfig({ QUEUE_PREFIX: prefix, ...env }), connection);
    jobs.push(dailyJobs);
    return dailyJobs;
  }

  afterAll(async () => {
    await jobs[0]?.queue.obliterate({ force: true });
    for (const j of jobs) await j.onApplicationShutdown();
    for (const c of connections) c.disconnect();
  });

  it('keeps one schedule and one planned run however many workers schedule, at NUDGE_TIME UK time', async () => {
    const probe = { probe: { at: (c: ReturnType<typeof loadConfig>) => c.daily.nudgeTime } };
    const first = workerDailyJobs();
    const second = workerDailyJobs();
    await Promise.all([first.schedule(probe), second.schedule(probe)]);
    await first.schedule(probe); // a restart

    expect(await first.queue.getJobSchedulersCount()).toBe(1);
    expect(await first.queue.getJobCounts('delayed', 'waiting')).toEqual({ delayed: 1, waiting: 0 });
    const next = await second.nextRun('probe');
    expect(londonTime(next!)).toBe('09:00');
    expect(next!.getTime() - Date.now()).toBeGreaterThan(0);
    expect(next!.getTime() - Date.now()).toBeLessThanOrEqual(24 * 3600_000);

    // A deploy with another NUDGE_TIME moves the one planned run.
    await workerDailyJobs({ NUDGE_TIME: '17:45' }).schedule(probe);
    expect(await first.queue.getJobSchedulersCount()).toBe(1);
    expect(await first.queue.getJobCounts('delayed', 'waiting')).toEqual({ delayed: 1, waiting: 0 });
    expect(londonTime((await first.nextRun('probe'))!)).toBe('17:45');
  });
});
