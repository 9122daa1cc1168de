import { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { AppConfig } from '@seg/config';
import { prepareDatabase } from '@seg/db';
import { Logger } from 'nestjs-pino';
import { WorkerModule } from './worker.module';

/** The worker: queue consumers and the outbox relay, with no HTTP server. */
export async function createWorkerApp(config: AppConfig): Promise<INestApplicationContext> {
  await prepareDatabase(config.databaseUrl);
  const app = await NestFactory.createApplicationContext(WorkerModule.forRoot(config), { bufferLogs: true });
  app.useLogger(app.get(Logger));
  app.get(Logger).log('Database migrated and reference data seeded', 'Database');
  return app;
}
