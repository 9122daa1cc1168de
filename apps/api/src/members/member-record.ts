import {
  confirmDetailsOverdue,
  contactsShownTo,
  detailsConfirmMonths,
  emailAlwaysShown,
  isListable,
  listedToMembers,
  listedWhateverChosen,
  OTHER_MEMBER,
  postIsCurrent,
  visibleContacts,
} from '@seg/rules';
import type { AppConfig } from '@seg/config';
import { noticePreferences } from '../notice-choices/notice-preferences.dto';
import { ErasureMention, MemberRecord } from './dto/member-record.dto';
import { MemberRecordRow, MemberRow } from './members.repository';

export function memberRecord(
  row: MemberRecordRow,
  today: string,
  config: Pick<AppConfig, 'detailsConfirm'>,
  erasureMentions: ErasureMention[] = [],
): MemberRecord {
  const m = row.member;
  const posts = row.posts.map((p) => ({ ...p, current: postIsCurrent(p, today) }));
  const subject = {
    id: m.id,
    email: m.email,
    phone: m.phone,
    emailVisibility: m.emailVisibility,
    phoneVisibility: m.phoneVisibility,
    categoryPrivate: row.category?.contactsPrivateByDefault ?? false,
    isCurrentRep: posts.some((p) => p.current),
  };
  const shownTo = contactsShownTo(subject);
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
    category: row.category
      ? {
          code: row.category.code,
          name: row.category.name,
          contactsPrivateByDefault: row.category.contactsPrivateByDefault,
        }
      : null,
    region: row.region ? { code: row.region.code, name: row.region.name, nation: row.region.nation } : null,
    establishments: row.establishments,
    contactVisibility: { email: m.emailVisibility, phone: m.phoneVisibility },
    emailStatus: m.emailStatus,
    emailBounce:
      m.emailStatus === 'bouncing' && m.emailBouncedAt
        ? { at: m.emailBouncedAt.toISOString(), reason: m.emailBounceReason }
        : null,
    listed: m.listed,
    noticePreferences: noticePreferences(m),
    seenByMembers: {
      ...visibleContacts(subject, OTHER_MEMBER),
      emailAlwaysShown: emailAlwaysShown(subject),
      emailShownTo: shownTo.email,
      phoneShownTo: shownTo.phone,
      listed: listedToMembers({
        ...subject,
        listed: m.listed,
        listable: isListable({ ...m, hasCategory: row.category !== null }),
      }),
      listedWhateverChosen: listedWhateverChosen(subject),
    },
    posts,
    detailsConfirmation: detailsConfirmation(m.detailsConfirmedAt, detailsConfirmMonths(config, subject.isCurrentRep)),
    leftAt: m.leftAt?.toISOString() ?? null,
    erasedAt: m.erasedAt?.toISOString() ?? null,
    erasureMentions,
    createdAt: m.createdAt.toISOString(),
    updatedAt: m.updatedAt.toISOString(),
  };
}

/** What the audit log keeps of a member: everything but the password hash (and the derived search key). */
export function memberSnapshot(m: MemberRow, establishmentIds: string[]): Record<string, unknown> {
  const { passwordHash: _secret, nameKey: _derived, ...rest } = m;
  return { ...rest, establishmentIds };
}

/** A confirmation date as members read it, with whether its period has run out. */
export function detailsConfirmation(
  confirmedAt: Date | null,
  months: number,
  now = new Date(),
): { confirmedAt: string | null; overdue: boolean } {
  return {
    confirmedAt: confirmedAt?.toISOString() ?? null,
    overdue: confirmDetailsOverdue(confirmedAt, months, now),
  };
}
