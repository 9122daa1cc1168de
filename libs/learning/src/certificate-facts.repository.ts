import { Inject, Injectable } from '@nestjs/common';
import { attendance, Database, DB, meetings, members, regions } from '@seg/db';
import { eq, SQL } from 'drizzle-orm';

/** What one certificate of attendance says, read in one query: the attendee and their meeting, nobody else. */
export interface CertificateFacts {
  attendanceId: string;
  memberId: string;
  number: string;
  withdrawnAt: Date | null;
  memberName: string;
  registration: string | null;
  meeting: {
    title: string;
    kind: string;
    status: string;
    startsAt: Date | null;
    endsAt: Date | null;
    summitYear: number | null;
    venue: string | null;
    onlineUrl: string | null;
    cpdMinutes: number | null;
    learningOutcomes: string[];
    regionName: string | null;
  };
}

/**
 * The meeting as a certificate and a member's learning record describe it (CertificateFacts'
 * `meeting`): one selection for both, from `meetings` left-joined to its region.
 */
export const certifiedMeetingColumns = {
  title: meetings.title,
  kind: meetings.kind,
  status: meetings.status,
  startsAt: meetings.startsAt,
  endsAt: meetings.endsAt,
  summitYear: meetings.summitYear,
  venue: meetings.venue,
  onlineUrl: meetings.onlineUrl,
  cpdMinutes: meetings.cpdMinutes,
  learningOutcomes: meetings.learningOutcomes,
  regionName: regions.name,
};

/** Reads certificates of attendance, for the download, the email and the public verification. */
@Injectable()
export class CertificateFactsRepository {
  constructor(@Inject(DB) private readonly db: Database) {}

  byNumber(number: string): Promise<CertificateFacts | null> {
    return this.one(eq(attendance.certificateNumber, number));
  }

  byAttendanceId(id: string): Promise<CertificateFacts | null> {
    return this.one(eq(attendance.id, id));
  }

  private async one(where: SQL): Promise<CertificateFacts | null> {
    const [row] = await this.db
      .select({
        attendanceId: attendance.id,
        memberId: attendance.memberId,
        number: attendance.certificateNumber,
        withdrawnAt: attendance.withdrawnAt,
        memberName: members.name,
        registration: members.registration,
        meeting: certifiedMeetingColumns,
      })
      .from(attendance)
      .innerJoin(members, eq(members.id, attendance.memberId))
      .innerJoin(meetings, eq(meetings.id, attendance.meetingId))
      .leftJoin(regions, eq(regions.id, meetings.regionId))
      .where(where)
      .limit(1);
    // An erased member's attendance has no number left: it certifies nothing.
    if (!row || !row.number) return null;
    return { ...row, number: row.number };
  }
}
