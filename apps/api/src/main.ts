import { loadConfig } from '@seg/config';
import { createApiApp } from './api-app';
import { DemoNetworkService } from './demo/demo-network.service';
import { startBanner } from './start-banner';

async function bootstrap(): Promise<void> {
  const config = loadConfig(process.env);
  const app = await createApiApp(config);
  await app.listen(config.port);
  process.stdout.write(`${startBanner(config, await app.get(DemoNetworkService).availableLogins())}\n`);
}

bootstrap().catch((error) => {
  // The logger may not exist yet (bad config): say what is wrong plainly and stop.
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
