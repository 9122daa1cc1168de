import { HttpException, INestApplication } from '@nestjs/common';
import { HttpAdapterHost, NestFactory } from '@nestjs/core';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import { SwaggerModule } from '@nestjs/swagger';
import {
  AllExceptionsFilter,
  createValidationPipe,
  httpErrorBody,
  readRequestBodies,
  refuseUndecodablePaths,
  undecodablePath,
} from '@seg/http';
import { AppConfig } from '@seg/config';
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { prepareDatabase } from '@seg/db';
import helmet from 'helmet';
import { Logger } from 'nestjs-pino';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { parse as parseQuery } from 'node:querystring';
import { createApiDocument } from './api-document';
import { AppModule } from './app.module';
import { Stopping } from './health/stopping';

/** Builds the API on a validated config: migrations first, then the Nest app, not yet listening. */
export async function createApiApp(config: AppConfig): Promise<INestApplication> {
  await prepareDatabase(config.databaseUrl);
  const adapter = new FastifyAdapter({
    // Behind a reverse proxy every request comes from the proxy; the client address (login
    // throttling keys on it) is then read from X-Forwarded-For, trusting only that many hops.
    trustProxy: config.trustProxyHops || false,
    // Paths are matched as they always were: /health/ is /health, and letter case aside. A path
    // value (a link's token) has no length limit of the router's own; Node's header limit bounds it.
    // Query strings are read with Node's querystring: a repeated name is an array, nothing nests.
    routerOptions: {
      ignoreTrailingSlash: true,
      caseSensitive: false,
      maxParamLength: 16 * 1024,
      querystringParser: (query) => parseQuery(query),
    },
    // Fastify's own id stays empty: the logger's middleware gives each request its id (the
    // caller's x-request-id, or a new one) when it sees it, and an answer names only an id
    // the logs know.
    genReqId: () => '',
    // A path whose %-escapes are not UTF-8 stops Fastify's router before any middleware runs:
    // answered as refuseUndecodablePaths answers it.
    frameworkErrors: (error: FastifyError, _request: FastifyRequest, reply: FastifyReply) => {
      const refusal =
        error.code === 'FST_ERR_BAD_URL'
          ? undecodablePath()
          : new HttpException(error.message, error.statusCode ?? 500);
      const body = httpErrorBody(refusal);
      // Written to Node's response, as Fastify answers these itself: no route or hook has run.
      reply.raw.statusCode = body.statusCode;
      reply.raw.setHeader('Content-Type', 'application/json; charset=utf-8');
      reply.raw.end(JSON.stringify(body));
    },
  });
  // No body parsers of Nest's or Fastify's own, with their default limits: readRequestBodies reads bodies.
  const app = await NestFactory.create<NestFastifyApplication>(AppModule.forRoot(config), adapter, {
    bufferLogs: true,
    bodyParser: false,
  });
  app.useLogger(app.get(Logger));
  app.get(Logger).log('Database migrated and reference data seeded', 'Database');
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
  // revalidate against (Fastify makes none), and no-store on every signed-in request and on every
  // answer to a change, which covers those that hand out tokens (login, refresh, activation)
  // before anyone is signed in.
  app.use((req: IncomingMessage, res: ServerResponse, next: () => void) => {
    if (req.headers.authorization || (req.method !== 'GET' && req.method !== 'HEAD'))
      res.setHeader('Cache-Control', 'no-store');
    next();
  });
  app.use(refuseUndecodablePaths);
  app.enableCors({ origin: config.corsOrigins.length ? config.corsOrigins : false, credentials: true });
  app.use(readRequestBodies());
  // Fastify hands a route the body readRequestBodies read, or none: it parses no type itself,
  // and refuses none, so that a guard's 401 or 403 comes before BodyTypeGuard's 415.
  const fastify = app.getHttpAdapter().getInstance();
  fastify.removeAllContentTypeParsers();
  fastify.addContentTypeParser('*', (request, _payload, done) => done(null, (request.raw as { body?: unknown }).body));
  app.useGlobalPipes(createValidationPipe());
  app.useGlobalFilters(new AllExceptionsFilter(app.get(HttpAdapterHost)));
  app.enableShutdownHooks();

  SwaggerModule.setup('docs', app, createApiDocument(app), { jsonDocumentUrl: 'docs-json' });
  return app;
}
