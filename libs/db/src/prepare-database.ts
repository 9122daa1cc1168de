import { drizzle } from 'drizzle-orm/node-postgres';
import { migrate } from 'drizzle-orm/node-postgres/migrator';
import * as path from 'node:path';
import { Client } from 'pg';
import { drizzleFolder } from './drizzle-folder';
import { seedReferenceData } from './reference-data';
import { applySqlFunctions, readSqlFunctionFiles } from './sql-functions';
import * as schema from './schema';

// Any fixed number; every process that migrates takes the same lock.
const MIGRATION_LOCK_ID = 7_349_021;

/** Creates the database named in the URL if it does not exist yet. */
export async function ensureDatabase(url: string): Promise<void> {
  const target = new URL(url);
  const name = decodeURIComponent(target.pathname.replace(/^\//, ''));
  const admin = new URL(url);
  admin.pathname = '/postgres';
  const client = new Client({ connectionString: admin.toString() });
  await client.connect();
  try {
    const { rowCount } = await client.query('select 1 from pg_database where datname = $1', [name]);
    if (!rowCount) {
      try {
        await client.query(`create database "${name.replace(/"/g, '""')}"`);
      } catch (error) {
        // Another process created it between our check and our create: PostgreSQL says so with
        // 42P04, or with 23505 on its catalog index when both creates ran at the same moment.
        const code = (error as { code?: string }).code;
        if (code !== '42P04' && code !== '23505') throw error;
      }
    }
  } finally {
    await client.end();
  }
}

/**
 * Creates the database if missing, applies migrations, then the SQL functions and triggers of
 * `drizzle/functions/`, and seeds the reference data, all under an advisory lock so that two
 * processes starting together never migrate at once. Runs before the app and its logger exist:
 * the caller logs that it is done.
 */
export async function prepareDatabase(url: string, migrationsFolder = drizzleFolder()): Promise<void> {
  await ensureDatabase(url);
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    await client.query('select pg_advisory_lock($1)', [MIGRATION_LOCK_ID]);
    const db = drizzle(client, { schema });
    await migrate(db, { migrationsFolder });
    await applySqlFunctions(client, readSqlFunctionFiles(path.join(migrationsFolder, 'functions')));
    await seedReferenceData(db);
  } finally {
    await client.query('select pg_advisory_unlock($1)', [MIGRATION_LOCK_ID]).catch(() => undefined);
    await client.end();
  }
}
