import { Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { AuditTrailModule } from '@seg/audit';
import { ConfigModule, loadConfig } from '@seg/config';
import { DatabaseModule, prepareDatabase } from '@seg/db';
import { PasswordHasher } from '../auth/password-hasher';
import { DemoNetworkService } from './demo-network.service';
import { DemoRepository } from './demo.repository';

/**
 * Loads the demo network into a database holding no member but the configured admin, prints its
 * logins and exits; does nothing to a database already in use. Compose's `demo` profile runs it
 * once the API is up, in development mode (the demo network is never loaded in production).
 */
async function main(): Promise<void> {
  const config = loadConfig(process.env);
  if (config.isProduction) throw new Error('The demo network is never loaded in production (NODE_ENV=production)');
  await prepareDatabase(config.databaseUrl);

  @Module({
    imports: [ConfigModule.forRoot({ ...config, seedDemo: false }), DatabaseModule, AuditTrailModule],
    providers: [DemoRepository, PasswordHasher, DemoNetworkService],
  })
  class SeedDemoModule {}

  const app = await NestFactory.createApplicationContext(SeedDemoModule, { logger: ['warn', 'error'] });
  try {
    const logins = await app.get(DemoNetworkService).seedIfEmpty();
    process.stdout.write(
      logins
        ? `Demo network loaded. Logins:\n${logins.map((l) => `  ${l.label.padEnd(12)} ${l.email}   password: ${l.password}`).join('\n')}\n`
        : 'The database already holds members: the demo network was not loaded.\n',
    );
  } finally {
    await app.close();
  }
}

main().catch((error) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
