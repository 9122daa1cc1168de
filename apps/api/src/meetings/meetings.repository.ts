import { Inject, Injectable } from '@nestjs/common';
import {
  Database,
  DB,
  Executor,
  invitations,
  meetingIsNotOverCondition,
  meetingIsOverCondition,
  meetings,
  regions,
  RsvpResponse,
} from '@seg/db';
import { and, eq, sql, SQL } from 'drizzle-orm';

export type MeetingRow = typeof meetings.$inferSelect;
export type NewMeeting = typeof meetings.$inferInsert;

/** A meeting with its region's code and name (null for a meeting of no region). */
export interface MeetingWithRegion extends MeetingRow {
  regionCode: string | null;
  regionName: string | null;
}

export interface MeetingWithRsvp extends MeetingWithRegion {
  rsvp: RsvpResponse | null;
}

export interface ListMeetingsFilter {
  /** Null for the secretariat: every meeting. Otherwise only meetings this member is invited to. */
  invitedMemberId: string | null;
  /** The member whose own RSVP comes with each meeting. */
  viewerId: string;
  /** Only the meetings of this region. */
  regionId?: string;
  /** Upcoming: not over at `now`; past: over (`meetingIsOver`). */
  when?: 'upcoming' | 'past';
  now: Date;
  kind?: string;
  after?: { sortKey: string; id: string };
  limit: number;
}

/**
 * A meeting's place in lists: its start, or for archived summits with no date, a point in their
 * year ordered by summit number (two summits were held in 2010 and in 2019).
 */
const sortKey = sql<Date>`coalesce(${meetings.startsAt}, make_timestamptz(${meetings.summitYear}, 6, 1, 0, 0, 0, 'UTC') + make_interval(hours => ${meetings.summitNumber}))`;

/** The meetings table: a meeting's own row, with its region and the viewer's RSVP for lists. */
@Injectable()
export class MeetingsRepository {
  constructor(@Inject(DB) private readonly db: Database) {}

  async create(tx: Executor, values: NewMeeting): Promise<MeetingRow> {
    const [row] = await tx.insert(meetings).values(values).returning();
    return row;
  }

  async getById(id: string, ex: Executor = this.db): Promise<MeetingRow | null> {
    const [row] = await ex.select().from(meetings).where(eq(meetings.id, id)).limit(1);
    return row ?? null;
  }

  /** Takes the meeting's row lock: invitation calls, changes and cancellations of one meeting run one at a time. */
  async lockById(tx: Executor, id: string): Promise<MeetingRow | null> {
    const [row] = await tx.select().from(meetings).where(eq(meetings.id, id)).for('update').limit(1);
    return row ?? null;
  }

  async update(tx: Executor, id: string, values: Partial<NewMeeting>): Promise<MeetingRow> {
    const [row] = await tx
      .update(meetings)
      .set({ ...values, updatedAt: sql`now()` })
      .where(eq(meetings.id, id))
      .returning();
    return row;
  }

  async getWithRegion(id: string): Promise<MeetingWithRegion | null> {
    const [row] = await this.db
      .select({ meeting: meetings, regionCode: regions.code, regionName: regions.name })
      .from(meetings)
      .leftJoin(regions, eq(regions.id, meetings.regionId))
      .where(eq(meetings.id, id))
      .limit(1);
    return row ? { ...row.meeting, regionCode: row.regionCode, regionName: row.regionName } : null;
  }

  async getWithRsvp(id: string, viewerId: string): Promise<MeetingWithRsvp | null> {
    const [row] = await this.db
      .select({ meeting: meetings, rsvp: invitations.rsvp, regionCode: regions.code, regionName: regions.name })
      .from(meetings)
      .leftJoin(invitations, and(eq(invitations.meetingId, meetings.id), eq(invitations.memberId, viewerId)))
      .leftJoin(regions, eq(regions.id, meetings.regionId))
      .where(eq(meetings.id, id))
      .limit(1);
    return row ? { ...row.meeting, rsvp: row.rsvp, regionCode: row.regionCode, regionName: row.regionName } : null;
  }

  async list(filter: ListMeetingsFilter): Promise<{ rows: (MeetingWithRsvp & { sortKey: string })[]; total: number }> {
    const conditions: SQL[] = [];
    if (filter.invitedMemberId) {
      // Members see what they are invited to, and the summit archive, which is the group's public history.
      conditions.push(
        sql`(exists (select 1 from ${invitations} i where i.meeting_id = ${meetings.id} and i.member_id = ${filter.invitedMemberId}) or ${meetings.summitNumber} is not null)`,
      );
    }
    if (filter.regionId) conditions.push(eq(meetings.regionId, filter.regionId));
    if (filter.kind) conditions.push(eq(meetings.kind, filter.kind as MeetingRow['kind']));
    if (filter.when === 'upcoming') conditions.push(meetingIsNotOverCondition(filter.now));
    if (filter.when === 'past') conditions.push(meetingIsOverCondition(filter.now));
    const where = conditions.length ? and(...conditions) : undefined;
    const ascending = filter.when === 'upcoming';

    const page: SQL[] = [...conditions];
    if (filter.after) {
      const key = sql`(${sortKey}, ${meetings.id})`;
      const cursor = sql`(${filter.after.sortKey}::timestamptz, ${filter.after.id}::uuid)`;
      page.push(ascending ? sql`${key} > ${cursor}` : sql`${key} < ${cursor}`);
    }
    const rows = await this.db
      .select({
        meeting: meetings,
        rsvp: invitations.rsvp,
        regionCode: regions.code,
        regionName: regions.name,
        sortKey: sql<string>`to_json(${sortKey})#>>'{}'`,
      })
      .from(meetings)
      .leftJoin(invitations, and(eq(invitations.meetingId, meetings.id), eq(invitations.memberId, filter.viewerId)))
      .leftJoin(regions, eq(regions.id, meetings.regionId))
      .where(page.length ? and(...page) : undefined)
      .orderBy(ascending ? sql`${sortKey} asc, ${meetings.id} asc` : sql`${sortKey} desc, ${meetings.id} desc`)
      .limit(filter.limit);
    const [{ total }] = await this.db
      .select({ total: sql<number>`count(*)::int` })
      .from(meetings)
      .where(where);
    return {
      rows: rows.map((r) => ({
        ...r.meeting,
        rsvp: r.rsvp,
        regionCode: r.regionCode,
        regionName: r.regionName,
        sortKey: r.sortKey,
      })),
      total,
    };
  }
}
