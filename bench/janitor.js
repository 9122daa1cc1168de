'use strict';
// The benches' janitor: a process of its own that outlives the bench that started it. The bench
// tells it, one JSON line at a time on its stdin, each process, database, Redis prefix and git
// worktree it makes; when that pipe closes (the bench finished, threw, was interrupted or was
// killed with SIGKILL) the janitor stops the processes (SIGTERM, then SIGKILL after a grace
// period), drops the databases, deletes the keys and removes the worktrees, then exits.
// It runs in a process group of its own, so a Ctrl-C meant for the bench does not stop it first.
const { execFileSync } = require('node:child_process');
const { readFileSync, rmSync } = require('node:fs');
const path = require('node:path');
const readline = require('node:readline');
const { Client } = require('pg');
const IORedis = require('ioredis');

const GRACE_MS = Number(process.env.BENCH_GRACE_MS ?? 10_000);
const left = { pids: [], databases: [], redisPrefixes: [], worktrees: [], pgBase: null, redisUrl: null, root: null };

const say = (line) => process.stderr.write(`janitor: ${line}\n`);
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** Whether a process still runs; a zombie (exited, not yet reaped by its parent) does not. */
function running(pid) {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2)[0] !== 'Z';
  } catch {
    return false;
  }
}

function signal(pid, name) {
  try {
    process.kill(pid, name);
  } catch {
    // already gone
  }
}

async function stopProcesses() {
  const alive = () => left.pids.filter(running);
  for (const pid of alive()) signal(pid, 'SIGTERM');
  for (let waited = 0; alive().length && waited < GRACE_MS; waited += 100) await sleep(100);
  for (const pid of alive()) {
    say(`process ${pid} did not stop within ${GRACE_MS} ms of SIGTERM: SIGKILL`);
    signal(pid, 'SIGKILL');
  }
}

async function dropDatabases() {
  if (!left.databases.length) return;
  const admin = new Client({ connectionString: `${left.pgBase}/postgres` });
  await admin.connect();
  try {
    for (const name of left.databases)
      await admin
        .query(`drop database if exists "${name.replace(/"/g, '""')}" with (force)`)
        .catch((error) => say(`could not drop ${name}: ${error.message}`));
  } finally {
    await admin.end();
  }
}

async function deleteKeys() {
  if (!left.redisPrefixes.length) return;
  const redis = new IORedis(left.redisUrl, { maxRetriesPerRequest: 3, lazyConnect: true });
  redis.on('error', () => undefined);
  await redis.connect();
  try {
    for (const prefix of left.redisPrefixes) {
      let cursor = '0';
      do {
        const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 1000);
        if (keys.length) await redis.unlink(...keys);
        cursor = next;
      } while (cursor !== '0');
    }
  } finally {
    redis.disconnect();
  }
}

function removeWorktrees() {
  for (const dir of left.worktrees) {
    try {
      rmSync(path.join(dir, 'node_modules'), { force: true });
      execFileSync('git', ['worktree', 'remove', '--force', dir], { cwd: left.root, stdio: 'ignore' });
    } catch (error) {
      say(`could not remove the worktree ${dir}: ${error.message}`);
    }
  }
}

/** Each step on its own: one that fails leaves the others to do. */
async function cleanUp() {
  for (const step of [stopProcesses, dropDatabases, deleteKeys, removeWorktrees]) {
    try {
      await step();
    } catch (error) {
      say(`${step.name}: ${error.message}`);
    }
  }
}

const lines = readline.createInterface({ input: process.stdin });
lines.on('line', (line) => {
  const told = JSON.parse(line);
  if (told.pid) left.pids.push(told.pid);
  if (told.database) left.databases.push(told.database);
  if (told.redisPrefix) left.redisPrefixes.push(told.redisPrefix);
  if (told.worktree) left.worktrees.push(told.worktree);
  if (told.pgBase) left.pgBase = told.pgBase;
  if (told.redisUrl) left.redisUrl = told.redisUrl;
  if (told.root) left.root = told.root;
});
lines.on('close', () => cleanUp().then(() => process.exit(0)));
// Only the bench's pipe decides when to clean up; signals from the terminal are the bench's.
process.on('SIGINT', () => undefined);
process.on('SIGHUP', () => undefined);
