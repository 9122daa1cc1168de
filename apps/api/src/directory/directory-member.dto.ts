import { ApiExtraModels, ApiProperty, getSchemaPath } from '@nestjs/swagger';
import { NOTICE_CHOICES, type EmailStatus, type MemberStatus, type NoticeChoice, type Role } from '@seg/db';
import { CategoryRef } from '../categories/category-view.dto';
import { EstablishmentRef, EstablishmentView } from '../establishments/establishment-view.dto';
import { ContactVisibility, DetailsConfirmation } from '../members/dto/member-record.dto';
import { PostRegion, RegionRef } from '../regions/region-view.dto';

export class HeldPost {
  id: string;
  role: string;
  hub: boolean;
  region: PostRegion | null;
  startsOn: string;
}

/** A post the member held and that has ended. */
export class PastPost extends HeldPost {
  /** YYYY-MM-DD, the first day no longer held. */
  endsOn: string;
}

/** A member as the directory shows them; contact fields are null where hidden from the viewer. */
export class DirectoryMember {
  id: string;
  name: string;
  title: string | null;
  category: CategoryRef | null;
  region: RegionRef | null;
  establishments: EstablishmentRef[];
  email: string | null;
  phone: string | null;
  bio: string | null;
  availability: string | null;
  /** The posts held today. */
  posts: HeldPost[];
  isRep: boolean;
  /** When they last confirmed their details; cards show it for representatives. */
  detailsConfirmation: DetailsConfirmation;
  /** Posts held before and ended, oldest first: on a single member's answer only. */
  pastPosts?: PastPost[];
  /** Shown to the secretariat, to the member themselves and to the representatives of their region. */
  status?: MemberStatus;
  role?: Role;
  contactVisibility?: ContactVisibility;
  /** `bouncing`: a notice to the address was refused for good; meeting notices stop until it changes. */
  emailStatus?: EmailStatus;
  /** The kinds of meeting notice the member turned off (empty: they get them all). */
  @ApiProperty({ enum: NOTICE_CHOICES, isArray: true, required: false })
  noticesOff?: NoticeChoice[];
}

/** A total too costly to count row by row: the planner's estimate. */
export class TotalEstimate {
  estimate: number;
}

/** A page of the directory: `total` is an estimate (`{ estimate }`) for lists too long to count. */
@ApiExtraModels(TotalEstimate)
export class DirectoryMemberPage {
  @ApiProperty({ type: [DirectoryMember] })
  items: DirectoryMember[];

  @ApiProperty({
    type: String,
    nullable: true,
    description: 'Give it back as `cursor` for the next page; null on the last page',
  })
  nextCursor: string | null;

  @ApiProperty({
    oneOf: [{ type: 'number' }, { $ref: getSchemaPath(TotalEstimate) }],
    description: 'How many members match: a count, or `{ estimate }` for long lists',
  })
  total: number | TotalEstimate;
}

export class RepView {
  postId: string;
  role: string;
  startsOn: string;
  endsOn: string | null;
  member: DirectoryMember;
}

export class HubReps {
  name: string;
  reps: RepView[];
}

export class SpokeReps {
  region: RegionRef;
  reps: RepView[];
}

export class NetworkView {
  hub: HubReps;
  spokes: SpokeReps[];
}

export class ContactsView {
  region: RegionRef | null;
  regionalReps: RepView[];
  hubReps: RepView[];
}

export class EstablishmentContacts extends ContactsView {
  establishment: EstablishmentView;
}

/** An establishment with the listed members who work there. */
export class EstablishmentPeople {
  establishment: EstablishmentView;
  /** In surname order; contact details as the viewer may see them. */
  people: DirectoryMember[];
}

/** A region's representatives today and who works at each of its establishments. */
export class RegionContacts {
  region: RegionRef;
  /** Today's posts of the region, longest held first. */
  reps: RepView[];
  /** Every establishment of the region, in name order, those with nobody listed too. */
  establishments: EstablishmentPeople[];
}
