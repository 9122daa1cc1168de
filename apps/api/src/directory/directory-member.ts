import { detailsConfirmMonths, postIsCurrent, seesRecord, Viewer, visibleContacts } from '@seg/rules';
import type { AppConfig } from '@seg/config';
import { detailsConfirmation } from '../members/member-record';
import { DirectoryMember, RepView } from './directory-member.dto';
import { DirectoryRow, RepRow } from './directory.repository';

/** What a card needs beyond its row: the day (posts) and how long a confirmation of details holds. */
export interface CardContext {
  today: string;
  config: Pick<AppConfig, 'detailsConfirm'>;
}

export function directoryMember(row: DirectoryRow, viewer: Viewer, { today, config }: CardContext): DirectoryMember {
  // A card holds every post not ended when it was written; the calendar decides which hold today.
  const posts = row.posts.filter((p) => postIsCurrent(p, today));
  const isRep = posts.length > 0;
  const contacts = visibleContacts(
    {
      id: row.id,
      email: row.email,
      phone: row.phone,
      emailVisibility: row.emailVisibility,
      phoneVisibility: row.phoneVisibility,
      categoryPrivate: row.categoryPrivate ?? false,
      isCurrentRep: isRep,
    },
    viewer,
  );
  const view: DirectoryMember = {
    id: row.id,
    name: row.name,
    title: row.title,
    category: row.categoryCode ? { code: row.categoryCode, name: row.categoryName! } : null,
    region: row.regionCode ? { code: row.regionCode, name: row.regionName!, nation: row.regionNation! } : null,
    establishments: row.establishments,
    email: contacts.email,
    phone: contacts.phone,
    bio: row.bio,
    availability: row.availability,
    posts: posts.map((p) => ({
      id: p.id,
      role: p.role,
      hub: p.regionCode === null,
      region: p.regionCode ? { code: p.regionCode, name: p.regionName! } : null,
      startsOn: p.startsOn,
    })),
    isRep,
    detailsConfirmation: detailsConfirmation(
      row.detailsConfirmedAt ? new Date(row.detailsConfirmedAt) : null,
      detailsConfirmMonths(config, isRep),
    ),
  };
  if (seesRecord(viewer, row)) {
    view.status = row.status;
    view.role = row.role;
    view.contactVisibility = { email: row.emailVisibility, phone: row.phoneVisibility };
    view.emailStatus = row.emailStatus;
    view.noticesOff = row.noticesOff;
  }
  return view;
}

export function repView(row: RepRow, viewer: Viewer, card: CardContext): RepView {
  return {
    postId: row.postId,
    role: row.postRole,
    startsOn: row.postStartsOn,
    endsOn: row.postEndsOn,
    member: directoryMember(row, viewer, card),
  };
}
