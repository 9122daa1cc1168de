import { ApiProperty } from '@nestjs/swagger';
import { FieldError } from '@seg/http';

export const IMPORT_OUTCOMES = ['recorded', 'restored', 'already', 'error'] as const;

export class AttendanceImportRow {
  /** The line of the file, the header being line 1. */
  row: number;
  email: string | null;
  /** The summit's number as given. */
  summit: number | null;
  /** recorded: new attendance; restored: a withdrawn one counts again; already: nothing to do; error: see errors. */
  @ApiProperty({ enum: IMPORT_OUTCOMES })
  status: (typeof IMPORT_OUTCOMES)[number];
  /** The summit was not in the archive and this row added it. */
  summitCreated?: boolean;
  errors?: FieldError[];
}

export class AttendanceImportResult {
  /** True when nothing was saved: the report says what saving would do. */
  dryRun: boolean;
  recorded: number;
  restored: number;
  already: number;
  failed: number;
  summitsCreated: number;
  rows: AttendanceImportRow[];
}
