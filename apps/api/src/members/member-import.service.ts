import { HttpException, Inject, Injectable, Logger } from '@nestjs/common';
import { FieldError, flattenValidationErrors, invalidField } from '@seg/common';
import { Database, DB } from '@seg/db';
import { NoticeRef } from '@seg/queue';
import { plainToInstance } from 'class-transformer';
import { validate } from 'class-validator';
import { parse } from 'csv-parse/sync';
import { Actor } from '../audit/actor.decorator';
import { EstablishmentsRepository } from '../establishments/establishments.repository';
import { NoticeOutbox } from '../notices/notice-outbox';
import { CreateMemberDto } from './dto/create-member.dto';
import { UpdateMemberDto } from './dto/update-member.dto';
import { IMPORT_COLUMNS, ImportColumn, splitList } from './members-csv';
import { MembersRepository } from './members.repository';
import { MembersService } from './members.service';

export const MAX_IMPORT_ROWS = 5000;

export interface ImportRowResult {
  /** The line of the file, the header being line 1. */
  row: number;
  email: string | null;
  status: 'created' | 'updated' | 'error';
  id?: string;
  errors?: FieldError[];
}

export interface ImportResult {
  created: number;
  updated: number;
  failed: number;
  rows: ImportRowResult[];
}

/**
 * Creates or updates members from a CSV, one transaction per row: a bad row saves nothing and
 * is reported with its errors, the good rows are saved.
 */
@Injectable()
export class MemberImportService {
  private readonly logger = new Logger(MemberImportService.name);

  constructor(
    @Inject(DB) private readonly db: Database,
    private readonly membersService: MembersService,
    private readonly members: MembersRepository,
    private readonly establishments: EstablishmentsRepository,
    private readonly outbox: NoticeOutbox,
  ) {}

  async import(csv: unknown, actor: Actor): Promise<ImportResult> {
    const records = this.parse(csv);
    const rows: ImportRowResult[] = [];
    const notices: NoticeRef[] = [];
    for (const { record, line } of records) {
      const email = record.email?.trim() || null;
      try {
        const result = await this.importRow(record, actor);
        notices.push(...result.notices);
        rows.push({ row: line, email, status: result.status, id: result.id });
      } catch (error) {
        rows.push({ row: line, email, status: 'error', errors: rowErrors(error) });
      }
    }
    await this.outbox.dispatch(notices);
    const count = (status: ImportRowResult['status']) => rows.filter((r) => r.status === status).length;
    const result = { created: count('created'), updated: count('updated'), failed: count('error'), rows };
    this.logger.log({ created: result.created, updated: result.updated, failed: result.failed }, 'Member import');
    return result;
  }

  private parse(csv: unknown): { record: Partial<Record<ImportColumn, string>>; line: number }[] {
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
    if (unknown.length) throw invalidField('header', `unknown column(s) ${unknown.join(', ')}; the columns are ${IMPORT_COLUMNS.join(', ')}`);
    if (parsed.length && !header.includes('email')) throw invalidField('header', 'needs an email column');
    if (parsed.length > MAX_IMPORT_ROWS) throw invalidField('body', `has more than ${MAX_IMPORT_ROWS} rows; split the file`);
    return parsed.map(({ record, info }) => ({ record, line: info.lines }));
  }

  private async importRow(record: Partial<Record<ImportColumn, string>>, actor: Actor) {
    const cell = (c: ImportColumn) => record[c]?.trim() || undefined;
    const email = cell('email');
    const existing = email ? await this.members.getByEmail(email) : null;
    const errors: FieldError[] = [];
    // An empty cell leaves an existing member's field as it is.
    const fields: Record<string, unknown> = { email, name: cell('name'), title: cell('title'), category: cell('category'), region: cell('region'), phone: cell('phone') };
    const places = cell('establishments');
    if (places !== undefined) {
      const refs = splitList(places);
      const found = await this.establishments.findByCodeOrName(refs);
      const ids: string[] = [];
      for (const ref of refs) {
        const match = found.find((e) => e.code?.toLowerCase() === ref.toLowerCase() || e.name.toLowerCase() === ref.toLowerCase());
        if (match) ids.push(match.id);
        else errors.push({ field: 'establishments', message: `"${ref}" is not an establishment code or name` });
      }
      fields.establishmentIds = ids;
    }
    const defined = Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== undefined));
    const dto = existing ? plainToInstance(UpdateMemberDto, defined) : plainToInstance(CreateMemberDto, defined);
    if (!email) errors.push({ field: 'email', message: 'is required' });
    const invalid = flattenValidationErrors(await validate(dto, { whitelist: true })).filter((e) => e.field !== 'email' || email);
    errors.push(...invalid.map((e) => ({ ...e, field: e.field.replace(/^establishmentIds.*/, 'establishments') })));
    const badFields = new Set(errors.map((e) => e.field));
    errors.push(...(await this.membersService.referenceErrors(dto)).filter((e) => !badFields.has(e.field) && !e.field.startsWith('establishmentIds')));
    if (errors.length) throw new RowErrors(firstPerField(errors));
    if (existing) {
      await this.db.transaction((tx) => this.membersService.updateIn(tx, existing.id, dto, actor));
      return { status: 'updated' as const, id: existing.id, notices: [] };
    }
    const created = await this.db.transaction((tx) => this.membersService.createIn(tx, dto as CreateMemberDto, actor));
    return { status: 'created' as const, id: created.id, notices: created.notices };
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

/** A row's problems, named by CSV column; an unexpected failure is not the row's fault and is rethrown. */
function rowErrors(error: unknown): FieldError[] {
  if (error instanceof RowErrors) return error.errors;
  if (error instanceof HttpException) {
    const body = error.getResponse() as { details?: FieldError[]; message?: string };
    const details = body.details ?? [{ field: 'row', message: String(body.message ?? error.message) }];
    return details.map((d) => ({ field: d.field.replace(/^establishmentIds.*/, 'establishments'), message: d.message }));
  }
  throw error;
}
