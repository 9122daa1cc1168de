import { Pool } from 'pg';
import { NoticeOutbox } from '@seg/notices';
import { commitNotices, noticeRow, noticeRows } from './support/notices';
import { eventually } from './support/poll';
import { useStack } from './support/stack';

describe('background email', () => {
  const stack = useStack({ smtp: true, worker: true });
  let outbox: NoticeOutbox;

  beforeAll(() => {
    outbox = stack.api.app.get(NoticeOutbox);
  });

  it('delivers a notice committed with its change exactly once, and records it', async () => {
    const { refs, emails } = await commitNotices(stack.db, outbox, 1);
    const mail = await stack.sink.waitForMailTo(emails[0]);
    expect(mail.parsed.subject).toBe('Reset your SEG Network password');
    expect(mail.parsed.text).toContain(`${stack.config.publicUrl}/reset-password?token=token-`);
    expect(mail.parsed.html).toContain('Choose a new password');

    const row = await eventually('the notice to be marked sent', async () => {
      const r = await noticeRow(stack.db, refs[0].id);
      return r.status === 'sent' ? r : undefined;
    });
    expect(row.messageId).toBe(mail.parsed.messageId);
    expect(row.attempts).toBe(1);
    expect(row.payload).not.toHaveProperty('token');
    await stack.worker.relay.relay();
    await stack.noticesSettled();
    expect(stack.sink.to(emails[0])).toHaveLength(1);
  });

  it('delivers once when the same notices are queued twice and relayed', async () => {
    const { refs, emails } = await commitNotices(stack.db, outbox, 5);
    await outbox.dispatch(refs);
    await outbox.dispatch(refs);
    await stack.sink.waitFor(() => emails.every((e) => stack.sink.to(e).length > 0));
    await stack.worker.relay.relay();
    await stack.noticesSettled();
    for (const email of emails) expect(stack.sink.to(email)).toHaveLength(1);
  });

  it('retries while the SMTP server is down and delivers when it is back', async () => {
    await stack.sink.stop();
    const { refs, emails } = await commitNotices(stack.db, outbox, 3);
    await eventually('a failed attempt to be recorded', async () => {
      const rows = await noticeRows(
        stack.db,
        refs.map((r) => r.id),
      );
      return rows.every((r) => r.attempts >= 1 && r.lastError) || undefined;
    });
    const rows = await noticeRows(
      stack.db,
      refs.map((r) => r.id),
    );
    expect(rows.every((r) => r.status === 'queued')).toBe(true);
    expect(rows[0].lastError).toMatch(/ECONNREFUSED|connect/i);
    await stack.sink.start();
    await stack.sink.waitFor(() => emails.every((e) => stack.sink.to(e).length === 1), 30_000);
    await eventually('the notices to be marked sent', async () => {
      const after = await noticeRows(
        stack.db,
        refs.map((r) => r.id),
      );
      return after.every((r) => r.status === 'sent' && r.attempts >= 2) || undefined;
    });
  });

  it('marks a notice refused with 550 as failed at once, without retrying, and sends the others', async () => {
    const { refs, emails } = await commitNotices(stack.db, outbox, 3);
    stack.sink.refuse.set(emails[1], 550);
    await stack.sink.waitFor(() => stack.sink.to(emails[0]).length === 1 && stack.sink.to(emails[2]).length === 1);
    const failed = await eventually('the refused notice to fail', async () => {
      const r = await noticeRow(stack.db, refs[1].id);
      return r.status === 'failed' ? r : undefined;
    });
    expect(failed.lastError).toMatch(/^550/);
    expect(failed.attempts).toBe(1);
    // Nothing waits to try it again (no job waiting or delayed), and nothing else is left to send.
    await stack.noticesSettled();
    expect((await noticeRow(stack.db, refs[1].id)).attempts).toBe(1);
    for (const email of [emails[0], emails[2]]) expect(stack.sink.to(email)).toHaveLength(1);
  });

  it('retries a notice refused for now on its own, without sending the others of its job again', async () => {
    const { refs, emails } = await commitNotices(stack.db, outbox, 3);
    stack.sink.refuse.set(emails[1], 450);
    await eventually('the refused notice to count a failed attempt', async () => {
      const r = await noticeRow(stack.db, refs[1].id);
      return (r.status === 'queued' && r.attempts === 1 && r.lastError) || undefined;
    });
    stack.sink.refuse.delete(emails[1]);
    await stack.sink.waitFor(() => stack.sink.to(emails[1]).length === 1, 30_000);
    await stack.noticesSettled();
    for (const email of emails) expect(stack.sink.to(email)).toHaveLength(1);
    const rows = await noticeRows(
      stack.db,
      refs.map((r) => r.id),
    );
    const attempts = new Map(rows.map((r) => [r.id, [r.status, r.attempts]]));
    expect(refs.map((r) => attempts.get(r.id))).toEqual([
      ['sent', 1],
      ['sent', 2],
      ['sent', 1],
    ]);
  });

  it('recovers in both apps after every PostgreSQL connection of the database is killed', async () => {
    const admin = new Pool({ connectionString: stack.config.databaseUrl.replace(/\/[^/]+$/, '/postgres'), max: 1 });
    const dbName = new URL(stack.config.databaseUrl).pathname.slice(1);
    const { rows } = await admin.query(
      'select count(pg_terminate_backend(pid))::int as killed from pg_stat_activity where datname = $1 and pid <> pg_backend_pid()',
      [dbName],
    );
    await admin.end();
    expect(rows[0].killed).toBeGreaterThan(0);

    await eventually(
      'the API to answer healthy again',
      async () => (await stack.http().get('/health')).status === 200 || undefined,
    );
    const { emails } = await commitNotices(stack.db, outbox, 2);
    await stack.sink.waitFor(() => emails.every((e) => stack.sink.to(e).length === 1), 30_000);
  });

  it('lets in-flight sends finish on SIGTERM', async () => {
    // A second, separate worker process: this test stops it with a signal.
    await stack.stopWorker();
    const spawned = stack.spawnWorker();
    try {
      stack.sink.delayMs = 1500;
      const { refs, emails } = await commitNotices(stack.db, outbox, 3);
      const startedBefore = stack.sink.started;
      await eventually('sends to be in flight', () => stack.sink.started >= startedBefore + 3 || undefined, 30_000);
      spawned.child.kill('SIGTERM');
      // Nest re-raises the signal once the app has closed.
      expect([0, 'SIGTERM']).toContain(await spawned.exited);
      expect(spawned.output()).not.toMatch(/"level":50/);
      for (const email of emails) expect(stack.sink.to(email)).toHaveLength(1);
      const rows = await noticeRows(
        stack.db,
        refs.map((r) => r.id),
      );
      expect(rows.map((r) => r.status)).toEqual(['sent', 'sent', 'sent']);
    } finally {
      stack.sink.delayMs = 0;
      if (spawned.child.exitCode === null) spawned.child.kill('SIGKILL');
      await stack.startWorker();
    }
  });
});
