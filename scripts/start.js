#!/usr/bin/env node
// `npm start`: runs the built API and worker side by side on the local services (the API prints
// where to go and the demo logins once it listens) and stops both on Ctrl-C.
'use strict';
const { spawn } = require('node:child_process');
const path = require('node:path');
const { API_NODE_ARGS } = require('./api-process');

const root = path.resolve(__dirname, '..');
const children = [];
let stopping = false;

function run(name, file, nodeArgs = []) {
  // Quiet by default: the console shows the start banner and problems; LOG_LEVEL=info shows more.
  const env = { LOG_LEVEL: 'warn', ...process.env };
  const child = spawn(process.execPath, [...nodeArgs, path.join(root, file)], { cwd: root, env, stdio: 'inherit' });
  child.on('exit', (code, signal) => {
    if (stopping) return;
    process.stderr.write(`\n${name} stopped (${signal || `exit code ${code}`}); stopping the rest.\n`);
    stop(code || 1);
  });
  children.push(child);
}

function stop(code) {
  if (stopping) return;
  stopping = true;
  for (const child of children) if (child.exitCode === null) child.kill('SIGTERM');
  Promise.all(children.map((c) => (c.exitCode === null ? new Promise((r) => c.once('exit', r)) : null))).then(() =>
    process.exit(code),
  );
}

process.on('SIGINT', () => stop(0));
process.on('SIGTERM', () => stop(0));

// The API migrates the database first; the worker waits on the same advisory lock.
run('API', 'dist/apps/api/src/main.js', API_NODE_ARGS);
run('Worker', 'dist/apps/worker/src/main.js');
