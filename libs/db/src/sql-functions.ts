import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import type { ClientBase } from 'pg';
import { drizzleFolder } from './drizzle-folder';

/**
 * The line of a function file after which its statements run only when the file, or one before
 * it, differs from what the database last applied: rewriting what the functions derived (the
 * directory cards) with the new definitions.
 */
export const WHEN_CHANGED = '-- when changed:';

export interface SqlFunctionFile {
  /** The file's name, which orders it: a file may use the functions of the files before it. */
  name: string;
  text: string;
}

/** The SQL functions and triggers of `drizzle/functions/`, in name order. */
export function readSqlFunctionFiles(folder = path.join(drizzleFolder(), 'functions')): SqlFunctionFile[] {
  return readdirSync(folder)
    .filter((name) => name.endsWith('.sql'))
    .sort()
    .map((name) => ({ name, text: readFileSync(path.join(folder, name), 'utf8') }));
}

/**
 * Applies every function file (`CREATE OR REPLACE`, so it may run at every start) in one
 * transaction, after the migrations and under their lock. A migration never restates a
 * function: the files are the one definition. `drizzle.sql_functions` keeps what each file was
 * when last applied, so its "when changed" part runs once per change.
 */
export async function applySqlFunctions(client: ClientBase, files = readSqlFunctionFiles()): Promise<void> {
  await client.query('begin');
  try {
    await client.query(`create schema if not exists drizzle`);
    await client.query(
      `create table if not exists drizzle.sql_functions (
         file text primary key,
         sha256 text not null,
         applied_at timestamptz not null default now()
       )`,
    );
    const { rows } = await client.query<{ file: string; sha256: string }>(
      'select file, sha256 from drizzle.sql_functions',
    );
    const applied = new Map(rows.map((r) => [r.file, r.sha256]));
    const upToHere = createHash('sha256');
    for (const file of files) {
      upToHere.update(`${file.name}\n${file.text}\n`);
      const sha256 = upToHere.copy().digest('hex');
      const at = file.text.split('\n').findIndex((line) => line.trim() === WHEN_CHANGED);
      const always = at < 0 ? file.text : file.text.split('\n').slice(0, at).join('\n');
      const whenChanged =
        at < 0
          ? ''
          : file.text
              .split('\n')
              .slice(at + 1)
              .join('\n');
      await run(client, file.name, always);
      if (applied.get(file.name) === sha256) continue;
      if (whenChanged.trim()) await run(client, file.name, whenChanged);
      await client.query(
        `insert into drizzle.sql_functions (file, sha256) values ($1, $2)
         on conflict (file) do update set sha256 = excluded.sha256, applied_at = now()`,
        [file.name, sha256],
      );
    }
    await client.query('commit');
  } catch (error) {
    await client.query('rollback').catch(() => undefined);
    throw error;
  }
}

async function run(client: ClientBase, file: string, text: string): Promise<void> {
  try {
    await client.query(text);
  } catch (error) {
    throw new Error(`drizzle/functions/${file}: ${(error as Error).message}`, { cause: error });
  }
}
