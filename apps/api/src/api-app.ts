import { INestApplication } from '@nestjs/common';
import { HttpAdapterHost, NestFactory } from '@nestjs/core';
import { NestExpressApplication } from '@nestjs/platform-express';
import { SwaggerModule } from '@nestjs/swagger';
import { AllExceptionsFilter, createValidationPipe, readRequestBodies, refuseUndecodablePaths } from '@seg/http';
import { AppConfig } from '@seg/config';
import { prepareDatabase } from '@seg/db';
import helmet from 'helmet';
import { Logger } from 'nestjs-pino';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { createApiDocument } from './api-document';
import { AppModule } from './app.module';
import { Stopping } from './health/stopping';

/** Builds the API on a validated config: migrations first, then the Nest app, not yet listening. */
export async function createApiApp(config: AppConfig): Promise<INestApplication> {
  await prepareDatabase(config.databaseUrl);
  // No body parsers of Nest's own, with their default limits: readRequestBodies reads bodies.
  const app = await NestFactory.create<NestExpressApplication>(AppModule.forRoot(config), {
    bufferLogs: true,
    bodyParser: false,
  });
  app.useLogger(app.get(Logger));
  app.get(Logger).log('Database migrated and reference data seeded', 'Database');
  // Behind a reverse proxy every request comes from the proxy; the client address (login
  // throttling keys on it) is then read from X-Forwarded-For, trusting only that many hops.
  if (config.trustProxyHops) app.set('trust proxy', config.trustProxyHops);
  app.use(app.get(Stopping).closeConnections);
  app.use(
    helmet({
      contentSecurityPolicy: {
        directives: {
          defaultSrc: ["'self'"],
          scriptSrc: ["'self'"],
          styleSrc: ["'self'", "'unsafe-inline'"],
          imgSrc: ["'self'", 'data:'],
        },
      },
    }),
  );
  // Answers with a member's data are never stored by a browser or proxy (API.md): no ETag to
  // revalidate against, and no-store on every signed-in request and on every answer to a change,
  // which covers those that hand out tokens (login, refresh, activation) before anyone is signed in.
  app.set('etag', false);
  app.use((req: IncomingMessage, res: ServerResponse, next: () => void) => {
    if (req.headers.authorization || (req.method !== 'GET' && req.method !== 'HEAD'))
      res.setHeader('Cache-Control', 'no-store');
    next();
  });
  app.use(refuseUndecodablePaths);
  app.enableCors({ origin: config.corsOrigins.length ? config.corsOrigins : false, credentials: true });
  app.use(readRequestBodies());
  app.useGlobalPipes(createValidationPipe());
  app.useGlobalFilters(new AllExceptionsFilter(app.get(HttpAdapterHost)));
  app.enableShutdownHooks();

  SwaggerModule.setup('docs', app, createApiDocument(app), { jsonDocumentUrl: 'docs-json' });
  return app;
}
