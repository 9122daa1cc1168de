import { QueueName } from '@seg/queue';
import { Queue } from 'bullmq';
import IORedis from 'ioredis';
import { NoticeOutbox } from '@seg/notices';
import { QueueConsumer } from '../apps/worker/src/queue/queue-consumer';
import { commitNotices, noticeRows } from './support/notices';
import { eventually } from './support/poll';
import { useStack } from './support/stack';

/** These tests stop and flush a Redis of their own, never the machine's. */
describe('background email through Redis faults', () => {
  // A slow send rate keeps a batch in progress long enough to break things under it.
  const stack = useStack({ ownRedis: true, smtp: true, worker: true, env: { MAIL_RATE_PER_MINUTE: '2400' } });
  let outbox: NoticeOutbox;

  beforeAll(() => {
    outbox = stack.api.app.get(NoticeOutbox);
  });

  it('re-queues what was pending after Redis is flushed mid-batch, and every email arrives', async () => {
    const { refs, emails } = await commitNotices(stack.db, outbox, 200);
    await stack.sink.waitFor(() => stack.sink.received.length >= 20);
    await stack.redis.flushAll();
    const deliveredAtFlush = stack.sink.received.length;
    expect(deliveredAtFlush).toBeLessThan(200);

    await stack.sink.waitFor(() => emails.every((e) => stack.sink.to(e).length > 0), 60_000);
    const duplicates = emails.reduce((n, e) => n + stack.sink.to(e).length - 1, 0);
    // Only a send in flight at the flush can go twice; the worker runs 20 at a time.
    expect(duplicates).toBeLessThanOrEqual(stack.config.worker.concurrency);
    await eventually(
      'every notice marked sent',
      async () => {
        const rows = await noticeRows(
          stack.db,
          refs.map((r) => r.id),
        );
        return rows.every((r) => r.status === 'sent') || undefined;
      },
      30_000,
    );
    process.stdout.write(`redis flush: ${deliveredAtFlush} of 200 delivered at the flush, ${duplicates} duplicates\n`);
  });

  it('keeps working after Redis restarts under the running worker', async () => {
    const before = await commitNotices(stack.db, outbox, 3);
    await stack.sink.waitFor(() => before.emails.every((e) => stack.sink.to(e).length === 1));

    await stack.redis.stop();
    await eventually(
      'the API to see Redis down',
      async () => (await stack.http().get('/health')).body.redis === 'down',
    );
    await stack.redis.start();

    // Written while the API may not have reconnected yet: the relay covers a failed enqueue.
    const after = await commitNotices(stack.db, outbox, 5);
    await stack.sink.waitFor(() => after.emails.every((e) => stack.sink.to(e).length === 1), 60_000);
    await eventually(
      'the API to see Redis again',
      async () => (await stack.http().get('/health')).status === 200 || undefined,
    );
  });

  it('rebuilds a worker that stays connected but picks up nothing', async () => {
    const queueName = `${QueueName.Notices}-watchdog`;
    const handled: string[] = [];
    const consumer = new QueueConsumer<{ n: number }>(
      {
        queueName,
        redisUrl: stack.redis.url,
        prefix: stack.config.queuePrefix,
        concurrency: 1,
        quietAfterMs: 1_000,
        checkEveryMs: 300,
      },
      async (job) => {
        handled.push(String(job.data.n));
        return 'done';
      },
    );
    const connection = new IORedis(stack.redis.url, { maxRetriesPerRequest: null });
    const queue = new Queue(queueName, { connection, prefix: stack.config.queuePrefix });
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
