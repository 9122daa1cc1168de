import { Inject, Injectable } from '@nestjs/common';
import {
  Database,
  DB,
  establishments,
  Executor,
  isCurrentPost,
  listedToMembers,
  meetingIsNotOverCondition,
  meetings,
  members,
  posts,
  regions,
} from '@seg/db';
import { and, asc, eq, isNotNull, isNull, sql } from 'drizzle-orm';
import { postNotEndedBy } from '@seg/records';
import { alias } from 'drizzle-orm/pg-core';

export type RegionRow = typeof regions.$inferSelect;

/** A post held today in a region (not the hub): what lets a representative act for that region. */
export interface RegionalPost {
  id: string;
  role: string;
  regionId: string;
  regionCode: string;
  regionName: string;
}

@Injectable()
export class RegionsRepository {
  constructor(@Inject(DB) private readonly db: Database) {}

  async listAll(): Promise<(RegionRow & { mergedIntoCode: string | null })[]> {
    const target = alias(regions, 'target');
    const rows = await this.db
      .select({ region: regions, mergedIntoCode: target.code })
      .from(regions)
      .leftJoin(target, eq(target.id, regions.mergedIntoId))
      .orderBy(asc(regions.name));
    return rows.map((r) => ({ ...r.region, mergedIntoCode: r.mergedIntoCode }));
  }

  /** The spokes of today's network: every region not merged into another. */
  listLive(tx: Executor = this.db): Promise<RegionRow[]> {
    return tx.select().from(regions).where(isNull(regions.mergedIntoId)).orderBy(asc(regions.name));
  }

  async getById(id: string, tx: Executor = this.db): Promise<RegionRow | null> {
    const [row] = await tx.select().from(regions).where(eq(regions.id, id)).limit(1);
    return row ?? null;
  }

  async getByCode(code: string, tx: Executor = this.db): Promise<RegionRow | null> {
    const [row] = await tx.select().from(regions).where(eq(regions.code, code)).limit(1);
    return row ?? null;
  }

  /**
   * Every post of the region that has started by the day, with its holder; `unlisted` when the
   * holder is a current member who chose not to be listed (only the secretariat sees those).
   */
  async postsOfRegion(
    regionId: string,
    day: string,
  ): Promise<
    {
      id: string;
      role: string;
      holderId: string;
      holderName: string;
      unlisted: boolean;
      startsOn: string;
      endsOn: string | null;
    }[]
  > {
    const result = await this.db.execute<{
      id: string;
      role: string;
      holderId: string;
      holderName: string;
      unlisted: boolean;
      startsOn: string;
      endsOn: string | null;
    }>(sql`
      select p.id, p.role, m.id as "holderId", m.name as "holderName",
             (public.seg_member_is_current(m.status, m.erased_at) and not coalesce(${listedToMembers('d', day)}, false)) as unlisted,
             to_char(p.starts_on, 'YYYY-MM-DD') as "startsOn", to_char(p.ends_on, 'YYYY-MM-DD') as "endsOn"
        from ${posts} p
        join ${members} m on m.id = p.member_id
        left join directory_cards d on d.member_id = m.id
       where p.region_id = ${regionId}::uuid and p.starts_on <= ${day}::date
       order by p.starts_on, p.id`);
    return result.rows;
  }

  /** The member's posts in regions (not the hub) held on the day, oldest first. */
  regionalPostsHeldOn(memberId: string, day: string): Promise<RegionalPost[]> {
    return this.db
      .select({
        id: posts.id,
        role: posts.role,
        regionId: regions.id,
        regionCode: regions.code,
        regionName: regions.name,
      })
      .from(posts)
      .innerJoin(regions, eq(regions.id, posts.regionId))
      .where(and(eq(posts.memberId, memberId), isNotNull(posts.regionId), isCurrentPost(day)))
      .orderBy(asc(posts.startsOn), asc(posts.id));
  }

  async insert(tx: Executor, values: typeof regions.$inferInsert): Promise<RegionRow> {
    const [row] = await tx.insert(regions).values(values).returning();
    return row;
  }

  async update(tx: Executor, id: string, values: Partial<typeof regions.$inferInsert>): Promise<RegionRow> {
    const [row] = await tx
      .update(regions)
      .set({ ...values, updatedAt: new Date() })
      .where(eq(regions.id, id))
      .returning();
    return row;
  }

  /** Moves members, establishments, the posts still running and the meetings still to come from one region to another. */
  async moveInto(
    tx: Executor,
    fromId: string,
    intoId: string,
    at: { today: string; now: Date },
  ): Promise<{ members: number; establishments: number; posts: number; meetings: number }> {
    const today = at.today;
    const movedMembers = await tx
      .update(members)
      .set({ regionId: intoId, updatedAt: new Date() })
      .where(eq(members.regionId, fromId))
      .returning({ id: members.id });
    const movedEstablishments = await tx
      .update(establishments)
      .set({ regionId: intoId, updatedAt: new Date() })
      .where(eq(establishments.regionId, fromId))
      .returning({ id: establishments.id });
    // Ended posts keep the region they were held in: that is the history.
    const movedPosts = await tx
      .update(posts)
      .set({ regionId: intoId, updatedAt: new Date() })
      .where(and(eq(posts.regionId, fromId), postNotEndedBy(today)))
      .returning({ id: posts.id });
    // Meetings still to come are run by the new region's representatives; past ones stay as history.
    const movedMeetings = await tx
      .update(meetings)
      .set({ regionId: intoId, updatedAt: new Date() })
      .where(and(eq(meetings.regionId, fromId), meetingIsNotOverCondition(at.now)))
      .returning({ id: meetings.id });
    return {
      members: movedMembers.length,
      establishments: movedEstablishments.length,
      posts: movedPosts.length,
      meetings: movedMeetings.length,
    };
  }
}
