import { Inject, Injectable } from '@nestjs/common';
import { DB, Database, memberMessages, members } from '@seg/db';
import { eq } from 'drizzle-orm';

/** The worker's side of messages between members: who sent one, for its Reply-To. */
@Injectable()
export class MemberMessagesRepository {
  constructor(@Inject(DB) private readonly db: Database) {}

  /** The sender of a message as they are now: name, address, and whether they were erased. */
  async senderOf(messageId: string): Promise<{ name: string; email: string; erased: boolean } | null> {
    const [row] = await this.db
      .select({ name: members.name, email: members.email, erasedAt: members.erasedAt })
      .from(memberMessages)
      .innerJoin(members, eq(members.id, memberMessages.senderId))
      .where(eq(memberMessages.id, messageId))
      .limit(1);
    return row ? { name: row.name, email: row.email, erased: row.erasedAt !== null } : null;
  }
}
