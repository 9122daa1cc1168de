import { Inject, Injectable } from '@nestjs/common';
import {
  categories,
  currentMemberCondition,
  Database,
  DB,
  erasureMentions,
  establishments,
  Executor,
  isCurrentPost,
  meetings,
  memberEstablishments,
  members,
  posts,
  regions,
} from '@seg/db';
import { and, asc, desc, eq, inArray, isNull, sql } from 'drizzle-orm';

export type MemberRow = typeof members.$inferSelect;

export interface MemberPostView {
  id: string;
  role: string;
  hub: boolean;
  region: { code: string; name: string } | null;
  startsOn: string;
  endsOn: string | null;
}

/** Everything about one member that the API shows to themselves and the secretariat. */
export interface MemberRecordRow {
  member: MemberRow;
  category: { id: string; code: string; name: string; contactsPrivateByDefault: boolean } | null;
  region: { id: string; code: string; name: string; nation: string } | null;
  establishments: { id: string; code: string | null; name: string }[];
  posts: MemberPostView[];
}

@Injectable()
export class MembersRepository {
  constructor(@Inject(DB) private readonly db: Database) {}

  async getById(id: string, tx: Executor = this.db): Promise<MemberRow | null> {
    const [row] = await tx.select().from(members).where(eq(members.id, id)).limit(1);
    return row ?? null;
  }

  /** Row-locks the member, so that changes to them in other transactions wait. */
  async lockById(tx: Executor, id: string): Promise<MemberRow | null> {
    const [row] = await tx.select().from(members).where(eq(members.id, id)).for('update').limit(1);
    return row ?? null;
  }

  /**
   * Row-locks every active admin and answers their ids: two admins demoting or suspending each
   * other at once wait in turn, and the second sees that the first is no longer an admin.
   */
  async lockActiveAdmins(tx: Executor): Promise<string[]> {
    const rows = await tx
      .select({ id: members.id })
      .from(members)
      .where(and(eq(members.role, 'admin'), eq(members.status, 'active'), isNull(members.erasedAt)))
      .for('update');
    return rows.map((r) => r.id);
  }

  /** Emails compare case-insensitively (the unique index is on lower(email)). */
  async getByEmail(email: string, tx: Executor = this.db): Promise<MemberRow | null> {
    const [row] = await tx
      .select()
      .from(members)
      .where(sql`lower(${members.email}) = lower(${email})`)
      .limit(1);
    return row ?? null;
  }

  async insert(tx: Executor, values: typeof members.$inferInsert): Promise<MemberRow> {
    const [row] = await tx.insert(members).values(values).returning();
    return row;
  }

  /**
   * Records that a current member says their details are right, which closes any open request
   * to confirm them. Null when the member is not current (or gone).
   */
  async confirmDetails(tx: Executor, id: string): Promise<MemberRow | null> {
    const [row] = await tx
      .update(members)
      .set({ detailsConfirmedAt: sql`now()`, detailsRequestedAt: null, detailsRemindedAt: null })
      .where(and(eq(members.id, id), currentMemberCondition()))
      .returning();
    return row ?? null;
  }

  /**
   * A new email address clears a bouncing one: the next notices go to the new address. Never the
   * status: MemberStatuses (@seg/records) writes it, with its rules.
   */
  async update(
    tx: Executor,
    id: string,
    values: Omit<Partial<typeof members.$inferInsert>, 'status'>,
  ): Promise<MemberRow> {
    const newAddress = values.email === undefined ? undefined : sql`lower(${members.email}) <> lower(${values.email})`;
    const [row] = await tx
      .update(members)
      .set({
        ...values,
        ...(newAddress
          ? {
              emailStatus: sql`case when ${newAddress} then 'ok' else ${members.emailStatus} end`,
              emailBouncedAt: sql`case when ${newAddress} then null else ${members.emailBouncedAt} end`,
              emailBounceReason: sql`case when ${newAddress} then null else ${members.emailBounceReason} end`,
            }
          : {}),
        updatedAt: new Date(),
      })
      .where(eq(members.id, id))
      .returning();
    return row;
  }

  async establishmentIds(memberId: string, tx: Executor = this.db): Promise<string[]> {
    const rows = await tx
      .select({ id: memberEstablishments.establishmentId })
      .from(memberEstablishments)
      .where(eq(memberEstablishments.memberId, memberId));
    return rows.map((r) => r.id).sort();
  }

  async setEstablishments(tx: Executor, memberId: string, establishmentIds: string[]): Promise<void> {
    await tx.delete(memberEstablishments).where(eq(memberEstablishments.memberId, memberId));
    if (establishmentIds.length) {
      await tx
        .insert(memberEstablishments)
        .values([...new Set(establishmentIds)].map((establishmentId) => ({ memberId, establishmentId })));
    }
  }

  async loadRecord(id: string, tx: Executor = this.db): Promise<MemberRecordRow | null> {
    const [row] = await tx
      .select({
        member: members,
        category: {
          id: categories.id,
          code: categories.code,
          name: categories.name,
          contactsPrivateByDefault: categories.contactsPrivateByDefault,
        },
        region: { id: regions.id, code: regions.code, name: regions.name, nation: regions.nation },
      })
      .from(members)
      .leftJoin(categories, eq(categories.id, members.categoryId))
      .leftJoin(regions, eq(regions.id, members.regionId))
      .where(eq(members.id, id))
      .limit(1);
    if (!row) return null;
    // One after another: the executor may be a transaction, one connection running one query at a time.
    const places = await this.establishmentsOf([id], tx);
    const held = await this.postsOf(id, tx);
    return { ...row, establishments: places.get(id) ?? [], posts: held };
  }

  /** What the member's erasure found in meetings' staff text, with each meeting's text as it is now. */
  erasureMentions(memberId: string) {
    return this.db
      .select({
        field: erasureMentions.field,
        snippet: erasureMentions.snippet,
        textDigest: erasureMentions.textDigest,
        meeting: {
          id: meetings.id,
          title: meetings.title,
          agenda: meetings.agenda,
          venue: meetings.venue,
          theme: meetings.theme,
          learningOutcomes: meetings.learningOutcomes,
        },
      })
      .from(erasureMentions)
      .innerJoin(meetings, eq(meetings.id, erasureMentions.meetingId))
      .where(eq(erasureMentions.memberId, memberId))
      .orderBy(meetings.startsAt, meetings.id, erasureMentions.field);
  }

  async establishmentsOf(
    memberIds: string[],
    tx: Executor = this.db,
  ): Promise<Map<string, { id: string; code: string | null; name: string }[]>> {
    const result = new Map<string, { id: string; code: string | null; name: string }[]>();
    if (!memberIds.length) return result;
    const rows = await tx
      .select({
        memberId: memberEstablishments.memberId,
        id: establishments.id,
        code: establishments.code,
        name: establishments.name,
      })
      .from(memberEstablishments)
      .innerJoin(establishments, eq(establishments.id, memberEstablishments.establishmentId))
      .where(inArray(memberEstablishments.memberId, memberIds))
      .orderBy(asc(establishments.name));
    for (const { memberId, ...place } of rows) result.set(memberId, [...(result.get(memberId) ?? []), place]);
    return result;
  }

  /** Every post the member held or holds, newest first. */
  async postsOf(memberId: string, tx: Executor = this.db): Promise<MemberPostView[]> {
    const rows = await tx
      .select({ post: posts, regionCode: regions.code, regionName: regions.name })
      .from(posts)
      .leftJoin(regions, eq(regions.id, posts.regionId))
      .where(eq(posts.memberId, memberId))
      .orderBy(desc(posts.startsOn), asc(posts.id));
    return rows.map(({ post, regionCode, regionName }) => ({
      id: post.id,
      role: post.role,
      hub: post.regionId === null,
      region: regionCode ? { code: regionCode, name: regionName! } : null,
      startsOn: post.startsOn,
      endsOn: post.endsOn,
    }));
  }

  /** Posts held on the given day by any member, for the CSV export. */
  currentPosts(today: string, tx: Executor = this.db) {
    return tx
      .select({ memberId: posts.memberId, role: posts.role, regionCode: regions.code })
      .from(posts)
      .leftJoin(regions, eq(regions.id, posts.regionId))
      .where(isCurrentPost(today))
      .orderBy(asc(posts.startsOn));
  }

  /** Every member's places of work, for the CSV export. */
  allEstablishments(tx: Executor = this.db) {
    return tx
      .select({ memberId: memberEstablishments.memberId, code: establishments.code, name: establishments.name })
      .from(memberEstablishments)
      .innerJoin(establishments, eq(establishments.id, memberEstablishments.establishmentId))
      .orderBy(asc(establishments.name));
  }

  /** The whole directory in name order, for the CSV export. */
  async listForExport(tx: Executor = this.db) {
    return tx
      .select({ member: members, categoryCode: categories.code, regionCode: regions.code })
      .from(members)
      .leftJoin(categories, eq(categories.id, members.categoryId))
      .leftJoin(regions, eq(regions.id, members.regionId))
      .orderBy(asc(members.name), asc(members.id));
  }
}
