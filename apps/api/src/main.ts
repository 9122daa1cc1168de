import { loadConfig } from '@seg/config';
import { createApiApp } from './api-app';
import { DemoNetworkService } from './demo/demo-network.service';
import { startBanner } from './start-banner';

async function bootstrap(): Promise<void> {
  const config = loadConfig(process.env);
  const app = await createApiApp(config);
  // On SIGTERM (shutdown hooks, set in createApiApp) the server stops taking connections and
  // answers the requests under way before the database and Redis close; a client that keeps
  // its connection open does not hold the API past the grace period.
  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    process.once(signal, () => {
      setTimeout(() => {
        process.stderr.write(`Answers still unfinished after SHUTDOWN_GRACE_SECONDS; exiting\n`);
        process.exit(1);
      }, config.shutdownGraceMs).unref();
    });
  }
  // Every interface, IPv6 and IPv4, as Node listens by default (Fastify's default is loopback only).
  await app.listen(config.port, '::');
  process.stdout.write(`${startBanner(config, await app.get(DemoNetworkService).availableLogins())}\n`);
}

bootstrap().catch((error) => {
  // The logger may not exist yet (bad config): say what is wrong plainly and stop.
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
