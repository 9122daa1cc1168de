import { SQL, sql } from 'drizzle-orm';
import { members, type MemberStatus } from './schema';

/** Invited or active: a member whose links (RSVP, activation, reset, confirm details) still work. */
export const CURRENT_MEMBER_STATUSES: readonly MemberStatus[] = ['invited', 'active'];

/**
 * Whether the member is still a current member. One rule for every emailed link: a member who
 * left, was suspended or erased gets 410 from each, and nothing of theirs is shown or recorded.
 * seg_member_is_current in SQL.
 */
export function isCurrentMember(member: { status: MemberStatus; erasedAt?: Date | string | null }): boolean {
  return CURRENT_MEMBER_STATUSES.includes(member.status) && !member.erasedAt;
}

/** `isCurrentMember` as a condition on the members table. */
export function currentMemberCondition(): SQL {
  return sql`public.seg_member_is_current(${members.status}, ${members.erasedAt})`;
}

/** What each such link answers (410) when its member is no longer current. */
export const MEMBERSHIP_ENDED = 'This link no longer works: the membership it was sent for has ended';
