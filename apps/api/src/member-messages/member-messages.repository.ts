import { Inject, Injectable } from '@nestjs/common';
import { Database, DB, Executor, memberMessages, members, type MemberStatus } from '@seg/db';
import { and, count, desc, eq, gte, isNotNull, isNull, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';

export type MessageRecipient = { email: string; acceptsMessages: boolean; status: MemberStatus; erasedAt: Date | null };

/** Where a page of reports starts: the (reported_at, id) of the last report shown, the time to the microsecond. */
export type MessageReportPosition = [reportedAt: string, id: string];

@Injectable()
export class MemberMessagesRepository {
  constructor(@Inject(DB) private readonly db: Database) {}

  async recipient(id: string): Promise<MessageRecipient | null> {
    const [row] = await this.db
      .select({
        email: members.email,
        acceptsMessages: members.acceptsMessages,
        status: members.status,
        erasedAt: members.erasedAt,
      })
      .from(members)
      .where(eq(members.id, id))
      .limit(1);
    return row ?? null;
  }

  /** Holds the sender's row to the end of the transaction, so two sends at once count one after the other. */
  async lockSender(tx: Executor, senderId: string): Promise<void> {
    await tx.execute(sql`select 1 from members where id = ${senderId}::uuid for update`);
  }

  async sentSince(senderId: string, since: Date, tx: Executor = this.db): Promise<number> {
    const [{ n }] = await tx
      .select({ n: count() })
      .from(memberMessages)
      .where(and(eq(memberMessages.senderId, senderId), gte(memberMessages.sentAt, since)));
    return n;
  }

  async insert(tx: Executor, values: { senderId: string; recipientId: string; sentAt: Date }): Promise<string> {
    const [row] = await tx.insert(memberMessages).values(values).returning({ id: memberMessages.id });
    return row.id;
  }

  async setNotice(tx: Executor, id: string, noticeId: string): Promise<void> {
    await tx.update(memberMessages).set({ noticeId }).where(eq(memberMessages.id, id));
  }

  /** A message as its report link shows it: who sent it and when, and whether it was reported. */
  async forReport(id: string): Promise<{ senderName: string; sentAt: Date; reportedAt: Date | null } | null> {
    const [row] = await this.db
      .select({ senderName: members.name, sentAt: memberMessages.sentAt, reportedAt: memberMessages.reportedAt })
      .from(memberMessages)
      .innerJoin(members, eq(members.id, memberMessages.senderId))
      .where(eq(memberMessages.id, id))
      .limit(1);
    return row ?? null;
  }

  /** Marks the message reported, once; null when it already was (or is gone). */
  async markReported(
    tx: Executor,
    id: string,
    at: Date,
    note: string | null,
  ): Promise<{ senderId: string; recipientId: string } | null> {
    const [row] = await tx
      .update(memberMessages)
      .set({ reportedAt: at, reportNote: note })
      .where(and(eq(memberMessages.id, id), isNull(memberMessages.reportedAt)))
      .returning({ senderId: memberMessages.senderId, recipientId: memberMessages.recipientId });
    return row ?? null;
  }

  /** Reported messages, the latest report first, `limit` after the position given; with their number. */
  async reported(limit: number, after: MessageReportPosition | null) {
    const sender = alias(members, 'sender');
    const recipient = alias(members, 'recipient');
    const reported = isNotNull(memberMessages.reportedAt);
    const rows = await this.db
      .select({
        messageId: memberMessages.id,
        senderId: sender.id,
        senderName: sender.name,
        recipientId: recipient.id,
        recipientName: recipient.name,
        sentAt: memberMessages.sentAt,
        reportedAt: memberMessages.reportedAt,
        note: memberMessages.reportNote,
        exactAt: sql<string>`to_json(${memberMessages.reportedAt})#>>'{}'`,
      })
      .from(memberMessages)
      .innerJoin(sender, eq(sender.id, memberMessages.senderId))
      .innerJoin(recipient, eq(recipient.id, memberMessages.recipientId))
      .where(
        after
          ? and(
              reported,
              sql`(${memberMessages.reportedAt}, ${memberMessages.id}) < (${after[0]}::timestamptz, ${after[1]}::uuid)`,
            )
          : reported,
      )
      .orderBy(desc(memberMessages.reportedAt), desc(memberMessages.id))
      .limit(limit);
    const [{ total }] = await this.db.select({ total: count() }).from(memberMessages).where(reported);
    return { rows, total };
  }
}
