import { parse } from 'csv-parse/sync';
import { NodePgDatabase } from 'drizzle-orm/node-postgres';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { drizzleFolder } from './drizzle-folder';
import * as schema from './schema';
import { categories, establishments, establishmentTypes, meetings, regions } from './schema';

export const SEED_REGIONS = [
  { code: 'north-east', name: 'North East', nation: 'England' },
  { code: 'north-west', name: 'North West', nation: 'England' },
  { code: 'yorkshire-humber', name: 'Yorkshire and the Humber', nation: 'England' },
  { code: 'east-midlands', name: 'East Midlands', nation: 'England' },
  { code: 'west-midlands', name: 'West Midlands', nation: 'England' },
  { code: 'east-of-england', name: 'East of England', nation: 'England' },
  { code: 'london', name: 'London', nation: 'England' },
  { code: 'south-east-coast', name: 'South East Coast', nation: 'England' },
  { code: 'south-central', name: 'South Central', nation: 'England' },
  { code: 'south-west', name: 'South West', nation: 'England' },
  { code: 'scotland', name: 'Scotland', nation: 'Scotland' },
  { code: 'wales', name: 'Wales', nation: 'Wales' },
  { code: 'northern-ireland', name: 'Northern Ireland', nation: 'Northern Ireland' },
];

export const SEED_CATEGORIES = [
  { code: 'prison-gp', name: 'Prison GP', contactsPrivateByDefault: false },
  { code: 'forensic-medical-examiner', name: 'Forensic medical examiner', contactsPrivateByDefault: false },
  { code: 'offender-healthcare-manager', name: 'Offender healthcare manager', contactsPrivateByDefault: false },
  { code: 'other-profession', name: 'Representative of another profession', contactsPrivateByDefault: false },
  { code: 'patient-rep', name: 'Patient / service-user representative', contactsPrivateByDefault: true },
];

export const SEED_ESTABLISHMENT_TYPES = [
  { code: 'prison', name: 'Prison' },
  { code: 'secure-hospital', name: 'Secure hospital' },
  { code: 'secure-training-centre', name: 'Secure training centre' },
  { code: 'young-offender-institution', name: 'Young offender institution' },
  { code: 'immigration-removal-centre', name: 'Immigration removal centre' },
  { code: 'police-custody', name: 'Police custody suite' },
];

/** The Health and Justice Summits of the group's own page. */
export const SEED_SUMMITS = [
  {
    number: 1,
    year: 2010,
    theme: 'Increasing hope; reducing risk: Making drug treatment work across prisons and in wider secure environments',
  },
  { number: 2, year: 2010, theme: 'Offender health: Who cares, who commissions, how do we make it better?' },
  { number: 3, year: 2013, theme: 'The wider determinants of health and justice' },
  { number: 4, year: 2016, theme: 'Improving patient experience in secure environment healthcare' },
  { number: 5, year: 2017, theme: 'Aging well in secure environments' },
  { number: 6, year: 2019, theme: 'Continuity of Care: Improving the primary care/secondary care interface' },
  { number: 7, year: 2019, theme: 'Journeys through justice – leadership and transformation' },
  { number: 8, year: 2021, theme: 'Communities of practice in secure care' },
  {
    number: 9,
    year: 2022,
    theme:
      'Just health? – principles and practice to promote health equity and inclusion in uk and global justice settings',
  },
  { number: 10, year: 2023, theme: 'Building bridges in health and justice' },
  { number: 11, year: 2024, theme: 'Championing excellent care & empowering teams' },
];

interface EstablishmentRow {
  code: string;
  name: string;
  type: string;
  also_yoi: string;
  town: string;
  postcode: string;
  region: string;
  gp_practice_code: string;
}

function ordinal(n: number): string {
  const suffix = n % 100 >= 11 && n % 100 <= 13 ? 'th' : (['th', 'st', 'nd', 'rd'][n % 10] ?? 'th');
  return `${n}${suffix}`;
}

/**
 * Inserts whatever reference data is missing and leaves the rest alone, so the secretariat's
 * renames and corrections survive every start.
 */
export async function seedReferenceData(db: NodePgDatabase<typeof schema>): Promise<void> {
  await db.transaction(async (tx) => {
    await tx.insert(regions).values(SEED_REGIONS).onConflictDoNothing({ target: regions.code });
    await tx.insert(categories).values(SEED_CATEGORIES).onConflictDoNothing({ target: categories.code });
    await tx.insert(establishmentTypes).values(SEED_ESTABLISHMENT_TYPES).onConflictDoNothing();

    const rows: EstablishmentRow[] = parse(readFileSync(path.join(drizzleFolder(), 'seed', 'establishments.csv')), {
      columns: true,
      skip_empty_lines: true,
      trim: true,
    });
    const regionIds = new Map(
      (await tx.select({ id: regions.id, code: regions.code }).from(regions)).map((r) => [r.code, r.id]),
    );
    await tx
      .insert(establishments)
      .values(
        rows.map((r) => {
          const regionId = regionIds.get(r.region);
          if (!regionId) throw new Error(`establishments.csv: unknown region ${r.region} for ${r.code || r.name}`);
          return {
            code: r.code || null,
            name: r.name,
            typeCode: r.type,
            alsoYoi: r.also_yoi === 'yes',
            town: r.town || null,
            postcode: r.postcode || null,
            regionId,
            gpPracticeCode: r.gp_practice_code || null,
          };
        }),
      )
      .onConflictDoNothing();

    await tx
      .insert(meetings)
      .values(
        SEED_SUMMITS.map((s) => ({
          title: `${ordinal(s.number)} Health and Justice Summit`,
          kind: 'summit' as const,
          status: 'scheduled' as const,
          summitNumber: s.number,
          summitYear: s.year,
          theme: s.theme,
          agenda: s.theme,
        })),
      )
      .onConflictDoNothing({ target: meetings.summitNumber });
  });
}
