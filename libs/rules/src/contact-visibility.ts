import { isSecretariat } from '@seg/auth';
import { isCurrentMember, type MemberStatus, type Role, type Visibility } from '@seg/db';

export interface Viewer {
  id: string;
  role: Role;
  /** The regions the viewer represents today, where the answer shows their members' records. */
  representedRegionIds?: readonly string[];
}

export interface ContactSubject {
  id: string;
  email: string;
  phone: string | null;
  emailVisibility: Visibility;
  phoneVisibility: Visibility;
  /** The member's category keeps contacts private (patient / service-user representatives). */
  categoryPrivate: boolean;
  /** Holds a post today. */
  isCurrentRep: boolean;
}

export function seesEverything(viewer: Viewer, subjectId: string): boolean {
  return isSecretariat(viewer) || viewer.id === subjectId;
}

/**
 * What shapes what a viewer sees of other members, without who they are: viewers of one class
 * see the same of every member but themselves (each sees their own record whole).
 */
export function visibilityClass(viewer: Viewer): string {
  if (isSecretariat(viewer)) return 'secretariat';
  return ['member', ...[...(viewer.representedRegionIds ?? [])].sort()].join(' ');
}

/**
 * Whom a viewer sees the record of (status, registration, contact choices, a bouncing address):
 * the secretariat, the member themselves, and the representatives of the member's region, who
 * organise it. Contact details still follow `visibleContacts`: a member may keep them for the
 * secretariat only, representatives included.
 */
export function seesRecord(viewer: Viewer, subject: { id: string; regionId: string | null }): boolean {
  if (seesEverything(viewer, subject.id)) return true;
  return subject.regionId !== null && (viewer.representedRegionIds ?? []).includes(subject.regionId);
}

/**
 * The contact details a viewer may see of a member. The secretariat and the member see both;
 * other members see what the member chose, plus a current representative's work email (that is
 * what the post is for), except for categories whose contacts always follow the member's choice.
 */
export function visibleContacts(
  subject: ContactSubject,
  viewer: Viewer,
): { email: string | null; phone: string | null } {
  if (seesEverything(viewer, subject.id)) return { email: subject.email, phone: subject.phone };
  const shownTo = contactsShownTo(subject);
  return {
    email: shownTo.email === 'members' ? subject.email : null,
    phone: shownTo.phone === 'members' ? subject.phone : null,
  };
}

/**
 * Whom each contact detail reaches beyond the secretariat and the member: every member, or the
 * secretariat only. The phone follows the member's choice; the email also reaches members while
 * `emailAlwaysShown`.
 */
export function contactsShownTo(
  subject: Pick<ContactSubject, 'emailVisibility' | 'phoneVisibility' | 'isCurrentRep' | 'categoryPrivate'>,
): { email: Visibility; phone: Visibility } {
  return {
    email: subject.emailVisibility === 'members' || emailAlwaysShown(subject) ? 'members' : 'secretariat',
    phone: subject.phoneVisibility,
  };
}

/** A current representative's work email is what the post is for, unless the category keeps contacts private. */
export function emailAlwaysShown(subject: Pick<ContactSubject, 'isCurrentRep' | 'categoryPrivate'>): boolean {
  return subject.isCurrentRep && !subject.categoryPrivate;
}

/** Any member other than the subject and not the secretariat: whom the "what others see" preview stands for. */
export const OTHER_MEMBER: Viewer = { id: '', role: 'member' };

/** A member's account, not a staff account (secretariat or admin with no membership category). seg_is_member_account in SQL. */
export function isMemberAccount(m: { role: Role; hasCategory: boolean }): boolean {
  return m.role === 'member' || m.hasCategory;
}

/**
 * Who may be listed at all: a current member (isCurrentMember) with a member's account.
 * seg_member_is_listable in SQL, which writes the directory cards' `listed` column.
 */
export function isListable(m: {
  status: MemberStatus;
  erasedAt?: Date | string | null;
  role: Role;
  hasCategory: boolean;
}): boolean {
  return isCurrentMember(m) && isMemberAccount(m);
}

export interface ListingSubject {
  /** `isListable`. */
  listable: boolean;
  /** The member's own choice. */
  listed: boolean;
  isCurrentRep: boolean;
  categoryPrivate: boolean;
}

/**
 * Whether other members find the member (directory, contacts, the network, counts): a current
 * member who chose to be listed, or a current representative whatever they chose (that is what
 * the post is for) except in categories whose members always choose (patient / service-user
 * representatives). The secretariat sees everyone. `listedToMembers` in @seg/db is the same rule in SQL.
 */
export function listedToMembers(subject: ListingSubject): boolean {
  return subject.listable && (subject.listed || listedWhateverChosen(subject));
}

/** A current representative is listed whatever they chose, unless their category keeps the choice theirs. */
export function listedWhateverChosen(subject: Pick<ListingSubject, 'isCurrentRep' | 'categoryPrivate'>): boolean {
  return subject.isCurrentRep && !subject.categoryPrivate;
}
