import { Inject, Injectable } from '@nestjs/common';
import { Database, DB, Executor, members, type MemberStatus, type NoticeChoice } from '@seg/db';
import { eq } from 'drizzle-orm';

/** A member's choices of meeting notices, as the one writer of `members.notices_off` reads them. */
export interface MemberChoices {
  id: string;
  name: string;
  status: MemberStatus;
  erasedAt: Date | null;
  noticesOff: NoticeChoice[];
}

const COLUMNS = {
  id: members.id,
  name: members.name,
  status: members.status,
  erasedAt: members.erasedAt,
  noticesOff: members.noticesOff,
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

  async setNoticesOff(tx: Executor, memberId: string, noticesOff: NoticeChoice[]): Promise<void> {
    await tx.update(members).set({ noticesOff }).where(eq(members.id, memberId));
  }
}
