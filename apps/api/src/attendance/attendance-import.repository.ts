import { Injectable } from '@nestjs/common';
import { Executor, meetings, members } from '@seg/db';
import { and, eq, isNull, sql } from 'drizzle-orm';

export interface ImportSummit {
  id: string;
  title: string;
  cpdMinutes: number | null;
}

/** The lookups of a past attendance import: members by email, summits by number. */
@Injectable()
export class AttendanceImportRepository {
  async memberByEmail(tx: Executor, email: string): Promise<{ id: string } | null> {
    const [row] = await tx
      .select({ id: members.id })
      .from(members)
      .where(and(sql`lower(${members.email}) = lower(${email})`, isNull(members.erasedAt)))
      .limit(1);
    return row ?? null;
  }

  async summitByNumber(tx: Executor, number: number): Promise<ImportSummit | null> {
    const [row] = await tx
      .select({ id: meetings.id, title: meetings.title, cpdMinutes: meetings.cpdMinutes })
      .from(meetings)
      .where(eq(meetings.summitNumber, number))
      .for('update')
      .limit(1);
    return row ?? null;
  }

  /** An archived summit known by its number and year, as the reference summits are kept. */
  async createSummit(
    tx: Executor,
    values: { number: number; year: number; title: string; venue: string | null; cpdMinutes: number | null },
  ): Promise<ImportSummit> {
    const [row] = await tx
      .insert(meetings)
      .values({
        title: values.title,
        kind: 'summit',
        status: 'scheduled',
        summitNumber: values.number,
        summitYear: values.year,
        venue: values.venue,
        cpdMinutes: values.cpdMinutes,
      })
      .returning({ id: meetings.id, title: meetings.title, cpdMinutes: meetings.cpdMinutes });
    return row;
  }

  async setCpdMinutes(tx: Executor, meetingId: string, minutes: number): Promise<void> {
    await tx.update(meetings).set({ cpdMinutes: minutes, updatedAt: new Date() }).where(eq(meetings.id, meetingId));
  }
}
