import { Inject, Injectable } from '@nestjs/common';
import { attendance, categories, Database, DB, invitations, members, regions, RsvpResponse } from '@seg/db';
import { and, asc, eq, isNull, sql } from 'drizzle-orm';

export interface AttendanceRow {
  code: string | null;
  name: string | null;
  rsvp: RsvpResponse;
  count: number;
}

/** Attendees (not withdrawn) counted by a group: their region or their category. */
export interface AttendedRow {
  code: string | null;
  name: string | null;
  attended: number;
}

/** A meeting's replies and attendance counted, overall and by the people's region and category. */
@Injectable()
export class AttendanceRepository {
  constructor(@Inject(DB) private readonly db: Database) {}

  async countRsvps(meetingId: string): Promise<Record<string, number>> {
    const rows = await this.db
      .select({ rsvp: invitations.rsvp, count: sql<number>`count(*)::int` })
      .from(invitations)
      .where(eq(invitations.meetingId, meetingId))
      .groupBy(invitations.rsvp);
    return Object.fromEntries(rows.map((r) => [r.rsvp, r.count]));
  }

  async attendanceByRegion(meetingId: string): Promise<AttendanceRow[]> {
    return this.db
      .select({ code: regions.code, name: regions.name, rsvp: invitations.rsvp, count: sql<number>`count(*)::int` })
      .from(invitations)
      .innerJoin(members, eq(members.id, invitations.memberId))
      .leftJoin(regions, eq(regions.id, members.regionId))
      .where(eq(invitations.meetingId, meetingId))
      .groupBy(regions.code, regions.name, invitations.rsvp)
      .orderBy(asc(regions.name));
  }

  async attendanceByCategory(meetingId: string): Promise<AttendanceRow[]> {
    return this.db
      .select({
        code: categories.code,
        name: categories.name,
        rsvp: invitations.rsvp,
        count: sql<number>`count(*)::int`,
      })
      .from(invitations)
      .innerJoin(members, eq(members.id, invitations.memberId))
      .leftJoin(categories, eq(categories.id, members.categoryId))
      .where(eq(invitations.meetingId, meetingId))
      .groupBy(categories.code, categories.name, invitations.rsvp)
      .orderBy(asc(categories.name));
  }

  async attendedByRegion(meetingId: string): Promise<AttendedRow[]> {
    return this.db
      .select({ code: regions.code, name: regions.name, attended: sql<number>`count(*)::int` })
      .from(attendance)
      .innerJoin(members, eq(members.id, attendance.memberId))
      .leftJoin(regions, eq(regions.id, members.regionId))
      .where(and(eq(attendance.meetingId, meetingId), isNull(attendance.withdrawnAt)))
      .groupBy(regions.code, regions.name)
      .orderBy(asc(regions.name));
  }

  async attendedByCategory(meetingId: string): Promise<AttendedRow[]> {
    return this.db
      .select({ code: categories.code, name: categories.name, attended: sql<number>`count(*)::int` })
      .from(attendance)
      .innerJoin(members, eq(members.id, attendance.memberId))
      .leftJoin(categories, eq(categories.id, members.categoryId))
      .where(and(eq(attendance.meetingId, meetingId), isNull(attendance.withdrawnAt)))
      .groupBy(categories.code, categories.name)
      .orderBy(asc(categories.name));
  }
}
