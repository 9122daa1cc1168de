import { pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { members } from './members.schema';

/**
 * A member's private calendar feed (`GET /calendar/{token}.ics`): the seed its token is made
 * from with the app secret, and the token's hash to find it by. One per member; a reset writes a
 * new seed. The row goes when the member stops being current (suspended, left, erased: a trigger,
 * drizzle/functions/30-calendar-feed-end.sql), so the link dies with the membership and stays dead if it comes back.
 */
export const calendarFeeds = pgTable('calendar_feeds', {
  id: uuid('id').primaryKey().defaultRandom(),
  memberId: uuid('member_id')
    .notNull()
    .unique()
    .references(() => members.id, { onDelete: 'cascade' }),
  seed: text('seed').notNull(),
  tokenHash: text('token_hash').notNull().unique(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});
