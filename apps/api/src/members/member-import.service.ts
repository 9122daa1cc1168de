import { HttpException, Inject, Injectable, Logger } from '@nestjs/common';
import { FieldError, flattenValidationErrors } from '@seg/http';
import { Database, DB, Role, Transaction } from '@seg/db';
import { NoticeRef } from '@seg/queue';
import { NoticeOutbox } from '@seg/notices';
import { plainToInstance } from 'class-transformer';
import { validate } from 'class-validator';
import { Actor } from '@seg/audit';
import { CategoriesService } from '../categories/categories.service';
import { ImportFile, inRowTransactions, parseImportCsv, ROW_FAULT, RowErrors } from '../csv-import/csv-import';
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
const MEMBER_IMPORT_FILE = {
  columns: IMPORT_COLUMNS,
  required: ['email'],
  maxRows: MAX_IMPORT_ROWS,
} satisfies ImportFile<ImportColumn>;

type ImportRecord = Partial<Record<ImportColumn, string>>;

interface References {
  regions: ReferenceMatcher<Named & { code: string }>;
  categories: ReferenceMatcher<Named & { code: string }>;
  establishments: ReferenceMatcher<Named & { id: string }>;
}

// Tab is the only control character a cell may hold; a NUL or an escape is a damaged file.
const CONTROL_CHARACTER = /[\u0000-\u0008\u000b-\u001f\u007f]/;

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
    const records = parseImportCsv(csv, MEMBER_IMPORT_FILE);
    const references = await this.references(records.map(({ record }) => record));
    const rows: ImportRowResult[] = [];
    const notices: NoticeRef[] = [];
    await inRowTransactions(this.db, dryRun, async (inTransaction) => {
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
    });
    if (!dryRun) await this.outbox.dispatch(notices);
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
    return [ROW_FAULT];
  }
}

/** One message per field is enough for a person fixing a spreadsheet. */
function firstPerField(errors: FieldError[]): FieldError[] {
  return errors.filter((e, i) => errors.findIndex((o) => o.field === e.field) === i);
}
