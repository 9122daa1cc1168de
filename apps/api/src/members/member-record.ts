import type { EmailStatus, MemberStatus, Role, Visibility } from '@seg/db';
import { postIsCurrent } from '../posts/current-post';
import { MemberPostView, MemberRecordRow, MemberRow } from './members.repository';

/** A member's full record, as they and the secretariat see it. */
export interface MemberRecord {
  id: string;
  email: string;
  name: string;
  title: string | null;
  registration: string | null;
  phone: string | null;
  bio: string | null;
  availability: string | null;
  status: MemberStatus;
  role: Role;
  category: { code: string; name: string } | null;
  region: { code: string; name: string; nation: string } | null;
  establishments: { id: string; code: string | null; name: string }[];
  contactVisibility: { email: Visibility; phone: Visibility };
  /**
   * `bouncing` once a notice to this address was refused for good (with when and the receiving
   * server's words): meeting notices stop until the address changes.
   */
  emailStatus: EmailStatus;
  emailBounce: { at: string; reason: string | null } | null;
  posts: (MemberPostView & { current: boolean })[];
  createdAt: string;
  updatedAt: string;
}

export function memberRecord(row: MemberRecordRow, today: string): MemberRecord {
  const m = row.member;
  return {
    id: m.id,
    email: m.email,
    name: m.name,
    title: m.title,
    registration: m.registration,
    phone: m.phone,
    bio: m.bio,
    availability: m.availability,
    status: m.status,
    role: m.role,
    category: row.category ? { code: row.category.code, name: row.category.name } : null,
    region: row.region ? { code: row.region.code, name: row.region.name, nation: row.region.nation } : null,
    establishments: row.establishments,
    contactVisibility: { email: m.emailVisibility, phone: m.phoneVisibility },
    emailStatus: m.emailStatus,
    emailBounce: m.emailStatus === 'bouncing' && m.emailBouncedAt ? { at: m.emailBouncedAt.toISOString(), reason: m.emailBounceReason } : null,
    posts: row.posts.map((p) => ({ ...p, current: postIsCurrent(p, today) })),
    createdAt: m.createdAt.toISOString(),
    updatedAt: m.updatedAt.toISOString(),
  };
}

/** What the audit log keeps of a member: everything but the password hash (and the derived search key). */
export function memberSnapshot(m: MemberRow, establishmentIds: string[]): Record<string, unknown> {
  const { passwordHash: _secret, nameKey: _derived, ...rest } = m;
  return { ...rest, establishmentIds };
}
