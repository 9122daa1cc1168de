import { INestApplicationContext } from '@nestjs/common';
import { AppConfig } from '@seg/config';
import { ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import * as path from 'node:path';
import { NoticeSenderProcessor } from '../../apps/worker/src/notices/notice-sender.processor';
import { OutboxRelayService } from '../../apps/worker/src/notices/outbox-relay.service';
import { createWorkerApp } from '../../apps/worker/src/worker-app';

export interface WorkerHarness {
  app: INestApplicationContext;
  sender: NoticeSenderProcessor;
  relay: OutboxRelayService;
  close: () => Promise<void>;
}

/** The real worker, in this process. */
export async function startWorker(config: AppConfig): Promise<WorkerHarness> {
  const app = await createWorkerApp(config);
  await app.init();
  return {
    app,
    sender: app.get(NoticeSenderProcessor),
    relay: app.get(OutboxRelayService),
    close: () => app.close(),
  };
}

export const BUILT_WORKER = path.resolve(__dirname, '../../dist/apps/worker/src/main.js');

export interface SpawnedWorker {
  child: ChildProcess;
  output: () => string;
  /** The exit code, or the signal that ended it. */
  exited: Promise<number | NodeJS.Signals | null>;
}

/**
 * The built worker as a child process, for tests that kill it (SIGKILL, SIGTERM). `npm test`
 * builds it first.
 */
export function spawnWorker(env: Record<string, string>): SpawnedWorker {
  if (!existsSync(BUILT_WORKER)) throw new Error(`${BUILT_WORKER} is missing: run npm run build first`);
  const child = spawn(process.execPath, [BUILT_WORKER], {
    env: { PATH: process.env.PATH ?? '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout!.on('data', (c: Buffer) => (output += c.toString()));
  child.stderr!.on('data', (c: Buffer) => (output += c.toString()));
  const exited = new Promise<number | NodeJS.Signals | null>((resolve) =>
    child.once('exit', (code, signal) => resolve(code ?? signal)),
  );
  return { child, output: () => output, exited };
}

/** The environment a spawned worker needs to act like the in-process config. */
export function workerEnv(config: AppConfig, extra: Record<string, string> = {}): Record<string, string> {
  return {
    NODE_ENV: 'test',
    DATABASE_URL: config.databaseUrl,
    REDIS_URL: config.redisUrl,
    QUEUE_PREFIX: config.queuePrefix,
    JWT_SECRET: config.auth.jwtSecret,
    LOG_LEVEL: 'info',
    SMTP_URL: config.mail.smtpUrl ?? '',
    RELAY_INTERVAL_MS: String(config.worker.relayIntervalMs),
    RELAY_GRACE_MS: String(config.worker.relayGraceMs),
    MAIL_PROVIDER: config.mail.provider,
    MAIL_RATE_PER_MINUTE: String(config.mail.ratePerMinute),
    ...(config.mail.dailyLimit ? { MAIL_DAILY_LIMIT: String(config.mail.dailyLimit) } : {}),
    WORKER_CONCURRENCY: String(config.worker.concurrency),
    ...extra,
  };
}
