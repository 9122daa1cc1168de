import { INestApplication } from '@nestjs/common';
import { AppConfig } from '@seg/config';
import { Database, DB } from '@seg/db';
import { AddressInfo } from 'node:net';
import request from 'supertest';
import { createApiApp } from '../../apps/api/src/api-app';
import { checkAnswersAgainstDocument } from './openapi-contract';

export interface ApiHarness {
  app: INestApplication;
  db: Database;
  baseUrl: string;
  http: () => ReturnType<typeof request>;
  close: () => Promise<void>;
}

/** Boots the real API on a random loopback port. */
export async function startApi(config: AppConfig): Promise<ApiHarness> {
  const app = await createApiApp(config);
  checkAnswersAgainstDocument(app.getHttpServer());
  await app.listen(0, '127.0.0.1');
  const { port } = app.getHttpServer().address() as AddressInfo;
  return {
    app,
    db: app.get<Database>(DB),
    baseUrl: `http://127.0.0.1:${port}`,
    http: () => request(app.getHttpServer()),
    close: () => app.close(),
  };
}
