'use strict';
// What a bench starts is cleaned up on every way out: it tells its janitor (janitor.js, a process
// that outlives it) each process, database, Redis prefix and worktree as it makes them, and the
// janitor cleans up when the bench's pipe to it closes: when the bench finishes, throws, gets
// SIGINT or SIGTERM, or is killed outright.
const { spawn } = require('node:child_process');
const path = require('node:path');

/**
 * Starts the janitor for a bench using PostgreSQL at `pgBase` (a URL without a database) and
 * Redis at `redisUrl`, in the git checkout `root`.
 */
function startJanitor({ pgBase, redisUrl, root }) {
  const janitor = spawn(process.execPath, [path.join(__dirname, 'janitor.js')], {
    cwd: root,
    detached: true,
    stdio: ['pipe', 'ignore', 'inherit'],
  });
  // Neither the janitor nor its pipe keeps the bench alive: the bench ending is their signal.
  janitor.unref();
  janitor.stdin.unref();
  janitor.stdin.on('error', () => undefined);
  const tell = (what) => janitor.stdin.write(`${JSON.stringify(what)}\n`);
  tell({ pgBase, redisUrl, root });
  let finished = null;
  return {
    pid: janitor.pid,
    process: (pid) => tell({ pid }),
    database: (name) => tell({ database: name }),
    redisPrefix: (prefix) => tell({ redisPrefix: prefix }),
    worktree: (dir) => tell({ worktree: dir }),
    /** Cleans up now and waits until the janitor is done. */
    finish() {
      finished ??= new Promise((resolve) => {
        if (janitor.exitCode !== null || janitor.signalCode !== null) return resolve();
        janitor.once('exit', resolve);
        janitor.stdin.end();
      });
      return finished;
    },
  };
}

/**
 * Ends the bench through the janitor on SIGINT, SIGTERM, an uncaught exception or an unhandled
 * rejection, with the exit code a shell expects of each.
 */
function cleanUpOnEveryExit(janitor, log) {
  let ending = false;
  const end = (code, why) => {
    if (ending) return;
    ending = true;
    log(why);
    janitor.finish().finally(() => process.exit(code));
  };
  process.once('SIGINT', () => end(130, 'Interrupted: stopping what the bench started...'));
  process.once('SIGTERM', () => end(143, 'Terminated: stopping what the bench started...'));
  const failed = (error) => end(1, `${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
  process.on('uncaughtException', failed);
  process.on('unhandledRejection', failed);
}

module.exports = { startJanitor, cleanUpOnEveryExit };
