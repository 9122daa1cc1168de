/** Shapes of the API's answers, as the HTTP contract describes them. */

import type * as Api from './openapi.generated';

export type SessionUser = Api.SessionUserDto;
export type Region = Api.RegionView;
export type Category = Api.CategoryView;
export type EstablishmentType = Api.EstablishmentType;
export type Establishment = Api.EstablishmentView;
export type Post = Api.PostView;
export type DirectoryMember = Api.DirectoryMember;
export type Rep = Api.RepView;
export type MyRecord = Api.MemberRecord;
export type MyContacts = Api.ContactsView;
export type Network = Api.NetworkView;
export type EstablishmentContacts = Api.EstablishmentContacts;
export type Meeting = Api.MeetingView;
export type NoticeState = Api.NoticeState;
export type Invitee = Api.InviteeView;
export type InvitationsPage = Api.InvitationsPage;
export type Attendance = Api.Attendance;
export type MemberPost = Api.MemberPost;
/** A region as other records name it: a post's, a meeting's. */
export type RegionName = Pick<Api.RegionView, 'code' | 'name'>;

export type Role = 'member' | 'secretariat' | 'admin';
export type Visibility = 'members' | 'secretariat';
export type Rsvp = 'needs-action' | 'accepted' | 'tentative' | 'declined';
export type MeetingKind = 'hub' | 'regional' | 'summit' | 'other';
export type NoticeStatus = 'queued' | 'sent' | 'failed' | 'bounced' | 'suppressed';

export type {
  AuditEntry,
  ConfirmDetailsView,
  DetailsConfirmation,
  DetailsConfirmed,
  RegionDetail,
  RegionPost,
} from './openapi.generated';

export { RSVP_WORDING as RSVP_LABELS } from '@seg/rules/rsvp-wording';
export { MEETING_KIND_WORDING as MEETING_KIND_LABELS } from '@seg/rules/meeting-kind-wording';

export function isSecretariat(role: Role | undefined): boolean {
  return role === 'secretariat' || role === 'admin';
}

export function establishmentType(e: Establishment): string {
  return e.type.name;
}

export function meetingRsvp(m: Meeting): Rsvp | null {
  return m.rsvp ?? null;
}
