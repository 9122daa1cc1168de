import type { Database, Transaction } from './database';

/*
 * The example calls from which `npm run sql:snapshots` writes each repository's SQL to a
 * reviewable `<name>.repository.sql` beside it. Every `<name>.repository.ts` has a
 * `<name>.repository.sql-examples.ts` whose default export lists every public method of its class:
 * the type below makes a missing or misspelt method, or parameters of the wrong type, a type error.
 */

type Method = (...args: any[]) => unknown;

/**
 * The parameters of one call, given the transaction that the call runs in (and is rolled back).
 * It may write a few rows first (foreign keys are not checked) for a method that stops early
 * without them; what it writes is not part of the snapshot.
 */
export type SqlExample<F extends Method> = (tx: Transaction) => Parameters<F> | Promise<Parameters<F>>;

/** Several calls of one method whose SQL differs with its parameters, each under a name. */
export class SqlVariants<F extends Method> {
  constructor(readonly examples: Readonly<Record<string, SqlExample<F>>>) {}
}

/** A method that runs no SQL of its own (it opens a transaction, or builds a part of a query). */
export class NoSql {
  constructor(readonly reason: string) {}
}

type MethodNames<T> = { [K in keyof T]: T[K] extends Method ? K : never }[keyof T];

export type SqlExamplesOf<T> = {
  [K in MethodNames<T>]: T[K] extends Method ? SqlExample<T[K]> | SqlVariants<T[K]> | NoSql : never;
};

export interface RepositorySqlExamples<T = unknown> {
  repository: { name: string; prototype: T };
  methods: SqlExamplesOf<T>;
  /** Builds the repository on the example's transaction, given as its database; by default `new Repository(db)`. */
  construct?: (db: Database) => T;
}

/** The examples of one repository class, for its `.repository.sql-examples.ts` to export by default. */
export function sqlExamples<T>(
  repository: abstract new (...args: any[]) => T,
  methods: SqlExamplesOf<T>,
  construct?: (db: Database) => T,
): RepositorySqlExamples<T> {
  return { repository, methods, construct };
}

export function sqlVariants<F extends Method>(examples: Record<string, SqlExample<F>>): SqlVariants<F> {
  return new SqlVariants(examples);
}

export function noSql(reason: string): NoSql {
  return new NoSql(reason);
}

/** A fixed uuid per number, so that examples read the same at every run. */
export function exampleId(n: number): string {
  return `00000000-0000-4000-8000-${n.toString().padStart(12, '0')}`;
}

/** A fixed day and moment for examples (a Wednesday in summer time). */
export const EXAMPLE_DAY = '2026-06-10';
export const EXAMPLE_TIME = new Date('2026-06-10T09:00:00.000Z');
