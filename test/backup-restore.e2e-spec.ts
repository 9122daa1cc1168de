import { meetings, notices } from '@seg/db';
import { NoticeQueue, readBackupState, reminderJobId } from '@seg/queue';
import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { promisify } from 'node:util';
import { Client } from 'pg';
import IORedis from 'ioredis';
import { eq } from 'drizzle-orm';
import { BackupRunner } from '../apps/worker/src/backup/backup-runner';
import { backupFileName, pruneBackups } from '../apps/worker/src/backup/database-backup';
import { accessTokenFor, createMembers } from './support/factories';
import { eventually } from './support/poll';
import { Stack, useStack } from './support/stack';
import { dropDatabase, TEST_PG_BASE, uniqueName } from './support/test-config';
import { workerEnv } from './support/worker-harness';

const run = promisify(execFile);
const DIST = path.resolve(__dirname, '../dist/apps/worker/src/backup');

/** `npm run backup` / `npm run restore -- ...` as an operator runs them: the built scripts, on the app's settings. */
async function operator(
  script: 'backup-cli' | 'restore-cli',
  env: Record<string, string>,
  args: string[] = [],
): Promise<{ code: number; out: string }> {
  const file = path.join(DIST, `${script}.js`);
  if (!existsSync(file)) throw new Error(`${file} is missing: run npm run build first`);
  try {
    const { stdout, stderr } = await run(process.execPath, [file, ...args], { env });
    return { code: 0, out: stdout + stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, out: e.stdout + e.stderr };
  }
}

/** Every table's rows (as PostgreSQL writes a row as text, sorted) and every sequence's position. */
async function contents(databaseUrl: string): Promise<Record<string, string[]>> {
  const client = new Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const { rows: tables } = await client.query<{ s: string; t: string }>(
      `select schemaname as s, tablename as t from pg_tables
        where schemaname not in ('pg_catalog', 'information_schema') order by 1, 2`,
    );
    const out: Record<string, string[]> = {};
    for (const { s, t } of tables) {
      const { rows } = await client.query<{ r: string }>(`select x::text as r from "${s}"."${t}" x`);
      out[`${s}.${t}`] = rows.map((r) => r.r).sort();
    }
    const { rows: sequences } = await client.query<{ r: string }>(
      `select schemaname || '.' || sequencename || '=' || coalesce(last_value, 0) as r from pg_sequences`,
    );
    out['(sequences)'] = sequences.map((r) => r.r).sort();
    return out;
  } finally {
    await client.end();
  }
}

describe('backups', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'seg-backups-'));
  const stack = useStack({
    smtp: true,
    worker: true,
    env: { BACKUP_DIR: dir, METRICS_TOKEN: 'a-metrics-token-for-tests' },
  });
  const restoredUrl = `${TEST_PG_BASE}/${uniqueName('seg_restored')}`;
  let restored: Stack | null = null;

  afterAll(async () => {
    await restored?.stop();
    await dropDatabase(restoredUrl).catch(() => undefined);
    rmSync(dir, { recursive: true, force: true });
  });

  it('records a failed backup where /health, the overview and /metrics show it, until one works again', async () => {
    const blocked = path.join(dir, 'not-a-directory');
    writeFileSync(blocked, '');
    const redis = new IORedis(stack.config.redisUrl);
    try {
      const failing = new BackupRunner(
        { ...stack.config, backup: { dir: path.join(blocked, 'backups'), keepDays: 35 } },
        redis,
      );
      await expect(failing.backUp()).rejects.toThrow(/ENOTDIR|not a directory/);
      const health = (await stack.http().get('/health').expect(200)).body;
      expect(health.backup).toMatchObject({ status: 'failed', failedAt: expect.any(String) });
      const officer = (await createMembers(stack.db, [{ role: 'secretariat' }]))[0];
      const auth = { Authorization: `Bearer ${await accessTokenFor(stack.db, stack.config, officer.id)}` };
      const report = (await stack.http().get('/backups').set(auth).expect(200)).body;
      expect(report).toMatchObject({
        runsAt: '02:30',
        keepDays: 35,
        failure: { error: expect.stringMatching(/ENOTDIR/) },
      });
      const metrics = (
        await stack.http().get('/metrics').set({ Authorization: 'Bearer a-metrics-token-for-tests' }).expect(200)
      ).text;
      expect(metrics).toMatch(/^seg_backup_failure_timestamp_seconds [1-9]\d*/m);

      const done = await new BackupRunner({ ...stack.config, backup: { dir, keepDays: 35 } }, redis).backUp();
      const state = await readBackupState(redis, stack.config.queuePrefix);
      expect(state).toEqual({
        last: { at: expect.any(Date), file: done.file, sizeBytes: done.sizeBytes },
        failure: null,
      });
      expect(done.sizeBytes).toBe(statSync(path.join(dir, done.file)).size);
      const healthy = (await stack.http().get('/health').expect(200)).body;
      expect(healthy.backup).toEqual({
        status: 'ok',
        lastAt: state.last!.at.toISOString(),
        sizeBytes: done.sizeBytes,
        failedAt: null,
      });
      const after = (
        await stack.http().get('/metrics').set({ Authorization: 'Bearer a-metrics-token-for-tests' }).expect(200)
      ).text;
      expect(after).toContain(`seg_backup_last_size_bytes ${done.sizeBytes}`);
      expect(after).toContain(`seg_backup_last_timestamp_seconds ${state.last!.at.getTime() / 1000}`);
      expect(after).toMatch(/^seg_backup_failure_timestamp_seconds 0$/m);
    } finally {
      redis.disconnect();
      rmSync(blocked, { force: true });
    }
  });

  // Last of the tests that use the file's API: the restored API started in this process takes over
  // passport's one 'jwt' strategy for the process, so bearer tokens are checked on its database.
  it('the restore drill: a network backed up and restored into an empty database is the same, and its mail goes once', async () => {
    // A network as the API makes it: members, a post, meetings, invitations, replies, audit.
    const [officer, ...london] = await createMembers(stack.db, [
      { role: 'secretariat', name: 'Olu Officer' },
      ...Array.from({ length: 6 }, () => ({ region: 'london', category: 'prison-gp' })),
    ]);
    const secretariat = { Authorization: `Bearer ${await accessTokenFor(stack.db, stack.config, officer.id)}` };
    await stack
      .http()
      .post('/members')
      .set(secretariat)
      .send({ email: `${uniqueName('new')}@example.org`, name: 'Nia Evans', category: 'prison-gp', region: 'wales' })
      .expect(201);
    await stack
      .http()
      .post('/posts')
      .set(secretariat)
      .send({ memberId: london[0].id, regionCode: 'london', role: 'Regional lead', startsOn: '2025-01-01' })
      .expect(201);
    const meeting = async (title: string) =>
      (
        await stack
          .http()
          .post('/meetings')
          .set(secretariat)
          .send({ title, kind: 'hub', startsAt: '2031-06-09T10:00', endsAt: '2031-06-09T16:00', venue: 'London' })
          .expect(201)
      ).body.id as string;
    const spring = await meeting('Spring hub meeting');
    await stack
      .http()
      .post(`/meetings/${spring}/invitations`)
      .set(secretariat)
      .send({ audience: { regions: ['london'] } })
      .expect(202);
    await stack.noticesSettled();
    const member = { Authorization: `Bearer ${await accessTokenFor(stack.db, stack.config, london[1].id)}` };
    await stack.http().put(`/meetings/${spring}/rsvp`).set(member).send({ response: 'accepted' }).expect(200);
    // The worker stops: these notices are committed but not sent when the backup is taken.
    await stack.stopWorker();
    const autumn = await meeting('Autumn hub meeting');
    await stack
      .http()
      .post(`/meetings/${autumn}/invitations`)
      .set(secretariat)
      .send({ audience: { regions: ['london'] } })
      .expect(202);
    const queued = await stack.db.select().from(notices).where(eq(notices.status, 'queued'));
    const sent = await stack.db.select().from(notices).where(eq(notices.status, 'sent'));
    expect(queued.length).toBe(6);
    expect(sent.length).toBe(7);
    const before = await contents(stack.config.databaseUrl);
    expect(before['public.audit_log'].length).toBeGreaterThanOrEqual(4);

    const env = workerEnv(stack.config, { BACKUP_DIR: dir });
    const backup = await operator('backup-cli', env);
    expect(backup).toMatchObject({ code: 0, out: expect.stringMatching(/seg-.*\.dump: \d+ bytes, checked readable/) });
    const file = /(seg-[^/\s]+\.dump): /.exec(backup.out)![1];
    expect(readdirSync(dir)).toContain(file);
    expect(readdirSync(dir).filter((name) => name.startsWith('.'))).toEqual([]); // no partial file left

    const restore = await operator('restore-cli', { ...env, DATABASE_URL: restoredUrl }, [path.join(dir, file)]);
    expect(restore).toMatchObject({ code: 0 });
    expect(await contents(restoredUrl)).toEqual(before);
    // A second restore into what is now a full database is refused, and changes nothing.
    const again = await operator('restore-cli', { ...env, DATABASE_URL: restoredUrl }, [path.join(dir, file)]);
    expect(again.code).toBe(1);
    expect(again.out).toMatch(/is not empty \(\d+ tables\): restore into an empty database, or add --replace/);
    expect(await contents(restoredUrl)).toEqual(before);

    // The restored network, served elsewhere: its own API, worker, Redis prefix and mail server.
    restored = new Stack({ smtp: true, worker: true, env: { DATABASE_URL: restoredUrl } });
    await restored.start();
    await restored.noticesSettled();
    const received = restored.sink.received.flatMap((m) => m.to);
    // The six committed but unsent go out once each; the seven sent before the backup not again.
    expect(received.sort()).toEqual(queued.map((n) => n.toEmail!.toLowerCase()).sort());
    const after = await restored.db.select().from(notices);
    expect(after.filter((n) => n.status === 'sent')).toHaveLength(13);
    // Reminders live in Redis, not the database: the restored worker plans them again.
    const meetingsQueue = restored.api.app.get(NoticeQueue).meetings;
    const [{ revision }] = await restored.db.select().from(meetings).where(eq(meetings.id, spring));
    await eventually(
      'the reminder planned again',
      async () => (await meetingsQueue.getJobState(reminderJobId(spring, revision))) === 'delayed',
    );
    // The audit log goes on after the restored entries: every one kept, a new change added.
    const secretariatThere = {
      Authorization: `Bearer ${await accessTokenFor(restored.db, restored.config, officer.id)}`,
    };
    await restored.http().patch(`/meetings/${autumn}`).set(secretariatThere).send({ venue: 'Leeds' }).expect(200);
    const restoredAudit = await contents(restoredUrl);
    expect(restoredAudit['public.audit_log'].length).toBe(before['public.audit_log'].length + 1);
    for (const row of before['public.audit_log']) expect(restoredAudit['public.audit_log']).toContain(row);
    await restored.stop();
    restored = null;
  }, 300_000);

  it('removes backups older than BACKUP_KEEP_DAYS by the time in their name, and partial files a crash left', async () => {
    const old = path.join(dir, 'old');
    mkdirSync(old);
    const now = new Date('2031-05-01T02:30:00Z');
    const daysAgo = (d: number) => new Date(now.getTime() - d * 24 * 3600_000);
    const names = [35.1, 34.9, 1].map((d) => backupFileName(daysAgo(d)));
    for (const name of names) writeFileSync(path.join(old, name), 'x');
    const partial = path.join(old, `.${backupFileName(daysAgo(2))}.partial`);
    const freshPartial = path.join(old, `.${backupFileName(now)}.partial`);
    writeFileSync(partial, 'x');
    writeFileSync(freshPartial, 'x');
    utimesSync(partial, daysAgo(2), daysAgo(2));
    utimesSync(freshPartial, now, now);
    writeFileSync(path.join(old, 'notes.txt'), 'an operator file');
    expect(await pruneBackups(old, 35, now)).toEqual([path.basename(partial), names[0]].sort());
    expect(readdirSync(old).sort()).toEqual([path.basename(freshPartial), names[1], names[2], 'notes.txt'].sort());
  });
});
