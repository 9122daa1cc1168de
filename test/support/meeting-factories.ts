import { categories, Database, MemberStatus, members, regions, Role } from '@seg/db';
import { randomBytes } from 'node:crypto';

export interface MemberSpec {
  region?: string;
  category?: string;
  status?: MemberStatus;
  role?: Role;
  name?: string;
}

export interface TestMember {
  id: string;
  email: string;
  name: string;
}

/**
 * Inserts many members straight into the table, one statement per 5,000, with unique emails; no
 * region or category unless given (see factories.ts for one member with every detail).
 */
export async function insertMembers(db: Database, specs: MemberSpec[]): Promise<TestMember[]> {
  const regionIds = new Map((await db.select({ id: regions.id, code: regions.code }).from(regions)).map((r) => [r.code, r.id]));
  const categoryIds = new Map((await db.select({ id: categories.id, code: categories.code }).from(categories)).map((c) => [c.code, c.id]));
  const run = randomBytes(4).toString('hex');
  const rows = specs.map((s, i) => ({
    email: `m${i}.${run}@example.org`,
    name: s.name ?? `Member ${String(i).padStart(5, '0')} ${run}`,
    status: s.status ?? 'active',
    role: s.role ?? 'member',
    regionId: s.region ? regionIds.get(s.region)! : null,
    categoryId: s.category ? categoryIds.get(s.category)! : null,
  }));
  const out: TestMember[] = [];
  for (let i = 0; i < rows.length; i += 5000) {
    out.push(...(await db.insert(members).values(rows.slice(i, i + 5000)).returning({ id: members.id, email: members.email, name: members.name })));
  }
  return out;
}
