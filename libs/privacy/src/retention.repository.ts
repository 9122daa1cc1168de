import { Inject, Injectable } from '@nestjs/common';
import {
  attendance,
  Database,
  DB,
  Executor,
  meetings,
  memberMessages,
  members,
  notices,
  oneTimeTokens,
  refreshTokens,
  RetentionRule,
  retentionRuns,
} from '@seg/db';
import { LONDON_TZID } from '@seg/rules';
import { and, asc, desc, eq, inArray, isNotNull, isNull, lte, max, ne, or, sql } from 'drizzle-orm';
import { ERASED, STRIPPED_NOTICE } from './stripped-notice';

export interface RetentionRunRow {
  rule: RetentionRule;
  asOf: Date;
  ranAt: Date;
  removed: number;
}

/** The rows the retention rules remove, and the record of each run: the only writer of `retention_runs`. */
@Injectable()
export class RetentionRepository {
  constructor(@Inject(DB) private readonly db: Database) {}

  /** Members whose status became `left` at or before `cutoff` and who are not erased yet, longest gone first. */
  async leftBy(cutoff: Date): Promise<string[]> {
    const rows = await this.db
      .select({ id: members.id })
      .from(members)
      .where(and(eq(members.status, 'left'), isNull(members.erasedAt), lte(members.leftAt, cutoff)))
      .orderBy(asc(members.leftAt));
    return rows.map((r) => r.id);
  }

  /**
   * Strips every notice written at or before `cutoff` that is done with (a queued one still needs
   * its address) and not stripped yet; answers how many.
   */
  async stripNoticesBy(tx: Executor, cutoff: Date): Promise<number> {
    const stripped = await tx
      .update(notices)
      .set(STRIPPED_NOTICE)
      .where(
        and(
          lte(notices.createdAt, cutoff),
          ne(notices.status, 'queued'),
          or(ne(notices.toEmail, ERASED), sql`${notices.payload} <> '{}'::jsonb`, isNotNull(notices.lastError)),
        ),
      )
      .returning({ id: notices.id });
    return stripped.length;
  }

  /**
   * Deletes the record of every message between members sent at or before `cutoff` (who wrote to
   * whom, when, and any report): its notice, stripped by then, is all that is left of it.
   */
  async deleteMemberMessagesSentBy(tx: Executor, cutoff: Date): Promise<number> {
    const deleted = await tx
      .delete(memberMessages)
      .where(lte(memberMessages.sentAt, cutoff))
      .returning({ id: memberMessages.id });
    return deleted.length;
  }

  /**
   * Deletes every sign-in (a refresh token family) whose last token expired at or before `at`:
   * a family's tokens go together, as the sign-in's start and last use are read from them.
   */
  async deleteSessionsEndedBy(tx: Executor, at: Date): Promise<number> {
    const ended = tx
      .select({ familyId: refreshTokens.familyId })
      .from(refreshTokens)
      .groupBy(refreshTokens.familyId)
      .having(lte(max(refreshTokens.expiresAt), at));
    const deleted = await tx
      .delete(refreshTokens)
      .where(sql`${refreshTokens.familyId} in ${ended}`)
      .returning({ familyId: refreshTokens.familyId });
    return new Set(deleted.map((r) => r.familyId)).size;
  }

  /** Deletes activation, password-reset and email-change tokens once used, or expired at or before `at`. */
  async deleteSpentTokens(tx: Executor, at: Date): Promise<number> {
    const deleted = await tx
      .delete(oneTimeTokens)
      .where(or(isNotNull(oneTimeTokens.usedAt), lte(oneTimeTokens.expiresAt, at)))
      .returning({ id: oneTimeTokens.id });
    return deleted.length;
  }

  /**
   * Deletes the attendance (with its certificate numbers and the members' reflections) of every
   * meeting that ended at or before `cutoff`; an archived summit known only by its year counts as
   * ending with that year, so nothing goes early. Answers how many.
   */
  async deleteAttendanceOfMeetingsEndedBy(tx: Executor, cutoff: Date): Promise<number> {
    const ended = tx
      .select({ id: meetings.id })
      .from(meetings)
      .where(
        lte(
          sql`coalesce(${meetings.endsAt}, make_timestamptz(${meetings.summitYear} + 1, 1, 1, 0, 0, 0, ${LONDON_TZID}))`,
          cutoff,
        ),
      );
    const deleted = await tx
      .delete(attendance)
      .where(inArray(attendance.meetingId, ended))
      .returning({ id: attendance.id });
    return deleted.length;
  }

  async recordRun(tx: Executor, rule: RetentionRule, asOf: Date, removed: number): Promise<void> {
    await tx.insert(retentionRuns).values({ rule, asOf, removed });
  }

  /** The latest run of each rule that has run. */
  lastRuns(): Promise<RetentionRunRow[]> {
    return this.db
      .selectDistinctOn([retentionRuns.rule], {
        rule: retentionRuns.rule,
        asOf: retentionRuns.asOf,
        ranAt: retentionRuns.ranAt,
        removed: retentionRuns.removed,
      })
      .from(retentionRuns)
      .orderBy(retentionRuns.rule, desc(retentionRuns.ranAt));
  }
}
