import { loadConfig } from '@seg/config';
import { createWorkerApp } from './worker-app';

async function bootstrap(): Promise<void> {
  const config = loadConfig(process.env);
  const app = await createWorkerApp(config);
  // SIGTERM/SIGINT close the app: consumers let running sends finish, then pools close.
  app.enableShutdownHooks();
  await app.init();
}

bootstrap().catch((error) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
