import { Inject, Injectable } from '@nestjs/common';
import { Database, DB, inboundMessages, InboundOutcome, invitations, meetings } from '@seg/db';
import { and, count, desc, eq, SQL, sql } from 'drizzle-orm';

export interface InboundMessageRow {
  id: string;
  messageId: string;
  outcome: InboundOutcome;
  detail: Record<string, unknown>;
  receivedAt: Date;
  invitationId: string | null;
  noticeId: string | null;
  meeting: { id: string; title: string } | null;
}

/** Where a page starts: the (received_at, id) of the last message shown, the time to the microsecond. */
export type InboundMessagePosition = [receivedAt: string, id: string];

@Injectable()
export class InboundMessagesRepository {
  constructor(@Inject(DB) private readonly db: Database) {}

  /** Newest first; the meeting is the invitation's, or else the one the worker named in the detail. */
  async list(
    outcome: InboundOutcome | undefined,
    limit: number,
    after: InboundMessagePosition | null,
  ): Promise<{ rows: { row: InboundMessageRow; position: InboundMessagePosition }[]; total: number }> {
    const conditions: SQL[] = outcome ? [eq(inboundMessages.outcome, outcome)] : [];
    const page = after
      ? [
          ...conditions,
          sql`(${inboundMessages.receivedAt}, ${inboundMessages.id}) < (${after[0]}::timestamptz, ${after[1]}::uuid)`,
        ]
      : conditions;
    const meetingId = sql`coalesce(${invitations.meetingId}, case when ${inboundMessages.detail}->>'meetingId' ~ '^[0-9a-f-]{36}$' then (${inboundMessages.detail}->>'meetingId')::uuid end)`;
    const rows = await this.db
      .select({
        message: inboundMessages,
        meetingId: meetings.id,
        meetingTitle: meetings.title,
        exactAt: sql<string>`to_json(${inboundMessages.receivedAt})#>>'{}'`,
      })
      .from(inboundMessages)
      .leftJoin(invitations, eq(invitations.id, inboundMessages.invitationId))
      .leftJoin(meetings, eq(meetings.id, meetingId))
      .where(and(...page))
      .orderBy(desc(inboundMessages.receivedAt), desc(inboundMessages.id))
      .limit(limit);
    const [{ total }] = await this.db
      .select({ total: count() })
      .from(inboundMessages)
      .where(and(...conditions));
    return {
      rows: rows.map(({ message, meetingId: id, meetingTitle, exactAt }) => ({
        position: [exactAt, message.id] as InboundMessagePosition,
        row: {
          id: message.id,
          messageId: message.messageId,
          outcome: message.outcome,
          detail: message.detail,
          receivedAt: message.receivedAt,
          invitationId: message.invitationId,
          noticeId: message.noticeId,
          meeting: id ? { id, title: meetingTitle ?? '' } : null,
        },
      })),
      total,
    };
  }
}
