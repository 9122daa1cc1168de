import { sql } from 'drizzle-orm';
import { boolean, index, jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { EmailStatus, members, MemberStatus, NoticeChoice, Role, Visibility } from './members.schema';

/**
 * The directory's read model: one row per member holding everything a directory card shows and
 * the keys it is searched and sorted by. Triggers on members, their establishments and posts,
 * categories, regions and establishments keep it current in the same transaction as the write
 * (`drizzle/functions/10-directory-cards.sql`), so no module writes it and a search reads one table.
 */
export const directoryCards = pgTable(
  'directory_cards',
  {
    memberId: uuid('member_id')
      .primaryKey()
      .references(() => members.id, { onDelete: 'cascade' }),
    // A current member (invited or active) who is not a staff account: may be shown to members
    // (listedToMembers in @seg/db adds the member's choice and their posts on the day).
    listed: boolean('listed').notNull(),
    // The member chose not to be listed (members.listed false).
    choseUnlisted: boolean('chose_unlisted').notNull().default(false),
    name: text('name').notNull(),
    title: text('title'),
    email: text('email').notNull(),
    phone: text('phone'),
    bio: text('bio'),
    availability: text('availability'),
    status: text('status').$type<MemberStatus>().notNull(),
    role: text('role').$type<Role>().notNull(),
    emailVisibility: text('email_visibility').$type<Visibility>().notNull(),
    phoneVisibility: text('phone_visibility').$type<Visibility>().notNull(),
    emailStatus: text('email_status').$type<EmailStatus>().notNull(),
    categoryId: uuid('category_id'),
    categoryCode: text('category_code'),
    categoryName: text('category_name'),
    categoryPrivate: boolean('category_private'),
    regionId: uuid('region_id'),
    regionCode: text('region_code'),
    regionName: text('region_name'),
    regionNation: text('region_nation'),
    establishments: jsonb('establishments').$type<{ id: string; code: string | null; name: string }[]>().notNull(),
    // Posts not ended when the card was written; the reader keeps those current today.
    posts: jsonb('posts')
      .$type<
        {
          id: string;
          role: string;
          regionId: string | null;
          regionCode: string | null;
          regionName: string | null;
          startsOn: string;
          endsOn: string | null;
        }[]
      >()
      .notNull(),
    // Confirming the member's details (members.details_confirmed_at and details_requested_at):
    // the card shows the first, the not-confirmed list filters on the second.
    detailsConfirmedAt: timestamp('details_confirmed_at', { withTimezone: true }),
    detailsRequestedAt: timestamp('details_requested_at', { withTimezone: true }),
    // The kinds of meeting notice the member turned off (members.notices_off): the secretariat's filter.
    noticesOff: text('notices_off')
      .array()
      .$type<NoticeChoice[]>()
      .notNull()
      .default(sql`'{}'::text[]`),
    // Search keys (seg_search_key): the whole name, the given names, the surname, and every word
    // of the name between spaces (' maire ni bhriain nibhriain ') so that LIKE '% li%' finds a
    // word by its start through the trigram index.
    nameKey: text('name_key').notNull(),
    givenKey: text('given_key').notNull(),
    surnameKey: text('surname_key').notNull(),
    words: text('words').notNull(),
  },
  (t) => [
    index('directory_cards_words_trgm_idx').using('gin', t.words.op('gin_trgm_ops')),
    index('directory_cards_name_key_trgm_idx').using('gin', t.nameKey.op('gin_trgm_ops')),
    // The members of an establishment: `establishments @> '[{"id": …}]'`.
    index('directory_cards_establishments_idx').using('gin', t.establishments.op('jsonb_path_ops')),
    // Surname order, walked by broad lists (everyone, a region, a category, a status).
    index('directory_cards_order_idx').on(sql`${t.surnameKey} collate "C"`, sql`${t.givenKey} collate "C"`, t.memberId),
    index('directory_cards_region_order_idx').on(
      t.regionId,
      sql`${t.surnameKey} collate "C"`,
      sql`${t.givenKey} collate "C"`,
      t.memberId,
    ),
    index('directory_cards_category_order_idx').on(
      t.categoryId,
      sql`${t.surnameKey} collate "C"`,
      sql`${t.givenKey} collate "C"`,
      t.memberId,
    ),
    index('directory_cards_status_order_idx').on(
      t.status,
      sql`${t.surnameKey} collate "C"`,
      sql`${t.givenKey} collate "C"`,
      t.memberId,
    ),
    // The not-confirmed list: few members have an open request.
    index('directory_cards_details_requested_idx')
      .on(t.detailsRequestedAt)
      .where(sql`${t.detailsRequestedAt} is not null`),
  ],
);
