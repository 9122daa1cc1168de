import { loadConfig } from '@seg/config';
import IORedis from 'ioredis';
import { randomBytes, randomUUID } from 'node:crypto';
import { NoticeQueue, NoticeRef, noticesPerJob, sendWindow } from './notice-queue';
import { SendNoticeJob } from './queue.contract';

describe('notices per job', () => {
  it('fills each window of the send rate with whole jobs, never more notices than the rate', () => {
    expect(sendWindow(30)).toEqual({ max: 1, duration: 2_000 });
    expect(sendWindow(3_000)).toEqual({ max: 50, duration: 1_000 });
    const perJob = [30, 60, 90, 2_400, 3_000, 600_000].map((rate) => [rate, noticesPerJob(rate)]);
    expect(perJob).toEqual([
      [30, 1],
      [60, 1],
      [90, 3],
      [2_400, 40],
      [3_000, 50],
      [600_000, 50],
    ]);
  });
});

describe('NoticeQueue claims (real Redis)', () => {
  const prefix = `seg_test_claims_${randomBytes(4).toString('hex')}`;
  const redis = new IORedis('redis://127.0.0.1:6379', { maxRetriesPerRequest: null });
  // 180 a minute: three a second, so three notices a job.
  const queue = new NoticeQueue(loadConfig({ QUEUE_PREFIX: prefix, MAIL_RATE_PER_MINUTE: '180' }), redis);
  const refs = (n: number): NoticeRef[] => Array.from({ length: n }, () => ({ id: randomUUID(), generation: 0 }));
  const jobsHolding = async () =>
    (await queue.notices.getJobs(['prioritized', 'waiting', 'delayed'])).map((j) => ({
      id: j.id!,
      ids: (j.data as SendNoticeJob).noticeIds,
    }));

  afterAll(async () => {
    await queue.onApplicationShutdown();
    const keys = await redis.keys(`${prefix}:*`);
    if (keys.length) await redis.del(...keys);
    redis.disconnect();
  });

  it('queues notices in jobs of three, and a notice queued again adds nothing', async () => {
    const notices = refs(7);
    await queue.enqueue(notices);
    await queue.enqueue(notices.slice(2));
    const jobs = await jobsHolding();
    expect(jobs.map((j) => j.ids.length).sort()).toEqual([1, 3, 3]);
    expect(jobs.flatMap((j) => j.ids).sort()).toEqual(notices.map((n) => n.id).sort());
    const claims = await queue.claimsOf(notices.map((n) => n.id));
    for (const [i, n] of notices.entries()) expect(jobs.find((j) => j.ids.includes(n.id))!.id).toBe(claims[i]);
    expect((await queue.noticeJobStates(notices)).map((s) => s.state)).toEqual(notices.map(() => 'live'));
  });

  it('retries one notice on a job of its own, and lets the relay queue a notice whose job is gone', async () => {
    const [retried, lost] = refs(2);
    await queue.enqueue([retried, lost]);
    const [from] = await queue.claimsOf([retried.id]);
    expect(await queue.retryLater([retried.id], from!, 5_000, 10)).toBe(1);
    const [to] = await queue.claimsOf([retried.id]);
    expect(to).not.toBe(from);
    expect(await queue.notices.getJobState(to!)).toBe('delayed');
    // The job it came from no longer holds it.
    expect(await queue.retryLater([retried.id], from!, 5_000, 10)).toBe(0);

    await queue.notices.remove(from!);
    const [state] = await queue.noticeJobStates([lost]);
    expect(state).toEqual({ jobId: from, state: 'missing' });
    await queue.release([
      { noticeId: lost.id, jobId: state.jobId },
      { noticeId: retried.id, jobId: from! },
    ]);
    expect(await queue.claimsOf([lost.id, retried.id])).toEqual([null, to]);
    await queue.enqueue([lost]);
    expect((await queue.noticeJobStates([lost]))[0].state).toBe('live');
  });
});
