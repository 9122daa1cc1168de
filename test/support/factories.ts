import { JwtService } from '@nestjs/jwt';
import { ACCESS_TOKEN } from '@seg/auth';
import { AppConfig } from '@seg/config';
import {
  categories,
  Database,
  memberEstablishments,
  MemberStatus,
  members,
  posts,
  refreshTokens,
  regions,
  Role,
  Visibility,
} from '@seg/db';
import { eq } from 'drizzle-orm';
import { randomBytes, randomUUID } from 'node:crypto';
import { PasswordHasher } from '../../apps/api/src/auth/password-hasher';
import { uniqueName } from './test-config';

export type MemberRow = typeof members.$inferSelect;

/** An email no other test run uses. */
export function uniqueEmail(prefix = 'member'): string {
  return `${uniqueName(prefix).toLowerCase()}@example.org`;
}

export async function regionIdOf(db: Database, code: string): Promise<string> {
  const [row] = await db.select({ id: regions.id }).from(regions).where(eq(regions.code, code));
  if (!row) throw new Error(`No region ${code}`);
  return row.id;
}

export async function categoryIdOf(db: Database, code: string): Promise<string> {
  const [row] = await db.select({ id: categories.id }).from(categories).where(eq(categories.code, code));
  if (!row) throw new Error(`No category ${code}`);
  return row.id;
}

export interface MemberInput {
  email?: string;
  name?: string;
  title?: string | null;
  role?: Role;
  status?: MemberStatus;
  /** A category code. */
  category?: string;
  /** A region code. */
  region?: string;
  phone?: string;
  availability?: string;
  emailVisibility?: Visibility;
  phoneVisibility?: Visibility;
  establishmentIds?: string[];
  /** A password to log in with, hashed as the API hashes it. */
  password?: string;
  passwordHash?: string;
}

/** A member row as inserted, with the password it was given ('' if none). */
export type TestMember = MemberRow & { password: string };

/**
 * Inserts members straight into the table, one statement per 5,000. Each is an active member
 * with a unique email and name and nothing else (no region, category, phone, post or password)
 * unless the input says so: a test names what it relies on.
 */
export async function createMembers(db: Database, inputs: MemberInput[]): Promise<TestMember[]> {
  const regionIds = new Map(
    (await db.select({ id: regions.id, code: regions.code }).from(regions)).map((r) => [r.code, r.id]),
  );
  const categoryIds = new Map(
    (await db.select({ id: categories.id, code: categories.code }).from(categories)).map((c) => [c.code, c.id]),
  );
  const idOf = (ids: Map<string, string>, kind: string, code: string | undefined) => {
    if (code === undefined) return null;
    const id = ids.get(code);
    if (!id) throw new Error(`No ${kind} ${code}`);
    return id;
  };
  const hashes = new Map<string, string>();
  for (const password of new Set(inputs.map((i) => i.password).filter((p): p is string => !!p)))
    hashes.set(password, await new PasswordHasher().hash(password));
  const run = randomBytes(4).toString('hex');
  const rows = inputs.map((input, i) => ({
    email: input.email ?? uniqueEmail(),
    name: input.name ?? `Member ${run} ${String(i).padStart(5, '0')}`,
    title: input.title ?? null,
    role: input.role ?? 'member',
    status: input.status ?? 'active',
    categoryId: idOf(categoryIds, 'category', input.category),
    regionId: idOf(regionIds, 'region', input.region),
    phone: input.phone ?? null,
    availability: input.availability ?? null,
    emailVisibility: input.emailVisibility ?? 'members',
    phoneVisibility: input.phoneVisibility ?? 'members',
    passwordHash: input.passwordHash ?? (input.password ? hashes.get(input.password)! : null),
  }));
  const created: TestMember[] = [];
  for (let i = 0; i < rows.length; i += 5000) {
    const inserted = await db
      .insert(members)
      .values(rows.slice(i, i + 5000))
      .returning();
    created.push(...inserted.map((row, j) => ({ ...row, password: inputs[i + j].password ?? '' })));
  }
  const links = inputs.flatMap((input, i) =>
    (input.establishmentIds ?? []).map((establishmentId) => ({ memberId: created[i].id, establishmentId })),
  );
  if (links.length) await db.insert(memberEstablishments).values(links);
  return created;
}

/** One member; see createMembers for what it has unless told. */
export async function createMember(db: Database, input: MemberInput = {}): Promise<TestMember> {
  const [member] = await createMembers(db, [input]);
  return member;
}

export interface PostFactoryInput {
  memberId: string;
  /** A region code; leave out for a hub post. */
  region?: string;
  role?: string;
  startsOn?: string;
  endsOn?: string | null;
}

export async function createPost(db: Database, input: PostFactoryInput) {
  const [post] = await db
    .insert(posts)
    .values({
      memberId: input.memberId,
      regionId: input.region ? await regionIdOf(db, input.region) : null,
      role: input.role ?? 'Regional lead',
      startsOn: input.startsOn ?? '2020-01-01',
      endsOn: input.endsOn ?? null,
    })
    .returning();
  return post;
}

/** Starts a login of the member, as POST /auth/login does, and answers its id (an access token's `sid`). */
export async function openSession(db: Database, memberId: string): Promise<string> {
  const sid = randomUUID();
  await db.insert(refreshTokens).values({
    memberId,
    familyId: sid,
    tokenHash: randomBytes(32).toString('hex'),
    expiresAt: new Date(Date.now() + 86_400_000),
  });
  return sid;
}

/** An access token of a new login of the member. */
export async function accessTokenFor(db: Database, config: AppConfig, memberId: string): Promise<string> {
  const sid = await openSession(db, memberId);
  return new JwtService().sign(
    { sub: memberId, sid, typ: ACCESS_TOKEN.type },
    {
      secret: config.auth.jwtSecret,
      algorithm: ACCESS_TOKEN.algorithm,
      issuer: ACCESS_TOKEN.issuer,
      audience: ACCESS_TOKEN.audience,
      expiresIn: config.auth.accessTtlSeconds,
    },
  );
}

/** A member row and a bearer header for them. */
export async function loggedIn(db: Database, config: AppConfig, input: MemberInput = {}) {
  const member = await createMember(db, input);
  return { member, auth: { Authorization: `Bearer ${await accessTokenFor(db, config, member.id)}` } };
}
