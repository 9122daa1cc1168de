import { notices } from '@seg/db';
import { inboundReaderLockKey } from '@seg/queue';
import { ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { Agent, get, request } from 'node:http';
import { createServer } from 'node:net';
import * as path from 'node:path';
import { eq } from 'drizzle-orm';
import IORedis from 'ioredis';
import { Client } from 'pg';
import { Stopping } from '../apps/api/src/health/stopping';
import { accessTokenFor, createMembers, TestMember } from './support/factories';
import { eventually } from './support/poll';
import { useStack } from './support/stack';
import { workerEnv } from './support/worker-harness';

const BUILT_API = path.resolve(__dirname, '../dist/apps/api/src/main.js');

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** The built API as its own process on a free port, answering /health. */
async function spawnApi(
  config: ReturnType<typeof useStack>['config'],
  env: Record<string, string> = {},
): Promise<{ api: ChildProcess; base: string; exited: Promise<number | NodeJS.Signals | null>; output: () => string }> {
  if (!existsSync(BUILT_API)) throw new Error(`${BUILT_API} is missing: run npm run build first`);
  const port = await freePort();
  const api = spawn(process.execPath, [BUILT_API], {
    env: { ...workerEnv(config, { LOG_LEVEL: 'warn' }), PORT: String(port), SEED_DEMO: 'false', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  api.stdout!.on('data', (c: Buffer) => (output += c.toString()));
  api.stderr!.on('data', (c: Buffer) => (output += c.toString()));
  const apiExited = exited(api);
  const base = `http://127.0.0.1:${port}`;
  await eventually(
    'the API process to answer',
    async () => (await fetch(`${base}/health`).catch(() => null))?.ok,
    60_000,
  );
  return { api, base, exited: apiExited, output: () => output };
}

const exited = (child: ChildProcess) =>
  new Promise<number | NodeJS.Signals | null>((resolve) =>
    child.once('exit', (code, signal) => resolve(code ?? signal)),
  );

/**
 * SIGTERM, as Docker and systemd stop a process, loses nothing: the worker finishes and records
 * the sends in flight and releases the mailbox, the API answers the request under way. Each app
 * runs built, as its own process, and is stopped in the middle of a meeting's fan-out.
 */
describe('stopping with SIGTERM', () => {
  const stack = useStack({ smtp: true, imap: true, env: { MAIL_RATE_PER_MINUTE: '60000', WORKER_CONCURRENCY: '10' } });
  let secretariat: { Authorization: string };

  beforeAll(async () => {
    const [officer] = await createMembers(stack.db, [{ role: 'secretariat' }]);
    secretariat = { Authorization: `Bearer ${await accessTokenFor(stack.db, stack.config, officer.id)}` };
  });
  afterEach(() => stack.killSpawnedWorkers());

  async function meetingFor(title: string): Promise<string> {
    const res = await stack
      .http()
      .post('/meetings')
      .set(secretariat)
      .send({ title, kind: 'hub', startsAt: '2031-06-09T10:00', endsAt: '2031-06-09T16:00', venue: 'London' })
      .expect(201);
    return res.body.id;
  }

  /** How many emails each of the people received, and how many notices of the meeting are recorded sent. */
  async function tally(people: TestMember[], meetingId: string) {
    const copies = people.map((p) => stack.sink.to(p.email).length);
    const rows = await stack.db
      .select({ status: notices.status })
      .from(notices)
      .where(eq(notices.meetingId, meetingId));
    return {
      delivered: copies.filter((n) => n > 0).length,
      twice: copies.filter((n) => n > 1).length,
      recorded: rows.filter((n) => n.status === 'sent').length,
      written: rows.length,
    };
  }

  it('the worker finishes and records the sends in flight, releases the mailbox, and the next worker sends the rest once', async () => {
    const people = await createMembers(
      stack.db,
      Array.from({ length: 80 }, () => ({ region: 'london' })),
    );
    const id = await meetingFor('Stopped mid-fan-out');
    const env = { IMAP_URL: stack.config.inbound.imapUrl!, SHUTDOWN_GRACE_SECONDS: '60' };
    const first = stack.spawnWorker(env);
    const redis = new IORedis(stack.config.redisUrl);
    try {
      const lock = inboundReaderLockKey(stack.config.queuePrefix);
      // The built worker migrates, boots and connects to Dovecot first: slow on a busy machine.
      await eventually('the worker to hold the mailbox', async () => (await redis.exists(lock)) === 1, 90_000).catch(
        (error) => {
          throw new Error(`${(error as Error).message}\n${first.output()}`);
        },
      );
      // Slow sends, so that several are on the wire when the signal comes.
      stack.sink.delayMs = 300;
      await stack
        .http()
        .post(`/meetings/${id}/invitations`)
        .set(secretariat)
        .send({ audience: { memberIds: people.map((p) => p.id) } })
        .expect(202);
      await stack.sink.waitFor(() => stack.sink.received.length >= 10, 30_000);
      await eventually('sends on the wire', () => stack.sink.started > stack.sink.received.length);
      const onTheWire = stack.sink.started;
      first.child.kill('SIGTERM');
      expect([0, 'SIGTERM']).toContain(await first.exited);
      expect(first.output()).not.toMatch(/"level":50/);
      // Everything the server took before the worker exited is recorded sent: nothing for the next to send again.
      const atExit = await tally(people, id);
      // The sends on the wire at the signal were finished, not dropped, and recorded.
      expect(stack.sink.received.length).toBeGreaterThanOrEqual(onTheWire);
      expect(atExit.recorded).toBe(atExit.delivered);
      expect(atExit.delivered).toBeLessThan(80);
      expect(await redis.exists(lock)).toBe(0);

      stack.sink.delayMs = 0;
      const second = stack.spawnWorker(env);
      // The lock was released, so the next worker reads the mailbox as soon as it is up.
      await eventually('the next worker to hold the mailbox', async () => (await redis.get(lock)) !== null, 90_000);
      await stack.sink.waitFor(() => people.every((p) => stack.sink.to(p.email).length > 0), 60_000);
      await eventually('every notice recorded sent', async () => (await tally(people, id)).recorded === 80, 30_000);
      expect(await tally(people, id)).toEqual({ delivered: 80, twice: 0, recorded: 80, written: 80 });
      process.stdout.write(
        `worker SIGTERM mid-fan-out: ${atExit.delivered} of 80 sent and recorded at exit, the rest by the next worker, none twice\n`,
      );
      second.child.kill('SIGTERM');
      await second.exited;
    } finally {
      stack.sink.delayMs = 0;
      redis.disconnect();
    }
  }, 300_000);

  it('once stopping has begun, /health answers 503 "stopping" and every answer closes its connection', async () => {
    // Another API in this process (the stack closes it after the file: its pool is shared).
    const other = await stack.startApi();
    other.app.get(Stopping).onModuleDestroy();
    const res = await other.http().get('/health').expect(503);
    expect(res.body).toMatchObject({ status: 'stopping', message: 'the API is stopping', db: 'up', redis: 'up' });
    expect(res.headers.connection).toBe('close');
    const about = await other.http().get('/about').expect(200);
    expect(about.headers.connection).toBe('close');
  });

  it('the API stops taking connections at once, answers the invitation under way before it exits, and its notices go once', async () => {
    const people = await createMembers(
      stack.db,
      Array.from({ length: 50 }, () => ({ region: 'wales' })),
    );
    const id = await meetingFor('API stopped mid-request');
    // A grace longer than any wait below, so only the API's own answers decide them.
    const { api, base, exited: apiExited, output } = await spawnApi(stack.config, { SHUTDOWN_GRACE_SECONDS: '60' });
    // A health check that keeps its connection open between checks, as a load balancer's does.
    const kept = new Agent({ keepAlive: true, maxSockets: 1 });
    const health = (agent?: Agent) =>
      new Promise<{ status?: number; connection?: string; error?: string }>((resolve) => {
        get(`${base}/health`, { agent }, (res) => {
          res.resume();
          res.on('end', () => resolve({ status: res.statusCode, connection: res.headers.connection }));
        }).on('error', (error: NodeJS.ErrnoException) => resolve({ error: error.code ?? error.message }));
      });
    expect(await health(kept)).toMatchObject({ status: 200, connection: 'keep-alive' });

    // The meeting's row is held, so the invitation waits inside its transaction when the signal comes.
    const holder = new Client({ connectionString: stack.config.databaseUrl });
    await holder.connect();
    try {
      await holder.query('begin');
      await holder.query('select id from meetings where id = $1 for update', [id]);
      // On the connection the health check kept open: it is busy when the signal comes.
      const answer = new Promise<{ status?: number; connection?: string; body: string }>((resolve, reject) => {
        const req = request(`${base}/meetings/${id}/invitations`, {
          method: 'POST',
          agent: kept,
          headers: { ...secretariat, 'Content-Type': 'application/json' },
        });
        req.on('response', (r) => {
          let body = '';
          r.on('data', (c: Buffer) => (body += c.toString()));
          r.on('end', () => resolve({ status: r.statusCode, connection: r.headers.connection, body }));
        });
        req.on('error', reject);
        req.end(JSON.stringify({ audience: { regions: ['wales'] } }));
      });
      const dbName = new URL(stack.config.databaseUrl).pathname.slice(1);
      await eventually('the invitation to wait on the meeting row', async () => {
        const { rows } = await holder.query(
          `select 1 from pg_stat_activity where datname = $1 and wait_event_type = 'Lock' and pid <> pg_backend_pid()`,
          [dbName],
        );
        return rows.length > 0;
      });
      api.kill('SIGTERM');
      // While the invitation still waits on the row, a load balancer checking every 100 ms on
      // connections it keeps open soon finds the API stopping (503, the connection closed) or gone.
      const checks = new Agent({ keepAlive: true });
      try {
        const stopped = await eventually('/health to stop answering 200', async () => {
          const answer = await health(checks);
          return answer.status === 200 ? undefined : answer;
        });
        if (stopped.status) expect(stopped).toEqual({ status: 503, connection: 'close' });
        else expect(['ECONNREFUSED', 'ECONNRESET']).toContain(stopped.error);
        expect(await health(checks)).toEqual({ error: 'ECONNREFUSED' });
      } finally {
        checks.destroy();
      }
      // The process is idle but for the waiting request, so its shutdown has begun before the row
      // is released.
      await holder.query('commit');
      // The request under way is still answered, and closes its connection: the client's next
      // request cannot reach the stopping API on it.
      const res = await answer;
      expect(res).toMatchObject({ status: 202, connection: 'close' });
      expect(JSON.parse(res.body).invited).toBe(50);
      expect(await health(kept)).toEqual({ error: 'ECONNREFUSED' });
      expect([0, 'SIGTERM']).toContain(await apiExited);
      expect(output()).not.toMatch(/"level":50/);
    } finally {
      kept.destroy();
      await holder.end();
      if (api.exitCode === null && api.signalCode === null) api.kill('SIGKILL');
    }

    stack.spawnWorker();
    await stack.sink.waitFor(() => people.every((p) => stack.sink.to(p.email).length > 0), 60_000);
    await eventually('every notice recorded sent', async () => (await tally(people, id)).recorded === 50, 30_000);
    expect(await tally(people, id)).toEqual({ delivered: 50, twice: 0, recorded: 50, written: 50 });
  }, 300_000);
});
