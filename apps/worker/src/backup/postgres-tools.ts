import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { promisify } from 'node:util';
import { Client } from 'pg';

const run = promisify(execFile);

/** pg_dump and pg_restore: the tools the backups are written and read with. */
export type PostgresTool = 'pg_dump' | 'pg_restore';

/** The server's major version (15 for 15.19). */
export async function serverMajorVersion(databaseUrl: string): Promise<number> {
  const client = new Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const { rows } = await client.query<{ v: string }>("select current_setting('server_version_num') as v");
    return Math.floor(Number(rows[0].v) / 10_000);
  } finally {
    await client.end();
  }
}

/**
 * The tool of the server's own major version. pg_dump refuses a newer server, and a dump from a
 * newer pg_dump may not restore into this server, so only the same major version is used:
 * Debian and Ubuntu keep each version in /usr/lib/postgresql/<major>/bin; elsewhere, the one on PATH.
 */
export async function postgresTool(name: PostgresTool, major: number): Promise<string> {
  const candidates = [`/usr/lib/postgresql/${major}/bin/${name}`, name];
  const found: string[] = [];
  for (const candidate of candidates) {
    if (candidate.includes('/') && !existsSync(candidate)) continue;
    try {
      const { stdout } = await run(candidate, ['--version']);
      const version = /(\d+)(?:\.\d+)*/.exec(stdout)?.[1];
      if (Number(version) === major) return candidate;
      found.push(`${candidate} is version ${version}`);
    } catch {
      // Not installed there.
    }
  }
  throw new Error(
    `${name} of PostgreSQL ${major} (the server's version) is missing${found.length ? ` (${found.join('; ')})` : ''}: install postgresql-client-${major}`,
  );
}

/**
 * How a tool reaches the database: the URL without its password, which goes in PGPASSWORD, so it
 * never shows among the process's arguments (ps).
 */
export function connectionFor(databaseUrl: string): { dbname: string; env: NodeJS.ProcessEnv } {
  const url = new URL(databaseUrl);
  const password = decodeURIComponent(url.password);
  url.password = '';
  return {
    dbname: url.toString(),
    env: { PATH: process.env.PATH, LANG: 'C', ...(password ? { PGPASSWORD: password } : {}) },
  };
}

/** Runs a tool; its error says what the tool said. */
export async function runTool(tool: string, args: string[], env: NodeJS.ProcessEnv): Promise<string> {
  try {
    const { stdout } = await run(tool, args, { env, maxBuffer: 256 * 1024 * 1024 });
    return stdout;
  } catch (error) {
    const e = error as Error & { stderr?: string };
    const said = e.stderr?.trim().split('\n').slice(-3).join(' ') || e.message;
    throw new Error(`${tool.split('/').pop()} failed: ${said}`);
  }
}
