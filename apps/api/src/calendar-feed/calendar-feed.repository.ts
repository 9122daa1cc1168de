import { Inject, Injectable } from '@nestjs/common';
import {
  calendarFeeds,
  currentMemberCondition,
  Database,
  DB,
  Executor,
  invitations,
  meetings,
  members,
  RsvpResponse,
} from '@seg/db';
import type { CalendarMeeting } from '@seg/rules';
import { and, asc, eq, gte, inArray, isNotNull, sql } from 'drizzle-orm';

export type FeedRow = typeof calendarFeeds.$inferSelect;

/** A meeting of a member's feed, with their reply and when either last changed. */
export interface FeedMeetingRow {
  /** What its calendar object shows, and whether it is cancelled. */
  meeting: CalendarMeeting & { status: string };
  invitationId: string;
  rsvp: RsvpResponse;
  changedAt: Date;
}

@Injectable()
export class CalendarFeedRepository {
  constructor(@Inject(DB) private readonly db: Database) {}

  async get(memberId: string): Promise<FeedRow | null> {
    const [row] = await this.db.select().from(calendarFeeds).where(eq(calendarFeeds.memberId, memberId));
    return row ?? null;
  }

  /** Writes the member's feed with a new seed, replacing any other: the old link dies in the same statement. */
  async put(tx: Executor, memberId: string, seed: string, tokenHash: string): Promise<FeedRow> {
    const [row] = await tx
      .insert(calendarFeeds)
      .values({ memberId, seed, tokenHash })
      .onConflictDoUpdate({ target: calendarFeeds.memberId, set: { seed, tokenHash, createdAt: sql`now()` } })
      .returning();
    return row;
  }

  /** The current member a feed belongs to, found by its token's hash; null for a dead link. */
  async memberByTokenHash(tokenHash: string): Promise<{ id: string; name: string; email: string } | null> {
    const [row] = await this.db
      .select({ id: members.id, name: members.name, email: members.email })
      .from(calendarFeeds)
      .innerJoin(members, eq(members.id, calendarFeeds.memberId))
      .where(and(eq(calendarFeeds.tokenHash, tokenHash), currentMemberCondition()));
    return row ?? null;
  }

  /**
   * The meetings the member is invited to that end after `since`, scheduled or cancelled, in
   * order of start. Archived summits without dates have no place in a calendar.
   */
  async meetingsOf(memberId: string, since: Date): Promise<FeedMeetingRow[]> {
    const rows = await this.db
      .select({
        meeting: {
          id: meetings.id,
          title: meetings.title,
          agenda: meetings.agenda,
          startsAt: meetings.startsAt,
          endsAt: meetings.endsAt,
          venue: meetings.venue,
          onlineUrl: meetings.onlineUrl,
          revision: meetings.revision,
          status: meetings.status,
          createdAt: meetings.createdAt,
          updatedAt: meetings.updatedAt,
        },
        invitationId: invitations.id,
        rsvp: invitations.rsvp,
        changedAt: sql<Date>`greatest(${meetings.updatedAt}, ${invitations.updatedAt})`.mapWith(
          (value: string | Date) => new Date(value),
        ),
      })
      .from(invitations)
      .innerJoin(meetings, eq(meetings.id, invitations.meetingId))
      .where(
        and(
          eq(invitations.memberId, memberId),
          inArray(meetings.status, ['scheduled', 'cancelled']),
          isNotNull(meetings.startsAt),
          gte(meetings.endsAt, since),
        ),
      )
      .orderBy(asc(meetings.startsAt), asc(meetings.id));
    return rows.map((r) => ({
      ...r,
      meeting: { ...r.meeting, startsAt: r.meeting.startsAt!, endsAt: r.meeting.endsAt! },
    }));
  }
}
