import { index, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { members } from './members.schema';
import { notices } from './notices.schema';

/**
 * A message a member sent another through the group's mail: who wrote to whom and when, never
 * the text (that rides in its notice only until sent: drizzle/functions/60-member-message-text.sql).
 * The day's rows of a sender are their daily limit; a report from the recipient's "Report this
 * message" link is kept on the row for the secretariat.
 */
export const memberMessages = pgTable(
  'member_messages',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    senderId: uuid('sender_id')
      .notNull()
      .references(() => members.id, { onDelete: 'cascade' }),
    recipientId: uuid('recipient_id')
      .notNull()
      .references(() => members.id, { onDelete: 'cascade' }),
    noticeId: uuid('notice_id').references(() => notices.id, { onDelete: 'set null' }),
    sentAt: timestamp('sent_at', { withTimezone: true }).notNull(),
    reportedAt: timestamp('reported_at', { withTimezone: true }),
    /** What the recipient said when reporting it, if anything. */
    reportNote: text('report_note'),
  },
  (t) => [
    index('member_messages_sender_idx').on(t.senderId, t.sentAt),
    index('member_messages_reported_idx').on(t.reportedAt),
  ],
);
