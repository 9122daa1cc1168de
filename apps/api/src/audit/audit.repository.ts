import { Inject, Injectable } from '@nestjs/common';
import {
  auditLog,
  categories,
  Database,
  DB,
  establishments,
  invitations,
  meetings,
  members,
  posts,
  regions,
} from '@seg/db';
import { and, count, desc, eq, inArray, or, SQL, sql } from 'drizzle-orm';
import { AuditNames, AuditLine, idsMentioned } from './audit-wording';

/** An entry as stored, with who made it; the service words it. */
export interface AuditRecord extends AuditLine {
  id: string;
  at: string;
  actor: { id: string; name: string; email: string } | null;
  actorPost: { id: string; role: string; region: string | null; regionName: string | null } | null;
  requestId: string | null;
}

export interface AuditFilter {
  entity?: string;
  entityId?: string;
  /** Everything involving this member: their record, posts and invitations, and what they did. */
  memberId?: string;
}

/** Where a page of the audit trail starts: the (at, id) of the last entry shown. */
export type AuditPosition = [at: string, id: string];

@Injectable()
export class AuditRepository {
  constructor(@Inject(DB) private readonly db: Database) {}

  /** Newest first, after the (at, id) of the last entry shown; with the total of the filter. */
  async list(
    filter: AuditFilter,
    limit: number,
    after: AuditPosition | null,
  ): Promise<{ rows: { entry: AuditRecord; position: AuditPosition }[]; total: number }> {
    const conditions: SQL[] = [];
    if (filter.entity) conditions.push(eq(auditLog.entity, filter.entity));
    if (filter.entityId) conditions.push(eq(auditLog.entityId, filter.entityId));
    if (filter.memberId) conditions.push(involving(filter.memberId));
    const where = and(...conditions);
    const pageConditions = [...conditions];
    if (after) {
      pageConditions.push(sql`(${auditLog.at}, ${auditLog.id}) < (${after[0]}::timestamptz, ${after[1]}::uuid)`);
    }
    const rows = await this.db
      .select({
        log: auditLog,
        actorName: members.name,
        actorEmail: members.email,
        postRole: posts.role,
        postRegion: regions.code,
        postRegionName: regions.name,
        exactAt: sql<string>`to_json(${auditLog.at})#>>'{}'`,
      })
      .from(auditLog)
      .leftJoin(members, eq(members.id, auditLog.actorId))
      .leftJoin(posts, eq(posts.id, auditLog.actorPostId))
      .leftJoin(regions, eq(regions.id, posts.regionId))
      .where(and(...pageConditions))
      .orderBy(desc(auditLog.at), desc(auditLog.id))
      .limit(limit);
    const [{ total }] = await this.db.select({ total: count() }).from(auditLog).where(where);
    return {
      rows: rows.map(({ log, actorName, actorEmail, postRole, postRegion, postRegionName, exactAt }) => ({
        // The cursor keeps the microseconds that the ISO time drops: entries of one transaction share them.
        position: [exactAt, log.id] as AuditPosition,
        entry: {
          id: log.id,
          at: log.at.toISOString(),
          actor: log.actorId ? { id: log.actorId, name: actorName ?? '', email: actorEmail ?? '' } : null,
          actorPost: log.actorPostId
            ? { id: log.actorPostId, role: postRole ?? '', region: postRegion, regionName: postRegionName }
            : null,
          entity: log.entity,
          entityId: log.entityId,
          action: log.action,
          before: log.before,
          after: log.after,
          requestId: log.requestId,
        },
      })),
      total,
    };
  }

  /** The names an audit page mentions, one query per table. */
  async namesFor(lines: AuditLine[]): Promise<AuditNames> {
    const idsOf = (entity: string) =>
      [...new Set(lines.filter((l) => l.entity === entity).map((l) => l.entityId))].filter(isUuid);
    const postIds = idsOf('post');
    const invitationIds = idsOf('invitation');
    const [postRows, invitationRows] = await Promise.all([
      postIds.length
        ? this.db
            .select({ id: posts.id, memberId: posts.memberId, role: posts.role, regionId: posts.regionId })
            .from(posts)
            .where(inArray(posts.id, postIds))
        : [],
      invitationIds.length
        ? this.db
            .select({ id: invitations.id, memberId: invitations.memberId, meetingId: invitations.meetingId })
            .from(invitations)
            .where(inArray(invitations.id, invitationIds))
        : [],
    ]);
    const wanted = {
      members: new Set<string>(),
      regions: new Set<string>(),
      categories: new Set<string>(),
      establishments: new Set<string>(),
      meetings: new Set<string>(),
    };
    for (const line of lines) for (const { lookup, id } of idsMentioned(line)) if (isUuid(id)) wanted[lookup].add(id);
    for (const post of postRows) {
      wanted.members.add(post.memberId);
      if (post.regionId) wanted.regions.add(post.regionId);
    }
    for (const invitation of invitationRows) {
      wanted.members.add(invitation.memberId);
      wanted.meetings.add(invitation.meetingId);
    }
    const named = async (
      table: typeof members | typeof regions | typeof categories | typeof establishments,
      ids: Set<string>,
    ) =>
      new Map(
        ids.size
          ? (
              await this.db
                .select({ id: table.id, name: table.name })
                .from(table)
                .where(inArray(table.id, [...ids]))
            ).map((r) => [r.id, r.name])
          : [],
      );
    const [memberNames, regionNames, categoryNames, establishmentNames, meetingRows] = await Promise.all([
      named(members, wanted.members),
      named(regions, wanted.regions),
      named(categories, wanted.categories),
      named(establishments, wanted.establishments),
      wanted.meetings.size
        ? this.db
            .select({ id: meetings.id, title: meetings.title })
            .from(meetings)
            .where(inArray(meetings.id, [...wanted.meetings]))
        : [],
    ]);
    return {
      members: memberNames,
      regions: regionNames,
      categories: categoryNames,
      establishments: establishmentNames,
      meetings: new Map(meetingRows.map((m) => [m.id, m.title])),
      posts: new Map(postRows.map(({ id, ...post }) => [id, post])),
      invitations: new Map(invitationRows.map(({ id, ...invitation }) => [id, invitation])),
    };
  }
}

/** Entries about a member (their record, posts and invitations) and the changes they made. */
function involving(memberId: string): SQL {
  return or(
    and(eq(auditLog.entity, 'member'), eq(auditLog.entityId, memberId)),
    eq(auditLog.actorId, memberId),
    and(
      eq(auditLog.entity, 'post'),
      or(sql`${auditLog.after}->>'memberId' = ${memberId}`, sql`${auditLog.before}->>'memberId' = ${memberId}`),
    ),
    and(
      eq(auditLog.entity, 'invitation'),
      sql`${auditLog.entityId} in (select ${invitations.id}::text from ${invitations} where ${invitations.memberId} = ${memberId})`,
    ),
  )!;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Old entries may name ids of other shapes; they are left unnamed rather than failing the page. */
function isUuid(id: string): boolean {
  return UUID.test(id);
}
