import { FieldError } from '@seg/http';

export class ImportRowResult {
  /** The line of the file, the header being line 1. */
  row: number;
  email: string | null;
  status: 'created' | 'updated' | 'error';
  id?: string;
  errors?: FieldError[];
}

export class ImportResult {
  /** True when nothing was saved: the report says what saving would do. */
  dryRun: boolean;
  created: number;
  updated: number;
  failed: number;
  /** Activation emails sent (or, on a dry run, that saving would send): one per member created. */
  activationEmails: number;
  rows: ImportRowResult[];
}
