import { HttpException, Inject, Injectable, Logger } from '@nestjs/common';
import { FieldError, flattenValidationErrors, invalidField } from '@seg/http';
import { Database, DB, Role, Transaction } from '@seg/db';
import { NoticeRef } from '@seg/queue';
import { NoticeOutbox } from '@seg/notices';
import { plainToInstance } from 'class-transformer';
import { validate } from 'class-validator';
import { parse } from 'csv-parse/sync';
import { Actor } from '@seg/audit';
import { CategoriesService } from '../categories/categories.service';
import { EstablishmentsService } from '../establishments/establishments.service';
import { RegionsService } from '../regions/regions.service';
import { CreateMemberDto } from './dto/create-member.dto';
import { ImportResult, ImportRowResult } from './dto/import-result.dto';
import { UpdateMemberDto } from './dto/update-member.dto';
import { Named, plainKey, ReferenceMatcher } from './import-references';
import { IMPORT_COLUMNS, ImportColumn, splitList } from './members-csv';
import { MembersRepository } from './members.repository';
import { MembersService } from './members.service';

export const MAX_IMPORT_ROWS = 5000;

type ImportRecord = Partial<Record<ImportColumn, string>>;

interface References {
  regions: ReferenceMatcher<Named & { code: string }>;
  categories: ReferenceMatcher<Named & { code: string }>;
  establishments: ReferenceMatcher<Named & { id: string }>;
}

// Tab is the only control character a cell may hold; a NUL or an escape is a damaged file.
const CONTROL_CHARACTER = /[\u0000-\u0008\u000b-\u001f\u007f]/;

/** Rolls back a dry run once every row has been tried. */
class DryRunDone extends Error {}

/**
 * Creates or updates members from a CSV, one transaction per row: a bad row saves nothing and
 * is reported with its errors, the good rows are saved. A dry run tries every row the same way
 * inside one transaction that is then rolled back, so its report is the one saving would give.
 */
@Injectable()
export class MemberImportService {
  private readonly logger = new Logger(MemberImportService.name);

  constructor(
    @Inject(DB) private readonly db: Database,
    private readonly membersService: MembersService,
    private readonly members: MembersRepository,
    private readonly regions: RegionsService,
    private readonly categories: CategoriesService,
    private readonly establishments: EstablishmentsService,
    private readonly outbox: NoticeOutbox,
  ) {}

  async import(csv: unknown, actor: Actor, actorRole: Role, dryRun = false): Promise<ImportResult> {
    const records = this.parse(csv);
    const references = await this.references(records.map(({ record }) => record));
    const rows: ImportRowResult[] = [];
    const notices: NoticeRef[] = [];
    const tryEach = async (inTransaction: <T>(work: (tx: Transaction) => Promise<T>) => Promise<T>) => {
      for (const { record, line } of records) {
        const email = record.email?.trim() || null;
        try {
          const result = await inTransaction((tx) => this.importRow(tx, record, references, actor, actorRole));
          notices.push(...result.notices);
          // A dry run's new members were never kept: their ids would lead nowhere.
          rows.push({
            row: line,
            email,
            status: result.status,
            ...(dryRun && result.status === 'created' ? {} : { id: result.id }),
          });
        } catch (error) {
          rows.push({ row: line, email, status: 'error', errors: this.rowErrors(error, line) });
        }
      }
    };
    if (dryRun) {
      await this.db
        .transaction(async (outer) => {
          // Each row in a savepoint of its own, as each has a transaction of its own when saved.
          await tryEach((work) => outer.transaction(work));
          throw new DryRunDone();
        })
        .catch((error) => {
          if (!(error instanceof DryRunDone)) throw error;
        });
    } else {
      await tryEach((work) => this.db.transaction(work));
      await this.outbox.dispatch(notices);
    }
    const count = (status: ImportRowResult['status']) => rows.filter((r) => r.status === status).length;
    const result = {
      dryRun,
      created: count('created'),
      updated: count('updated'),
      failed: count('error'),
      activationEmails: notices.length,
      rows,
    };
    this.logger.log(
      { dryRun, created: result.created, updated: result.updated, failed: result.failed },
      'Member import',
    );
    return result;
  }

  private parse(csv: unknown): { record: ImportRecord; line: number }[] {
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
    const unknown = header.filter((h) => !(IMPORT_COLUMNS as readonly string[]).includes(h));
    if (unknown.length)
      throw invalidField(
        'header',
        `unknown column(s) ${unknown.join(', ')}; the columns are ${IMPORT_COLUMNS.join(', ')}`,
      );
    if (parsed.length && !header.includes('email')) throw invalidField('header', 'needs an email column');
    if (parsed.length > MAX_IMPORT_ROWS)
      throw invalidField('body', `has more than ${MAX_IMPORT_ROWS} rows; split the file`);
    return parsed.map(({ record, info }) => ({ record, line: info.lines }));
  }

  /** The lists a row may name, read once per import, with the place keys of every establishment named. */
  private async references(records: ImportRecord[]): Promise<References> {
    const [regions, categories, establishments] = await Promise.all([
      this.regions.list(),
      this.categories.list(),
      this.establishments.listNames(),
    ]);
    const named = records.flatMap((r) => (r.establishments ? splitList(r.establishments) : []));
    const placeKeys = await this.establishments.placeKeys([
      ...new Set([...establishments.map((e) => e.name), ...named]),
    ]);
    return {
      regions: new ReferenceMatcher(
        regions.items.filter((r) => !r.mergedInto),
        'region',
      ),
      categories: new ReferenceMatcher(categories.items, 'category'),
      establishments: new ReferenceMatcher(
        establishments,
        'establishment',
        (text) => placeKeys.get(text) ?? plainKey(text),
      ),
    };
  }

  private async importRow(
    tx: Transaction,
    record: ImportRecord,
    references: References,
    actor: Actor,
    actorRole: Role,
  ) {
    const errors: FieldError[] = [];
    for (const column of IMPORT_COLUMNS) {
      if (record[column] && CONTROL_CHARACTER.test(record[column]!))
        errors.push({ field: column, message: 'contains a control character; check the file' });
    }
    if (errors.length) throw new RowErrors(errors);
    const cell = (c: ImportColumn) => record[c]?.trim() || undefined;
    const email = cell('email');
    const existing = email ? await this.members.getByEmail(email, tx) : null;
    // An empty cell leaves an existing member's field as it is.
    const fields: Record<string, unknown> = { email, name: cell('name'), title: cell('title'), phone: cell('phone') };
    for (const column of ['category', 'region'] as const) {
      const value = cell(column);
      if (value === undefined) continue;
      const match = (column === 'region' ? references.regions : references.categories).match(value);
      if ('found' in match) fields[column] = match.found.code;
      else errors.push({ field: column, message: match.error });
    }
    const places = cell('establishments');
    if (places !== undefined) {
      const ids: string[] = [];
      for (const ref of splitList(places)) {
        const match = references.establishments.match(ref);
        if ('found' in match) ids.push(match.found.id);
        else errors.push({ field: 'establishments', message: match.error });
      }
      fields.establishmentIds = [...new Set(ids)];
    }
    const defined = Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== undefined));
    const dto = existing ? plainToInstance(UpdateMemberDto, defined) : plainToInstance(CreateMemberDto, defined);
    if (!email) errors.push({ field: 'email', message: 'is required' });
    const invalid = flattenValidationErrors(await validate(dto, { whitelist: true })).filter(
      (e) => (e.field !== 'email' || email) && !errors.some((o) => o.field === e.field),
    );
    errors.push(...invalid.map((e) => ({ ...e, field: e.field.replace(/^establishmentIds.*/, 'establishments') })));
    if (errors.length) throw new RowErrors(firstPerField(errors));
    if (existing) {
      const { notices } = await this.membersService.updateIn(tx, existing.id, dto, actor, actorRole);
      return { status: 'updated' as const, id: existing.id, notices };
    }
    const created = await this.membersService.createIn(tx, dto as CreateMemberDto, actor, actorRole);
    return { status: 'created' as const, id: created.id, notices: created.notices };
  }

  /**
   * A row's problems, named by CSV column. A failure that is not the row's input is logged as
   * the bug it is, and still reported against its row: the rest of the file goes on.
   */
  private rowErrors(error: unknown, line: number): FieldError[] {
    if (error instanceof RowErrors) return error.errors;
    if (error instanceof HttpException) {
      const body = error.getResponse() as { details?: FieldError[]; message?: string };
      const details = body.details ?? [{ field: 'row', message: String(body.message ?? error.message) }];
      return details.map((d) => ({
        field: d.field.replace(/^establishmentIds.*/, 'establishments'),
        message: d.message,
      }));
    }
    this.logger.error({ err: error, line }, 'Member import: a row failed unexpectedly');
    return [{ field: 'row', message: 'could not be saved because of a fault on our side; nothing of it was kept' }];
  }
}

/** One message per field is enough for a person fixing a spreadsheet. */
function firstPerField(errors: FieldError[]): FieldError[] {
  return errors.filter((e, i) => errors.findIndex((o) => o.field === e.field) === i);
}

class RowErrors extends Error {
  constructor(readonly errors: FieldError[]) {
    super('Invalid row');
  }
}
