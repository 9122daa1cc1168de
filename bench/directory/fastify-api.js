#!/usr/bin/env node
'use strict';
// The bench's Fastify contender (BENCH_FASTIFY=1): this checkout's built API on Nest's Fastify
// adapter, started as dist/apps/api/src/main.js starts it on Express, with the Fastify
// counterparts of what a directory read passes through there (helmet's headers, no-store for
// signed-in requests, the path check, CORS, the validation pipe). Only for measuring: bodies,
// cookies, files of the web app, error answers in API.md's shape and the Express-only controllers
// are not ported, so it is not a way to run the API.
const path = require('node:path');
const { NestFactory } = require('@nestjs/core');
const { FastifyAdapter } = require('@nestjs/platform-fastify');
const fastifyHelmet = require('@fastify/helmet');
const { Logger } = require('nestjs-pino');

const dist = (file) => require(path.resolve(__dirname, '..', '..', 'dist', file));
const { loadConfig } = dist('libs/config/src');
const { prepareDatabase } = dist('libs/db/src');
const { createValidationPipe, refuseUndecodablePaths } = dist('libs/http/src');
const { AppModule } = dist('apps/api/src/app.module');

async function main() {
  const config = loadConfig(process.env);
  await prepareDatabase(config.databaseUrl);
  const adapter = new FastifyAdapter({ trustProxy: config.trustProxyHops || false, bodyLimit: 100 * 1024 });
  const app = await NestFactory.create(AppModule.forRoot(config), adapter, { bufferLogs: true });
  app.useLogger(app.get(Logger));
  await app.register(fastifyHelmet, {
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:'],
      },
    },
  });
  app
    .getHttpAdapter()
    .getInstance()
    .addHook('onRequest', (req, reply, done) => {
      if (req.headers.authorization || (req.method !== 'GET' && req.method !== 'HEAD'))
        reply.header('Cache-Control', 'no-store');
      done();
    });
  app.use(refuseUndecodablePaths);
  app.enableCors({ origin: config.corsOrigins.length ? config.corsOrigins : false, credentials: true });
  app.useGlobalPipes(createValidationPipe());
  app.enableShutdownHooks();
  await app.listen(config.port, '::');
}

main().catch((error) => {
  process.stderr.write(`${error.stack || error}\n`);
  process.exit(1);
});
