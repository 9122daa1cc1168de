import type { EmailStatus, MemberStatus, Role, Visibility } from '@seg/db';
import { EstablishmentRef } from '../../establishments/establishment-view.dto';
import { NoticePreferences } from '../../notice-choices/notice-preferences.dto';
import { PostRegion, RegionRef } from '../../regions/region-view.dto';

export class MemberCategory {
  code: string;
  name: string;
  /** Contacts follow the member's choice alone: holding a post does not show the email. */
  contactsPrivateByDefault: boolean;
}

export class ContactVisibility {
  email: Visibility;
  phone: Visibility;
}

/** What other members see of these contacts, by the directory's own rule. */
export class SeenByMembers {
  email: string | null;
  phone: string | null;
  /** Members see the email whatever its visibility: a current rep whose category is not private by default. */
  emailAlwaysShown: boolean;
  /** Whom the email reaches beyond the secretariat: every member (their choice, or `emailAlwaysShown`), or the secretariat only. */
  emailShownTo: Visibility;
  /** Whom the phone reaches beyond the secretariat: every member, or the secretariat only (the member's choice). */
  phoneShownTo: Visibility;
  /** Other members find them today (directory, contacts, the network): their choice, or a current post. */
  listed: boolean;
  /** Listed whatever they choose: a current rep whose category is not private by default. */
  listedWhateverChosen: boolean;
}

/** When the member last said their details are right, and whether that has run out. */
export class DetailsConfirmation {
  /** Null: never confirmed. */
  confirmedAt: string | null;
  /** The period (DETAILS_CONFIRM_MONTHS, shorter for a representative holding a post) has passed since, or never confirmed. */
  overdue: boolean;
}

export class MemberPost {
  id: string;
  role: string;
  hub: boolean;
  region: PostRegion | null;
  /** YYYY-MM-DD, the first day held. */
  startsOn: string;
  /** YYYY-MM-DD, the first day no longer held. */
  endsOn: string | null;
  /** Held today (London's date): from startsOn until the day before endsOn. */
  current: boolean;
}

export class EmailBounce {
  at: string;
  /** The receiving server's words. */
  reason: string | null;
}

/** A place in text the staff wrote where an erased member's name or email stood when they were erased. */
export class ErasureMention {
  meetingId: string;
  /** The meeting's field: `title`, `agenda`, `venue`, `theme` or `learningOutcomes[i]`. */
  field: string;
  /** The text around it, the name or email replaced by [erased]. */
  snippet: string;
}

/** A member's full record, as they and the secretariat see it. */
export class MemberRecord {
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
  category: MemberCategory | null;
  region: RegionRef | null;
  establishments: EstablishmentRef[];
  contactVisibility: ContactVisibility;
  /** Their own choice to be listed to other members (`seenByMembers.listed` says whether they are). */
  listed: boolean;
  /**
   * The kinds of meeting notice the member gets, and whether members may message them (their own
   * choice, from My details or an email's one-click link).
   */
  noticePreferences: NoticePreferences;
  /**
   * `bouncing` once a notice to this address was refused for good (with when and the receiving
   * server's words): meeting notices stop until the address changes.
   */
  emailStatus: EmailStatus;
  emailBounce: EmailBounce | null;
  seenByMembers: SeenByMembers;
  /** Every post held, past and present. */
  posts: MemberPost[];
  detailsConfirmation: DetailsConfirmation;
  /** When the member left (status `left`), from which RETENTION_LEFT_MONTHS runs; null otherwise. */
  leftAt: string | null;
  /** When the member was erased: the record is anonymous history and takes no change. Null otherwise. */
  erasedAt: string | null;
  /**
   * For an erased member, where their name or email still stands in meetings' text the staff wrote,
   * each listed until that text is edited; empty otherwise.
   */
  erasureMentions: ErasureMention[];
  createdAt: string;
  updatedAt: string;
}

export class ActivationSent {
  /** Where the new activation link went. */
  email: string;
}
