#!/usr/bin/env node
'use strict';
// Benchmark of GET /directory/members (not a test). Seeds 100,000 members in a database of its
// own, loads the built API with a realistic mix of name searches and filters for 15 s at 50
// connections, and a bare node:http + pg server answering the same query (the yardstick) for
// 15 s, in turns of 7.5 s (API, yardstick, yardstick, API), one at a time.
// Prints requests/s, p50 and p99 of both, their ratio and the API's peak memory, and ends with
// one JSON line of those figures. Run `npm run build` first (`npm run bench:directory` does).
const autocannon = require('autocannon');
const { fork, spawn } = require('node:child_process');
const { randomBytes } = require('node:crypto');
const { readFileSync, existsSync } = require('node:fs');
const path = require('node:path');
const { Client } = require('pg');
const { JwtService } = require('@nestjs/jwt');
const { seedMembers, FIRST, LAST, prng } = require('./seed');

const root = path.resolve(__dirname, '..', '..');
const PG_BASE = process.env.BENCH_PG_BASE || 'postgres://postgres@127.0.0.1:5432';
const MEMBERS = 100_000;
const DURATION_S = 15;
const WARMUP_S = 3;
const CONNECTIONS = 50;
const JWT_SECRET = randomBytes(32).toString('base64url');

function log(line) {
  process.stdout.write(`${line}\n`);
}

async function admin(sql) {
  const client = new Client({ connectionString: `${PG_BASE}/postgres` });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

async function waitForHealth(url, child) {
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error('The API stopped while starting');
    try {
      const res = await fetch(`${url}/health`);
      if (res.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error('The API did not become healthy within 60 s');
}

/** The search mix: what members type and pick, in a fixed pseudo-random order. */
function requestMix(seeded) {
  const random = prng(7);
  const pick = (list) => list[Math.floor(random() * list.length)];
  const plain = (s) => s.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase();
  const paths = [];
  for (let i = 0; i < 1000; i++) {
    const r = random();
    const params = new URLSearchParams();
    if (r < 0.35) params.set('q', plain(pick(LAST)).replace(/[^a-z]/g, '').slice(0, 3 + Math.floor(random() * 3)));
    else if (r < 0.5) params.set('q', plain(pick(FIRST)));
    else if (r < 0.6) params.set('q', `${pick(FIRST)} ${pick(LAST)}`);
    else if (r < 0.65) params.set('q', plain(pick(LAST)).slice(0, 2));
    else if (r < 0.8) {
      params.set('region', pick(seeded.regions));
      if (random() < 0.5) params.set('category', pick(seeded.categories));
    } else if (r < 0.9) {
      params.set('q', plain(pick(LAST)).replace(/[^a-z]/g, '').slice(0, 4));
      params.set('region', pick(seeded.regions));
    } else if (r < 0.95) {
      params.set('reps', 'true');
      if (random() < 0.5) params.set('region', pick(seeded.regions));
    } else params.set('establishment', pick(seeded.establishments));
    paths.push(`/directory/members?${params}`);
  }
  return paths;
}

function load(url, paths, headers, seconds) {
  let next = 0;
  return autocannon({
    url,
    connections: CONNECTIONS,
    duration: seconds,
    headers,
    requests: [
      {
        method: 'GET',
        setupRequest: (req) => ({ ...req, path: paths[next++ % paths.length] }),
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
  return { rps: mean('rps'), p50: mean('p50'), p99: Math.max(...parts.map((p) => p.p99)), non2xx: parts.reduce((n, p) => n + p.non2xx, 0) };
}

function peakRssMb(pid) {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = Number(/VmHWM:\s+(\d+)/.exec(status)?.[1] ?? 0);
  return Math.round(kb / 1024);
}

async function main() {
  const main = path.join(root, 'dist', 'apps', 'api', 'src', 'main.js');
  if (!existsSync(main)) throw new Error('Build the API first: npm run build');
  const { ACCESS_TOKEN } = require(path.join(root, 'dist', 'libs', 'auth', 'src', 'access-token.js'));
  const dbName = `seg_bench_directory_${randomBytes(4).toString('hex')}`;
  const databaseUrl = `${PG_BASE}/${dbName}`;
  const children = [];
  const stopAll = () => children.forEach((c) => c.exitCode === null && c.kill('SIGTERM'));
  process.on('SIGINT', () => {
    stopAll();
    process.exit(130);
  });

  try {
    const port = 3900 + Math.floor(Math.random() * 500);
    const api = spawn(process.execPath, [main], {
      cwd: root,
      stdio: ['ignore', 'ignore', 'inherit'],
      env: {
        ...process.env,
        NODE_ENV: 'production',
        PORT: String(port),
        PUBLIC_URL: `http://127.0.0.1:${port}`,
        DATABASE_URL: databaseUrl,
        QUEUE_PREFIX: dbName,
        JWT_SECRET,
        SMTP_URL: 'smtp://127.0.0.1:2525',
        SEED_DEMO: 'false',
        LOG_LEVEL: 'warn',
      },
    });
    children.push(api);
    const apiUrl = `http://127.0.0.1:${port}`;
    await waitForHealth(apiUrl, api);

    const client = new Client({ connectionString: databaseUrl });
    await client.connect();
    const started = Date.now();
    const seeded = await seedMembers(client, MEMBERS);
    log(`Seeded ${MEMBERS} members and ${seeded.posts} posts in ${((Date.now() - started) / 1000).toFixed(1)} s`);
    const viewer = await client.query(`insert into members (email, name, status) values ('bench.viewer@example.org', 'Bench Viewer', 'active') returning id`);
    // A login of the viewer, as POST /auth/login starts one: access tokens name theirs.
    const session = await client.query(
      `insert into refresh_tokens (member_id, family_id, token_hash, expires_at)
       values ($1, gen_random_uuid(), gen_random_uuid()::text, now() + interval '1 day') returning family_id`,
      [viewer.rows[0].id],
    );
    await client.end();
    const token = new JwtService().sign(
      { sub: viewer.rows[0].id, sid: session.rows[0].family_id, typ: ACCESS_TOKEN.type },
      { secret: JWT_SECRET, algorithm: ACCESS_TOKEN.algorithm, issuer: ACCESS_TOKEN.issuer, audience: ACCESS_TOKEN.audience, expiresIn: 3600 },
    );
    const headers = { authorization: `Bearer ${token}` };
    const paths = requestMix(seeded);

    const probe = await fetch(`${apiUrl}${paths[0]}`, { headers });
    if (!probe.ok) throw new Error(`The API answered ${probe.status} to ${paths[0]}`);

    const yardstick = fork(path.join(__dirname, 'yardstick.js'), [], { env: { ...process.env, DATABASE_URL: databaseUrl, PORT: '0' }, stdio: ['ignore', 'ignore', 'inherit', 'ipc'] });
    children.push(yardstick);
    const yPort = await new Promise((resolve, reject) => {
      yardstick.once('message', (m) => resolve(m.port));
      yardstick.once('exit', () => reject(new Error('The yardstick stopped while starting')));
    });
    const yUrl = `http://127.0.0.1:${yPort}`;
    await load(apiUrl, paths, headers, WARMUP_S);
    await load(yUrl, paths, headers, WARMUP_S);
    // Half the time each, in the order API, yardstick, yardstick, API: a machine that speeds up
    // or slows down during the run weighs on both sides alike. Only one is loaded at a time.
    const half = DURATION_S / 2;
    const runs = { api: [], yardstick: [] };
    for (const side of ['api', 'yardstick', 'yardstick', 'api']) runs[side].push(await load(side === 'api' ? apiUrl : yUrl, paths, headers, half));
    const apiResult = combined(runs.api);
    const yResult = combined(runs.yardstick);
    const apiPeak = peakRssMb(api.pid);
    log(`API        ${apiResult.rps} req/s   p50 ${apiResult.p50} ms   p99 ${apiResult.p99} ms   non-2xx/errors ${apiResult.non2xx}   peak RSS ${apiPeak} MB`);
    log(`Yardstick  ${yResult.rps} req/s   p50 ${yResult.p50} ms   p99 ${yResult.p99} ms   non-2xx/errors ${yResult.non2xx}`);
    const ratio = Math.round((apiResult.rps / yResult.rps) * 100) / 100;
    log(`Ratio      ${ratio} of the yardstick's throughput (aim: 0.7 or more; p99 under 50 ms; peak RSS under 300 MB)`);
    log(
      JSON.stringify({
        bench: 'directory',
        members: MEMBERS,
        connections: CONNECTIONS,
        durationSeconds: DURATION_S,
        api: { rps: apiResult.rps, p50Ms: apiResult.p50, p99Ms: apiResult.p99, errors: apiResult.non2xx, peakRssMb: apiPeak },
        yardstick: { rps: yResult.rps, p50Ms: yResult.p50, p99Ms: yResult.p99, errors: yResult.non2xx },
        ratio,
      }),
    );
  } finally {
    stopAll();
    await new Promise((r) => setTimeout(r, 500));
    await admin(`drop database if exists "${dbName}" with (force)`).catch((e) => log(`Could not drop ${dbName}: ${e.message}`));
  }
}

main().catch((error) => {
  process.stderr.write(`${error.stack || error}\n`);
  process.exit(1);
});
