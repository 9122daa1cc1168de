import { Inject, Injectable } from '@nestjs/common';
import {
  categories,
  CounterProposal,
  Database,
  DB,
  EmailStatus,
  Executor,
  invitations,
  isCurrentPost,
  meetings,
  members,
  MemberStatus,
  posts,
  regions,
  RsvpResponse,
  RsvpSource,
  Visibility,
} from '@seg/db';
import { newInvitationNotices, NoticeRef, refsOfNewNotices } from '@seg/notices';
import { and, asc, eq, sql, SQL } from 'drizzle-orm';
import type { MeetingRow } from './meetings.repository';

/** The audience of an invitation call, with codes already turned into ids. */
export interface ResolvedAudience {
  all: boolean;
  reps: boolean;
  regionIds: string[];
  categoryIds: string[];
  memberIds: string[];
  /** A representative's audience: only members of this region, whatever the parts say. */
  withinRegionId: string | null;
  /** The UK's date the audience is counted on: `reps` are those holding a post that day. */
  today: string;
}

/** An audience counted: current members to invite and already invited, the others skipped by status. */
export type AudienceTally = {
  wouldInvite: number;
  alreadyInvited: number;
  suspended: number;
  left: number;
};

export interface InvitationContext {
  invitationId: string;
  memberId: string;
  memberName: string;
  memberStatus: MemberStatus;
  memberErasedAt: Date | null;
  rsvp: RsvpResponse;
  respondedAt: Date | null;
  meeting: MeetingRow;
}

export interface InviteeRow {
  invitationId: string;
  memberId: string;
  name: string;
  email: string;
  regionCode: string | null;
  regionName: string | null;
  categoryCode: string | null;
  categoryName: string | null;
  emailStatus: EmailStatus;
  /** What the invitee chose to show of their email, for viewers other than the secretariat. */
  emailVisibility: Visibility;
  categoryPrivate: boolean | null;
  isCurrentRep: boolean;
  rsvp: RsvpResponse;
  respondedAt: Date | null;
  rsvpSource: RsvpSource | null;
  rsvpRevision: number | null;
  counterProposal: CounterProposal | null;
  invitedAt: Date;
}

/** One bind parameter for a whole id list, however long. */
const uuidArray = (ids: string[]) => sql`${sql.param(ids)}::uuid[]`;

/** The invitations table: who is invited to a meeting, and their replies. */
@Injectable()
export class InvitationsRepository {
  constructor(@Inject(DB) private readonly db: Database) {}

  /** What inviting the audience would do now, counted by the invitation's own audience query; writes nothing. */
  async previewInvite(meetingId: string, audience: ResolvedAudience): Promise<AudienceTally> {
    const result = await this.db.execute<AudienceTally>(sql`
      with audience as (${audienceOf(meetingId, audience)})
      select ${audienceTally} from audience a`);
    return result.rows[0];
  }

  /**
   * Invites every current member (invited or active) of the audience not yet invited (`wouldInvite` of
   * the tally), and writes each new invitation's invite notice, in one statement (`inviteStatement`).
   */
  async invite(
    tx: Executor,
    meetingId: string,
    revision: number,
    audience: ResolvedAudience,
    actorId: string | null,
  ): Promise<{ tally: AudienceTally; notices: NoticeRef[] }> {
    const result = await tx.execute<AudienceTally & { noticeIds: string[] }>(
      inviteStatement(meetingId, revision, audience, actorId),
    );
    const { noticeIds, ...tally } = result.rows[0];
    return { tally, notices: refsOfNewNotices(noticeIds) };
  }

  async getInvitationContext(invitationId: string): Promise<InvitationContext | null> {
    const [row] = await this.db
      .select({
        invitationId: invitations.id,
        memberId: invitations.memberId,
        memberName: members.name,
        memberStatus: members.status,
        memberErasedAt: members.erasedAt,
        rsvp: invitations.rsvp,
        respondedAt: invitations.respondedAt,
        meeting: meetings,
      })
      .from(invitations)
      .innerJoin(meetings, eq(meetings.id, invitations.meetingId))
      .innerJoin(members, eq(members.id, invitations.memberId))
      .where(eq(invitations.id, invitationId))
      .limit(1);
    return row ?? null;
  }

  async findInvitationId(meetingId: string, memberId: string): Promise<string | null> {
    const [row] = await this.db
      .select({ id: invitations.id })
      .from(invitations)
      .where(and(eq(invitations.meetingId, meetingId), eq(invitations.memberId, memberId)))
      .limit(1);
    return row?.id ?? null;
  }

  /** The member's invitation to the meeting, with their name and email as a calendar names them. */
  async findInvitee(
    meetingId: string,
    memberId: string,
  ): Promise<{ invitationId: string; rsvp: RsvpResponse; name: string; email: string } | null> {
    const [row] = await this.db
      .select({ invitationId: invitations.id, rsvp: invitations.rsvp, name: members.name, email: members.email })
      .from(invitations)
      .innerJoin(members, eq(members.id, invitations.memberId))
      .where(and(eq(invitations.meetingId, meetingId), eq(invitations.memberId, memberId)))
      .limit(1);
    return row ?? null;
  }

  async listInvitees(
    meetingId: string,
    today: string,
    limit: number,
    after: { name: string; id: string } | null,
  ): Promise<InviteeRow[]> {
    return this.db
      .select({
        invitationId: invitations.id,
        memberId: members.id,
        name: members.name,
        email: members.email,
        regionCode: regions.code,
        regionName: regions.name,
        categoryCode: categories.code,
        categoryName: categories.name,
        emailStatus: members.emailStatus,
        emailVisibility: members.emailVisibility,
        categoryPrivate: categories.contactsPrivateByDefault,
        isCurrentRep: sql<boolean>`exists (select 1 from ${posts} where ${posts.memberId} = ${members.id} and ${isCurrentPost(today)})`,
        rsvp: invitations.rsvp,
        respondedAt: invitations.respondedAt,
        rsvpSource: invitations.rsvpSource,
        rsvpRevision: invitations.rsvpRevision,
        counterProposal: invitations.counterProposal,
        invitedAt: invitations.createdAt,
      })
      .from(invitations)
      .innerJoin(members, eq(members.id, invitations.memberId))
      .leftJoin(regions, eq(regions.id, members.regionId))
      .leftJoin(categories, eq(categories.id, members.categoryId))
      .where(
        and(
          eq(invitations.meetingId, meetingId),
          after ? sql`(${members.name}, ${invitations.id}) > (${after.name}, ${after.id}::uuid)` : undefined,
        ),
      )
      .orderBy(asc(members.name), asc(invitations.id))
      .limit(limit);
  }
}

/**
 * The invitation call's statement: counts the audience as the preview does, invites its current
 * members not yet invited and writes their invite notices; answers the tally and the notices' ids.
 * The caller holds the meeting's row lock, so no other call invites to it meanwhile: the invitations
 * can be plain inserts (the unique meeting and member key still refuses a second one), their ids made
 * beforehand (`fresh` is read twice and calls a volatile function, so it is computed once) so each
 * notice is written beside its invitation with the address the audience read. Exported for the
 * fan-out bench, which explains it.
 */
export function inviteStatement(
  meetingId: string,
  revision: number,
  audience: ResolvedAudience,
  actorId: string | null,
): SQL {
  return sql`
    with audience as (${audienceOf(meetingId, audience)}),
    fresh as (
      select gen_random_uuid() as id, a.id as member_id, a.email from audience a where a.current and not a.invited
    ), invited as (
      insert into ${invitations} (id, meeting_id, member_id, invited_by_id)
      select f.id, ${meetingId}::uuid, f.member_id, ${actorId}::uuid from fresh f
    ), noticed as (${newInvitationNotices('meeting-invite', sql`fresh`, meetingId, revision)})
    select t.*, coalesce((select json_agg(id) from noticed), '[]'::json) as "noticeIds"
    from (select ${audienceTally} from audience a) t`;
}

/**
 * The audience: every member in the union of its parts, whatever their status, with their address,
 * whether they are a current member, and whether the meeting already invites them. The one place
 * the audience rules live; inviting and the preview both count it with `audienceTally`.
 */
function audienceOf(meetingId: string, a: ResolvedAudience): SQL {
  const parts: SQL[] = [];
  // Staff accounts (secretariat or admin with no category) are not members: only named ones are invited.
  const member = sql`public.seg_is_member_account(m.role, m.category_id is not null)`;
  if (a.all) parts.push(member);
  if (a.reps) {
    parts.push(sql`exists (select 1 from ${posts} where ${posts.memberId} = m.id and ${isCurrentPost(a.today)})`);
  }
  if (a.regionIds.length) parts.push(sql`(m.region_id = any(${uuidArray(a.regionIds)}) and ${member})`);
  if (a.categoryIds.length) parts.push(sql`m.category_id = any(${uuidArray(a.categoryIds)})`);
  if (a.memberIds.length) parts.push(sql`m.id = any(${uuidArray(a.memberIds)})`);
  const union = parts.length ? sql.join(parts, sql` or `) : sql`false`;
  const within = a.withinRegionId ? sql` and m.region_id = ${a.withinRegionId}::uuid` : sql``;
  return sql`
    select m.id, m.status, public.seg_member_is_current(m.status, m.erased_at) as current, m.email,
           exists (select 1 from ${invitations} i where i.meeting_id = ${meetingId}::uuid and i.member_id = m.id) as invited
    from ${members} m where (${union})${within}`;
}

/**
 * Current members (seg_member_is_current: not having set a password yet does not make someone less a
 * member) are invited; the others are counted by status, as skipped.
 */
const audienceTally = sql`
  count(*) filter (where a.current and not a.invited)::int as "wouldInvite",
  count(*) filter (where a.current and a.invited)::int as "alreadyInvited",
  count(*) filter (where a.status = 'suspended')::int as suspended,
  count(*) filter (where a.status = 'left')::int as "left"`;
