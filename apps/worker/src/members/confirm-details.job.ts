import { Injectable, Logger } from '@nestjs/common';
import { OTHER_MEMBER, visibleContacts } from '@seg/rules';
import { NewNotice, NoticeOutbox } from '@seg/notices';
import { DailyJobHandler } from '../daily/daily-job-handler';
import { AskedMember, ConfirmDetailsRepository } from './confirm-details.repository';

/** What other members see of a member, as the confirm-details email shows it. */
export interface SeenByOthers {
  listed: boolean;
  name: string;
  title: string | null;
  category: string | null;
  region: string | null;
  establishments: string[];
  /** Null: kept for the secretariat. */
  email: string | null;
  /** Null: none given, or kept for the secretariat (`phoneGiven` says which). */
  phone: string | null;
  phoneGiven: boolean;
  bio: string | null;
  availability: string | null;
  posts: string[];
}

/**
 * The daily confirm-details run: the first email to every member whose details are due, the
 * second to those who have not answered the first. Each ask is marked on the member in the
 * transaction that writes its notice, so a second run the same day writes nothing.
 */
@Injectable()
export class ConfirmDetailsJob implements DailyJobHandler {
  readonly job = 'confirm-details' as const;
  private readonly logger = new Logger(ConfirmDetailsJob.name);

  constructor(
    private readonly repository: ConfirmDetailsRepository,
    private readonly outbox: NoticeOutbox,
  ) {}

  async run(now: Date): Promise<string> {
    const { refs, first, second } = await this.repository.transaction(async (tx) => {
      const asked = await this.repository.openDueRequests(tx, now);
      const reminded = await this.repository.remindUnanswered(tx, now);
      const rows = [...asked.map((m) => notice(m, 1)), ...reminded.map((m) => notice(m, 2))];
      return { refs: await this.outbox.add(tx, rows), first: asked.length, second: reminded.length };
    });
    await this.outbox.dispatch(refs);
    if (first || second) this.logger.log({ first, second }, 'Asked members to confirm their details');
    return `asked ${first}, asked again ${second}`;
  }
}

function notice(member: AskedMember, round: 1 | 2): NewNotice {
  const contacts = visibleContacts(
    {
      id: member.id,
      email: member.email,
      phone: member.phone,
      emailVisibility: member.emailVisibility,
      phoneVisibility: member.phoneVisibility,
      categoryPrivate: member.categoryPrivate ?? false,
      isCurrentRep: member.posts.length > 0,
    },
    OTHER_MEMBER,
  );
  const seen: SeenByOthers = {
    listed: member.listed,
    name: member.name,
    title: member.title,
    category: member.categoryName,
    region: member.regionName,
    establishments: member.establishments.map((e) => e.name),
    email: contacts.email,
    phone: contacts.phone,
    phoneGiven: member.phone !== null,
    bio: member.bio,
    availability: member.availability,
    posts: member.posts.map((p) => (p.regionName ? `${p.role}, ${p.regionName}` : `${p.role}, national group`)),
  };
  return { kind: 'confirm-details', memberId: member.id, toEmail: member.email, payload: { round, seen } };
}
