import { JwtService } from '@nestjs/jwt';
import { ACCESS_TOKEN } from '@seg/auth';
import { AppConfig } from '@seg/config';
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

/** Inserts members straight into the table, in one statement per 5,000, with unique emails. */
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

/** An access token as the login route would give it. */
export function accessToken(config: AppConfig, memberId: string): string {
  return new JwtService({ secret: config.auth.jwtSecret }).sign(
    { sub: memberId, typ: ACCESS_TOKEN.type },
    { algorithm: ACCESS_TOKEN.algorithm, issuer: ACCESS_TOKEN.issuer, audience: ACCESS_TOKEN.audience, expiresIn: '1h' },
  );
}
