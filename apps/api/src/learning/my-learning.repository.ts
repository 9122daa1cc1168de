import { Inject, Injectable } from '@nestjs/common';
import { attendance, Database, DB, Executor, learningEntries, meetings, members, reflections, regions } from '@seg/db';
import { certifiedMeetingColumns } from '@seg/learning';
import { and, asc, between, eq, isNotNull, isNull, ne, sql } from 'drizzle-orm';

export type LearningEntryRow = typeof learningEntries.$inferSelect;

/** A member's own learning record: their attendance with their notes, and their own entries. Nobody else's. */
@Injectable()
export class MyLearningRepository {
  constructor(@Inject(DB) private readonly db: Database) {}

  transaction<T>(work: (tx: Executor) => Promise<T>): Promise<T> {
    return this.db.transaction(work);
  }

  async owner(memberId: string) {
    const [row] = await this.db
      .select({ name: members.name, registration: members.registration, appraisalMonth: members.appraisalMonth })
      .from(members)
      .where(eq(members.id, memberId));
    return row ?? null;
  }

  async setAppraisalMonth(memberId: string, month: number): Promise<void> {
    await this.db.update(members).set({ appraisalMonth: month, updatedAt: new Date() }).where(eq(members.id, memberId));
  }

  /** Meetings the member attended (not withdrawn, not cancelled), with their own notes. */
  attended(memberId: string) {
    return this.db
      .select({
        id: attendance.id,
        number: attendance.certificateNumber,
        meeting: certifiedMeetingColumns,
        learnt: reflections.learnt,
        willChange: reflections.willChange,
      })
      .from(attendance)
      .innerJoin(meetings, eq(meetings.id, attendance.meetingId))
      .leftJoin(regions, eq(regions.id, meetings.regionId))
      .leftJoin(reflections, eq(reflections.attendanceId, attendance.id))
      .where(
        and(
          eq(attendance.memberId, memberId),
          isNull(attendance.withdrawnAt),
          isNotNull(attendance.certificateNumber),
          ne(meetings.status, 'cancelled'),
        ),
      );
  }

  entriesBetween(memberId: string, from: string, to: string): Promise<LearningEntryRow[]> {
    return this.db
      .select()
      .from(learningEntries)
      .where(and(eq(learningEntries.memberId, memberId), between(learningEntries.occurredOn, from, to)))
      .orderBy(asc(learningEntries.occurredOn), asc(learningEntries.createdAt));
  }

  /** The member's own attendance with this id, locked; null when it is not theirs or withdrawn. */
  async lockAttendance(tx: Executor, memberId: string, id: string): Promise<{ id: string } | null> {
    const [row] = await tx
      .select({ id: attendance.id })
      .from(attendance)
      .where(and(eq(attendance.id, id), eq(attendance.memberId, memberId), isNull(attendance.withdrawnAt)))
      .for('update');
    return row ?? null;
  }

  async saveReflection(
    tx: Executor,
    attendanceId: string,
    note: { learnt?: string | null; willChange?: string | null },
  ): Promise<void> {
    await tx
      .insert(reflections)
      .values({ attendanceId, learnt: note.learnt ?? null, willChange: note.willChange ?? null })
      .onConflictDoUpdate({
        target: reflections.attendanceId,
        set: {
          ...(note.learnt !== undefined ? { learnt: note.learnt } : {}),
          ...(note.willChange !== undefined ? { willChange: note.willChange } : {}),
          updatedAt: sql`now()`,
        },
      });
  }

  async insertEntry(tx: Executor, values: typeof learningEntries.$inferInsert): Promise<LearningEntryRow> {
    const [row] = await tx.insert(learningEntries).values(values).returning();
    return row;
  }

  async updateEntry(
    tx: Executor,
    memberId: string,
    id: string,
    values: Partial<typeof learningEntries.$inferInsert>,
  ): Promise<LearningEntryRow | null> {
    const [row] = await tx
      .update(learningEntries)
      .set({ ...values, updatedAt: new Date() })
      .where(and(eq(learningEntries.id, id), eq(learningEntries.memberId, memberId)))
      .returning();
    return row ?? null;
  }

  async deleteEntry(memberId: string, id: string): Promise<boolean> {
    const rows = await this.db
      .delete(learningEntries)
      .where(and(eq(learningEntries.id, id), eq(learningEntries.memberId, memberId)))
      .returning({ id: learningEntries.id });
    return rows.length > 0;
  }
}
