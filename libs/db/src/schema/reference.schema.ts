import { boolean, index, pgTable, uniqueIndex, text, timestamp, uuid } from 'drizzle-orm/pg-core';

const timestamps = {
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
};

/** A spoke of the network. Merged regions keep their row, pointing at the region that absorbed them. */
export const regions = pgTable('regions', {
  id: uuid('id').primaryKey().defaultRandom(),
  code: text('code').notNull().unique(),
  name: text('name').notNull(),
  nation: text('nation').notNull(),
  mergedIntoId: uuid('merged_into_id'),
  ...timestamps,
});

export const categories = pgTable('categories', {
  id: uuid('id').primaryKey().defaultRandom(),
  code: text('code').notNull().unique(),
  name: text('name').notNull(),
  description: text('description'),
  // Patient / service-user representatives: contact details always follow the member's own
  // choice, and new members start with everything visible to the secretariat only.
  contactsPrivateByDefault: boolean('contacts_private_by_default').notNull().default(false),
  ...timestamps,
});

export const establishmentTypes = pgTable('establishment_types', {
  code: text('code').primaryKey(),
  name: text('name').notNull(),
  ...timestamps,
});

export const establishments = pgTable(
  'establishments',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    code: text('code').unique(),
    name: text('name').notNull(),
    typeCode: text('type_code')
      .notNull()
      .references(() => establishmentTypes.code, { onUpdate: 'cascade' }),
    alsoYoi: boolean('also_yoi').notNull().default(false),
    town: text('town'),
    postcode: text('postcode'),
    regionId: uuid('region_id')
      .notNull()
      .references(() => regions.id),
    gpPracticeCode: text('gp_practice_code'),
    ...timestamps,
  },
  (t) => [uniqueIndex('establishments_name_key').on(t.name), index('establishments_region_idx').on(t.regionId)],
);

export { timestamps };
