import { Inject, Injectable } from '@nestjs/common';
import { attendance, currentMemberCondition, Database, DB, Executor, meetings, members } from '@seg/db';
import { CHECK_IN_MINUTES_AFTER } from '@seg/rules';
import { and, eq, inArray, isNotNull, isNull, ne, sql } from 'drizzle-orm';

export interface DueCertificate {
  attendanceId: string;
  memberId: string;
  email: string;
}

@Injectable()
export class CertificateNoticesRepository {
  constructor(@Inject(DB) private readonly db: Database) {}

  transaction<T>(work: (tx: Executor) => Promise<T>): Promise<T> {
    return this.db.transaction(work);
  }

  /**
   * Certificates to email, locked (others running the sweep skip them): attendance not withdrawn,
   * not imported (a past summit's attendees download theirs), of a meeting on and closed by `now`
   * (check-in over), to a current member. The partial index keeps this to the few rows waiting.
   */
  async lockDue(tx: Executor, now: Date, limit: number): Promise<DueCertificate[]> {
    return tx
      .select({ attendanceId: attendance.id, memberId: attendance.memberId, email: members.email })
      .from(attendance)
      .innerJoin(meetings, eq(meetings.id, attendance.meetingId))
      .innerJoin(members, eq(members.id, attendance.memberId))
      .where(
        and(
          isNull(attendance.certificateEmailedAt),
          isNull(attendance.withdrawnAt),
          ne(attendance.source, 'import'),
          isNotNull(attendance.certificateNumber),
          ne(meetings.status, 'cancelled'),
          sql`${meetings.endsAt} + make_interval(mins => ${CHECK_IN_MINUTES_AFTER}) <= ${now}`,
          currentMemberCondition(),
        ),
      )
      .limit(limit)
      .for('update', { of: attendance, skipLocked: true });
  }

  async markEmailed(tx: Executor, ids: string[], at: Date): Promise<void> {
    await tx.update(attendance).set({ certificateEmailedAt: at }).where(inArray(attendance.id, ids));
  }
}
