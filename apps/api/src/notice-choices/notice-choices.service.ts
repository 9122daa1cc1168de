import { Inject, Injectable, NotFoundException } from '@nestjs/common';
import { Actor, AuditTrail } from '@seg/audit';
import { APP_CONFIG, AppConfig } from '@seg/config';
import { Database, DB, Executor, isCurrentMember, NOTICE_CHOICES, type NoticeChoice } from '@seg/db';
import { readUnsubscribeToken } from '@seg/links';
import { MailChoices, MemberChoices, NoticeChoicesRepository } from './notice-choices.repository';
import {
  NoticePreferences,
  NoticePreferencesChange,
  noticePreferences,
  PREFERENCE_FIELDS,
} from './notice-preferences.dto';

/** What an unsubscribe link leads to. */
export type UnsubscribeLink =
  | { state: 'open'; choice: NoticeChoice; member: MemberChoices }
  | { state: 'invalid' }
  /** The member is no longer current: nothing of them is shown. */
  | { state: 'ended' };

/** How a change of choices was made, for the audit log. */
type ChangedBy = 'one-click link' | 'my details';

/**
 * The member's choices of mail: the one writer of `members.notices_off` and
 * `members.accepts_messages`, from the emails' one-click links, My details, PATCH /me and
 * PATCH /me/notice-preferences alike.
 */
@Injectable()
export class NoticeChoicesService {
  constructor(
    @Inject(DB) private readonly db: Database,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly repository: NoticeChoicesRepository,
    private readonly audit: AuditTrail,
  ) {}

  /** Reads an unsubscribe link; changes nothing (mail scanners open links). */
  async open(token: string): Promise<UnsubscribeLink> {
    const read = readUnsubscribeToken(this.config.auth.jwtSecret, token);
    const member = read ? await this.repository.get(read.memberId) : null;
    return this.linkState(read, member);
  }

  /** Turns off the link's kind of notice, when the link still works; otherwise says why not. */
  async turnOff(token: string, requestId: string | null): Promise<UnsubscribeLink> {
    const read = readUnsubscribeToken(this.config.auth.jwtSecret, token);
    if (!read) return { state: 'invalid' };
    return this.db.transaction(async (tx) => {
      const member = await this.repository.lock(tx, read.memberId);
      const link = this.linkState(read, member);
      if (link.state !== 'open') return link;
      // Whoever holds the link acts as its member: it reached their address only.
      const choices = await this.write(
        tx,
        link.member,
        { choices: { [read.choice]: false } },
        { memberId: read.memberId, requestId },
        'one-click link',
      );
      return { ...link, member: { ...link.member, ...choices } };
    });
  }

  async get(memberId: string): Promise<NoticePreferences> {
    const member = await this.repository.get(memberId);
    if (!member) throw new NotFoundException('No such member');
    return noticePreferences(member);
  }

  /** The member's own change (My details). */
  async change(memberId: string, change: NoticePreferencesChange, actor: Actor): Promise<NoticePreferences> {
    return this.db.transaction(async (tx) => noticePreferences(await this.changeIn(tx, memberId, change, actor)));
  }

  /** The same within the caller's transaction (PATCH /me saves it with the member's other details). */
  async changeIn(tx: Executor, memberId: string, change: NoticePreferencesChange, actor: Actor): Promise<MailChoices> {
    const member = await this.repository.lock(tx, memberId);
    if (!member) throw new NotFoundException('No such member');
    const choices: Partial<Record<NoticeChoice, boolean>> = {};
    for (const [field, choice] of Object.entries(PREFERENCE_FIELDS) as [keyof typeof PREFERENCE_FIELDS, NoticeChoice][])
      if (change[field] !== undefined) choices[choice] = change[field];
    return this.write(tx, member, { choices, messages: change.messages }, actor, 'my details');
  }

  /** Applies the wanted choices (true: receive), audited; a change that changes nothing writes nothing. */
  private async write(
    tx: Executor,
    member: MemberChoices,
    wanted: { choices: Partial<Record<NoticeChoice, boolean>>; messages?: boolean },
    actor: Actor,
    by: ChangedBy,
  ): Promise<MailChoices> {
    const before: MailChoices = { noticesOff: member.noticesOff, acceptsMessages: member.acceptsMessages };
    const after: MailChoices = {
      noticesOff: NOTICE_CHOICES.filter((c) =>
        wanted.choices[c] === undefined ? before.noticesOff.includes(c) : !wanted.choices[c],
      ),
      acceptsMessages: wanted.messages ?? before.acceptsMessages,
    };
    const sameKinds =
      after.noticesOff.length === before.noticesOff.length &&
      after.noticesOff.every((c) => before.noticesOff.includes(c));
    if (sameKinds && after.acceptsMessages === before.acceptsMessages) return before;
    await this.repository.setChoices(tx, member.id, after);
    await this.audit.record(tx, actor, {
      entity: 'member',
      entityId: member.id,
      action: 'notice-choices',
      before: { ...before },
      after: { ...after, by },
    });
    return after;
  }

  private linkState(
    read: { memberId: string; choice: NoticeChoice } | null,
    member: MemberChoices | null,
  ): UnsubscribeLink {
    if (!read || !member) return { state: 'invalid' };
    if (!isCurrentMember(member)) return { state: 'ended' };
    return { state: 'open', choice: read.choice, member };
  }
}
