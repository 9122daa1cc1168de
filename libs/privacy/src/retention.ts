import { Inject, Injectable, Logger } from '@nestjs/common';
import { APP_CONFIG, AppConfig, TimeOfDay } from '@seg/config';
import { Database, DB, Executor, RETENTION_RULES, RetentionRule } from '@seg/db';
import { MemberErasure } from './member-erasure';
import { RetentionRepository, RetentionRunRow } from './retention.repository';

/**
 * What each rule removed on one run: members erased, notices stripped, messages between members,
 * sign-ins, one-time tokens and attendance deleted.
 */
export type RetentionRemoved = Record<RetentionRule, number>;

/** A rule as the secretariat reads it: its period from the configuration (null: it has none) and its last run. */
export interface RetentionRuleReport {
  rule: RetentionRule;
  periodMonths: number | null;
  lastRun: RetentionRunRow | null;
}

/** The rules and when the daily run goes (RETENTION_TIME, UK time). */
export interface RetentionReport {
  runsAt: TimeOfDay;
  rules: RetentionRuleReport[];
}

/**
 * Storage limitation, applied by the worker's daily run. Every rule measures from the time the run
 * counts as and is safe to run twice: a second run finds nothing more to remove. Login throttling
 * keeps no records to delete: its counters live in Redis with an expiry (the throttle's window),
 * so they go by themselves.
 */
@Injectable()
export class Retention {
  private readonly logger = new Logger(Retention.name);

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(DB) private readonly db: Database,
    private readonly repository: RetentionRepository,
    private readonly erasure: MemberErasure,
  ) {}

  /**
   * Applies every rule as at `now`, each in its own transactions, and records what each removed.
   * A member who cannot be erased does not hold up the others or the other rules; the run then
   * fails once it is done, so the job is retried.
   */
  async run(now: Date): Promise<RetentionRemoved> {
    const { leftMonths, noticeMonths, attendanceYears } = this.config.retention;
    const leavers = await this.eraseLeavers(now, leftMonths);
    const removed: RetentionRemoved = {
      'left-members': leavers.erased,
      notices: await this.apply('notices', now, (tx) =>
        this.repository.stripNoticesBy(tx, monthsBefore(now, noticeMonths)),
      ),
      'member-messages': await this.apply('member-messages', now, (tx) =>
        this.repository.deleteMemberMessagesSentBy(tx, monthsBefore(now, noticeMonths)),
      ),
      sessions: await this.apply('sessions', now, (tx) => this.repository.deleteSessionsEndedBy(tx, now)),
      'one-time-tokens': await this.apply('one-time-tokens', now, (tx) => this.repository.deleteSpentTokens(tx, now)),
      attendance: await this.apply('attendance', now, (tx) =>
        this.repository.deleteAttendanceOfMeetingsEndedBy(tx, monthsBefore(now, attendanceYears * 12)),
      ),
    };
    if (leavers.failed)
      throw new Error(
        `${leavers.failed} of the members who left more than ${leftMonths} months ago could not be erased; the others were`,
      );
    return removed;
  }

  /** Each rule with its period and its last run, in the order a run applies them. */
  async report(): Promise<RetentionReport> {
    const runs = new Map((await this.repository.lastRuns()).map((run) => [run.rule, run]));
    const periods: Record<RetentionRule, number | null> = {
      'left-members': this.config.retention.leftMonths,
      notices: this.config.retention.noticeMonths,
      'member-messages': this.config.retention.noticeMonths,
      sessions: null,
      'one-time-tokens': null,
      attendance: this.config.retention.attendanceYears * 12,
    };
    return {
      runsAt: this.config.daily.retentionTime,
      rules: RETENTION_RULES.map((rule) => ({ rule, periodMonths: periods[rule], lastRun: runs.get(rule) ?? null })),
    };
  }

  /** Erases, one transaction each, every member whose status has been `left` for `months` at `now`. */
  private async eraseLeavers(now: Date, months: number): Promise<{ erased: number; failed: number }> {
    const cutoff = monthsBefore(now, months);
    const reason = `retention: left more than ${months} months ago`;
    let erased = 0;
    let failed = 0;
    for (const memberId of await this.repository.leftBy(cutoff)) {
      try {
        const done = await this.db.transaction(async (tx) => {
          const member = await this.erasure.lock(tx, memberId);
          // Checked again under the lock: another run may have erased them, or they came back.
          if (!member || member.erasedAt || member.status !== 'left' || !member.leftAt || member.leftAt > cutoff)
            return null;
          return this.erasure.eraseIn(tx, member, reason, null);
        });
        if (done) {
          erased += 1;
          this.logger.log({ memberId, name: done.name }, 'Erased a member who left more than the retention period ago');
        }
      } catch (err) {
        failed += 1;
        this.logger.error({ err, memberId }, 'Could not erase a member who left more than the retention period ago');
      }
    }
    await this.repository.recordRun(this.db, 'left-members', now, erased);
    return { erased, failed };
  }

  /** One rule's removal and its record, in one transaction. */
  private apply(rule: RetentionRule, now: Date, remove: (tx: Executor) => Promise<number>): Promise<number> {
    return this.db.transaction(async (tx) => {
      const removed = await remove(tx);
      await this.repository.recordRun(tx, rule, now, removed);
      return removed;
    });
  }
}

/** The same time of day `months` calendar months before `at`. */
function monthsBefore(at: Date, months: number): Date {
  const cutoff = new Date(at);
  cutoff.setUTCMonth(cutoff.getUTCMonth() - months);
  return cutoff;
}
