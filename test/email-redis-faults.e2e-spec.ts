import { QueueName } from '@seg/queue';
import { Queue } from 'bullmq';
import IORedis from 'ioredis';
import { NoticeOutbox } from '../apps/api/src/notices/notice-outbox';
import { QueueConsumer } from '../apps/worker/src/queue/queue-consumer';
import { ApiHarness, startApi } from './support/api-harness';
import { commitNotices, noticeRows } from './support/notices';
import { eventually } from './support/poll';
import { OwnRedis } from './support/redis-server';
import { SmtpSink, startSmtpSink } from './support/smtp-sink';
import { dropDatabase, testConfig } from './support/test-config';
import { startWorker, WorkerHarness } from './support/worker-harness';

/** These tests stop and flush a Redis of their own, never the machine's. */
describe('background email through Redis faults', () => {
  let redis: OwnRedis;
  let sink: SmtpSink;
  let config: ReturnType<typeof testConfig>;
  let api: ApiHarness;
  let worker: WorkerHarness;
  let outbox: NoticeOutbox;

  beforeAll(async () => {
    redis = await OwnRedis.start();
    sink = await startSmtpSink();
    // A slow send rate keeps a batch in progress long enough to break things under it.
    config = testConfig({ SMTP_URL: sink.url, REDIS_URL: redis.url, MAIL_RATE_PER_SECOND: '40' });
    api = await startApi(config);
    worker = await startWorker(config);
    outbox = api.app.get(NoticeOutbox);
  });

  afterAll(async () => {
    await worker?.close();
    await api?.close();
    await sink?.stop();
    await redis?.stop();
    await dropDatabase(config.databaseUrl);
  });

  it('re-queues what was pending after Redis is flushed mid-batch, and every email arrives', async () => {
    const { refs, emails } = await commitNotices(api.db, outbox, 200);
    await sink.waitFor(() => sink.received.length >= 20);
    await redis.flushAll();
    const deliveredAtFlush = sink.received.length;
    expect(deliveredAtFlush).toBeLessThan(200);

    await sink.waitFor(() => emails.every((e) => sink.to(e).length > 0), 60_000);
    const duplicates = emails.reduce((n, e) => n + sink.to(e).length - 1, 0);
    // Only a send in flight at the flush can go twice; the worker runs 20 at a time.
    expect(duplicates).toBeLessThanOrEqual(config.worker.concurrency);
    await eventually('every notice marked sent', async () => {
      const rows = await noticeRows(api.db, refs.map((r) => r.id));
      return rows.every((r) => r.status === 'sent') || undefined;
    }, 30_000);
    process.stdout.write(`redis flush: ${deliveredAtFlush} of 200 delivered at the flush, ${duplicates} duplicates\n`);
  });

  it('keeps working after Redis restarts under the running worker', async () => {
    const before = await commitNotices(api.db, outbox, 3);
    await sink.waitFor(() => before.emails.every((e) => sink.to(e).length === 1));

    await redis.stop();
    await new Promise((r) => setTimeout(r, 1500));
    await redis.start();

    // Written while the API may not have reconnected yet: the relay covers a failed enqueue.
    const after = await commitNotices(api.db, outbox, 5);
    await sink.waitFor(() => after.emails.every((e) => sink.to(e).length === 1), 60_000);
    await eventually('the API to see Redis again', async () => (await api.http().get('/health')).status === 200 || undefined);
  });

  it('rebuilds a worker that stays connected but picks up nothing', async () => {
    const queueName = `${QueueName.Notices}-watchdog`;
    const handled: string[] = [];
    const consumer = new QueueConsumer<{ n: number }>(
      { queueName, redisUrl: redis.url, prefix: config.queuePrefix, concurrency: 1, quietAfterMs: 1_000, checkEveryMs: 300 },
      async (job) => {
        handled.push(String(job.data.n));
        return 'done';
      },
    );
    const connection = new IORedis(redis.url, { maxRetriesPerRequest: null });
    const queue = new Queue(queueName, { connection, prefix: config.queuePrefix });
    try {
      consumer.start();
      // Play the quiet worker: connected, but no longer taking jobs.
      await consumer['worker']!.pause(true);
      await queue.add('probe', { n: 1 });
      await eventually('the job to run on a rebuilt worker', () => handled.includes('1') || undefined, 15_000);
      expect(consumer.restarts).toBeGreaterThanOrEqual(1);
    } finally {
      await consumer.close();
      await queue.close();
      connection.disconnect();
    }
  });
});
