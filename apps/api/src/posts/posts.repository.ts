import { Inject, Injectable } from '@nestjs/common';
import { Database, DB, Executor, isCurrentPost, members, posts, regions } from '@seg/db';
import { and, asc, count, eq, gt, isNull, lt, or, sql, SQL } from 'drizzle-orm';
import { PostView } from './post-view.dto';

export type PostRow = typeof posts.$inferSelect;
/** A post with its holder and region; the service adds whether it is current. */
export type PostListing = Omit<PostView, 'current'>;

/** Where a page of posts starts: the (startsOn, id) of the last one shown. */
export type PostPosition = [startsOn: string, id: string];

@Injectable()
export class PostsRepository {
  constructor(@Inject(DB) private readonly db: Database) {}

  async getById(id: string, tx: Executor = this.db): Promise<PostRow | null> {
    const [row] = await tx.select().from(posts).where(eq(posts.id, id)).limit(1);
    return row ?? null;
  }

  /**
   * The member who would hold a post, with their status and region, locked until the end of the
   * transaction so that two requests giving them the same post are checked one after the other.
   */
  async lockHolder(
    tx: Executor,
    memberId: string,
  ): Promise<{ id: string; status: string; regionId: string | null; erasedAt: Date | null } | null> {
    const [row] = await tx
      .select({ id: members.id, status: members.status, regionId: members.regionId, erasedAt: members.erasedAt })
      .from(members)
      .where(eq(members.id, memberId))
      .limit(1)
      .for('update');
    return row ?? null;
  }

  /** A post of the member for the same region (or the hub) and role whose dates overlap the given ones. */
  async findOverlapping(
    tx: Executor,
    post: { memberId: string; regionId: string | null; role: string; startsOn: string; endsOn: string | null },
  ): Promise<PostRow | null> {
    const [row] = await tx
      .select()
      .from(posts)
      .where(
        and(
          eq(posts.memberId, post.memberId),
          post.regionId ? eq(posts.regionId, post.regionId) : isNull(posts.regionId),
          sql`lower(${posts.role}) = lower(${post.role})`,
          or(isNull(posts.endsOn), gt(posts.endsOn, post.startsOn)),
          post.endsOn ? lt(posts.startsOn, post.endsOn) : undefined,
        ),
      )
      .limit(1);
    return row ?? null;
  }

  async insert(tx: Executor, values: typeof posts.$inferInsert): Promise<PostRow> {
    const [row] = await tx.insert(posts).values(values).returning();
    return row;
  }

  /** By start date, after the (startsOn, id) of the last one shown; with the total of the filter. */
  async list(
    filter: { memberId?: string; regionId?: string | null; currentOn?: string },
    limit: number,
    after: PostPosition | null,
  ): Promise<{ rows: PostListing[]; total: number }> {
    const conditions: SQL[] = [];
    if (filter.memberId) conditions.push(eq(posts.memberId, filter.memberId));
    if (filter.regionId === null) conditions.push(isNull(posts.regionId));
    else if (filter.regionId) conditions.push(eq(posts.regionId, filter.regionId));
    if (filter.currentOn) conditions.push(isCurrentPost(filter.currentOn));
    const pageConditions = [...conditions];
    if (after) {
      const [startsOn, id] = after;
      pageConditions.push(or(gt(posts.startsOn, startsOn), and(eq(posts.startsOn, startsOn), gt(posts.id, id)))!);
    }
    const rows = await this.views(this.db)
      .where(and(...pageConditions))
      .orderBy(asc(posts.startsOn), asc(posts.id))
      .limit(limit);
    const [{ total }] = await this.db
      .select({ total: count() })
      .from(posts)
      .where(and(...conditions));
    return { rows: rows.map(toView), total };
  }

  async getView(id: string, tx: Executor = this.db): Promise<PostListing | null> {
    const [row] = await this.views(tx).where(eq(posts.id, id)).limit(1);
    return row ? toView(row) : null;
  }

  private views(tx: Executor) {
    return tx
      .select({ post: posts, memberName: members.name, regionCode: regions.code, regionName: regions.name })
      .from(posts)
      .innerJoin(members, eq(members.id, posts.memberId))
      .leftJoin(regions, eq(regions.id, posts.regionId))
      .$dynamic();
  }
}

function toView(row: {
  post: PostRow;
  memberName: string;
  regionCode: string | null;
  regionName: string | null;
}): PostListing {
  return {
    id: row.post.id,
    member: { id: row.post.memberId, name: row.memberName },
    hub: row.post.regionId === null,
    region: row.regionCode ? { code: row.regionCode, name: row.regionName! } : null,
    role: row.post.role,
    startsOn: row.post.startsOn,
    endsOn: row.post.endsOn,
  };
}
