import { sql } from 'drizzle-orm';
import { index, pgTable, timestamp, uuid } from 'drizzle-orm/pg-core';
import { members } from './members.schema';

/**
 * A member's request to be erased. Open until the member is erased (which closes it); the
 * secretariat answers within a month. The row names the anonymous record afterwards and holds no
 * personal value.
 */
export const erasureRequests = pgTable(
  'erasure_requests',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    memberId: uuid('member_id')
      .notNull()
      .references(() => members.id),
    requestedAt: timestamp('requested_at', { withTimezone: true }).notNull().defaultNow(),
    closedAt: timestamp('closed_at', { withTimezone: true }),
  },
  (t) => [index('erasure_requests_open_idx').on(t.requestedAt).where(sql`${t.closedAt} is null`), index('erasure_requests_member_idx').on(t.memberId)],
);
