/** Shapes of the API's answers, as the HTTP contract describes them. */

export type Role = 'member' | 'secretariat' | 'admin';
export type Visibility = 'members' | 'secretariat';
export type Rsvp = 'needs-action' | 'accepted' | 'tentative' | 'declined';
export type MeetingKind = 'hub' | 'regional' | 'summit' | 'other';
export type NoticeStatus = 'queued' | 'sent' | 'failed' | 'bounced' | 'suppressed';

export interface SessionUser {
  id: string;
  email: string;
  name: string;
  role: Role;
}

export interface Region {
  id?: string;
  code: string;
  name: string;
  nation?: string;
}

export interface Category {
  id?: string;
  code: string;
  name: string;
  description?: string | null;
}

export interface EstablishmentType {
  code: string;
  name: string;
}

export interface Establishment {
  id: string;
  name: string;
  type?: string | EstablishmentType;
  typeCode?: string;
  town?: string | null;
  postcode?: string | null;
  region?: Region | null;
  regionCode?: string;
}

export interface Post {
  id: string;
  role: string;
  hub?: boolean;
  region?: Region | null;
  regionCode?: string | null;
  startsOn: string;
  endsOn?: string | null;
  current?: boolean;
  member?: { id: string; name: string };
}

/** A member as the directory shows them: contact fields only where that member allows. */
export interface DirectoryMember {
  id: string;
  name: string;
  title?: string | null;
  email?: string | null;
  phone?: string | null;
  bio?: string | null;
  availability?: string | null;
  category?: Category | null;
  region?: Region | null;
  establishments?: Establishment[];
  posts?: Post[];
  /** Posts held before, on a single member's answer. */
  pastPosts?: (Post & { endsOn: string })[];
  status?: string;
  role?: Role;
  registration?: string | null;
  contactVisibility?: { email: Visibility; phone: Visibility };
}

/** A representative post as listed in contacts and in the network, with its holder. */
export interface Rep {
  postId: string;
  role: string;
  startsOn: string;
  endsOn: string | null;
  member: DirectoryMember;
}

export interface MyRecord extends DirectoryMember {
  email: string;
  emailStatus?: 'ok' | 'bouncing';
  emailBounce?: { at: string; reason: string | null } | null;
  contactVisibility: { email: Visibility; phone: Visibility };
  status: string;
  role: Role;
}

export interface MyContacts {
  region: Region | null;
  regionalReps: Rep[];
  hubReps: Rep[];
}

export interface Network {
  hub: { name: string; reps: Rep[] };
  spokes: { region: Region; reps: Rep[] }[];
}

export interface EstablishmentContacts extends MyContacts {
  establishment: Establishment;
}

export interface Meeting {
  id: string;
  title: string;
  kind: MeetingKind;
  agenda?: string | null;
  startsAt: string | null;
  endsAt: string | null;
  venue?: string | null;
  onlineUrl?: string | null;
  status: 'draft' | 'scheduled' | 'cancelled';
  revision?: number;
  isOver?: boolean;
  summit?: { number: number; year: number | null; theme: string | null } | null;
  /** The viewer's own reply, on meetings they are invited to. */
  rsvp?: Rsvp | null;
  /** The region whose representatives run the meeting with the secretariat. */
  region?: { code: string; name: string } | null;
  /** The viewer may change, invite to, follow and cancel it. */
  mayRun?: boolean;
}

export interface NoticeState {
  id: string;
  kind: string;
  revision: number | null;
  status: NoticeStatus;
  attempts: number;
  lastError: string | null;
  queuedAt?: string;
  sentAt: string | null;
}

export interface Invitee {
  invitationId: string;
  member: { id: string; name: string; email: string; region: string | null; regionName: string | null; category: string | null; categoryName: string | null; emailStatus?: 'ok' | 'bouncing' };
  rsvp: Rsvp;
  respondedAt: string | null;
  rsvpSource?: 'link' | 'web' | 'calendar' | null;
  answersEarlierRevision?: boolean;
  counterProposal?: { startsAt: string | null; endsAt: string | null; comment: string | null; receivedAt: string } | null;
  notices: NoticeState[];
}

export interface RsvpCounts {
  invitees: number;
  accepted: number;
  tentative: number;
  declined: number;
  noReply: number;
}

export interface InvitationsPage {
  items: Invitee[];
  nextCursor: string | null;
  total: number;
  totals: RsvpCounts & { notices: { queued: number; sent: number; failed: number; bounced?: number; suppressed?: number } };
}

export interface Attendance {
  totals: RsvpCounts;
  byRegion: (RsvpCounts & { code: string | null; name: string })[];
  byCategory: (RsvpCounts & { code: string | null; name: string })[];
}

export type { AuditEntry, RegionDetail, RegionPost } from './openapi.generated';

export const RSVP_LABELS: Record<Rsvp, string> = {
  'needs-action': 'No reply yet',
  accepted: 'Going',
  tentative: 'Maybe',
  declined: 'Not going',
};

export const MEETING_KIND_LABELS: Record<MeetingKind, string> = {
  hub: 'Hub meeting',
  regional: 'Regional meeting',
  summit: 'Summit',
  other: 'Other',
};

export function isSecretariat(role: Role | undefined): boolean {
  return role === 'secretariat' || role === 'admin';
}

export function establishmentType(e: Establishment): string {
  if (typeof e.type === 'object' && e.type) return e.type.name;
  return (e.type ?? e.typeCode ?? '').replace(/-/g, ' ');
}

export function meetingRsvp(m: Meeting): Rsvp | null {
  return m.rsvp ?? null;
}
