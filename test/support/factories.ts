import { JwtService } from '@nestjs/jwt';
import { ACCESS_TOKEN } from '@seg/auth';
import { AppConfig } from '@seg/config';
import { categories, Database, memberEstablishments, members, posts, refreshTokens, regions, Role, Visibility } from '@seg/db';
import { eq } from 'drizzle-orm';
import { randomBytes, randomUUID } from 'node:crypto';
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

export interface MemberFactoryInput {
  email?: string;
  name?: string;
  title?: string | null;
  role?: Role;
  status?: (typeof members.$inferInsert)['status'];
  category?: string | null;
  region?: string | null;
  phone?: string | null;
  emailVisibility?: Visibility;
  phoneVisibility?: Visibility;
  establishmentIds?: string[];
  passwordHash?: string | null;
}

/** Inserts a member row directly (active, prison GP in London unless told otherwise). */
export async function createMember(db: Database, input: MemberFactoryInput = {}): Promise<MemberRow> {
  const [member] = await db
    .insert(members)
    .values({
      email: input.email ?? uniqueEmail(),
      name: input.name ?? 'Test Member',
      title: input.title ?? null,
      role: input.role ?? 'member',
      status: input.status ?? 'active',
      categoryId: input.category === null ? null : await categoryIdOf(db, input.category ?? 'prison-gp'),
      regionId: input.region === null ? null : await regionIdOf(db, input.region ?? 'london'),
      phone: input.phone === undefined ? '01632 960123' : input.phone,
      emailVisibility: input.emailVisibility ?? 'members',
      phoneVisibility: input.phoneVisibility ?? 'members',
      passwordHash: input.passwordHash ?? null,
    })
    .returning();
  if (input.establishmentIds?.length) {
    await db.insert(memberEstablishments).values(input.establishmentIds.map((establishmentId) => ({ memberId: member.id, establishmentId })));
  }
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

/** An access token as the auth module would issue it, for a member that exists. */
/** Starts a login of the member, as POST /auth/login does, and answers its id (an access token's `sid`). */
export async function openSession(db: Database, memberId: string): Promise<string> {
  const sid = randomUUID();
  await db.insert(refreshTokens).values({ memberId, familyId: sid, tokenHash: randomBytes(32).toString('hex'), expiresAt: new Date(Date.now() + 86_400_000) });
  return sid;
}

/** An access token of a new login of the member. */
export async function accessTokenFor(db: Database, config: AppConfig, memberId: string): Promise<string> {
  const sid = await openSession(db, memberId);
  return new JwtService().sign(
    { sub: memberId, sid, typ: ACCESS_TOKEN.type },
    { secret: config.auth.jwtSecret, algorithm: ACCESS_TOKEN.algorithm, issuer: ACCESS_TOKEN.issuer, audience: ACCESS_TOKEN.audience, expiresIn: config.auth.accessTtlSeconds },
  );
}

/** A member row and a bearer header for them. */
export async function loggedIn(db: Database, config: AppConfig, input: MemberFactoryInput = {}) {
  const member = await createMember(db, input);
  return { member, auth: { Authorization: `Bearer ${await accessTokenFor(db, config, member.id)}` } };
}
