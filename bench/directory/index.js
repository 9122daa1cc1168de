#!/usr/bin/env node
'use strict';
// Benchmark of GET /directory/members (not a test, not part of npm test; it passes or fails
// nothing). Three contenders, each with 100,000 members seeded alike:
//  - the API: this checkout's build, on a database of its own;
//  - the baseline: the code as it stood before directory reads were kept in memory (the parent of
//    the commit that added drizzle/functions/40-change-notices.sql, or BENCH_BASELINE=<rev>),
//    checked out into a temporary git worktree, built and started the same way, on its own
//    database migrated by its own code;
//  - the yardstick: a bare node:http + pg server running the SQL the API runs, on the API's
//    database (yardstick.js), keeping nothing in memory.
// Two mixes of questions (mixes.js): the realistic one, where the skew of real use repeats some
// questions, and a distinct one where no question repeats, so memory cannot help. For each mix,
// each contender is loaded for 15 s at 5 connections and 15 s at 50, in turns of 7.5 s (API,
// baseline, yardstick, yardstick, baseline, API), one at a time, so a machine that speeds up or
// slows down weighs on all alike. Prints requests/s, p50 and p99 of each at each load, the ratios
// API/baseline and API/yardstick, peak memory and the machine's load average, and ends with one
// JSON line of those figures. It also says where the CPU goes: per request, the contender's own
// process, its database's PostgreSQL backends and the load generator (this process), and how busy
// the machine was; on 2 cores a contender that keeps both busy can only go faster by needing less
// CPU per request.
// Run `npm run build` first (`npm run bench:directory` does).
const autocannon = require('autocannon');
const { execFile, execFileSync, fork, spawn } = require('node:child_process');
const { randomBytes } = require('node:crypto');
const { existsSync, mkdtempSync, readFileSync, rmSync, symlinkSync } = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { Client } = require('pg');
const { JwtService } = require('@nestjs/jwt');
const { seedMembers } = require('./seed');
const { distinctMix, realisticMix } = require('./mixes');
const { machineCpuMs, processCpuMs } = require('../cpu-time');
const { cleanUpOnEveryExit, startJanitor } = require('../teardown');
const { API_NODE_ARGS } = require('../../scripts/api-process');

const root = path.resolve(__dirname, '..', '..');
const PG_BASE = process.env.BENCH_PG_BASE || 'postgres://postgres@127.0.0.1:5432';
const MEMBERS = Number(process.env.BENCH_MEMBERS ?? 100_000);
const DURATION_S = Number(process.env.BENCH_SECONDS ?? 15);
const WARMUP_S = 3;
const CONNECTION_LEVELS = [5, 50];
const CONTENDERS = ['api', 'baseline', 'yardstick'];
const TURNS = [...CONTENDERS, ...[...CONTENDERS].reverse()];
// BENCH_CPU_PROFILE=<dir> starts each API with node --cpu-prof and writes its profile there at the end.
const PROFILE_DIR = process.env.BENCH_CPU_PROFILE ? path.resolve(process.env.BENCH_CPU_PROFILE) : null;
const MIXES = { realistic: realisticMix, distinct: distinctMix };
const AIMS = { realisticYardstickRatio50: 1.5, distinctBaselineRatio50: 1, p99Ms: { 5: 50, 50: 250 }, rssMb: 300 };
const JWT_SECRET = randomBytes(32).toString('base64url');
// Stops what the bench starts and drops what it makes, however it ends (../teardown.js).
const janitor = startJanitor({ pgBase: PG_BASE, redisUrl: 'redis://127.0.0.1:6379', root });
cleanUpOnEveryExit(janitor, (line) => process.stderr.write(`${line}\n`));

function log(line) {
  process.stdout.write(`${line}\n`);
}

const PROFILE_EXIT = path.join(__dirname, 'profile-exit.js');

/** Ends the profiled APIs so that node writes their profiles, and waits for them. */
async function writeProfiles(children) {
  if (!PROFILE_DIR) return;
  await Promise.all(
    children.map(
      (child) =>
        new Promise((resolve) => {
          if (child.exitCode !== null) return resolve();
          child.once('exit', resolve);
          child.kill('SIGUSR2');
        }),
    ),
  );
  log(`CPU profiles written to ${PROFILE_DIR}`);
}

async function waitForHealth(url, child) {
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`${url} stopped while starting`);
    try {
      const res = await fetch(`${url}/health`);
      if (res.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`${url} did not become healthy within 60 s`);
}

/** Loads the contender for `seconds`, each request the mix's next question. */
function load(url, next, headers, seconds, connections) {
  return autocannon({
    url,
    connections,
    duration: seconds,
    headers,
    requests: [
      {
        method: 'GET',
        setupRequest: (req) => ({ ...req, path: next() }),
      },
    ],
  });
}

function summary(result) {
  return {
    rps: Math.round(result.requests.average),
    p50: result.latency.p50,
    p99: result.latency.p99,
    non2xx: result.non2xx + result.errors + result.timeouts,
  };
}

/** Two runs of one side as one: throughput and median averaged, the worse p99 kept. */
function combined(results) {
  const parts = results.map(summary);
  const mean = (key) => Math.round(parts.reduce((n, p) => n + p[key], 0) / parts.length);
  return {
    rps: mean('rps'),
    p50: mean('p50'),
    p99: Math.max(...parts.map((p) => p.p99)),
    non2xx: parts.reduce((n, p) => n + p.non2xx, 0),
  };
}

/** CPU ms per request of a contender's turns together, and the machine's busy share (1 = every core busy). */
function cpuPerRequest(turns) {
  const requests = Math.max(
    turns.reduce((n, t) => n + t.requests, 0),
    1,
  );
  const total = (key) => turns.reduce((n, t) => n + t[key], 0);
  const per = (key) => Math.round((total(key) / requests) * 100) / 100;
  const figures = { server: per('server'), postgres: per('postgres'), load: per('load') };
  return {
    ...figures,
    total: round(figures.server + figures.postgres + figures.load),
    machineBusy: round(total('machineBusy') / Math.max(total('machineTotal'), 1)),
  };
}

function peakRssMb(pid) {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = Number(/VmHWM:\s+(\d+)/.exec(status)?.[1] ?? 0);
  return Math.round(kb / 1024);
}

function loadAverage() {
  return os.loadavg().map((n) => Math.round(n * 100) / 100);
}

function git(args, cwd = root) {
  return execFileSync('git', args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }).trim();
}

/** The code as it stood before directory reads were kept in memory: the parent of the commit adding its change notices. */
function baselineRevision() {
  if (process.env.BENCH_BASELINE) return git(['rev-parse', '--verify', `${process.env.BENCH_BASELINE}^{commit}`]);
  const notices = 'drizzle/functions/40-change-notices.sql';
  const added = git(['log', '--format=%H', '--diff-filter=A', '-1', 'HEAD', '--', notices]);
  if (!added) throw new Error(`No commit adds ${notices}: name the baseline with BENCH_BASELINE=<rev>`);
  return git(['rev-parse', `${added}^`]);
}

/**
 * Checks the baseline out into a temporary worktree and builds its API with this checkout's
 * node_modules; when that build fails, installs the baseline's own lock file and builds again.
 */
async function buildBaseline(rev) {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'seg-bench-baseline-'));
  git(['worktree', 'add', '--detach', '--force', dir, rev]);
  janitor.worktree(dir);
  // Asynchronous, so that a signal meanwhile ends the bench at once (the janitor stops the build).
  const run = (file, args) =>
    new Promise((resolve, reject) => {
      const child = execFile(file, args, { cwd: dir, maxBuffer: 64 * 1024 * 1024 }, (error, _stdout, stderr) =>
        error ? reject(Object.assign(error, { stderr })) : resolve(),
      );
      janitor.process(child.pid);
    });
  const build = () =>
    run(process.execPath, [path.join(dir, 'node_modules', '@nestjs', 'cli', 'bin', 'nest.js'), 'build', 'api']);
  symlinkSync(path.join(root, 'node_modules'), path.join(dir, 'node_modules'), 'dir');
  let installed = "this checkout's node_modules";
  try {
    await build();
  } catch (error) {
    log(
      `The baseline does not build with this checkout's node_modules (${String(error.stderr || error.message).split('\n')[0]}); installing its own`,
    );
    rmSync(path.join(dir, 'node_modules'));
    await run('npm', ['ci', '--prefer-offline', '--no-audit', '--no-fund']);
    await build();
    installed = 'its own npm ci';
  }
  return { dir, installed, main: path.join(dir, 'dist', 'apps', 'api', 'src', 'main.js') };
}

/** The environment an API is started with (the yardstick reads its settings from the same). */
function apiEnv(port, dbName) {
  return {
    ...process.env,
    NODE_ENV: 'production',
    PORT: String(port),
    PUBLIC_URL: `http://127.0.0.1:${port}`,
    DATABASE_URL: `${PG_BASE}/${dbName}`,
    QUEUE_PREFIX: dbName,
    JWT_SECRET,
    SMTP_URL: 'smtp://127.0.0.1:2525',
    SEED_DEMO: 'false',
    LOG_LEVEL: 'warn',
  };
}

/** Starts a built API as `npm start` would, on its own database (which it migrates) and port. */
async function startApi(main, cwd, dbName, env = {}, name = 'api') {
  const port = 3900 + Math.floor(Math.random() * 500);
  janitor.database(dbName);
  janitor.redisPrefix(dbName);
  // A profile is written only when node exits by itself: SIGUSR2 (profileExit.js) makes it.
  const profiling = PROFILE_DIR
    ? ['--cpu-prof', `--cpu-prof-dir=${PROFILE_DIR}`, `--cpu-prof-name=${name}.cpuprofile`, '--require', PROFILE_EXIT]
    : [];
  const child = spawn(process.execPath, [...API_NODE_ARGS, ...profiling, main], {
    cwd,
    stdio: ['ignore', 'ignore', 'inherit'],
    env: { ...apiEnv(port, dbName), ...env },
  });
  janitor.process(child.pid);
  const url = `http://127.0.0.1:${port}`;
  await waitForHealth(url, child);
  return { url, child };
}

/** Seeds the members and signs in a viewer (an ordinary member) as POST /auth/login would. */
async function seedAndSignIn(dbName, accessToken) {
  const client = new Client({ connectionString: `${PG_BASE}/${dbName}` });
  await client.connect();
  try {
    const started = Date.now();
    const seeded = await seedMembers(client, MEMBERS);
    log(
      `${dbName}: seeded ${MEMBERS} members and ${seeded.posts} posts in ${((Date.now() - started) / 1000).toFixed(1)} s`,
    );
    const viewer = await client.query(
      `insert into members (email, name, status) values ('bench.viewer@example.org', 'Bench Viewer', 'active') returning id`,
    );
    // Access tokens name their login (refresh token family).
    const session = await client.query(
      `insert into refresh_tokens (member_id, family_id, token_hash, expires_at)
       values ($1, gen_random_uuid(), gen_random_uuid()::text, now() + interval '1 day') returning family_id`,
      [viewer.rows[0].id],
    );
    const token = new JwtService().sign(
      { sub: viewer.rows[0].id, sid: session.rows[0].family_id, typ: accessToken.type },
      {
        secret: JWT_SECRET,
        algorithm: accessToken.algorithm,
        issuer: accessToken.issuer,
        audience: accessToken.audience,
        expiresIn: 3600,
      },
    );
    return { seeded, headers: { authorization: `Bearer ${token}` } };
  } finally {
    await client.end();
  }
}

const round = (n) => Math.round(n * 100) / 100;

/**
 * The CPU used so far by a contender's process, by the backends of its database (only the
 * contender under load uses them during its turn) and by this process (the load generator).
 */
async function cpuReading(admin, pid, dbName) {
  const backends = (await admin.query('select pid from pg_stat_activity where datname = $1', [dbName])).rows;
  const own = process.cpuUsage();
  return {
    server: processCpuMs(pid),
    backends: new Map(backends.map((b) => [b.pid, processCpuMs(b.pid)])),
    load: (own.user + own.system) / 1000,
    machine: machineCpuMs(),
  };
}

/** CPU used between two readings; a backend started meanwhile counts from 0. */
function cpuUsed(before, after) {
  let postgres = 0;
  for (const [pid, ms] of after.backends) postgres += ms - (before.backends.get(pid) ?? 0);
  return {
    server: after.server - before.server,
    postgres,
    load: after.load - before.load,
    machineBusy: after.machine.busy - before.machine.busy,
    machineTotal: after.machine.total - before.machine.total,
  };
}

async function main() {
  const apiMain = path.join(root, 'dist', 'apps', 'api', 'src', 'main.js');
  if (!existsSync(apiMain)) throw new Error('Build the API first: npm run build');
  const { ACCESS_TOKEN } = require(path.join(root, 'dist', 'libs', 'auth', 'src', 'access-token.js'));
  const suffix = randomBytes(4).toString('hex');
  const db = { api: `seg_bench_directory_${suffix}`, baseline: `seg_bench_directory_${suffix}_baseline` };
  try {
    const loadAtStart = loadAverage();
    log(`Machine: ${os.cpus().length} cores, load average ${loadAtStart.join(' ')} (1, 5, 15 min)`);
    const rev = baselineRevision();
    const built = await buildBaseline(rev);
    log(
      `Baseline ${rev.slice(0, 10)} (${git(['log', '-1', '--format=%s', rev]).slice(0, 70)}...) built with ${built.installed}`,
    );
    const head = git(['rev-parse', '--short=10', 'HEAD']);

    const api = await startApi(apiMain, root, db.api);
    const baseline = await startApi(built.main, built.dir, db.baseline, {}, 'baseline');
    const apiSide = await seedAndSignIn(db.api, ACCESS_TOKEN);
    const baselineSide = await seedAndSignIn(db.baseline, ACCESS_TOKEN);

    const yardstick = fork(path.join(__dirname, 'yardstick.js'), [], {
      env: apiEnv(0, db.api),
      stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
    });
    janitor.process(yardstick.pid);
    const yardstickUrl = await new Promise((resolve, reject) => {
      yardstick.once('message', (m) => resolve(`http://127.0.0.1:${m.port}`));
      yardstick.once('exit', () => reject(new Error('The yardstick stopped while starting')));
    });

    // The same questions for each: establishments are picked by place in name order, so each
    // database's own ids stand for the same establishments.
    const sides = {
      api: { url: api.url, headers: apiSide.headers, seeded: apiSide.seeded, pid: api.child.pid, db: db.api },
      baseline: {
        url: baseline.url,
        headers: baselineSide.headers,
        seeded: baselineSide.seeded,
        pid: baseline.child.pid,
        db: db.baseline,
      },
      yardstick: { url: yardstickUrl, headers: {}, seeded: apiSide.seeded, pid: yardstick.pid, db: db.api },
    };

    const loadBefore = loadAverage();
    const results = {};
    const cpu = {};
    const watcher = new Client({ connectionString: `${PG_BASE}/postgres` });
    await watcher.connect();
    try {
      for (const [mix, makeMix] of Object.entries(MIXES)) {
        // Each contender asks its own copy of the mix: the same questions in the same order.
        const next = Object.fromEntries(Object.entries(sides).map(([name, side]) => [name, makeMix(side.seeded)]));
        for (const [name, side] of Object.entries(sides)) {
          const probe = next[name]();
          const answer = await fetch(`${side.url}${probe}`, { headers: side.headers });
          if (!answer.ok) throw new Error(`The ${name} answered ${answer.status} to ${probe}`);
          await load(side.url, next[name], side.headers, WARMUP_S, CONNECTION_LEVELS.at(-1));
        }
        results[mix] = {};
        cpu[mix] = {};
        for (const connections of CONNECTION_LEVELS) {
          const runs = Object.fromEntries(CONTENDERS.map((name) => [name, []]));
          const used = Object.fromEntries(CONTENDERS.map((name) => [name, []]));
          for (const name of TURNS) {
            const side = sides[name];
            const before = await cpuReading(watcher, side.pid, side.db);
            const result = await load(side.url, next[name], side.headers, DURATION_S / 2, connections);
            used[name].push({
              ...cpuUsed(before, await cpuReading(watcher, side.pid, side.db)),
              requests: result.requests.total,
            });
            runs[name].push(result);
          }
          results[mix][connections] = Object.fromEntries(Object.entries(runs).map(([name, r]) => [name, combined(r)]));
          cpu[mix][connections] = Object.fromEntries(
            Object.entries(used).map(([name, turns]) => [name, cpuPerRequest(turns)]),
          );
        }
      }
    } finally {
      await watcher.end();
    }
    const loadAfter = loadAverage();
    const rss = {
      api: peakRssMb(api.child.pid),
      baseline: peakRssMb(baseline.child.pid),
      yardstick: peakRssMb(yardstick.pid),
    };
    await writeProfiles([api.child, baseline.child]);

    log('');
    log(`Machine load average before the measured turns ${loadBefore.join(' ')}, after ${loadAfter.join(' ')}`);
    log(
      `API ${head} against baseline ${rev.slice(0, 10)}; ${MEMBERS} members; ${DURATION_S} s per contender per load, turns of ${DURATION_S / 2} s`,
    );
    const figures = {};
    for (const mix of Object.keys(MIXES)) {
      figures[mix] = {};
      for (const connections of CONNECTION_LEVELS) {
        const r = results[mix][connections];
        log(`-- ${mix} mix, ${connections} connections`);
        for (const name of CONTENDERS) {
          const x = r[name];
          log(
            `${name.padEnd(10)} ${String(x.rps).padStart(6)} req/s   p50 ${String(x.p50).padStart(4)} ms` +
              `   p99 ${String(x.p99).padStart(5)} ms   non-2xx/errors ${x.non2xx}`,
          );
        }
        for (const name of CONTENDERS) {
          const c = cpu[mix][connections][name];
          log(
            `CPU/req    ${name.padEnd(10)} own process ${c.server} ms + PostgreSQL ${c.postgres} ms` +
              ` + load generator ${c.load} ms = ${c.total} ms; machine busy ${Math.round(c.machineBusy * 100)} %`,
          );
        }
        const ratios = {
          apiToBaseline: round(r.api.rps / r.baseline.rps),
          apiToYardstick: round(r.api.rps / r.yardstick.rps),
        };
        log(`ratios     API/baseline ${ratios.apiToBaseline}   API/yardstick ${ratios.apiToYardstick}`);
        figures[mix][connections] = { ...r, ...ratios, cpuMsPerRequest: cpu[mix][connections] };
      }
    }
    log(`peak RSS   API ${rss.api} MB   baseline ${rss.baseline} MB   yardstick ${rss.yardstick} MB`);

    const high = (mix) => figures[mix][CONNECTION_LEVELS.at(-1)];
    const aims = {
      [`realistic: API/yardstick >= ${AIMS.realisticYardstickRatio50} at 50`]:
        high('realistic').apiToYardstick >= AIMS.realisticYardstickRatio50,
      ...Object.fromEntries(
        CONNECTION_LEVELS.map((c) => [
          `realistic: API p99 < ${AIMS.p99Ms[c]} ms at ${c}`,
          figures.realistic[c].api.p99 < AIMS.p99Ms[c],
        ]),
      ),
      [`distinct: API/baseline >= ${AIMS.distinctBaselineRatio50} at 50`]:
        high('distinct').apiToBaseline >= AIMS.distinctBaselineRatio50,
      [`API peak RSS < ${AIMS.rssMb} MB`]: rss.api < AIMS.rssMb,
    };
    log(
      `aims       ${Object.entries(aims)
        .map(([aim, met]) => `${aim}: ${met ? 'met' : 'missed'}`)
        .join('; ')}`,
    );
    const side = (x) => ({ rps: x.rps, p50Ms: x.p50, p99Ms: x.p99, errors: x.non2xx });
    log(
      JSON.stringify({
        bench: 'directory',
        head,
        baseline: rev,
        members: MEMBERS,
        cores: os.cpus().length,
        loadAverage: { start: loadAtStart, before: loadBefore, after: loadAfter },
        durationSeconds: DURATION_S,
        mixes: Object.fromEntries(
          Object.keys(MIXES).map((mix) => [
            mix,
            Object.fromEntries(
              CONNECTION_LEVELS.map((c) => {
                const f = figures[mix][c];
                return [
                  c,
                  {
                    api: side(f.api),
                    baseline: side(f.baseline),
                    yardstick: side(f.yardstick),
                    apiToBaseline: f.apiToBaseline,
                    apiToYardstick: f.apiToYardstick,
                    cpuMsPerRequest: f.cpuMsPerRequest,
                  },
                ];
              }),
            ),
          ]),
        ),
        peakRssMb: rss,
        aims,
      }),
    );
  } finally {
    await janitor.finish();
  }
}

main().catch((error) => {
  process.stderr.write(`${error.stack || error}\n`);
  process.exit(1);
});
