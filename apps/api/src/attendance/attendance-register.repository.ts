import { Inject, Injectable } from '@nestjs/common';
import {
  attendance,
  AttendanceSource,
  categories,
  Database,
  DB,
  Executor,
  invitations,
  meetings,
  members,
  regions,
  RsvpResponse,
} from '@seg/db';
import { newCertificateNumber } from '@seg/rules';
import { and, eq, inArray, isNotNull, isNull, sql } from 'drizzle-orm';

export type AttendanceRow = typeof attendance.$inferSelect;

/** One line of a meeting's register: an invitee, a walk-in, or both, with their attendance. */
export interface RegisterLine {
  memberId: string;
  name: string;
  regionCode: string | null;
  regionName: string | null;
  categoryCode: string | null;
  categoryName: string | null;
  rsvp: RsvpResponse | null;
  attendanceId: string | null;
  source: AttendanceSource | null;
  recordedAt: Date | null;
  withdrawnAt: Date | null;
  certificateNumber: string | null;
}

/**
 * The register of who came to which meeting: the only writer of `attendance`. Every method that
 * changes it runs in the caller's transaction, under the meeting's row lock.
 */
@Injectable()
export class AttendanceRegisterRepository {
  constructor(@Inject(DB) private readonly db: Database) {}

  /** The member as the register needs them: null when there is no such member or they were erased. */
  async attendee(tx: Executor, memberId: string): Promise<{ id: string; name: string } | null> {
    const [row] = await tx
      .select({ id: members.id, name: members.name })
      .from(members)
      .where(and(eq(members.id, memberId), isNull(members.erasedAt)))
      .limit(1);
    return row ?? null;
  }

  /** Of these ids, those of members who exist and are not erased. */
  async existingMembers(tx: Executor, memberIds: string[]): Promise<Set<string>> {
    if (!memberIds.length) return new Set();
    const rows = await tx
      .select({ id: members.id })
      .from(members)
      .where(and(inArray(members.id, memberIds), isNull(members.erasedAt)));
    return new Set(rows.map((r) => r.id));
  }

  /** The invitees who replied Going. */
  async goingIds(tx: Executor, meetingId: string): Promise<string[]> {
    const rows = await tx
      .select({ id: invitations.memberId })
      .from(invitations)
      .where(and(eq(invitations.meetingId, meetingId), eq(invitations.rsvp, 'accepted')));
    return rows.map((r) => r.id);
  }

  async find(tx: Executor, meetingId: string, memberId: string): Promise<AttendanceRow | null> {
    const [row] = await tx
      .select()
      .from(attendance)
      .where(and(eq(attendance.meetingId, meetingId), eq(attendance.memberId, memberId)))
      .limit(1);
    return row ?? null;
  }

  /** The meeting's attendance of these members, withdrawn or not. */
  async ofMembers(tx: Executor, meetingId: string, memberIds: string[]): Promise<AttendanceRow[]> {
    if (!memberIds.length) return [];
    return tx
      .select()
      .from(attendance)
      .where(and(eq(attendance.meetingId, meetingId), inArray(attendance.memberId, memberIds)));
  }

  /** New attendance, each with a certificate number of its own; none of them may exist yet. */
  async insert(
    tx: Executor,
    meetingId: string,
    memberIds: string[],
    source: AttendanceSource,
    recordedAt: Date,
  ): Promise<AttendanceRow[]> {
    if (!memberIds.length) return [];
    return tx
      .insert(attendance)
      .values(
        memberIds.map((memberId) => ({
          meetingId,
          memberId,
          source,
          recordedAt,
          certificateNumber: newCertificateNumber(),
        })),
      )
      .returning();
  }

  /** A withdrawn attendance counts again, recorded anew by whoever restored it. */
  async restore(tx: Executor, ids: string[], source: AttendanceSource, recordedAt: Date): Promise<AttendanceRow[]> {
    if (!ids.length) return [];
    return tx
      .update(attendance)
      .set({ withdrawnAt: null, source, recordedAt, updatedAt: sql`now()` })
      .where(and(inArray(attendance.id, ids), isNotNull(attendance.withdrawnAt)))
      .returning();
  }

  /** A correction: the attendance no longer counts, and its certificate shows as withdrawn. */
  async withdraw(tx: Executor, id: string, at: Date): Promise<AttendanceRow | null> {
    const [row] = await tx
      .update(attendance)
      .set({ withdrawnAt: at, updatedAt: sql`now()` })
      .where(and(eq(attendance.id, id), isNull(attendance.withdrawnAt)))
      .returning();
    return row ?? null;
  }

  /** The check-in code of the meeting, made now if it has none (two callers at once get the same one). */
  async checkInCode(meetingId: string, fresh: string): Promise<string> {
    const [row] = await this.db
      .update(meetings)
      .set({ checkInCode: sql`coalesce(${meetings.checkInCode}, ${fresh})` })
      .where(eq(meetings.id, meetingId))
      .returning({ code: meetings.checkInCode });
    return row.code!;
  }

  /**
   * A page of the register in name order: every invitee and every member with attendance (a
   * walk-in), each with their reply and attendance.
   */
  async lines(
    meetingId: string,
    limit: number,
    after: { name: string; id: string } | null,
    onlyMemberId?: string,
  ): Promise<RegisterLine[]> {
    const people = sql`(select ${invitations.memberId} as member_id from ${invitations} where ${invitations.meetingId} = ${meetingId}
      union select ${attendance.memberId} from ${attendance} where ${attendance.meetingId} = ${meetingId})`;
    return this.db
      .select({
        memberId: members.id,
        name: members.name,
        regionCode: regions.code,
        regionName: regions.name,
        categoryCode: categories.code,
        categoryName: categories.name,
        rsvp: invitations.rsvp,
        attendanceId: attendance.id,
        source: attendance.source,
        recordedAt: attendance.recordedAt,
        withdrawnAt: attendance.withdrawnAt,
        certificateNumber: attendance.certificateNumber,
      })
      .from(sql`${people} as p`)
      .innerJoin(members, sql`${members.id} = p.member_id`)
      .leftJoin(invitations, and(eq(invitations.meetingId, meetingId), eq(invitations.memberId, members.id)))
      .leftJoin(attendance, and(eq(attendance.meetingId, meetingId), eq(attendance.memberId, members.id)))
      .leftJoin(regions, eq(regions.id, members.regionId))
      .leftJoin(categories, eq(categories.id, members.categoryId))
      .where(
        and(
          after ? sql`(${members.name}, ${members.id}) > (${after.name}, ${after.id}::uuid)` : undefined,
          onlyMemberId ? eq(members.id, onlyMemberId) : undefined,
        ),
      )
      .orderBy(members.name, members.id)
      .limit(limit);
  }

  /** How many people the register lists, and how many of them attended. */
  async counts(meetingId: string): Promise<{ people: number; attended: number }> {
    const { rows } = await this.db.execute<{ people: number; attended: number }>(sql`
      select
        (select count(*) from (select member_id from ${invitations} where meeting_id = ${meetingId}
                               union select member_id from ${attendance} where meeting_id = ${meetingId}) p)::int as people,
        (select count(*) from ${attendance} where meeting_id = ${meetingId} and withdrawn_at is null)::int as attended`);
    return rows[0];
  }
}
