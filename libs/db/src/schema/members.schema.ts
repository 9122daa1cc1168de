import { sql } from 'drizzle-orm';
import {
  boolean,
  check,
  date,
  index,
  pgSequence,
  pgTable,
  primaryKey,
  smallint,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { categories, establishments, regions, timestamps } from './reference.schema';

export const MEMBER_STATUSES = ['invited', 'active', 'suspended', 'left'] as const;
export type MemberStatus = (typeof MEMBER_STATUSES)[number];
export const ROLES = ['member', 'secretariat', 'admin'] as const;
export type Role = (typeof ROLES)[number];
export const VISIBILITIES = ['members', 'secretariat'] as const;
export type Visibility = (typeof VISIBILITIES)[number];
/** `bouncing` once a meeting notice to the member's address failed permanently; a new address clears it. */
export const EMAIL_STATUSES = ['ok', 'bouncing'] as const;
export type EmailStatus = (typeof EMAIL_STATUSES)[number];
/**
 * The kinds of meeting notice a member may turn off (My details, or one click from the email):
 * the national group's meetings and events, regional meetings, and reminders. Account emails
 * are none of these: they always go.
 */
export const NOTICE_CHOICES = ['hub-meetings', 'regional-meetings', 'reminders'] as const;
export type NoticeChoice = (typeof NOTICE_CHOICES)[number];

/** Numbers the anonymous records erasure leaves ("Former member 1001"). */
export const formerMemberNumbers = pgSequence('former_member_numbers', { startWith: 1001 });

export const members = pgTable(
  'members',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    email: text('email').notNull(),
    name: text('name').notNull(),
    title: text('title'),
    categoryId: uuid('category_id').references(() => categories.id),
    regionId: uuid('region_id').references(() => regions.id),
    registration: text('registration'),
    phone: text('phone'),
    bio: text('bio'),
    availability: text('availability'),
    status: text('status').$type<MemberStatus>().notNull().default('invited'),
    role: text('role').$type<Role>().notNull().default('member'),
    emailVisibility: text('email_visibility').$type<Visibility>().notNull().default('members'),
    phoneVisibility: text('phone_visibility').$type<Visibility>().notNull().default('members'),
    // The member's choice to be listed to other members; a current representative is listed
    // whatever it says, except in categories whose members always choose (see listedToMembers).
    listed: boolean('listed').notNull().default(true),
    // The member's choice to receive messages from other members through the group's mail
    // (POST /directory/members/:id/message) while their address is hidden from them.
    acceptsMessages: boolean('accepts_messages').notNull().default(true),
    passwordHash: text('password_hash'),
    // Changes with the email, password, status and role (a trigger in drizzle/functions/, so no
    // writer can forget it); every one-time link carries the stamp it was made under and dies
    // when it differs.
    securityStamp: uuid('security_stamp').notNull().defaultRandom(),
    emailStatus: text('email_status').$type<EmailStatus>().notNull().default('ok'),
    // The last permanent failure: when, and the receiving server's diagnostic.
    emailBouncedAt: timestamp('email_bounced_at', { withTimezone: true }),
    emailBounceReason: text('email_bounce_reason'),
    // The name as the directory searches and sorts it (seg_search_key, drizzle/functions/): kept by
    // PostgreSQL, so a search never recomputes it row by row.
    nameKey: text('name_key').generatedAlwaysAs(sql`public.seg_search_key(name)`),
    // When the member's status last became `left` (null while it is another): set by a trigger on
    // every write of the status (drizzle/functions/), so no writer can forget it; retention counts from it.
    leftAt: timestamp('left_at', { withTimezone: true }),
    // Set when the member was erased: the row is then an anonymous record holding their history.
    erasedAt: timestamp('erased_at', { withTimezone: true }),
    // When the member last said their details are right (the email link, or saving them); null: never.
    detailsConfirmedAt: timestamp('details_confirmed_at', { withTimezone: true }),
    // The open request to confirm: when the first email of it was written, and the second. Both
    // are cleared by confirming; a daily run that finds them set writes nothing again.
    detailsRequestedAt: timestamp('details_requested_at', { withTimezone: true }),
    detailsRemindedAt: timestamp('details_reminded_at', { withTimezone: true }),
    // The kinds of meeting notice the member turned off (NOTICE_CHOICES); empty: they get them all.
    noticesOff: text('notices_off')
      .array()
      .$type<NoticeChoice[]>()
      .notNull()
      .default(sql`'{}'::text[]`),
    // The month (1 to 12) the member's appraisal year starts: My learning totals their CPD by it.
    appraisalMonth: smallint('appraisal_month').notNull().default(4),
    ...timestamps,
  },
  (t) => [
    uniqueIndex('members_email_lower_key').on(sql`lower(${t.email})`),
    // Part-of-name search (LIKE '%key%') by trigrams.
    index('members_name_key_trgm_idx').using('gin', t.nameKey.op('gin_trgm_ops')),
    // Name order and short prefix searches; byte order so LIKE 'ab%' can use it.
    index('members_name_key_order_idx').on(sql`${t.nameKey} collate "C"`, t.id),
    // With the status, a directory count by region or category is read from the index alone.
    index('members_region_status_idx').on(t.regionId, t.status),
    index('members_category_status_idx').on(t.categoryId, t.status),
    // The open requests to confirm details: the daily run's second emails and the not-confirmed list.
    index('members_details_requested_idx')
      .on(t.detailsRequestedAt)
      .where(sql`${t.detailsRequestedAt} is not null`),
    // The retention run's leavers due for erasure.
    index('members_left_idx')
      .on(t.leftAt)
      .where(sql`${t.leftAt} is not null and ${t.erasedAt} is null`),
    // The secretariat's list of bouncing addresses: few rows, so a partial index.
    index('members_bouncing_idx')
      .on(t.id)
      .where(sql`${t.emailStatus} = 'bouncing'`),
    check('members_status_check', sql`${t.status} in ('invited', 'active', 'suspended', 'left')`),
    check('members_role_check', sql`${t.role} in ('member', 'secretariat', 'admin')`),
    check('members_email_visibility_check', sql`${t.emailVisibility} in ('members', 'secretariat')`),
    check('members_email_status_check', sql`${t.emailStatus} in ('ok', 'bouncing')`),
    check('members_appraisal_month_check', sql`${t.appraisalMonth} between 1 and 12`),
    check(
      'members_notices_off_check',
      sql`${t.noticesOff} <@ array['hub-meetings', 'regional-meetings', 'reminders']::text[]`,
    ),
    check('members_phone_visibility_check', sql`${t.phoneVisibility} in ('members', 'secretariat')`),
  ],
);

export const memberEstablishments = pgTable(
  'member_establishments',
  {
    memberId: uuid('member_id')
      .notNull()
      .references(() => members.id, { onDelete: 'cascade' }),
    establishmentId: uuid('establishment_id')
      .notNull()
      .references(() => establishments.id),
  },
  (t) => [
    primaryKey({ columns: [t.memberId, t.establishmentId] }),
    index('member_establishments_est_idx').on(t.establishmentId),
  ],
);

/** Member M represents region R (or the hub, when regionId is null) as role X from startsOn to endsOn. */
export const posts = pgTable(
  'posts',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    memberId: uuid('member_id')
      .notNull()
      .references(() => members.id),
    regionId: uuid('region_id').references(() => regions.id),
    role: text('role').notNull(),
    startsOn: date('starts_on', { mode: 'string' }).notNull(),
    endsOn: date('ends_on', { mode: 'string' }),
    ...timestamps,
  },
  (t) => [
    index('posts_member_idx').on(t.memberId),
    index('posts_region_idx').on(t.regionId),
    check('posts_dates_check', sql`${t.endsOn} is null or ${t.endsOn} >= ${t.startsOn}`),
  ],
);
