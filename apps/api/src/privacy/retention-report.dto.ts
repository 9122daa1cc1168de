import { ApiProperty } from '@nestjs/swagger';
import { RETENTION_RULES, RetentionRule } from '@seg/db';
import type { RetentionReport } from '@seg/privacy';

/** One run of a rule. */
export class RetentionRunView {
  /** When the run took place. */
  @ApiProperty({ format: 'date-time' })
  ranAt: string;
  /** The time its periods were measured from: the run's scheduled time, or the time a run started by hand counted as. */
  @ApiProperty({ format: 'date-time' })
  asOf: string;
  /** Members erased, notices stripped, messages, sign-ins, one-time tokens or attendance deleted. */
  removed: number;
}

export class RetentionRuleView {
  /**
   * `left-members`: members who left are erased; `notices`: old notices lose their address and
   * text; `member-messages`: the record of old messages between members (who wrote to whom, when,
   * any report) is deleted, after the notices' period; `sessions`: expired sign-ins are deleted; `one-time-tokens`: used or expired links are deleted;
   * `attendance`: attendance of meetings long enough ago is deleted, with its certificates and reflections.
   */
  @ApiProperty({ enum: RETENTION_RULES })
  rule: RetentionRule;
  /** The period from the configuration (RETENTION_LEFT_MONTHS, RETENTION_NOTICE_MONTHS, RETENTION_ATTENDANCE_YEARS as months); null for a rule that removes what has expired or been used. */
  periodMonths: number | null;
  /** The rule's latest run; null before its first. */
  lastRun: RetentionRunView | null;
}

/** The retention rules, how long each keeps things and what each removed on its last run. */
export class RetentionReportView {
  /** When the daily run goes, HH:MM UK time (RETENTION_TIME). */
  @ApiProperty({ example: '03:30' })
  runsAt: string;
  rules: RetentionRuleView[];
}

export function retentionReportView(report: RetentionReport): RetentionReportView {
  const pad = (n: number) => String(n).padStart(2, '0');
  return {
    runsAt: `${pad(report.runsAt.hour)}:${pad(report.runsAt.minute)}`,
    rules: report.rules.map(({ rule, periodMonths, lastRun }) => ({
      rule,
      periodMonths,
      lastRun: lastRun && {
        ranAt: lastRun.ranAt.toISOString(),
        asOf: lastRun.asOf.toISOString(),
        removed: lastRun.removed,
      },
    })),
  };
}
