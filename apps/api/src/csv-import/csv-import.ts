import { Database, Transaction } from '@seg/db';
import { FieldError, invalidField } from '@seg/http';
import { parse } from 'csv-parse/sync';

/** One row of an imported file: its cells by column, and the line it starts on (for the report). */
export interface ImportLine<C extends string> {
  record: Partial<Record<C, string>>;
  line: number;
}

/** What an import reads: its columns, those every file must have, and how many rows at most. */
export interface ImportFile<C extends string> {
  columns: readonly C[];
  required: readonly C[];
  maxRows: number;
}

/** A row's problems, named by column: the row keeps nothing and is reported. */
export class RowErrors extends Error {
  constructor(readonly errors: FieldError[]) {
    super('Invalid row');
  }
}

/** What a row that failed for a reason other than its input reports (the fault itself is logged). */
export const ROW_FAULT: FieldError = {
  field: 'row',
  message: 'could not be saved because of a fault on our side; nothing of it was kept',
};

/**
 * Reads a spreadsheet sent as text/csv: a header row (any case, a byte-order mark allowed),
 * then one record per row, blank lines skipped and cells trimmed. 400 naming the body or header
 * for what no row can fix: not CSV, an unknown or missing column, too many rows.
 */
export function parseImportCsv<C extends string>(csv: unknown, file: ImportFile<C>): ImportLine<C>[] {
  if (typeof csv !== 'string' || !csv.trim()) throw invalidField('body', 'must be a CSV file sent as text/csv');
  let parsed: { record: Record<string, string>; info: { lines: number } }[];
  try {
    parsed = parse(csv, {
      bom: true,
      columns: (header: string[]) => header.map((h) => h.trim().toLowerCase()),
      skip_empty_lines: true,
      trim: true,
      relax_column_count: true,
      info: true,
    });
  } catch (error) {
    throw invalidField('body', `is not valid CSV: ${(error as Error).message}`);
  }
  const header = Object.keys(parsed[0]?.record ?? {});
  const unknown = header.filter((h) => !(file.columns as readonly string[]).includes(h));
  if (unknown.length)
    throw invalidField('header', `unknown column(s) ${unknown.join(', ')}; the columns are ${file.columns.join(', ')}`);
  if (parsed.length && !file.required.every((c) => header.includes(c)))
    throw invalidField(
      'header',
      `needs the column${file.required.length > 1 ? 's' : ''} ${file.required.join(' and ')}`,
    );
  if (parsed.length > file.maxRows) throw invalidField('body', `has more than ${file.maxRows} rows; split the file`);
  return parsed.map(({ record, info }) => ({ record: record as Partial<Record<C, string>>, line: info.lines }));
}

/** Runs one row's work in a transaction of its own (a savepoint in a dry run). */
export type RowTransaction = <T>(work: (tx: Transaction) => Promise<T>) => Promise<T>;

/** Rolls back a dry run once every row has been tried. */
class DryRunDone extends Error {}

/**
 * Gives `tryEach` the way to run each row in a transaction of its own, so that a bad row keeps
 * nothing and the good ones are kept. A dry run tries every row the same way, each in a savepoint
 * of one transaction that is then rolled back: its report is the one saving would give.
 */
export async function inRowTransactions(
  db: Database,
  dryRun: boolean,
  tryEach: (inTransaction: RowTransaction) => Promise<void>,
): Promise<void> {
  if (!dryRun) return tryEach((work) => db.transaction(work));
  await db
    .transaction(async (outer) => {
      await tryEach((work) => outer.transaction(work));
      throw new DryRunDone();
    })
    .catch((error) => {
      if (!(error instanceof DryRunDone)) throw error;
    });
}
