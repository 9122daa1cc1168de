import { loadConfig } from '@seg/config';
import { createWorkerApp } from './worker-app';

async function bootstrap(): Promise<void> {
  const config = loadConfig(process.env);
  const app = await createWorkerApp(config);
  // SIGTERM/SIGINT close the app: consumers take no new job and let the sends in flight finish
  // and be recorded, the mailbox reader releases its lock, then pools close.
  app.enableShutdownHooks();
  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    process.once(signal, () => {
      // A send that hangs must not keep the worker past what its process manager allows; what is
      // still unrecorded then is taken again by another worker once its job's lock lapses.
      setTimeout(() => {
        process.stderr.write(`Sends still unfinished after SHUTDOWN_GRACE_SECONDS; exiting\n`);
        process.exit(1);
      }, config.shutdownGraceMs).unref();
    });
  }
  await app.init();
}

bootstrap().catch((error) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
