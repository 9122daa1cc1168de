import { ensureDatabase } from '@seg/db';
import { open, mkdir, readdir, rename, rm, stat } from 'node:fs/promises';
import * as path from 'node:path';
import { Client } from 'pg';
import { connectionFor, postgresTool, runTool, serverMajorVersion } from './postgres-tools';

/** A backup's file name holds the time it was taken (UTC), so age is read from the name, not the disk. */
const BACKUP_NAME = /^seg-(\d{4})-(\d{2})-(\d{2})T(\d{2})(\d{2})(\d{2})Z\.dump$/;
const PARTIAL_SUFFIX = '.partial';

export function backupFileName(at: Date): string {
  const iso = at.toISOString();
  return `seg-${iso.slice(0, 10)}T${iso.slice(11, 13)}${iso.slice(14, 16)}${iso.slice(17, 19)}Z.dump`;
}

export function backupTakenAt(name: string): Date | null {
  const m = BACKUP_NAME.exec(name);
  return m ? new Date(Date.UTC(+m[1], +m[2] - 1, +m[3], +m[4], +m[5], +m[6])) : null;
}

export interface WrittenBackup {
  file: string;
  path: string;
  sizeBytes: number;
}

/** The tables of the database, as pg_restore --list names their data: "schema name". */
async function tableNames(databaseUrl: string): Promise<string[]> {
  const client = new Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const { rows } = await client.query<{ name: string }>(
      `select schemaname || ' ' || tablename as name from pg_tables
        where schemaname not in ('pg_catalog', 'information_schema') order by 1`,
    );
    return rows.map((r) => r.name);
  } finally {
    await client.end();
  }
}

async function fsyncPath(file: string, flags: 'r' | 'r+'): Promise<void> {
  const handle = await open(file, flags);
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/**
 * Dumps the database (pg_dump, custom format) into `dir` atomically: written to a hidden
 * partial file, flushed to disk, read back whole by pg_restore (its table of contents must name
 * every table's data), then renamed into place and the directory flushed. A crash at any point
 * leaves either no backup or a whole one under the final name.
 */
export async function writeBackup(databaseUrl: string, dir: string, at: Date): Promise<WrittenBackup> {
  await mkdir(dir, { recursive: true });
  const file = backupFileName(at);
  const final = path.join(dir, file);
  const partial = path.join(dir, `.${file}${PARTIAL_SUFFIX}`);
  const major = await serverMajorVersion(databaseUrl);
  const [pgDump, pgRestore] = [await postgresTool('pg_dump', major), await postgresTool('pg_restore', major)];
  const { dbname, env } = connectionFor(databaseUrl);
  try {
    const tables = await tableNames(databaseUrl);
    await runTool(pgDump, ['--format=custom', `--file=${partial}`, `--dbname=${dbname}`], env);
    await fsyncPath(partial, 'r+');
    const list = await runTool(pgRestore, ['--list', partial], env);
    const missing = tables.filter((t) => !list.includes(` TABLE DATA ${t} `));
    if (missing.length) throw new Error(`the dump's contents lack the data of ${missing.join(', ')}`);
    // --list reads only the table of contents; this reads every block of data too.
    await runTool(pgRestore, ['--file=/dev/null', partial], env);
    await rename(partial, final);
    await fsyncPath(dir, 'r');
    return { file, path: final, sizeBytes: (await stat(final)).size };
  } finally {
    await rm(partial, { force: true });
  }
}

/**
 * Removes the backups taken more than `keepDays` before `now`, and partial files a crash left
 * over a day ago. Called after a backup has been written, so the newest one always stays.
 */
export async function pruneBackups(dir: string, keepDays: number, now: Date): Promise<string[]> {
  const cutoff = now.getTime() - keepDays * 24 * 3600_000;
  const removed: string[] = [];
  for (const name of await readdir(dir)) {
    const full = path.join(dir, name);
    const takenAt = backupTakenAt(name);
    const old = takenAt
      ? takenAt.getTime() < cutoff
      : name.startsWith('.seg-') &&
        name.endsWith(PARTIAL_SUFFIX) &&
        (await stat(full)).mtimeMs < now.getTime() - 24 * 3600_000;
    if (!old) continue;
    await rm(full, { force: true });
    removed.push(name);
  }
  return removed.sort();
}

/** The newest backup in `dir`, read from the names (a worker whose Redis lost the record finds it again). */
export async function newestBackup(dir: string): Promise<{ file: string; at: Date; sizeBytes: number } | null> {
  let names: string[];
  try {
    names = await readdir(dir);
  } catch {
    return null;
  }
  const newest = names
    .map((file) => ({ file, at: backupTakenAt(file) }))
    .filter((b): b is { file: string; at: Date } => b.at !== null)
    .sort((a, b) => b.at.getTime() - a.at.getTime())[0];
  return newest ? { ...newest, sizeBytes: (await stat(path.join(dir, newest.file))).size } : null;
}

/**
 * Restores a backup into the database of `databaseUrl` (created if missing), in one
 * transaction: all of it or nothing. A database that holds any table is refused unless
 * `replace`, which drops it and creates it empty first. The apps migrate it at their next start,
 * so a backup of an older release restores into this one.
 */
export async function restoreBackup(databaseUrl: string, file: string, options: { replace: boolean }): Promise<void> {
  await stat(file);
  await ensureDatabase(databaseUrl);
  const tables = await tableNames(databaseUrl);
  if (tables.length && !options.replace) {
    const name = decodeURIComponent(new URL(databaseUrl).pathname.slice(1));
    throw new Error(
      `The database ${name} is not empty (${tables.length} tables): restore into an empty database, or add --replace to drop this one first`,
    );
  }
  if (tables.length) await recreateDatabase(databaseUrl);
  const major = await serverMajorVersion(databaseUrl);
  const pgRestore = await postgresTool('pg_restore', major);
  const { dbname, env } = connectionFor(databaseUrl);
  await runTool(
    pgRestore,
    ['--exit-on-error', '--single-transaction', '--no-owner', '--no-privileges', `--dbname=${dbname}`, file],
    env,
  );
}

async function recreateDatabase(databaseUrl: string): Promise<void> {
  const name = decodeURIComponent(new URL(databaseUrl).pathname.slice(1));
  const admin = new URL(databaseUrl);
  admin.pathname = '/postgres';
  const client = new Client({ connectionString: admin.toString() });
  await client.connect();
  try {
    const quoted = `"${name.replace(/"/g, '""')}"`;
    await client.query(`drop database ${quoted} with (force)`);
    await client.query(`create database ${quoted}`);
  } finally {
    await client.end();
  }
}
