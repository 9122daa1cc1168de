import { sql } from 'drizzle-orm';
import { check, index, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { members } from './members.schema';

/**
 * One row per refresh token. A login starts a family; each refresh replaces the token with a
 * new one of the same family; presenting a replaced token again revokes the whole family.
 */
export const refreshTokens = pgTable(
  'refresh_tokens',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    memberId: uuid('member_id')
      .notNull()
      .references(() => members.id, { onDelete: 'cascade' }),
    familyId: uuid('family_id').notNull(),
    tokenHash: text('token_hash').notNull().unique(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    replacedAt: timestamp('replaced_at', { withTimezone: true }),
    revokedAt: timestamp('revoked_at', { withTimezone: true }),
    // What the member signed in with ("Firefox on Windows"), so they can tell their logins apart;
    // the short description only, never the whole User-Agent.
    device: text('device'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('refresh_tokens_member_idx').on(t.memberId), index('refresh_tokens_family_idx').on(t.familyId)],
);

export const ONE_TIME_TOKEN_PURPOSES = ['activation', 'password-reset', 'email-change', 'sign-in'] as const;
export type OneTimeTokenPurpose = (typeof ONE_TIME_TOKEN_PURPOSES)[number];

/**
 * Activation, password-reset, email-change and sign-in tokens, stored hashed, single use,
 * expiring, and dead once their member's security stamp is no longer the one they were made under.
 */
export const oneTimeTokens = pgTable(
  'one_time_tokens',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    memberId: uuid('member_id')
      .notNull()
      .references(() => members.id, { onDelete: 'cascade' }),
    purpose: text('purpose').$type<OneTimeTokenPurpose>().notNull(),
    tokenHash: text('token_hash').notNull().unique(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    usedAt: timestamp('used_at', { withTimezone: true }),
    /** An email-change token's new address, written to the member once the link is used. */
    newEmail: text('new_email'),
    /** The member's security stamp when the token was made (members.security_stamp). */
    securityStamp: uuid('security_stamp').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('one_time_tokens_member_idx').on(t.memberId),
    check(
      'one_time_tokens_purpose_check',
      sql`${t.purpose} in ('activation', 'password-reset', 'email-change', 'sign-in')`,
    ),
  ],
);
