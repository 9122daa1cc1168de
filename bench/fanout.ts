/**
 * Fan-out benchmark: invites 10,000 members to one meeting through the API and measures the
 * call's response time, the time until a loopback SMTP sink has received all 10,000 emails,
 * distinct recipients and duplicates, and the worker's peak memory. In the same run a bare
 * pooled nodemailer loop sends 10,000 equal messages to the same sink as the yardstick: one real
 * invite of that meeting, rendered once by the worker's renderer and composed as the worker
 * composes it (text, HTML, text/calendar alternative, .ics attachment), over a pool of the same
 * transport and size as the worker's.
 *
 * It then says where a job's time goes: Redis commands per job (counted by watching Redis with
 * MONITOR for two seconds mid-delivery, commands run inside BullMQ's scripts apart) times a
 * round trip, the query that loads a notice (the worker's prepared statement, timed on 500
 * notices after the run), rendering (the worker's renderer on those notices) and SMTP (the
 * yardstick's time per message per connection), against the worker's observed time per job
 * per SMTP connection. And where the invitation call's time goes (`invite-call.ts`): its statement
 * explained part by part, timed plainly, and its commit.
 *
 *   npm run bench:fanout            (BENCH_MEMBERS=2000 for a shorter run; MAIL_POOL_SIZE and
 *                                    WORKER_CONCURRENCY are passed to the worker when set;
 *                                    BENCH_WORKERS=2 runs two worker processes, as a deployment
 *                                    scales out, against the same one-process yardstick;
 *                                    BENCH_WORKER_CPU_PROF=<dir> profiles the workers)
 *
 * Contenders side by side: BENCH_CONTENDERS=before=<checkout>,after=.,two=.@2 runs each built
 * checkout's worker (N processes with @N) in turn against the same database and sink, each
 * inviting everyone to a meeting of its own through its checkout's API (which queues the jobs its
 * worker reads), then the yardstick; BENCH_ROUNDS=2 repeats that.
 * Each contender's figures are a JSON line, with its ratios to the yardstick of its round (rate,
 * and the worker's CPU per message against the yardstick's sender and sink), and the machine's
 * load average before and after; a table of them all ends the report.
 *
 * Needs PostgreSQL and Redis as for the tests; the API and worker run as built (`dist/`), as
 * separate processes, on a database and Redis prefix of their own. A janitor process
 * (`teardown.js`) stops them and removes both however the bench ends, even killed outright.
 */
import { JwtService } from '@nestjs/jwt';
import { ACCESS_TOKEN } from '@seg/auth';
import { loadConfig } from '@seg/config';
import { createDatabase, createPool, meetings } from '@seg/db';
import { createMailTransport } from '@seg/mail';
import { Clock, todayInLondon } from '@seg/rules';
import { eq } from 'drizzle-orm';
import { drizzle } from 'drizzle-orm/node-postgres';
import { Queue } from 'bullmq';
import IORedis from 'ioredis';
import { ChildProcess, spawn } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { connect, createServer } from 'node:net';
import * as path from 'node:path';
import { Client } from 'pg';
import { SMTPServer } from 'smtp-server';
import { MeetingNoticeRenderer } from '../apps/worker/src/meetings/meeting-notice.renderer';
import { mailOptions } from '../apps/worker/src/notices/mailer.service';
import { NoticeToSend } from '../apps/worker/src/notices/notice-renderer';
import { NoticesRepository } from '../apps/worker/src/notices/notices.repository';
import { machineCpuMs, processCpuMs } from './cpu-time';
import { cleanUpOnEveryExit, Janitor, startJanitor } from './teardown';
import { describeBreakdown, inviteCallBreakdown } from './invite-call';

const MEMBERS = Number(process.env.BENCH_MEMBERS ?? 10_000);
// Each message held this long by the sink before it is accepted: slows delivery down for the
// teardown test, which stops the bench mid-delivery.
const SINK_DELAY_MS = Number(process.env.BENCH_SINK_DELAY_MS ?? 0);
const WORKERS = Number(process.env.BENCH_WORKERS ?? 1);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 1);

/** A worker build to measure: the checkout it runs from, how many processes. */
interface Contender {
  label: string;
  root: string;
  workers: number;
}

/**
 * BENCH_CONTENDERS=before=../base,after=.@2: label=checkout (built), @N processes of it; by
 * default this checkout with BENCH_WORKERS processes.
 */
function contenders(spec: string | undefined): Contender[] {
  if (!spec) return [{ label: 'worker', root: ROOT, workers: WORKERS }];
  return spec.split(',').map((part) => {
    const match = /^([^=]+)=([^@]+)(?:@(\d+))?$/.exec(part.trim());
    if (!match) throw new Error(`BENCH_CONTENDERS: cannot read "${part}" (label=checkout or label=checkout@N)`);
    return { label: match[1], root: path.resolve(match[2]), workers: match[3] ? Number(match[3]) : WORKERS };
  });
}
// BENCH_WORKER_CPU_PROF=<dir>: each worker writes a V8 CPU profile there when it stops.
const WORKER_NODE_ARGS = process.env.BENCH_WORKER_CPU_PROF
  ? ['--cpu-prof', '--cpu-prof-dir', path.resolve(process.env.BENCH_WORKER_CPU_PROF)]
  : [];
const PG_BASE = process.env.BENCH_PG ?? 'postgres://postgres@127.0.0.1:5432';
const REDIS_URL = process.env.BENCH_REDIS ?? 'redis://127.0.0.1:6379';
const JWT_SECRET = randomBytes(32).toString('hex');
const ROOT = path.resolve(__dirname, '..');
const CONTENDERS = contenders(process.env.BENCH_CONTENDERS);

const log = (line: string) => process.stderr.write(`${line}\n`);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Counts deliveries per recipient; bodies are drained, not parsed, so the sink is never the bottleneck. */
class CountingSink {
  readonly perRecipient = new Map<string, number>();
  received = 0;
  /** Message bytes as received (after SMTP dot-stuffing is undone). */
  bytes = 0;
  private server!: SMTPServer;
  port = 0;

  async start(): Promise<void> {
    this.server = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS'],
      logger: false,
      maxClients: 200,
      onData: (stream, session, callback) => {
        stream.on('data', (chunk: Buffer) => (this.bytes += chunk.length));
        stream.on('end', async () => {
          if (SINK_DELAY_MS) await sleep(SINK_DELAY_MS);
          for (const r of session.envelope.rcptTo) {
            const to = r.address.toLowerCase();
            this.perRecipient.set(to, (this.perRecipient.get(to) ?? 0) + 1);
          }
          this.received += 1;
          callback();
        });
      },
    });
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', () => resolve()));
    this.port = (this.server.server.address() as { port: number }).port;
  }

  reset(): void {
    this.perRecipient.clear();
    this.received = 0;
    this.bytes = 0;
  }

  async waitFor(count: number, timeoutMs: number): Promise<boolean> {
    const deadline = Date.now() + timeoutMs;
    while (this.received < count) {
      if (Date.now() > deadline) return false;
      await sleep(20);
    }
    return true;
  }

  stop(): Promise<void> {
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}

async function sparePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = createServer();
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });
}

/** The Redis server's CPU time so far (INFO cpu), in ms: every client's, this run's mostly. */
async function redisCpuMs(redis: IORedis): Promise<number> {
  const info = await redis.info('cpu');
  const seconds = (name: string) => Number(new RegExp(`${name}:([\\d.]+)`).exec(info)?.[1] ?? 0);
  return (seconds('used_cpu_user') + seconds('used_cpu_sys')) * 1000;
}

/**
 * CPU used by every part of a delivery, read before and after it: the worker, the API (it
 * queues the notices), the bench database's PostgreSQL backends, the Redis server, and this
 * process (the sink, and for the yardstick the sender too); and the machine's busy share.
 */
class CpuMeter {
  private constructor(
    private readonly pids: Record<string, number[]>,
    private readonly redis: IORedis,
    private readonly db: Client | null,
    private readonly database: string | null,
  ) {}

  static async start(
    pids: Record<string, number[]>,
    redis: IORedis,
    db: Client | null = null,
    database: string | null = null,
  ) {
    const meter = new CpuMeter(pids, redis, db, database);
    await meter.resume();
    return meter;
  }

  private since: Reading | null = null;
  private used: Reading | null = null;

  /** Stops counting (while the bench itself loads a part, as MONITOR loads Redis). */
  async pause(): Promise<void> {
    const now = await this.read();
    const part = difference(now, this.since!);
    this.used = this.used ? sum(this.used, part) : part;
    this.since = null;
  }

  async resume(): Promise<void> {
    this.since = await this.read();
  }

  /** The bench database's backends: those of the pools stay for the whole run. */
  private async backendPids(): Promise<number[]> {
    if (!this.db) return [];
    const rows = (
      await this.db.query<{ pid: number }>('select pid from pg_stat_activity where datname = $1', [this.database])
    ).rows;
    return rows.map((r) => r.pid);
  }

  private async read(): Promise<Reading> {
    const backends = await this.backendPids();
    const own = process.cpuUsage();
    return {
      parts: Object.fromEntries(
        Object.entries(this.pids).map(([name, pids]) => [name, pids.reduce((n, pid) => n + processCpuMs(pid), 0)]),
      ),
      backends: new Map(backends.map((pid) => [pid, processCpuMs(pid)])),
      redis: await redisCpuMs(this.redis),
      bench: (own.user + own.system) / 1000,
      machine: machineCpuMs(),
    };
  }

  /** CPU ms per message of each part while counting, and the machine's busy share (1 = every core busy). */
  async perMessage(messages: number) {
    await this.pause();
    const used = this.used!;
    const per = (ms: number) => Math.round((ms / messages) * 1000) / 1000;
    const parts: Record<string, number> = Object.fromEntries(
      Object.entries(used.parts).map(([name, ms]) => [name, per(ms)]),
    );
    if (this.db) parts.postgres = per([...used.backends.values()].reduce((n, ms) => n + ms, 0));
    parts.redis = per(used.redis);
    parts.benchProcess = per(used.bench);
    const total = Math.round(Object.values(parts).reduce((n, ms) => n + ms, 0) * 1000) / 1000;
    return { parts, total, machineBusy: Math.round((used.machine.busy / Math.max(used.machine.total, 1)) * 100) / 100 };
  }
}

type Reading = {
  parts: Record<string, number>;
  backends: Map<number, number>;
  redis: number;
  bench: number;
  machine: { busy: number; total: number };
};

/** What was used from one reading to a later one (a backend started meanwhile counts from 0). */
function difference(later: Reading, earlier: Reading): Reading {
  return {
    parts: Object.fromEntries(Object.entries(later.parts).map(([name, ms]) => [name, ms - earlier.parts[name]])),
    backends: new Map([...later.backends].map(([pid, ms]) => [pid, ms - (earlier.backends.get(pid) ?? 0)])),
    redis: later.redis - earlier.redis,
    bench: later.bench - earlier.bench,
    machine: { busy: later.machine.busy - earlier.machine.busy, total: later.machine.total - earlier.machine.total },
  };
}

function sum(a: Reading, b: Reading): Reading {
  const backends = new Map(a.backends);
  for (const [pid, ms] of b.backends) backends.set(pid, (backends.get(pid) ?? 0) + ms);
  return {
    parts: Object.fromEntries(Object.entries(a.parts).map(([name, ms]) => [name, ms + b.parts[name]])),
    backends,
    redis: a.redis + b.redis,
    bench: a.bench + b.bench,
    machine: { busy: a.machine.busy + b.machine.busy, total: a.machine.total + b.machine.total },
  };
}

function run(
  janitor: Janitor,
  name: string,
  root: string,
  file: string,
  env: Record<string, string>,
  nodeArgs: string[] = [],
): ChildProcess {
  const child = spawn(process.execPath, [...nodeArgs, path.join(root, file)], {
    cwd: root,
    env: { PATH: process.env.PATH ?? '', ...env },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  janitor.process(child.pid!);
  child.on('exit', (code, signal) => log(`${name} exited (${signal ?? code})`));
  return child;
}

/** Peak resident memory of a process so far (Linux), in MB. */
function peakRssMb(pid: number): number | null {
  try {
    const match = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match ? Math.round(Number(match[1]) / 1024) : null;
  } catch {
    return null;
  }
}

async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((r) => child.once('exit', r));
  child.kill('SIGTERM');
  await Promise.race([exited, sleep(10_000)]);
  if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
}

/** The one-minute load average, as uptime prints it. */
const loadAverage = () => Math.round(loadavg()[0] * 100) / 100;

const ms2 = (n: number) => Math.round(n * 100) / 100;

async function main(janitor: Janitor): Promise<void> {
  const name = `seg_bench_${Date.now().toString(36)}_${randomBytes(3).toString('hex')}`;
  const databaseUrl = `${PG_BASE}/${name}`;
  janitor.database(name);
  janitor.redisPrefix(name);
  const sink = new CountingSink();
  await sink.start();
  const port = await sparePort();
  const env = {
    NODE_ENV: 'production',
    PORT: String(port),
    PUBLIC_URL: `http://127.0.0.1:${port}`,
    DATABASE_URL: databaseUrl,
    REDIS_URL,
    QUEUE_PREFIX: name,
    SMTP_URL: `smtp://127.0.0.1:${sink.port}`,
    MAIL_FROM: 'SEG Network <secretariat@seg.example>',
    MAIL_RATE_PER_MINUTE: '600000',
    JWT_SECRET,
    LOG_LEVEL: 'warn',
    // Passed through to try other pool sizes; the yardstick's pool follows MAIL_POOL_SIZE too.
    ...(process.env.MAIL_POOL_SIZE ? { MAIL_POOL_SIZE: process.env.MAIL_POOL_SIZE } : {}),
    ...(process.env.WORKER_CONCURRENCY ? { WORKER_CONCURRENCY: process.env.WORKER_CONCURRENCY } : {}),
  };
  const children: ChildProcess[] = [];
  const db = new Client({ connectionString: databaseUrl });
  let connected = false;
  let connection: IORedis | null = null;
  /** A checkout's API on a port of its own, answering once healthy. */
  const startApi = async (root: string, apiPort: number) => {
    log(`Starting the API of ${root} on port ${apiPort}...`);
    const child = run(janitor, 'API', root, 'dist/apps/api/src/main.js', {
      ...env,
      PORT: String(apiPort),
      PUBLIC_URL: `http://127.0.0.1:${apiPort}`,
    });
    children.push(child);
    const base = `http://127.0.0.1:${apiPort}`;
    // Generous: on a busy machine the first start (migrations, seed) takes a while.
    const startDeadline = Date.now() + 180_000;
    for (;;) {
      const ok = await fetch(`${base}/health`).then(
        (r) => r.ok,
        () => false,
      );
      if (ok) return { child, base };
      if (child.exitCode !== null || Date.now() > startDeadline) throw new Error('The API did not start');
      await sleep(100);
    }
  };
  try {
    const { child: api, base } = await startApi(ROOT, port);
    // Each contender's invitations are queued by its own checkout's API: the jobs' contract is
    // the build's own (a worker of one build may not read the jobs another queues).
    const apis = new Map([[ROOT, { child: api, base }]]);
    for (const contender of CONTENDERS)
      if (!apis.has(contender.root)) apis.set(contender.root, await startApi(contender.root, await sparePort()));

    await db.connect();
    connected = true;
    log(`Inserting ${MEMBERS} members...`);
    const [{ id: staffId }] = (
      await db.query(
        `insert into members (email, name, status, role) values ($1, 'Bench secretariat', 'active', 'secretariat') returning id`,
        [`secretariat.${name}@seg.example`],
      )
    ).rows;
    await db.query(
      `insert into members (email, name, status, region_id, category_id)
       select 'member' || g || '.${name}@example.org', 'Member ' || g, 'active',
              (select id from regions order by code offset (g % 13) limit 1), (select id from categories where code = 'prison-gp')
       from generate_series(1, $1) g`,
      [MEMBERS],
    );
    // A login of the secretariat member, as POST /auth/login starts one: access tokens name theirs.
    const [{ family_id: sid }] = (
      await db.query(
        `insert into refresh_tokens (member_id, family_id, token_hash, expires_at)
         values ($1, gen_random_uuid(), gen_random_uuid()::text, now() + interval '1 day') returning family_id`,
        [staffId],
      )
    ).rows;
    const token = new JwtService({ secret: JWT_SECRET }).sign(
      { sub: staffId, sid, typ: ACCESS_TOKEN.type },
      {
        algorithm: ACCESS_TOKEN.algorithm,
        issuer: ACCESS_TOKEN.issuer,
        audience: ACCESS_TOKEN.audience,
        expiresIn: '1h',
      },
    );
    const headers = { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' };
    connection = new IORedis(REDIS_URL, { maxRetriesPerRequest: null });
    connection.on('error', (error) => log(`Redis: ${error.message}`));
    const redis = connection;
    const notices = new Queue('notices', { connection: redis, prefix: name });
    const config = loadConfig(env);

    /** A meeting of the bench's kind, every contender's the same. */
    const createMeeting = async (through = base) => {
      const created = await fetch(`${through}/meetings`, {
        method: 'POST',
        headers,
        body: JSON.stringify({
          title: 'Health and Justice Summit',
          kind: 'summit',
          startsAt: '2027-11-10T09:30',
          endsAt: '2027-11-11T17:00',
          venue: 'RCGP, 30 Euston Square, London',
        }),
      });
      return ((await created.json()) as { id: string }).id;
    };
    const invite = (meetingId: string, through = base) =>
      fetch(`${through}/meetings/${meetingId}/invitations`, {
        method: 'POST',
        headers,
        body: JSON.stringify({ audience: { categories: ['prison-gp'] } }),
      });

    /** One contender's worker(s) deliver one meeting's invitations to every member. */
    const deliverWith = async (contender: Contender, round: number) => {
      const own = apis.get(contender.root)!;
      const loadBefore = loadAverage();
      const workers = Array.from({ length: contender.workers }, (_, i) =>
        run(
          janitor,
          `${contender.label} worker${contender.workers > 1 ? ` ${i + 1}` : ''}`,
          contender.root,
          'dist/apps/worker/src/main.js',
          env,
          WORKER_NODE_ARGS,
        ),
      );
      children.push(...workers);
      const workerPids = workers.map((w) => w.pid!);
      log(
        `Processes: API ${own.child.pid}, worker ${workerPids.join(' ')}, janitor ${janitor.pid}; database and Redis prefix ${name}`,
      );
      // The worker is ready once its consumer is registered with Redis.
      const readyBy = Date.now() + 180_000;
      while ((await notices.getWorkersCount()) < contender.workers) {
        if (Date.now() > readyBy) throw new Error('The worker did not start');
        await sleep(100);
      }
      const meetingId = await createMeeting(own.base);
      sink.reset();
      log(`Round ${round}, ${contender.label} (${contender.root}): inviting everyone to meeting ${meetingId}...`);
      const deliveryCpu = await CpuMeter.start({ worker: workerPids, api: [own.child.pid!] }, redis, db, name);
      // Each worker's share of the work, to see that several share it evenly.
      const workerCpuBefore = workerPids.map(processCpuMs);
      const started = performance.now();
      const response = await invite(meetingId, own.base);
      const callMs = performance.now() - started;
      const answer = (await response.json()) as { invited: number };
      if (response.status !== 202 || answer.invited !== MEMBERS)
        throw new Error(`Invite answered ${response.status} ${JSON.stringify(answer)}`);
      log(`The call answered in ${callMs.toFixed(0)} ms; waiting for delivery...`);

      let peakWorkerMb = 0;
      const samplePeak = () => (peakWorkerMb = Math.max(peakWorkerMb, ...workerPids.map((pid) => peakRssMb(pid) ?? 0)));
      const sampler = setInterval(samplePeak, 200);
      // Redis commands per job, watched for two seconds once a fifth is delivered (the API has
      // queued everything by then): only this run's keys count, the scripts' inner commands apart.
      await sink.waitFor(Math.floor(MEMBERS / 5), 600_000);
      // MONITOR loads Redis and this process: those seconds and their messages are not counted.
      await deliveryCpu.pause();
      const receivedBeforeWatching = sink.received;
      const redisPerJob = await watchRedis(name, sink, 2_000).catch((error: Error) => {
        log(`Redis command counts unavailable: ${error.message}`);
        return null;
      });
      const deliveredWhileWatching = sink.received - receivedBeforeWatching;
      await deliveryCpu.resume();
      const complete = await sink.waitFor(MEMBERS, 600_000);
      const deliveryMs = performance.now() - started;
      const cpu = await deliveryCpu.perMessage(MEMBERS - deliveredWhileWatching);
      const workerCpuMs = workerPids.map((pid, i) => Math.round(processCpuMs(pid) - workerCpuBefore[i]));
      // Anything sent twice would arrive within the relay's grace period and a job's retry.
      await sleep(6_000);
      clearInterval(sampler);
      samplePeak();
      const recipients = [...sink.perRecipient.keys()].filter((r) => r.endsWith(`.${name}@example.org`));
      const distinct = recipients.length;
      const duplicates = recipients.reduce((n, r) => n + sink.perRecipient.get(r)! - 1, 0);
      if (!complete) log(`Delivery stopped at ${sink.received} of ${MEMBERS}`);
      const workerMessageBytes = Math.round(sink.bytes / Math.max(sink.received, 1));
      for (const worker of workers) await stopChild(worker);
      // Said at once, so that a run cut short still tells what it measured.
      log(
        `  ${contender.label}: ${Math.round((MEMBERS / deliveryMs) * 1000)}/s, worker CPU ${cpu.parts.worker} ms per message, ${duplicates} duplicates`,
      );
      // Finished jobs go, so that the next contender starts from the same queue.
      await notices.obliterate({ force: true }).catch(() => undefined);
      return {
        round,
        contender: contender.label,
        root: contender.root,
        workers: contender.workers,
        meetingId,
        loadBefore,
        loadAfter: loadAverage(),
        callMs,
        deliveryMs,
        deliveryPerSecond: (MEMBERS / deliveryMs) * 1000,
        distinct,
        duplicates,
        peakWorkerMb,
        workerCpuMs,
        workerMessageBytes,
        redisPerJob,
        cpu,
      };
    };

    // The yardstick's message: one real invite of a meeting like the contenders'.
    const message = await renderInvite(db, config, await createMeeting());
    /** The bare pooled nodemailer loop sending every member's copy of one rendered invite. */
    const yardstick = async (round: number) => {
      log(
        `Round ${round}, yardstick: a bare pooled nodemailer loop sending ${MEMBERS} copies of one rendered invite (text, HTML, text/calendar, .ics) over ${config.mail.poolSize} connections...`,
      );
      const loadBefore = loadAverage();
      sink.reset();
      const transport = createMailTransport({ url: env.SMTP_URL, maxConnections: config.mail.poolSize });
      const meter = await CpuMeter.start({}, redis);
      const started = performance.now();
      let next = 0;
      await Promise.all(
        Array.from({ length: 50 }, async () => {
          while (next < MEMBERS) {
            const i = next++;
            await transport.sendMail(
              mailOptions(env.MAIL_FROM, {
                ...message,
                to: `yardstick${i}@example.org`,
                messageId: `<${randomUUID()}@seg.example>`,
              }),
            );
          }
        }),
      );
      const yardstickMs = performance.now() - started;
      const { parts, ...totals } = await meter.perMessage(MEMBERS);
      transport.close();
      log(
        `  yardstick: ${Math.round((MEMBERS / yardstickMs) * 1000)}/s, sender and sink CPU ${parts.benchProcess} ms per message`,
      );
      return {
        round,
        loadBefore,
        loadAfter: loadAverage(),
        yardstickMs,
        yardstickPerSecond: (MEMBERS / yardstickMs) * 1000,
        messageBytes: Math.round(sink.bytes / Math.max(sink.received, 1)),
        cpu: { ...totals, parts, sendAndSink: parts.benchProcess },
      };
    };

    // Each round measures every contender and the yardstick one after another, so their ratios
    // come from the same minutes of a machine others share.
    const deliveries: Awaited<ReturnType<typeof deliverWith>>[] = [];
    const yardsticks: Awaited<ReturnType<typeof yardstick>>[] = [];
    for (let round = 1; round <= ROUNDS; round++) {
      // Each round starts one further along, so that no contender always runs first or last
      // while the load drifts.
      const turns = [...CONTENDERS, null];
      const start = (round - 1) % turns.length;
      for (const contender of [...turns.slice(start), ...turns.slice(0, start)]) {
        if (contender) deliveries.push(await deliverWith(contender, round));
        else yardsticks.push(await yardstick(round));
      }
    }

    // The same call again invites nobody (all are invited): everything the call does but writing.
    const first = deliveries[0];
    const again = performance.now();
    const repeated = await invite(first.meetingId);
    const repeatMs = performance.now() - again;
    if (repeated.status !== 202 || ((await repeated.json()) as { invited: number }).invited !== 0)
      throw new Error(`The repeated invite answered ${repeated.status}`);
    await new Queue('meetings', { connection: redis, prefix: name }).obliterate({ force: true }).catch(() => undefined);
    await notices.close();
    for (const child of children) await stopChild(child);

    const perJob = await timeJobParts(databaseUrl, config, first.meetingId);
    log('Explaining the invitation call...');
    const [{ id: prisonGpId }] = (await db.query(`select id from categories where code = 'prison-gp'`)).rows;
    // The call's audience, { categories: ['prison-gp'] }, as the API resolves it.
    const callBreakdown = await inviteCallBreakdown(
      db,
      {
        all: false,
        reps: false,
        regionIds: [],
        categoryIds: [prisonGpId],
        memberIds: [],
        withinRegionId: null,
        today: todayInLondon(),
      },
      staffId,
      repeatMs,
    );
    const pingMs = await redisRoundTripMs();

    log(`call: ${Math.round(first.callMs)} ms`);
    for (const line of describeBreakdown(MEMBERS, first.callMs, callBreakdown)) log(`  ${line}`);
    const rows: string[][] = [];
    for (const d of deliveries) {
      const y = yardsticks.find((r) => r.round === d.round)!;
      // Per job and per SMTP connection: the pool is what a job waits for, MAIL_POOL_SIZE at a time.
      const breakdown = {
        observedMsPerJob: ms2((d.deliveryMs * config.mail.poolSize) / MEMBERS),
        smtpMs: ms2((y.yardstickMs * config.mail.poolSize) / MEMBERS),
        queryMs: ms2(perJob.queryMs),
        renderMs: ms2(perJob.renderMs),
        redisCommandCounts: d.redisPerJob ? 'available' : 'unavailable',
        redisCommandsPerJob: d.redisPerJob && ms2(d.redisPerJob.commandsPerJob),
        redisScriptCommandsPerJob: d.redisPerJob && ms2(d.redisPerJob.scriptCommandsPerJob),
        redisRoundTripMs: ms2(pingMs),
        redisMs: d.redisPerJob && ms2(d.redisPerJob.commandsPerJob * pingMs),
        redisCommands: d.redisPerJob?.byCommand ?? null,
        redisCommandsByConnection: d.redisPerJob?.byConnection ?? null,
        rest: null as number | null,
      };
      if (breakdown.redisMs !== null)
        breakdown.rest = ms2(
          breakdown.observedMsPerJob - breakdown.smtpMs - breakdown.queryMs - breakdown.renderMs - breakdown.redisMs,
        );
      const workerMs = d.cpu.parts.worker;
      const figures = {
        bench: 'fanout',
        round: d.round,
        contender: d.contender,
        members: MEMBERS,
        workers: d.workers,
        load: { before: d.loadBefore, after: d.loadAfter, yardstickBefore: y.loadBefore, yardstickAfter: y.loadAfter },
        callMs: Math.round(d.callMs),
        callBreakdown,
        deliveryMs: Math.round(d.deliveryMs),
        deliveryPerSecond: Math.round(d.deliveryPerSecond),
        distinctRecipients: d.distinct,
        duplicates: d.duplicates,
        workerPeakRssMb: d.peakWorkerMb,
        workerCpuMs: d.workerCpuMs,
        workerMessageBytes: d.workerMessageBytes,
        yardstickMessageBytes: y.messageBytes,
        mailPoolSize: config.mail.poolSize,
        yardstickMs: Math.round(y.yardstickMs),
        yardstickPerSecond: Math.round(y.yardstickPerSecond),
        rateVsYardstick: Number((d.deliveryPerSecond / y.yardstickPerSecond).toFixed(2)),
        workerCpuVsYardstick: Number((workerMs / y.cpu.sendAndSink).toFixed(2)),
        perJob: breakdown,
        cpuMsPerMessage: { delivery: d.cpu, yardstick: y.cpu },
        aims: {
          callUnder300ms: d.callMs < 300,
          allDeliveredOnce: d.distinct === MEMBERS && d.duplicates === 0,
          atLeast70PercentOfYardstick: d.deliveryPerSecond >= y.yardstickPerSecond * 0.7,
          workerCpuAtMost150PercentOfYardstick: workerMs <= y.cpu.sendAndSink * 1.5,
          workerUnder400Mb: d.peakWorkerMb < 400,
        },
      };
      log(
        [
          `round ${d.round}, ${d.contender} (${d.workers} worker${d.workers > 1 ? 's' : ''}), load ${d.loadBefore} → ${d.loadAfter}:`,
          `  delivery of ${MEMBERS}: ${figures.deliveryMs} ms (${figures.deliveryPerSecond}/s); call ${figures.callMs} ms`,
          `  distinct recipients: ${d.distinct}, duplicates: ${d.duplicates}`,
          `  worker peak RSS: ${d.peakWorkerMb} MB${d.workers > 1 ? ` (the largest of ${d.workers} workers)` : ''}`,
          ...(d.workers > 1 ? [`  CPU of each worker over the delivery: ${d.workerCpuMs.join(', ')} ms`] : []),
          `  average message: ${d.workerMessageBytes} bytes from the worker, ${y.messageBytes} from the yardstick`,
          `  yardstick: ${figures.yardstickMs} ms (${figures.yardstickPerSecond}/s), ratio ${figures.rateVsYardstick}`,
          ...(breakdown.redisCommands && breakdown.redisCommandsByConnection
            ? [
                `  per job, per SMTP connection (${config.mail.poolSize}): observed ${breakdown.observedMsPerJob} ms` +
                  ` = SMTP ${breakdown.smtpMs} ms + query ${breakdown.queryMs} ms + rendering ${breakdown.renderMs} ms` +
                  ` + Redis ${breakdown.redisMs} ms (${breakdown.redisCommandsPerJob} commands × ${breakdown.redisRoundTripMs} ms;` +
                  ` ${breakdown.redisScriptCommandsPerJob} more inside scripts) + the rest ${breakdown.rest} ms` +
                  ' (waiting for a slot, recording, the event loop)',
                `  Redis commands per job: ${described(breakdown.redisCommands)}; by connection: ${described(breakdown.redisCommandsByConnection)}`,
              ]
            : [
                `  per job, per SMTP connection (${config.mail.poolSize}): observed ${breakdown.observedMsPerJob} ms` +
                  ` = SMTP ${breakdown.smtpMs} ms + query ${breakdown.queryMs} ms + rendering ${breakdown.renderMs} ms + Redis and the rest`,
                '  Redis command counts unavailable (watching Redis failed: see above)',
              ]),
          `  CPU per message, delivery: ${Object.entries(d.cpu.parts)
            .map(([part, n]) => `${part} ${n} ms`)
            .join(' + ')} = ${d.cpu.total} ms; machine busy ${Math.round(d.cpu.machineBusy * 100)} %`,
          `  CPU per message, yardstick: sender and sink ${y.cpu.sendAndSink} ms, Redis ${y.cpu.parts.redis} ms = ${y.cpu.total} ms; machine busy ${Math.round(y.cpu.machineBusy * 100)} %`,
          `  worker CPU per message / yardstick's: ${figures.workerCpuVsYardstick}`,
        ].join('\n'),
      );
      rows.push([
        String(d.round),
        d.contender,
        `${d.loadBefore}→${d.loadAfter}`,
        String(figures.deliveryPerSecond),
        String(workerMs),
        String(d.cpu.parts.benchProcess),
        String(figures.rateVsYardstick),
        String(figures.workerCpuVsYardstick),
      ]);
      process.stdout.write(`${JSON.stringify(figures)}\n`);
    }
    for (const y of yardsticks)
      rows.push([
        String(y.round),
        'yardstick',
        `${y.loadBefore}→${y.loadAfter}`,
        String(Math.round(y.yardstickPerSecond)),
        '',
        String(y.cpu.sendAndSink),
        '1',
        '1',
      ]);
    log(
      table(
        [
          'round',
          'contender',
          'load',
          'delivered/s',
          'worker CPU ms/msg',
          'sink (+sender) ms/msg',
          'rate ratio',
          'CPU ratio',
        ],
        rows,
      ),
    );
    if (ROUNDS > 1) {
      // Each contender's ratios over the rounds: the median, and the range.
      const spread = (values: number[]) => {
        const sorted = [...values].sort((a, b) => a - b);
        return `${sorted[Math.floor((sorted.length - 1) / 2)]} (${sorted[0]}–${sorted[sorted.length - 1]})`;
      };
      log(
        table(
          ['contender', 'rate ratio, median (range)', 'CPU ratio, median (range)'],
          CONTENDERS.map((c) => {
            const mine = rows.filter((r) => r[1] === c.label);
            return [c.label, spread(mine.map((r) => Number(r[6]))), spread(mine.map((r) => Number(r[7])))];
          }),
        ),
      );
    }
  } finally {
    for (const child of children) await stopChild(child);
    connection?.disconnect();
    if (connected) await db.end().catch(() => undefined);
    await sink.stop();
    // The database and the Redis keys go with the janitor, whichever way the bench ends.
  }
}

/** A Markdown table. */
function table(head: string[], rows: string[][]): string {
  return [head, head.map(() => '---'), ...rows].map((r) => `| ${r.join(' | ')} |`).join('\n');
}

/**
 * Counts the Redis commands on this run's keys for a while and the messages delivered meanwhile:
 * commands per job, those run inside Lua scripts counted apart (they cost no round trip).
 */
async function watchRedis(prefix: string, sink: CountingSink, forMs: number) {
  const byCommand = new Map<string, number>();
  const bySource = new Map<string, number>();
  let commands = 0;
  let scriptCommands = 0;
  const before = sink.received;
  await monitorRedis(forMs, (source, command, line) => {
    if (!line.includes(prefix)) return;
    if (source === 'lua') {
      scriptCommands += 1;
      return;
    }
    commands += 1;
    byCommand.set(command, (byCommand.get(command) ?? 0) + 1);
    bySource.set(source, (bySource.get(source) ?? 0) + 1);
  });
  const delivered = Math.max(sink.received - before, 1);
  // Which connections sent them: the worker's BullMQ connections, the API's, the outbox relay's.
  const redis = new IORedis(REDIS_URL, { maxRetriesPerRequest: null });
  redis.on('error', () => undefined);
  const clients = String(await redis.client('LIST'))
    .split('\n')
    .map((line) => Object.fromEntries(line.split(' ').map((kv) => kv.split('=') as [string, string])))
    .filter((c) => c.addr);
  redis.disconnect();
  const named = new Map(clients.map((c) => [c.addr, c.name || 'unnamed']));
  const bySourceName = new Map<string, number>();
  for (const [addr, n] of bySource)
    bySourceName.set(named.get(addr) ?? addr, (bySourceName.get(named.get(addr) ?? addr) ?? 0) + n);
  return {
    byConnection: Object.fromEntries(
      [...bySourceName].sort((a, b) => b[1] - a[1]).map(([c, n]) => [c, Math.round((n / delivered) * 100) / 100]),
    ),
    commandsPerJob: commands / delivered,
    scriptCommandsPerJob: scriptCommands / delivered,
    byCommand: Object.fromEntries(
      [...byCommand].sort((a, b) => b[1] - a[1]).map(([c, n]) => [c, Math.round((n / delivered) * 100) / 100]),
    ),
  };
}

/**
 * Redis's MONITOR feed for `forMs`, read on a plain socket: each line's source (a client's
 * address, or `lua` inside a script) and command. Not through ioredis: its monitor mode starts
 * only once the OK of MONITOR has been handled, so feed lines arriving in the same packet as
 * that OK are taken for replies to commands never sent, and each is an 'error' event
 * ("Command queue state error") that ended the bench when nothing was listening yet.
 */
function monitorRedis(forMs: number, onLine: (source: string, command: string, line: string) => void): Promise<void> {
  const url = new URL(REDIS_URL);
  return new Promise((resolve, reject) => {
    const socket = connect({ host: url.hostname, port: Number(url.port || 6379) });
    let pending = '';
    let timer: NodeJS.Timeout | undefined;
    const done = (error?: Error) => {
      clearTimeout(timer);
      socket.destroy();
      if (error) reject(error);
      else resolve();
    };
    socket.on('error', done);
    socket.setEncoding('utf8');
    socket.on('connect', () => {
      if (url.password)
        socket.write(`AUTH ${decodeURIComponent(url.username || 'default')} ${decodeURIComponent(url.password)}\r\n`);
      socket.write('MONITOR\r\n');
      timer = setTimeout(() => done(), forMs);
    });
    socket.on('data', (chunk: string) => {
      const lines = (pending + chunk).split('\r\n');
      pending = lines.pop()!;
      for (const line of lines) {
        if (line.startsWith('-')) return done(new Error(`Redis refused MONITOR: ${line.slice(1)}`));
        // +1796621135.714187 [0 127.0.0.1:50412] "EXISTS" "prefix:notices:..."
        const feed = /^\+[\d.]+ \[\d+ ([^\]]+)\] "([^"]*)"/.exec(line);
        if (feed) onLine(feed[1], feed[2].toLowerCase(), line);
      }
    });
    socket.on('close', () => done(new Error('Redis closed the MONITOR connection')));
  });
}

const described = (counts: Record<string, number>) =>
  Object.entries(counts)
    .map(([name, n]) => `${name} ${n}`)
    .join(', ');

/** A Redis round trip (PING), mean of 200. */
async function redisRoundTripMs(): Promise<number> {
  const redis = new IORedis(REDIS_URL, { maxRetriesPerRequest: null });
  await redis.ping();
  const started = performance.now();
  for (let i = 0; i < 200; i++) await redis.ping();
  const mean = (performance.now() - started) / 200;
  redis.disconnect();
  return mean;
}

/** The worker's query that loads a notice and its renderer, timed on 500 of the run's notices one after another. */
async function timeJobParts(databaseUrl: string, config: ReturnType<typeof loadConfig>, meetingId: string) {
  const pool = createPool(databaseUrl, { max: 1 });
  try {
    const db = createDatabase(pool);
    const repository = new NoticesRepository(db);
    const renderer = new MeetingNoticeRenderer(config, new Clock());
    const ids = (
      await pool.query<{ id: string }>(
        'select n.id from notices n join invitations i on i.id = n.invitation_id where i.meeting_id = $1 limit 500',
        [meetingId],
      )
    ).rows.map((r) => r.id);
    const today = todayInLondon();
    await repository.getToSend(ids[0], today);
    let started = performance.now();
    const loaded: NoticeToSend[] = [];
    for (const id of ids) loaded.push((await repository.getToSend(id, today))!);
    const queryMs = (performance.now() - started) / ids.length;
    started = performance.now();
    for (const notice of loaded) renderer.render(notice);
    const renderMs = (performance.now() - started) / loaded.length;
    return { queryMs, renderMs };
  } finally {
    await pool.end();
  }
}

/** One invite of the meeting as the worker renders it, for a member of the bench's kind. */
async function renderInvite(db: Client, config: ReturnType<typeof loadConfig>, meetingId: string) {
  const [meeting] = await drizzle({ client: db }).select().from(meetings).where(eq(meetings.id, meetingId));
  const notice = {
    kind: 'meeting-invite',
    invitationId: randomUUID(),
    memberId: randomUUID(),
    toEmail: 'yardstick0@example.org',
    memberName: 'Member 10000',
    invitation: { rsvp: 'needs-action', meeting },
  };
  const rendered = new MeetingNoticeRenderer(config, new Clock()).render(notice as NoticeToSend);
  if ('skip' in rendered) throw new Error(`The invite did not render: ${rendered.skip}`);
  return rendered;
}

const janitor = startJanitor({ pgBase: PG_BASE, redisUrl: REDIS_URL, root: ROOT });
cleanUpOnEveryExit(janitor, log);
main(janitor).then(
  () => janitor.finish(),
  (error) => {
    log(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    return janitor.finish().then(() => process.exit(1));
  },
);
