/** How long things are kept (from the configuration). */
export class RetentionPeriods {
  /** Members who left are erased this long after (RETENTION_LEFT_MONTHS). */
  leftMonths: number;
  /** Emails sent are stripped of their text and address this long after (RETENTION_NOTICE_MONTHS). */
  noticeMonths: number;
  /** Attendance and certificates are kept this many years after the meeting (RETENTION_ATTENDANCE_YEARS). */
  attendanceYears: number;
  /** Backups of the database are kept this many days (BACKUP_KEEP_DAYS): how long erased data can survive in one. */
  backupKeepDays: number;
  /** Members confirm their details this often (DETAILS_CONFIRM_MONTHS). */
  detailsConfirmMonths: number;
}

/** What anyone may know about the network's own contact points and its privacy terms. */
export class About {
  /** Where members write to reach the secretariat (SECRETARIAT_EMAIL). */
  secretariatEmail: string;
  retention: RetentionPeriods;
  /** What a new password must be, in words; a refused one is answered with the rule it breaks. */
  passwordRules: string;
}
