import { DirectoryMember } from '../directory/directory-member.dto';
import { DetailsConfirmation } from '../members/dto/member-record.dto';

/** What a confirm-details link shows: the member's details as other members see them. */
export class ConfirmDetailsView {
  name: string;
  /** Whether other members find them in the directory at all. */
  listed: boolean;
  /** Their card as any other member sees it. */
  seenByMembers: DirectoryMember;
  detailsConfirmation: DetailsConfirmation;
}

export class DetailsConfirmed {
  detailsConfirmation: DetailsConfirmation;
}
