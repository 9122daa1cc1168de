import { drizzle, NodePgDatabase } from 'drizzle-orm/node-postgres';
import { ExtractTablesWithRelations } from 'drizzle-orm';
import { PgTransaction } from 'drizzle-orm/pg-core';
import { NodePgQueryResultHKT } from 'drizzle-orm/node-postgres';
import { Pool, PoolConfig } from 'pg';
import * as schema from './schema';

export type Schema = typeof schema;
export type Database = NodePgDatabase<Schema>;
export type Transaction = PgTransaction<NodePgQueryResultHKT, Schema, ExtractTablesWithRelations<Schema>>;
/** What a repository method runs on: the pool, or the caller's transaction. */
export type Executor = Database | Transaction;

/** Injection tokens. */
export const DB = Symbol('DB');
export const PG_POOL = Symbol('PG_POOL');

/**
 * Strict word similarity (pg_trgm, 0 to 1) from which the directory offers a name as a near miss
 * of a mistyped one: "mensha" finds Mensah (0.4), "obrian" O'Brien (0.4), "price" Pryce (0.33),
 * while "zoe" does not find Zoltan (0.22). The `<<%` operator reads it from the session, so every connection starts
 * with it set.
 */
export const NEAR_MISS_SIMILARITY = 0.3;

/**
 * Settings every connection starts with: the near-miss similarity, and no JIT compilation. The
 * planner's cost of a name search over 100,000 cards can pass jit_above_cost, and compiling
 * then takes some 60 ms for a query that runs in 10.
 */
export const CONNECTION_OPTIONS = `-c pg_trgm.strict_word_similarity_threshold=${NEAR_MISS_SIMILARITY} -c jit=off`;

export function createPool(url: string, options: PoolConfig = {}): Pool {
  const pool = new Pool({
    connectionString: url,
    max: 10,
    idleTimeoutMillis: 30_000,
    options: CONNECTION_OPTIONS,
    ...options,
  });
  // A connection killed under us (server restart, pg_terminate_backend) emits 'error' on an idle
  // client; without a listener that would crash the process. The pool drops it and reconnects.
  pool.on('error', () => undefined);
  return pool;
}

export function createDatabase(pool: Pool): Database {
  return drizzle(pool, { schema });
}
