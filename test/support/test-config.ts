import { AppConfig, loadConfig } from '@seg/config';
import { randomBytes } from 'node:crypto';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { Client } from 'pg';

/** The PostgreSQL server every test uses, without a database. */
export const TEST_PG_BASE = 'postgres://postgres@127.0.0.1:5432';

/** The JWT_SECRET of every test config, for tests that sign tokens of their own. */
export const TEST_JWT_SECRET = 'test-secret-that-is-long-enough-for-hs256-use';

/** A name unique to this run, for a database, a Redis prefix or an email. */
export function uniqueName(prefix: string): string {
  return `${prefix}_${Date.now().toString(36)}_${randomBytes(4).toString('hex')}`;
}

/**
 * A config of the test's own: its own database (created by the app on start) and Redis prefix;
 * mail to the given SMTP port. Drop the database with `dropDatabase` after the test.
 */
export function testConfig(env: Record<string, string | undefined> = {}): AppConfig {
  const name = uniqueName('seg_test');
  return loadConfig({
    NODE_ENV: 'test',
    DATABASE_URL: `${TEST_PG_BASE}/${name}`,
    REDIS_URL: 'redis://127.0.0.1:6379',
    QUEUE_PREFIX: name,
    LOG_LEVEL: 'warn',
    PORT: '0',
    JWT_SECRET: TEST_JWT_SECRET,
    SEED_DEMO: 'false',
    RELAY_INTERVAL_MS: '500',
    // A nightly backup that a test's worker runs (or finds at start) stays out of the checkout.
    BACKUP_DIR: path.join(tmpdir(), 'seg-test-backups'),
    ...env,
  });
}

export async function dropDatabase(url: string): Promise<void> {
  const name = new URL(url).pathname.slice(1);
  const client = new Client({ connectionString: `${TEST_PG_BASE}/postgres` });
  await client.connect();
  try {
    await client.query(`drop database if exists "${name}" with (force)`);
  } finally {
    await client.end();
  }
}
