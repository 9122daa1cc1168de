// `npm run sql:snapshots`: writes every repository's SQL to `<name>.repository.sql` beside it, for
// review. It makes a throwaway database as the app does at start (migrations, drizzle/functions,
// reference data), calls each method with the example parameters of its
// `<name>.repository.sql-examples.ts` in a transaction that is rolled back, and keeps each statement
// drizzle's logger sees, parameters as $1.., formatted. Foreign keys and triggers are off in that
// transaction, so that example ids need no rows behind them.
// `--check` writes nothing and fails, with the diff, when a committed snapshot is stale, when a
// repository has no examples file or a public method no example, or when a statement fails to
// plan (SQLSTATE class 42: a missing column, a type mismatch, a syntax error).
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { drizzle } from 'drizzle-orm/node-postgres';
import { sql } from 'drizzle-orm';
import { Client } from 'pg';
import * as ts from 'typescript';
import {
  CONNECTION_OPTIONS,
  Database,
  NoSql,
  prepareDatabase,
  RepositorySqlExamples,
  SqlVariants,
  Transaction,
} from '@seg/db';
import * as schema from '../libs/db/src/schema';

const root = path.resolve(__dirname, '..');

// A checkout whose node_modules predates the formatter says how to get it, not a stack trace.
let format: typeof import('sql-formatter').format;
try {
  ({ format } = require('sql-formatter') as typeof import('sql-formatter'));
} catch {
  process.stderr.write('sql:snapshots: sql-formatter is not installed; run `npm ci` first\n');
  process.exit(1);
}
const PG_BASE = process.env.SQL_SNAPSHOTS_PG ?? 'postgres://postgres@127.0.0.1:5432';
const EXAMPLES_SUFFIX = '.repository.sql-examples.ts';

/** The repository files of apps/ and libs/ (not the web app, which has none). */
function repositoryFiles(): string[] {
  const found: string[] = [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) {
        if (entry.name !== 'node_modules' && full !== path.join(root, 'apps/web')) walk(full);
      } else if (entry.name.endsWith('.repository.ts')) found.push(full);
    }
  };
  walk(path.join(root, 'apps'));
  walk(path.join(root, 'libs'));
  return found.sort();
}

/** The public methods of each class of a file, in the order they are written. */
function publicMethods(file: string): Map<string, string[]> {
  const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.ES2022, true);
  const classes = new Map<string, string[]>();
  for (const statement of source.statements) {
    if (!ts.isClassDeclaration(statement) || !statement.name) continue;
    const methods: string[] = [];
    for (const member of statement.members) {
      if (!ts.isMethodDeclaration(member) || !ts.isIdentifier(member.name)) continue;
      const hidden = ts
        .getModifiers(member)
        ?.some((m) => m.kind === ts.SyntaxKind.PrivateKeyword || m.kind === ts.SyntaxKind.ProtectedKeyword);
      if (!hidden && !methods.includes(member.name.text)) methods.push(member.name.text);
    }
    classes.set(statement.name.text, methods);
  }
  return classes;
}

interface Snapshot {
  file: string;
  text: string;
}

class Rollback extends Error {}

/** Formats one statement; text the formatter cannot read is kept as written, on one line. */
function formatStatement(text: string): string {
  try {
    return format(text, { language: 'postgresql', tabWidth: 2, keywordCase: 'preserve', expressionWidth: 100 }).trim();
  } catch {
    return text.replace(/\s+/g, ' ').trim();
  }
}

async function main(check: boolean): Promise<void> {
  const started = Date.now();
  const problems: string[] = [];
  const name = `seg_sql_snapshots_${process.pid}`;
  const url = `${PG_BASE}/${name}`;
  await prepareDatabase(url);
  const client = new Client({ connectionString: url, options: CONNECTION_OPTIONS });
  await client.connect();
  const snapshots: Snapshot[] = [];
  let methodCount = 0;
  try {
    let capture: string[] | null = null;
    const db = drizzle(client, {
      schema,
      logger: { logQuery: (query: string) => capture?.push(query) },
    });

    /** The statements of one call, in order, each once. */
    async function statementsOf(
      example: (tx: Transaction) => unknown[] | Promise<unknown[]>,
      call: (tx: Transaction, args: unknown[]) => Promise<unknown>,
    ): Promise<string[]> {
      const seen: string[] = [];
      await db
        .transaction(async (tx) => {
          await tx.execute(sql`set local session_replication_role = replica`);
          // An example may write rows first, for a method that stops early without them: not captured.
          const args = await example(tx);
          capture = seen;
          try {
            await call(tx, args);
          } catch (error) {
            const code =
              (error as { code?: string; cause?: { code?: string } }).cause?.code ?? (error as { code?: string }).code;
            // Rows the examples' ids do not reach may break a constraint; SQL that does not plan is a fault.
            if (!code || code.startsWith('42')) throw error;
          } finally {
            capture = null;
          }
          throw new Rollback();
        })
        .catch((error) => {
          if (!(error instanceof Rollback)) throw error;
        });
      return [...new Set(seen)];
    }

    for (const file of repositoryFiles()) {
      const relative = path.relative(root, file);
      const examplesFile = file.replace(/\.repository\.ts$/, EXAMPLES_SUFFIX);
      const classes = publicMethods(file);
      if (!existsSync(examplesFile)) {
        problems.push(`${relative} has no ${path.basename(examplesFile)}: add one (see README, "SQL snapshots")`);
        continue;
      }
      const loaded = require(examplesFile).default as RepositorySqlExamples | RepositorySqlExamples[];
      const all = Array.isArray(loaded) ? loaded : [loaded];
      const covered = new Set(all.map((e) => e.repository.name));
      for (const className of classes.keys()) {
        if (!covered.has(className)) problems.push(`${relative}: ${className} has no examples`);
      }
      const parts = [
        `-- Generated by \`npm run sql:snapshots\` from ${path.basename(examplesFile)}: do not edit.\n` +
          `-- The SQL each method runs, called with those examples; $1.. are its parameters.`,
      ];
      for (const examples of all) {
        const className = examples.repository.name;
        const methods = classes.get(className) ?? [];
        const entries = examples.methods as Record<string, unknown>;
        for (const method of methods) {
          if (!(method in entries))
            problems.push(`${className}.${method} has no example in ${path.basename(examplesFile)}`);
        }
        for (const method of Object.keys(entries)) {
          if (!methods.includes(method))
            problems.push(`${path.basename(examplesFile)} names ${className}.${method}, not a public method`);
        }
        for (const method of methods.filter((m) => m in entries)) {
          methodCount++;
          const entry = entries[method];
          if (entry instanceof NoSql) {
            parts.push(`-- ${className}.${method}: no SQL of its own (${entry.reason})`);
            continue;
          }
          const calls =
            entry instanceof SqlVariants
              ? Object.entries(entry.examples as Record<string, (tx: Transaction) => unknown[]>)
              : [['', entry as (tx: Transaction) => unknown[] | Promise<unknown[]>] as const];
          for (const [variant, example] of calls) {
            const title = `${className}.${method}${variant ? ` (${variant})` : ''}`;
            let statements: string[];
            try {
              statements = await statementsOf(example, async (tx, args) => {
                const repository = (examples.construct?.(tx as unknown as Database) ??
                  new (examples.repository as unknown as new (db: unknown) => object)(tx)) as Record<
                  string,
                  (...args: unknown[]) => Promise<unknown>
                >;
                await repository[method](...args);
              });
            } catch (error) {
              problems.push(`${title} failed: ${(error as Error).message} ${(error as Error).cause ?? ''}`.trim());
              continue;
            }
            if (!statements.length) {
              problems.push(`${title} ran no statement: give it parameters that reach the database, or noSql('why')`);
              continue;
            }
            parts.push(`-- ${title}\n${statements.map((s) => `${formatStatement(s)};`).join('\n\n')}`);
          }
        }
      }
      snapshots.push({ file: file.replace(/\.ts$/, '.sql'), text: `${parts.join('\n\n')}\n` });
    }
  } finally {
    await client.end();
    await dropDatabase(name);
  }

  // A snapshot whose repository is gone is stale too.
  const written = new Set(snapshots.map((s) => s.file));
  const orphans = repositoryFiles()
    .map((f) => path.dirname(f))
    .filter((dir, i, dirs) => dirs.indexOf(dir) === i)
    .flatMap((dir) => readdirSync(dir).map((f) => path.join(dir, f)))
    .filter((f) => f.endsWith('.repository.sql') && !written.has(f));

  if (problems.length) {
    process.stderr.write(`${problems.map((p) => `sql:snapshots: ${p}`).join('\n')}\n`);
    process.exitCode = 1;
  }
  if (check) {
    const stale = snapshots.filter((s) => !existsSync(s.file) || readFileSync(s.file, 'utf8') !== s.text);
    for (const snapshot of stale) process.stdout.write(diff(snapshot));
    for (const orphan of orphans) process.stdout.write(`${path.relative(root, orphan)}: its repository is gone\n`);
    if (stale.length || orphans.length) {
      process.stdout.write(
        `Stale SQL snapshots: ${[...stale.map((s) => s.file), ...orphans].map((f) => path.relative(root, f)).join(', ')}\n` +
          'Run `npm run sql:snapshots` and commit the .sql files with the change to the repository.\n',
      );
      process.exitCode = 1;
    } else if (!problems.length) {
      process.stdout.write(
        `SQL snapshots up to date: ${snapshots.length} repositories, ${methodCount} methods (${elapsed(started)})\n`,
      );
    }
    return;
  }
  for (const snapshot of snapshots) {
    if (!existsSync(snapshot.file) || readFileSync(snapshot.file, 'utf8') !== snapshot.text) {
      writeFileSync(snapshot.file, snapshot.text);
    }
  }
  for (const orphan of orphans) rmSync(orphan);
  process.stdout.write(
    `Wrote the SQL of ${snapshots.length} repositories, ${methodCount} methods (${elapsed(started)})\n`,
  );
}

function elapsed(since: number): string {
  return `${((Date.now() - since) / 1000).toFixed(1)} s`;
}

/** The committed snapshot against the one made now, as `diff -u` shows it (at most 200 lines). */
function diff(snapshot: Snapshot): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'sql-snapshot-'));
  const fresh = path.join(dir, path.basename(snapshot.file));
  writeFileSync(fresh, snapshot.text);
  const committed = existsSync(snapshot.file) ? snapshot.file : '/dev/null';
  const result = spawnSync(
    'diff',
    ['-u', '--label', path.relative(root, snapshot.file), '--label', 'now', committed, fresh],
    {
      encoding: 'utf8',
    },
  );
  rmSync(dir, { recursive: true, force: true });
  const lines = (result.stdout || '').split('\n');
  return lines.length > 200
    ? `${lines.slice(0, 200).join('\n')}\n... (${lines.length - 200} more lines)\n`
    : result.stdout;
}

async function dropDatabase(name: string): Promise<void> {
  const admin = new Client({ connectionString: `${PG_BASE}/postgres` });
  await admin.connect();
  try {
    await admin.query(`drop database if exists "${name}" with (force)`);
  } finally {
    await admin.end();
  }
}

main(process.argv.includes('--check')).catch((error) => {
  process.stderr.write(`${error.stack || error}\n`);
  process.exit(1);
});
