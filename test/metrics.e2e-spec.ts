import { DailyJobs } from '@seg/queue';
import { notices } from '@seg/db';
import { NoticeOutbox } from '@seg/notices';
import { inArray, sql } from 'drizzle-orm';
import { randomUUID } from 'node:crypto';
import { createMember } from './support/factories';
import { commitNotices } from './support/notices';
import { eventually } from './support/poll';
import { useStack } from './support/stack';

const TOKEN = 'metrics-token-for-the-test-only';
const MAILBOX = 'seg@seg.example';

interface Sample {
  name: string;
  labels: Record<string, string>;
  value: number;
}

/** The samples of a Prometheus text exposition. */
function samples(text: string): Sample[] {
  return text
    .split('\n')
    .filter((line) => line && !line.startsWith('#'))
    .map((line) => {
      const m = /^([a-zA-Z_:][\w:]*)(?:\{(.*)\})? (\S+)$/.exec(line);
      if (!m) throw new Error(`Not a sample line: ${line}`);
      const labels = Object.fromEntries(
        [...(m[2] ?? '').matchAll(/(\w+)="((?:[^"\\]|\\.)*)"/g)].map((l) => [l[1], l[2]]),
      );
      return { name: m[1], labels, value: Number(m[3]) };
    });
}

/** The value of the one sample of `name` with these labels (others may be present), or undefined. */
function valueOf(all: Sample[], name: string, labels: Record<string, string> = {}): number | undefined {
  const found = all.filter((s) => s.name === name && Object.entries(labels).every(([k, v]) => s.labels[k] === v));
  if (found.length > 1) throw new Error(`${found.length} samples of ${name} ${JSON.stringify(labels)}`);
  return found[0]?.value;
}

describe('GET /metrics without METRICS_TOKEN', () => {
  const stack = useStack();

  it('is not there', async () => {
    await stack.http().get('/metrics').set('Authorization', `Bearer ${TOKEN}`).expect(404);
  });
});

describe('GET /metrics', () => {
  const stack = useStack({
    smtp: true,
    imap: true,
    env: { METRICS_TOKEN: TOKEN, MAIL_FROM: `SEG Network <${MAILBOX}>`, IMAP_POLL_SECONDS: '1' },
  });
  const scrape = async () => {
    const res = await stack.http().get('/metrics').set('Authorization', `Bearer ${TOKEN}`).expect(200);
    // Prometheus's text format, version 0.0.4 (parameters in any order).
    expect(res.headers['content-type'].split(/;\s*/).sort()).toEqual(['charset=utf-8', 'text/plain', 'version=0.0.4']);
    return samples(res.text);
  };

  it('asks for the token', async () => {
    await stack.http().get('/metrics').expect(401);
    await stack.http().get('/metrics').set('Authorization', `Bearer ${TOKEN}x`).expect(401);
    await stack.http().get('/metrics').set('Authorization', TOKEN).expect(401);
    await scrape();
  });

  it('counts requests by route template and status, with their durations', async () => {
    const before = await scrape();
    const count = (all: Sample[], labels: Record<string, string>) =>
      valueOf(all, 'seg_http_request_duration_seconds_count', labels) ?? 0;
    const member = { method: 'GET', route: '/members/:id', status: '401' };
    const health = { method: 'GET', route: '/health', status: '200' };
    await stack.http().get(`/members/${randomUUID()}`).expect(401);
    await stack.http().get(`/members/${randomUUID()}`).expect(401);
    await stack.http().get('/health').expect(200);
    await stack.http().get('/no/such/page').set('Accept', 'application/json').expect(404);
    const after = await scrape();
    expect(count(after, member) - count(before, member)).toBe(2);
    expect(count(after, health) - count(before, health)).toBe(1);
    expect(count(after, { route: 'other', status: '404' })).toBeGreaterThanOrEqual(1);
    expect(valueOf(after, 'seg_http_request_duration_seconds_sum', member)).toBeGreaterThan(0);
    // No series per member id: the path's values never become labels.
    expect(after.filter((s) => s.labels.route?.includes('-'))).toEqual([]);
  });

  it("shows notices by state, the queues and the oldest queued notice's age, as the worker sends", async () => {
    const outbox = stack.api.app.get(NoticeOutbox);
    const { refs } = await commitNotices(stack.db, outbox, 3);
    // One of them was written 20 minutes ago and is still waiting: what the alert looks for.
    await stack.db
      .update(notices)
      .set({ createdAt: sql`now() - interval '20 minutes'` })
      .where(inArray(notices.id, [refs[0].id]));

    const waiting = await scrape();
    expect(valueOf(waiting, 'seg_notices', { state: 'queued' })).toBe(3);
    expect(valueOf(waiting, 'seg_notices', { state: 'sent' })).toBe(0);
    // Queued together, the three share one job.
    expect(valueOf(waiting, 'seg_queue_jobs', { queue: 'notices', state: 'waiting' })).toBe(1);
    for (const state of ['active', 'delayed', 'failed'])
      expect(valueOf(waiting, 'seg_queue_jobs', { queue: 'notices', state })).toBe(0);
    expect(valueOf(waiting, 'seg_queue_jobs', { queue: 'meetings', state: 'waiting' })).toBe(0);
    const age = valueOf(waiting, 'seg_notice_oldest_queued_age_seconds')!;
    expect(age).toBeGreaterThanOrEqual(20 * 60);
    expect(age).toBeLessThan(30 * 60);

    await stack.startWorker();
    await stack.noticesSettled();
    const sent = await scrape();
    expect(valueOf(sent, 'seg_notices', { state: 'queued' })).toBe(0);
    expect(valueOf(sent, 'seg_notices', { state: 'sent' })).toBe(3);
    expect(valueOf(sent, 'seg_queue_jobs', { queue: 'notices', state: 'waiting' })).toBe(0);
    expect(valueOf(sent, 'seg_notice_oldest_queued_age_seconds')).toBe(0);
  });

  it("shows the worker's last read of the mailbox and the inbound messages read and unmatched", async () => {
    // The worker started above reads the mailbox every second (IMAP_POLL_SECONDS) and says so through Redis.
    const lastRead = async () => valueOf(await scrape(), 'seg_inbound_last_read_timestamp_seconds');
    const first = await eventually('a first mailbox read', async () => ((await lastRead()) ?? 0) > 0 && lastRead());
    await eventually('a later mailbox read', async () => ((await lastRead()) ?? 0) > first!);
    const before = valueOf(await scrape(), 'seg_inbound_messages', { outcome: 'unmatched' })!;
    const stranger = await createMember(stack.db);
    await stack.imap.append(
      Buffer.from(
        [
          `From: ${stranger.email}`,
          `To: ${MAILBOX}`,
          'Subject: Hello',
          `Message-ID: <${randomUUID()}@example.net>`,
          'Date: Mon, 1 Jun 2026 10:00:00 +0000',
          '',
          'Not a reply to anything.',
          '',
        ].join('\r\n'),
      ),
    );
    await eventually('the message set aside as unmatched', async () => {
      return valueOf(await scrape(), 'seg_inbound_messages', { outcome: 'unmatched' }) === before + 1;
    });
    expect(valueOf(await scrape(), 'seg_inbound_messages', { outcome: 'reply' })).toBe(0);
  });

  it('shows when the retention run last finished', async () => {
    expect(valueOf(await scrape(), 'seg_retention_last_run_timestamp_seconds')).toBe(0);
    await stack.api.app.get(DailyJobs).runAt('retention', new Date());
    await eventually('the retention run on /metrics', async () => {
      return (valueOf(await scrape(), 'seg_retention_last_run_timestamp_seconds') ?? 0) > 0;
    });
  });
});
