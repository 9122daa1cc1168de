import { ApiProperty } from '@nestjs/swagger';

/** The last backup written and checked readable. */
export class LastBackupView {
  @ApiProperty({ format: 'date-time' })
  at: string;
  /** The file's name in BACKUP_DIR. */
  file: string;
  sizeBytes: number;
}

/** A backup that failed since the last one that worked. */
export class BackupFailureView {
  @ApiProperty({ format: 'date-time' })
  at: string;
  /** What went wrong, as the worker logged it. */
  error: string;
}

/** The nightly backup: when it runs, how long backups are kept, the last one and any failure since. */
export class BackupReportView {
  /** When the nightly backup goes, HH:MM UK time (BACKUP_TIME). */
  @ApiProperty({ example: '02:30' })
  runsAt: string;
  /** Each backup is kept this many days (BACKUP_KEEP_DAYS). */
  keepDays: number;
  /** Null before the first backup. */
  last: LastBackupView | null;
  /** Null unless the latest attempt failed. */
  failure: BackupFailureView | null;
}
