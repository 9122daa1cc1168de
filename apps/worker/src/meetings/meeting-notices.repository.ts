import { Inject, Injectable } from '@nestjs/common';
import { DB, Database, invitations, meetings, members, notices, RsvpResponse } from '@seg/db';
import { NoticeRef } from '@seg/queue';
import { MeetingRow } from '../notices/notice-renderer';
import { and, eq, sql } from 'drizzle-orm';

/** A reminder goes to those coming or who have not answered. */
const REMINDER_TO: RsvpResponse[] = ['accepted', 'needs-action'];

@Injectable()
export class MeetingNoticesRepository {
  constructor(@Inject(DB) private readonly db: Database) {}

  async getMeeting(id: string): Promise<MeetingRow | null> {
    const [row] = await this.db.select().from(meetings).where(eq(meetings.id, id)).limit(1);
    return row ?? null;
  }

  /** Scheduled meetings whose reminder time (start minus `hoursBefore`) is still to come. */
  async listAwaitingReminder(hoursBefore: number): Promise<Pick<MeetingRow, 'id' | 'revision' | 'startsAt'>[]> {
    return this.db
      .select({ id: meetings.id, revision: meetings.revision, startsAt: meetings.startsAt })
      .from(meetings)
      .where(and(eq(meetings.status, 'scheduled'), sql`${meetings.startsAt} > now() + make_interval(secs => ${hoursBefore * 3600})`));
  }

  /**
   * In one transaction, under the meeting's row lock and only if it is still scheduled at that
   * revision: a reminder notice for each active invitee who accepted or has not replied. A
   * second run adds nothing (one notice per invitation, kind and revision). Null when the
   * meeting changed meanwhile.
   */
  async writeReminders(meetingId: string, revision: number): Promise<NoticeRef[] | null> {
    return this.db.transaction(async (tx) => {
      const [meeting] = await tx
        .select({ status: meetings.status, revision: meetings.revision })
        .from(meetings)
        .where(eq(meetings.id, meetingId))
        .for('update')
        .limit(1);
      if (!meeting || meeting.status !== 'scheduled' || meeting.revision !== revision) return null;
      const result = await tx.execute<{ id: string; generation: number }>(sql`
        insert into ${notices} (kind, member_id, to_email, meeting_id, invitation_id, revision)
        select 'meeting-reminder', i.member_id, m.email, i.meeting_id, i.id, ${revision}::int
        from ${invitations} i join ${members} m on m.id = i.member_id
        where i.meeting_id = ${meetingId}::uuid and m.status = 'active' and i.rsvp = any(${sql.param(REMINDER_TO)}::text[])
        on conflict do nothing
        returning id, generation`);
      return result.rows;
    });
  }
}
