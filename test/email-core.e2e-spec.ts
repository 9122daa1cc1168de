import { Pool } from 'pg';
import { NoticeOutbox } from '../apps/api/src/notices/notice-outbox';
import { ApiHarness, startApi } from './support/api-harness';
import { commitNotices, noticeRow, noticeRows } from './support/notices';
import { eventually } from './support/poll';
import { SmtpSink, startSmtpSink } from './support/smtp-sink';
import { dropDatabase, testConfig } from './support/test-config';
import { spawnWorker, startWorker, WorkerHarness, workerEnv } from './support/worker-harness';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('background email', () => {
  let sink: SmtpSink;
  let config: ReturnType<typeof testConfig>;
  let api: ApiHarness;
  let worker: WorkerHarness;
  let outbox: NoticeOutbox;

  beforeAll(async () => {
    sink = await startSmtpSink();
    config = testConfig({ SMTP_URL: sink.url });
    api = await startApi(config);
    worker = await startWorker(config);
    outbox = api.app.get(NoticeOutbox);
  });

  afterAll(async () => {
    await worker?.close();
    await api?.close();
    await sink?.stop();
    await dropDatabase(config.databaseUrl);
  });

  it('delivers a notice committed with its change exactly once, and records it', async () => {
    const { refs, emails } = await commitNotices(api.db, outbox, 1);
    const mail = await sink.waitForMailTo(emails[0]);
    expect(mail.parsed.subject).toBe('Reset your SEG Network password');
    expect(mail.parsed.text).toContain(`${config.publicUrl}/reset-password?token=token-`);
    expect(mail.parsed.html).toContain('Choose a new password');

    const row = await eventually('the notice to be marked sent', async () => {
      const r = await noticeRow(api.db, refs[0].id);
      return r.status === 'sent' ? r : undefined;
    });
    expect(row.messageId).toBe(mail.parsed.messageId);
    expect(row.attempts).toBe(1);
    expect(row.payload).not.toHaveProperty('token');
    await worker.relay.relay();
    await sleep(500);
    expect(sink.to(emails[0])).toHaveLength(1);
  });

  it('delivers once when the same notices are queued twice and relayed', async () => {
    const { refs, emails } = await commitNotices(api.db, outbox, 5);
    await outbox.dispatch(refs);
    await outbox.dispatch(refs);
    await sink.waitFor(() => emails.every((e) => sink.to(e).length > 0));
    await worker.relay.relay();
    await sleep(1000);
    for (const email of emails) expect(sink.to(email)).toHaveLength(1);
  });

  it('retries while the SMTP server is down and delivers when it is back', async () => {
    await sink.stop();
    const { refs, emails } = await commitNotices(api.db, outbox, 3);
    await eventually('a failed attempt to be recorded', async () => {
      const rows = await noticeRows(api.db, refs.map((r) => r.id));
      return rows.every((r) => r.attempts >= 1 && r.lastError) || undefined;
    });
    const rows = await noticeRows(api.db, refs.map((r) => r.id));
    expect(rows.every((r) => r.status === 'queued')).toBe(true);
    expect(rows[0].lastError).toMatch(/ECONNREFUSED|connect/i);
    await sink.start();
    await sink.waitFor(() => emails.every((e) => sink.to(e).length === 1), 30_000);
    await eventually('the notices to be marked sent', async () => {
      const after = await noticeRows(api.db, refs.map((r) => r.id));
      return after.every((r) => r.status === 'sent' && r.attempts >= 2) || undefined;
    });
  });

  it('marks a notice refused with 550 as failed at once, without retrying, and sends the others', async () => {
    const { refs, emails } = await commitNotices(api.db, outbox, 3);
    sink.refuse.set(emails[1], 550);
    await sink.waitFor(() => sink.to(emails[0]).length === 1 && sink.to(emails[2]).length === 1);
    const failed = await eventually('the refused notice to fail', async () => {
      const r = await noticeRow(api.db, refs[1].id);
      return r.status === 'failed' ? r : undefined;
    });
    expect(failed.lastError).toMatch(/^550/);
    expect(failed.attempts).toBe(1);
    await sleep(6000);
    expect((await noticeRow(api.db, refs[1].id)).attempts).toBe(1);
    const job = await worker.sender.consumer['probe'].getJob(`notice.${refs[1].id}.0`);
    expect(job?.attemptsMade ?? 0).toBeLessThanOrEqual(1);
  });

  it('recovers in both apps after every PostgreSQL connection of the database is killed', async () => {
    const admin = new Pool({ connectionString: config.databaseUrl.replace(/\/[^/]+$/, '/postgres'), max: 1 });
    const dbName = new URL(config.databaseUrl).pathname.slice(1);
    const { rows } = await admin.query(
      'select count(pg_terminate_backend(pid))::int as killed from pg_stat_activity where datname = $1 and pid <> pg_backend_pid()',
      [dbName],
    );
    await admin.end();
    expect(rows[0].killed).toBeGreaterThan(0);

    await eventually('the API to answer healthy again', async () => (await api.http().get('/health')).status === 200 || undefined);
    const { emails } = await commitNotices(api.db, outbox, 2);
    await sink.waitFor(() => emails.every((e) => sink.to(e).length === 1), 30_000);
  });

  it('lets in-flight sends finish on SIGTERM', async () => {
    // A second, separate worker process: this test stops it with a signal.
    await worker.close();
    const spawned = spawnWorker(workerEnv(config, { LOG_LEVEL: 'warn' }));
    try {
      sink.delayMs = 1500;
      const { refs, emails } = await commitNotices(api.db, outbox, 3);
      const startedBefore = sink.started;
      await eventually('sends to be in flight', () => sink.started >= startedBefore + 3 || undefined, 30_000);
      spawned.child.kill('SIGTERM');
      // Nest re-raises the signal once the app has closed.
      expect([0, 'SIGTERM']).toContain(await spawned.exited);
      expect(spawned.output()).not.toMatch(/"level":50/);
      for (const email of emails) expect(sink.to(email)).toHaveLength(1);
      const rows = await noticeRows(api.db, refs.map((r) => r.id));
      expect(rows.map((r) => r.status)).toEqual(['sent', 'sent', 'sent']);
    } finally {
      sink.delayMs = 0;
      if (spawned.child.exitCode === null) spawned.child.kill('SIGKILL');
      worker = await startWorker(config);
    }
  });
});
