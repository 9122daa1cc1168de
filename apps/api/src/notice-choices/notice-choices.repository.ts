import { Inject, Injectable } from '@nestjs/common';
import { Database, DB, Executor, members, type MemberStatus, type NoticeChoice } from '@seg/db';
import { eq } from 'drizzle-orm';

/** A member's choices of mail, as their one writer reads them. */
export interface MemberChoices {
  id: string;
  name: string;
  status: MemberStatus;
  erasedAt: Date | null;
  noticesOff: NoticeChoice[];
  acceptsMessages: boolean;
}

/** What the member receives: the kinds of meeting notice turned off, and messages from members. */
export type MailChoices = Pick<MemberChoices, 'noticesOff' | 'acceptsMessages'>;

const COLUMNS = {
  id: members.id,
  name: members.name,
  status: members.status,
  erasedAt: members.erasedAt,
  noticesOff: members.noticesOff,
  acceptsMessages: members.acceptsMessages,
};

@Injectable()
export class NoticeChoicesRepository {
  constructor(@Inject(DB) private readonly db: Database) {}

  async get(memberId: string, tx: Executor = this.db): Promise<MemberChoices | null> {
    const [row] = await tx.select(COLUMNS).from(members).where(eq(members.id, memberId)).limit(1);
    return row ?? null;
  }

  /** The member's row, locked until the transaction ends: two changes at once apply one after the other. */
  async lock(tx: Executor, memberId: string): Promise<MemberChoices | null> {
    const [row] = await tx.select(COLUMNS).from(members).where(eq(members.id, memberId)).limit(1).for('update');
    return row ?? null;
  }

  async setChoices(tx: Executor, memberId: string, choices: MailChoices): Promise<void> {
    await tx.update(members).set(choices).where(eq(members.id, memberId));
  }
}
