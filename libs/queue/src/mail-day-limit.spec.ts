import { loadConfig } from '@seg/config';
import IORedis from 'ioredis';
import { randomBytes } from 'node:crypto';
import { DAY_MS, MailDayLimit } from './mail-day-limit';

describe('MailDayLimit (real Redis)', () => {
  const prefix = `seg_test_day_${randomBytes(4).toString('hex')}`;
  const redis = new IORedis('redis://127.0.0.1:6379', { maxRetriesPerRequest: null });
  const limited = (limit: string | undefined) =>
    new MailDayLimit(loadConfig({ QUEUE_PREFIX: `${prefix}_${limit}`, MAIL_DAILY_LIMIT: limit }), redis);
  const t0 = new Date('2026-12-07T09:00:00Z');
  const later = (ms: number) => new Date(t0.getTime() + ms);
  const notices = (n: number, from = 0) => Array.from({ length: n }, (_, i) => ({ id: `n${from + i}`, generation: 0 }));

  afterAll(async () => {
    const keys = await redis.keys(`${prefix}_*`);
    if (keys.length) await redis.del(...keys);
    redis.disconnect();
  });

  it('plans a send larger than what is left over the next days, and a repeat keeps each time', async () => {
    const day = limited('3');
    const planned = await day.plan(notices(8), t0);
    expect(planned.map((t) => t.getTime() - t0.getTime())).toEqual([
      0,
      0,
      0,
      DAY_MS,
      DAY_MS,
      DAY_MS,
      2 * DAY_MS,
      2 * DAY_MS,
    ]);
    expect(await day.plan(notices(8), later(60_000))).toEqual(planned);
    // One more, were it queued now: after the last of those.
    expect(await day.estimate(1, later(60_000))).toEqual([later(2 * DAY_MS)]);
  });

  it('lets a notice go only while fewer than the limit went in the last 24 hours, counting each notice once', async () => {
    const day = limited('2');
    const [a, b, c] = notices(3);
    expect(await day.take(a, t0)).toBeNull();
    expect(await day.take(b, later(1_000))).toBeNull();
    // Tried again (after a temporary failure): counted once, at its latest try.
    expect(await day.take(a, later(2_000))).toBeNull();
    // Full: it may go when b's send leaves the window, and is planned for then.
    expect(await day.take(c, later(3_000))).toEqual(later(1_000 + DAY_MS));
    expect(await day.estimate(1, later(4_000))).toEqual([later(2_000 + DAY_MS)]);
    expect(await day.take(c, later(1_000 + DAY_MS))).toBeNull();
  });

  it('frees the slot of a planned notice that will not be sent', async () => {
    const day = limited('1');
    const [a, b] = notices(2);
    expect(await day.plan([a], t0)).toEqual([t0]);
    expect(await day.estimate(1, t0)).toEqual([later(DAY_MS)]);
    await day.release(a);
    expect(await day.plan([b], t0)).toEqual([t0]);
  });

  it('has nothing to count without a limit', async () => {
    const day = limited(undefined);
    expect(await day.plan(notices(3), t0)).toEqual([t0, t0, t0]);
    expect(await day.take(notices(1)[0], t0)).toBeNull();
  });
});
