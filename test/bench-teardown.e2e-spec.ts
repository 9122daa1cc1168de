import { ChildProcess, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import IORedis from 'ioredis';
import { Client } from 'pg';
import { eventually } from './support/poll';
import { OwnRedis } from './support/redis-server';
import { TEST_PG_BASE } from './support/test-config';

const ROOT = path.resolve(__dirname, '..');

/** What the fan-out bench says it started: its processes, and its database and Redis prefix. */
type Started = { pids: number[]; name: string };

/** Whether a process runs (a zombie, exited but not reaped, does not). */
function running(pid: number): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2)[0] !== 'Z';
  } catch {
    return false;
  }
}

/**
 * Starts the fan-out bench on 50 members with a sink that holds each message for 2 s, so that
 * delivery lasts long enough to be interrupted, and resolves once delivery has begun.
 */
async function benchMidDelivery(redisUrl: string): Promise<{ bench: ChildProcess; started: Started }> {
  // One process (tsx as Node's loader, not its CLI, which would run the bench in a child).
  const bench = spawn(process.execPath, ['--import', 'tsx', 'bench/fanout.ts'], {
    cwd: ROOT,
    env: {
      PATH: process.env.PATH ?? '',
      BENCH_MEMBERS: '50',
      BENCH_SINK_DELAY_MS: '2000',
      BENCH_PG: TEST_PG_BASE,
      BENCH_REDIS: redisUrl,
    },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let said = '';
  bench.stderr!.on('data', (chunk: Buffer) => (said += chunk.toString()));
  const started = await eventually(
    'the bench to start delivering',
    () => {
      if (bench.exitCode !== null) throw new Error(`The bench ended early:\n${said}`);
      const line = /Processes: API (\d+), worker ([\d ]+), janitor (\d+); database and Redis prefix (\S+)/.exec(said);
      if (!line || !said.includes('waiting for delivery')) return undefined;
      const pids = [line[1], ...line[2].split(' '), line[3]].map(Number);
      return { pids, name: line[4] };
    },
    180_000,
  ).catch((error: Error) => {
    bench.kill('SIGTERM');
    throw new Error(`${error.message}; the bench said:\n${said}`);
  });
  return { bench, started };
}

describe('the fan-out bench, stopped mid-delivery', () => {
  let redis: OwnRedis;
  let keys: IORedis;
  let admin: Client;
  const leftovers: number[] = [];

  beforeAll(async () => {
    redis = await OwnRedis.start();
    keys = new IORedis(redis.url, { maxRetriesPerRequest: null });
    admin = new Client({ connectionString: `${TEST_PG_BASE}/postgres` });
    await admin.connect();
  });

  afterAll(async () => {
    for (const pid of leftovers.filter(running)) process.kill(pid, 'SIGKILL');
    keys.disconnect();
    await admin.end();
    await redis.stop();
  });

  async function expectNothingLeft(started: Started): Promise<void> {
    await eventually(
      'every process the bench started to stop',
      () => started.pids.every((pid) => !running(pid)),
      60_000,
    );
    const databases = await admin.query('select 1 from pg_database where datname = $1', [started.name]);
    expect(databases.rowCount).toBe(0);
    expect(await keys.keys(`${started.name}:*`)).toEqual([]);
  }

  it.each([
    ['SIGTERM', 143],
    ['SIGKILL', null],
  ] as const)('leaves no process, database or Redis key behind after %s', async (signal, exitCode) => {
    const { bench, started } = await benchMidDelivery(redis.url);
    leftovers.push(...started.pids);
    expect(started.pids.every(running)).toBe(true);
    expect(await keys.keys(`${started.name}:*`)).not.toEqual([]);

    const ended = new Promise<[number | null, string | null]>((resolve) =>
      bench.once('exit', (code, sig) => resolve([code, sig])),
    );
    bench.kill(signal);
    const [code, sig] = await ended;
    if (exitCode === null) expect(sig).toBe('SIGKILL');
    else expect(code).toBe(exitCode);

    await expectNothingLeft(started);
  });
});
