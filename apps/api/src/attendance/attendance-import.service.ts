import { Inject, Injectable, Logger } from '@nestjs/common';
import { Actor, AuditTrail } from '@seg/audit';
import { Database, DB, Transaction } from '@seg/db';
import { FieldError } from '@seg/http';
import { Clock, formatHours, minutesOfHours, todayInLondon } from '@seg/rules';
import { ImportFile, inRowTransactions, parseImportCsv, ROW_FAULT, RowErrors } from '../csv-import/csv-import';
import { AttendanceImportRepository } from './attendance-import.repository';
import { AttendanceRegisterRepository, AttendanceRow } from './attendance-register.repository';
import { AttendanceImportResult, AttendanceImportRow } from './dto/attendance-import.dto';

export const ATTENDANCE_IMPORT_COLUMNS = ['email', 'summit', 'year', 'title', 'venue', 'hours'] as const;
type Column = (typeof ATTENDANCE_IMPORT_COLUMNS)[number];
type ImportRecord = Partial<Record<Column, string>>;
export const MAX_ATTENDANCE_IMPORT_ROWS = 20_000;
const ATTENDANCE_IMPORT_FILE = {
  columns: ATTENDANCE_IMPORT_COLUMNS,
  required: ['email', 'summit'],
  maxRows: MAX_ATTENDANCE_IMPORT_ROWS,
} satisfies ImportFile<Column>;

type RowOutcome = Pick<AttendanceImportRow, 'status' | 'summitCreated'>;

/**
 * The summits' past attendance, from a CSV by email address and summit number, so members can
 * download certificates for them. One transaction per row: a bad row keeps nothing and is
 * reported. A summit not in the archive is added by the first row naming it with its year. A dry
 * run tries every row the same way and rolls everything back. Imported attendance is not emailed.
 */
@Injectable()
export class AttendanceImportService {
  private readonly logger = new Logger(AttendanceImportService.name);

  constructor(
    @Inject(DB) private readonly db: Database,
    private readonly lookups: AttendanceImportRepository,
    private readonly register: AttendanceRegisterRepository,
    private readonly audit: AuditTrail,
    private readonly clock: Clock,
  ) {}

  async import(csv: unknown, actor: Actor, dryRun: boolean): Promise<AttendanceImportResult> {
    const records = parseImportCsv(csv, ATTENDANCE_IMPORT_FILE);
    const rows: AttendanceImportRow[] = [];
    await inRowTransactions(this.db, dryRun, async (inTransaction) => {
      for (const { record, line } of records) {
        const email = record.email || null;
        const summit = /^\d+$/.test(record.summit ?? '') ? Number(record.summit) : null;
        try {
          const outcome = await inTransaction((tx) => this.importRow(tx, record, actor));
          rows.push({ row: line, email, summit, ...outcome });
        } catch (error) {
          rows.push({ row: line, email, summit, status: 'error', errors: this.rowErrors(error, line) });
        }
      }
    });
    const count = (status: AttendanceImportRow['status']) => rows.filter((r) => r.status === status).length;
    const result = {
      dryRun,
      recorded: count('recorded'),
      restored: count('restored'),
      already: count('already'),
      failed: count('error'),
      summitsCreated: rows.filter((r) => r.summitCreated).length,
      rows,
    };
    this.logger.log({ dryRun, recorded: result.recorded, failed: result.failed }, 'Attendance import');
    return result;
  }

  private async importRow(tx: Transaction, record: ImportRecord, actor: Actor): Promise<RowOutcome> {
    const errors: FieldError[] = [];
    const email = record.email ?? '';
    const member = email ? await this.lookups.memberByEmail(tx, email) : null;
    if (!email) errors.push({ field: 'email', message: 'is required' });
    else if (!member) errors.push({ field: 'email', message: 'is not the email of a member' });
    const number = /^\d{1,4}$/.test(record.summit ?? '') ? Number(record.summit) : null;
    if (!number) errors.push({ field: 'summit', message: "must be the summit's number, e.g. 7" });
    let minutes: number | null = null;
    if (record.hours) {
      minutes = minutesOfHours(Number(record.hours));
      if (minutes === null)
        errors.push({ field: 'hours', message: 'must be a number of hours in quarters (1.5, 6...)' });
    }
    let summit = number ? await this.lookups.summitByNumber(tx, number) : null;
    let summitCreated = false;
    if (number && !summit) {
      const thisYear = Number(todayInLondon(this.clock.now()).slice(0, 4));
      const year = /^\d{4}$/.test(record.year ?? '') ? Number(record.year) : null;
      if (!year || year < 1990 || year > thisYear)
        errors.push({
          field: 'year',
          message: `the summit ${number} is not in the archive: give the year it was held (1990 to ${thisYear}) to add it`,
        });
      else if (!errors.length) {
        summit = await this.lookups.createSummit(tx, {
          number,
          year,
          title: record.title || `${ordinal(number)} Health and Justice Summit`,
          venue: record.venue || null,
          cpdMinutes: minutes,
        });
        summitCreated = true;
      }
    }
    if (summit && minutes !== null && summit.cpdMinutes !== null && summit.cpdMinutes !== minutes)
      errors.push({ field: 'hours', message: `${summit.title} counts for ${formatHours(summit.cpdMinutes)} already` });
    if (errors.length || !summit || !member) throw new RowErrors(errors);
    if (minutes !== null && summit.cpdMinutes === null) await this.lookups.setCpdMinutes(tx, summit.id, minutes);

    const now = this.clock.now();
    const found = await this.register.find(tx, summit.id, member.id);
    if (found && !found.withdrawnAt) return { status: 'already', summitCreated };
    const [row] = found
      ? await this.register.restore(tx, [found.id], 'import', now)
      : await this.register.insert(tx, summit.id, [member.id], 'import', now);
    await this.audit.record(tx, actor, importChange(row, found ? 'restore' : 'import'));
    return { status: found ? 'restored' : 'recorded', summitCreated };
  }

  private rowErrors(error: unknown, line: number): FieldError[] {
    if (error instanceof RowErrors) return error.errors;
    this.logger.error({ err: error, line }, 'Attendance import: a row failed unexpectedly');
    return [ROW_FAULT];
  }
}

function importChange(row: AttendanceRow, action: string) {
  return {
    entity: 'attendance',
    entityId: row.id,
    action,
    after: { meetingId: row.meetingId, memberId: row.memberId, source: row.source, recordedAt: row.recordedAt },
  };
}

function ordinal(n: number): string {
  const suffix = n % 100 >= 11 && n % 100 <= 13 ? 'th' : (['th', 'st', 'nd', 'rd'][n % 10] ?? 'th');
  return `${n}${suffix}`;
}
