'use strict';
// The yardstick: a bare node:http + pg server answering GET /directory/members with the SQL the
// API runs, and nothing else: no framework, no login check, no validation, no signed cursor.
// The SQL is not copied: the built API's DirectoryRepository writes it, and this server hands it
// straight to a pg pool (set up as the API's pool is), so the two cannot drift apart. The rows
// become cards with the API's own mapping, as a member who is not a representative sees them.
const http = require('node:http');
const path = require('node:path');
const { Pool } = require('pg');
const { PgDialect } = require('drizzle-orm/pg-core');

const dist = path.resolve(__dirname, '..', '..', 'dist');
const { DirectoryRepository } = require(path.join(dist, 'apps', 'api', 'src', 'directory', 'directory.repository.js'));
const { directoryMember } = require(path.join(dist, 'apps', 'api', 'src', 'directory', 'directory-member.js'));
const { nameQuery } = require(path.join(dist, 'apps', 'api', 'src', 'directory', 'name-query.js'));
const { todayInLondon } = require(path.join(dist, 'libs', 'rules', 'src', 'index.js'));
const { loadConfig } = require(path.join(dist, 'libs', 'config', 'src', 'app-config.js'));
const { CONNECTION_OPTIONS } = require(path.join(dist, 'libs', 'db', 'src', 'database.js'));

// The API's environment, as the bench starts the API with it: the cards read settings of it.
const config = loadConfig(process.env);

const pool = new Pool({
  connectionString: config.databaseUrl,
  max: 10,
  options: CONNECTION_OPTIONS,
});
pool.on('error', () => undefined);
const dialect = new PgDialect();
// What the repository calls on drizzle's database: execute(sql) → { rows }. Here: pg, bare.
const directory = new DirectoryRepository({
  execute: (query) => {
    const { sql: text, params: values } = dialect.sqlToQuery(query);
    return pool.query({ text, values });
  },
});
const VIEWER = { id: '', role: 'member' };

async function search(params) {
  const today = todayInLondon();
  const limit = Math.min(Number(params.get('limit')) || 50, 200);
  // The filter the API builds for a member who represents no region.
  const filter = {
    name: nameQuery(params.get('q') ?? undefined),
    regionCode: params.get('region') ?? undefined,
    categoryCode: params.get('category') ?? undefined,
    establishmentId: params.get('establishment') ?? undefined,
    repsOnly: params.get('reps') === 'true',
    listedOnly: true,
    statuses: undefined,
    emailStatus: undefined,
  };
  const { rows, total } = await directory.searchPage(filter, today, limit + 1);
  return {
    items: rows.slice(0, limit).map((row) => directoryMember(row, VIEWER, { today, config })),
    nextCursor: rows.length > limit ? 'more' : null,
    total: total ?? 0,
  };
}

const reported = new Set();
const server = http.createServer((req, res) => {
  const url = new URL(req.url, 'http://localhost');
  if (url.pathname !== '/directory/members') {
    res.writeHead(404).end();
    return;
  }
  search(url.searchParams).then(
    (body) => {
      const json = JSON.stringify(body);
      res
        .writeHead(200, {
          'content-type': 'application/json; charset=utf-8',
          'content-length': Buffer.byteLength(json),
        })
        .end(json);
    },
    (err) => {
      // Each distinct failure once: the bench counts the 500s.
      if (!reported.has(err.message)) process.stderr.write(`${err.stack}\n`);
      reported.add(err.message);
      res.writeHead(500).end();
    },
  );
});
server.listen(0, '127.0.0.1', () => process.send?.({ port: server.address().port }));
process.on('SIGTERM', () => server.close(() => pool.end().then(() => process.exit(0))));
