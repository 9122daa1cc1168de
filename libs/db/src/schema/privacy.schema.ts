import { sql } from 'drizzle-orm';
import { check, index, integer, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { meetings } from './meetings.schema';
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
  (t) => [
    index('erasure_requests_open_idx')
      .on(t.requestedAt)
      .where(sql`${t.closedAt} is null`),
    index('erasure_requests_member_idx').on(t.memberId),
  ],
);

/**
 * The retention rules the daily run applies, in its order: members who left long enough ago are
 * erased, old notices lose their address and text, ended sign-ins and spent one-time links go,
 * and attendance (with its certificates and reflections) goes once its meeting is old enough.
 */
export const RETENTION_RULES = [
  'left-members',
  'notices',
  'member-messages',
  'sessions',
  'one-time-tokens',
  'attendance',
] as const;
export type RetentionRule = (typeof RETENTION_RULES)[number];

/**
 * What each rule removed on each run: evidence that storage limitation is enforced, holding no
 * personal value (a few rows a day, so every run is kept).
 */
export const retentionRuns = pgTable(
  'retention_runs',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    rule: text('rule').$type<RetentionRule>().notNull(),
    // The time the rule's periods were measured from: the run's scheduled time, or the time a run started by hand counts as.
    asOf: timestamp('as_of', { withTimezone: true }).notNull(),
    removed: integer('removed').notNull(),
    ranAt: timestamp('ran_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('retention_runs_rule_idx').on(t.rule, t.ranAt),
    check(
      'retention_runs_rule_check',
      sql`${t.rule} in ('left-members', 'notices', 'member-messages', 'sessions', 'one-time-tokens', 'attendance')`,
    ),
  ],
);

/**
 * Where an erased member's name or email still stood, at their erasure, in text the staff wrote
 * (a meeting's title, agenda, venue, theme or learning outcomes), for the secretariat to edit. The
 * snippet has the match replaced by [erased], and the field's text is kept only as a SHA-256
 * digest: a place whose text has changed since is no longer listed.
 */
export const erasureMentions = pgTable(
  'erasure_mentions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    memberId: uuid('member_id')
      .notNull()
      .references(() => members.id),
    meetingId: uuid('meeting_id')
      .notNull()
      .references(() => meetings.id, { onDelete: 'cascade' }),
    field: text('field').notNull(),
    snippet: text('snippet').notNull(),
    textDigest: text('text_digest').notNull(),
    foundAt: timestamp('found_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('erasure_mentions_member_idx').on(t.memberId), index('erasure_mentions_meeting_idx').on(t.meetingId)],
);
