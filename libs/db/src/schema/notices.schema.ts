import { sql } from 'drizzle-orm';
import { check, index, integer, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { invitations, meetings } from './meetings.schema';
import { members, posts } from './members.schema';

/**
 * `bounced`: sent, then refused for good by the receiving server (a 5.x.x delivery report);
 * `suppressed`: not sent, because the member's address bounces.
 */
export const NOTICE_STATUSES = ['queued', 'sent', 'failed', 'bounced', 'suppressed'] as const;
export type NoticeStatus = (typeof NOTICE_STATUSES)[number];

/**
 * The outbox: every email is a row written in the same transaction as the change that causes
 * it. The worker sends it and records the outcome; the relay re-queues rows Redis lost.
 */
export const notices = pgTable(
  'notices',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    // One of the kinds listed in @seg/notices, the only writer of this table.
    kind: text('kind').notNull(),
    memberId: uuid('member_id')
      .notNull()
      .references(() => members.id, { onDelete: 'cascade' }),
    toEmail: text('to_email').notNull(),
    meetingId: uuid('meeting_id').references(() => meetings.id, { onDelete: 'cascade' }),
    invitationId: uuid('invitation_id').references(() => invitations.id, { onDelete: 'cascade' }),
    // The meeting revision this notice announces (meeting notices only).
    revision: integer('revision'),
    // Small render inputs (e.g. a one-time token for a link); cleared of secrets once sent.
    payload: jsonb('payload').$type<Record<string, unknown>>().notNull().default({}),
    status: text('status').$type<NoticeStatus>().notNull().default('queued'),
    attempts: integer('attempts').notNull().default(0),
    // Bumped by a manual re-send, so the re-sent job gets a fresh job id.
    generation: integer('generation').notNull().default(0),
    lastError: text('last_error'),
    // Held back by the day's sending limit until then (queued, not failed); null: as soon as the rate allows.
    notBefore: timestamp('not_before', { withTimezone: true }),
    messageId: text('message_id'),
    sentAt: timestamp('sent_at', { withTimezone: true }),
    bouncedAt: timestamp('bounced_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('notices_queued_idx')
      .on(t.createdAt)
      .where(sql`${t.status} = 'queued'`),
    index('notices_member_idx').on(t.memberId),
    index('notices_meeting_idx').on(t.meetingId),
    // One notice of a kind per invitation and revision: repeating a send adds nothing.
    uniqueIndex('notices_invitation_kind_revision_key')
      .on(t.invitationId, t.kind, t.revision)
      .where(sql`${t.invitationId} is not null`),
    check('notices_status_check', sql`${t.status} in ('queued', 'sent', 'failed', 'bounced', 'suppressed')`),
  ],
);

export const INBOUND_OUTCOMES = ['reply', 'counter', 'bounce', 'delay', 'auto-reply', 'unmatched'] as const;
export type InboundOutcome = (typeof INBOUND_OUTCOMES)[number];

/**
 * Every message read from the inbound mailbox, once, keyed by its Message-ID: a message read
 * twice (a crash before it was moved, two readers) finds its row and changes nothing again.
 * `detail` holds no address, so erasing a member leaves nothing of them here.
 */
export const inboundMessages = pgTable(
  'inbound_messages',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    messageId: text('message_id').notNull().unique(),
    outcome: text('outcome').$type<InboundOutcome>().notNull(),
    noticeId: uuid('notice_id').references(() => notices.id, { onDelete: 'set null' }),
    invitationId: uuid('invitation_id').references(() => invitations.id, { onDelete: 'set null' }),
    detail: jsonb('detail').$type<Record<string, unknown>>().notNull().default({}),
    receivedAt: timestamp('received_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('inbound_messages_notice_idx').on(t.noticeId),
    index('inbound_messages_invitation_idx').on(t.invitationId),
    check(
      'inbound_messages_outcome_check',
      sql`${t.outcome} in ('reply', 'counter', 'bounce', 'delay', 'auto-reply', 'unmatched')`,
    ),
  ],
);

export const auditLog = pgTable(
  'audit_log',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    actorId: uuid('actor_id').references(() => members.id),
    // The representative post that allowed a change made for a region (null for the secretariat's own).
    actorPostId: uuid('actor_post_id').references(() => posts.id),
    entity: text('entity').notNull(),
    entityId: text('entity_id').notNull(),
    action: text('action').notNull(),
    before: jsonb('before'),
    after: jsonb('after'),
    requestId: text('request_id'),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('audit_log_entity_idx').on(t.entity, t.entityId, t.at)],
);
