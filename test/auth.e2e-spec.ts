import { JwtService } from '@nestjs/jwt';
import { ACCESS_TOKEN } from '@seg/auth';
import { AppConfig } from '@seg/config';
import { auditLog, Database, members, MemberStatus, notices, refreshTokens, Role } from '@seg/db';
import { and, eq } from 'drizzle-orm';
import * as argon2 from 'argon2';
import IORedis from 'ioredis';
import { AccountTokensService } from '../apps/api/src/auth/account-tokens.service';
import { LOGIN_LIMITS } from '../apps/api/src/auth/login-throttle';
import { PasswordHasher } from '../apps/api/src/auth/password-hasher';
import { NoticeOutbox } from '../apps/api/src/notices/notice-outbox';
import { ApiHarness, startApi } from './support/api-harness';
import { openSession as openSessionIn } from './support/factories';
import { eventually } from './support/poll';
import { OwnRedis } from './support/redis-server';
import { SmtpSink, startSmtpSink } from './support/smtp-sink';
import { dropDatabase, testConfig, uniqueName } from './support/test-config';
import { startWorker, WorkerHarness } from './support/worker-harness';

const TEST_SECRET = 'test-secret-that-is-long-enough-for-hs256-use';
const PASSWORD = 'correct horse battery staple';

interface TestMember {
  id: string;
  email: string;
  name: string;
  password: string;
}

async function createMember(db: Database, opts: { role?: Role; status?: MemberStatus; password?: string | null } = {}): Promise<TestMember> {
  const email = `${uniqueName('member')}@example.org`;
  const name = `Dr ${uniqueName('Test')}`;
  const password = opts.password === undefined ? PASSWORD : opts.password;
  const [row] = await db
    .insert(members)
    .values({
      email,
      name,
      role: opts.role ?? 'member',
      status: opts.status ?? 'active',
      passwordHash: password ? await new PasswordHasher().hash(password) : null,
    })
    .returning({ id: members.id });
  return { id: row.id, email, name, password: password ?? '' };
}

function signAccess(claims: Record<string, unknown>, secret = TEST_SECRET): string {
  return new JwtService().sign(
    { typ: ACCESS_TOKEN.type, ...claims },
    { secret, algorithm: 'HS256', issuer: ACCESS_TOKEN.issuer, audience: ACCESS_TOKEN.audience },
  );
}

function withoutRequestId(body: Record<string, unknown>): Record<string, unknown> {
  const { requestId: _ignored, ...rest } = body;
  return rest;
}

describe('auth', () => {
  let config: AppConfig;
  let api: ApiHarness;
  let redis: IORedis;

  const login = (email: string, password: string) => api.http().post('/auth/login').send({ email, password });
  const refresh = (refreshToken: string) => api.http().post('/auth/refresh').send({ refreshToken });
  const sessions = (accessToken: string) => api.http().get('/auth/sessions').set('Authorization', `Bearer ${accessToken}`);
  const openSession = (memberId: string) => openSessionIn(api.db, memberId);

  /** Forgets failed logins from the test's own address, so throttling tests do not leak into others. */
  const forgetAddressFailures = () => redis.del(`${config.queuePrefix}:auth:login-fail:address:::ffff:127.0.0.1`, `${config.queuePrefix}:auth:login-fail:address:127.0.0.1`);

  beforeAll(async () => {
    config = testConfig();
    api = await startApi(config);
    redis = new IORedis(config.redisUrl);
  });
  afterAll(async () => {
    if (redis) {
      const keys = await redis.keys(`${config.queuePrefix}:*`);
      if (keys.length) await redis.del(...keys);
      redis.disconnect();
    }
    await api?.close();
    await dropDatabase(config.databaseUrl);
  });
  afterEach(async () => {
    await forgetAddressFailures();
  });

  describe('login', () => {
    it('answers a token pair and the member', async () => {
      const m = await createMember(api.db);
      const res = await login(m.email.toUpperCase(), m.password).expect(200);
      expect(res.body).toEqual({
        accessToken: expect.any(String),
        refreshToken: expect.stringMatching(/^[A-Za-z0-9_-]{43}$/),
        expiresIn: 900,
        refreshExpiresIn: expect.any(Number),
        user: { id: m.id, email: m.email, name: m.name, role: 'member', status: 'active' },
      });
      const claims = new JwtService().verify(res.body.accessToken, { secret: TEST_SECRET, algorithms: ['HS256'] });
      expect(claims).toMatchObject({ sub: m.id, typ: 'access', iss: ACCESS_TOKEN.issuer, aud: ACCESS_TOKEN.audience });
      expect(claims.exp - claims.iat).toBe(900);
      await sessions(res.body.accessToken).expect(200);

      // Only the hash of the refresh token is stored.
      const stored = await api.db.select().from(refreshTokens).where(eq(refreshTokens.memberId, m.id));
      expect(stored).toHaveLength(1);
      expect(stored[0].tokenHash).not.toContain(res.body.refreshToken);
      expect(stored[0].expiresAt.getTime() - Date.now()).toBeGreaterThan(29 * 24 * 3600 * 1000);
    });

    it('gives one answer for an unknown email, a wrong password and a member not active', async () => {
      const active = await createMember(api.db);
      const invited = await createMember(api.db, { status: 'invited', password: null });
      const suspended = await createMember(api.db, { status: 'suspended' });
      const unknown = await login(`${uniqueName('nobody')}@example.org`, PASSWORD).expect(401);
      const wrong = await login(active.email, 'not the right password').expect(401);
      const notActivated = await login(invited.email, PASSWORD).expect(401);
      const notActive = await login(suspended.email, PASSWORD).expect(401);
      expect(withoutRequestId(unknown.body)).toEqual({ statusCode: 401, error: 'Unauthorized', message: 'Wrong email or password' });
      for (const res of [wrong, notActivated, notActive]) expect(withoutRequestId(res.body)).toEqual(withoutRequestId(unknown.body));
    });

    it('takes about as long for an unknown email as for a wrong password', async () => {
      const m = await createMember(api.db);
      const time = async (email: string) => {
        const started = process.hrtime.bigint();
        await login(email, 'not the right password').expect(401);
        return Number(process.hrtime.bigint() - started) / 1e6;
      };
      await time(m.email);
      const known: number[] = [];
      const unknown: number[] = [];
      for (let i = 0; i < LOGIN_LIMITS.perAccountAndAddress - 1; i++) {
        unknown.push(await time(`${uniqueName('nobody')}@example.org`));
        known.push(await time(m.email));
      }
      // The fastest of each, as the least disturbed by other work on the machine. Both verify an
      // argon2id hash (tens of ms); without the throw-away hash an unknown email answers in ~2 ms.
      expect(Math.min(...unknown)).toBeGreaterThan(Math.min(...known) * 0.5);
    });

    it('upgrades a hash made with weaker settings at the next login', async () => {
      const m = await createMember(api.db);
      const weak = await argon2.hash(m.password, { type: argon2.argon2id, memoryCost: 4096, timeCost: 1, parallelism: 1 });
      await api.db.update(members).set({ passwordHash: weak }).where(eq(members.id, m.id));
      await login(m.email, m.password).expect(200);
      const [row] = await api.db.select({ passwordHash: members.passwordHash }).from(members).where(eq(members.id, m.id));
      expect(row.passwordHash).toMatch(/^\$argon2id\$v=19\$m=19456,p=1,t=2\$/);
      await login(m.email, m.password).expect(200);
    });

    it('names a malformed field', async () => {
      const res = await api.http().post('/auth/login').send({ email: 'not-an-email', password: PASSWORD, remember: true }).expect(400);
      expect(res.body.details.map((d: { field: string }) => d.field).sort()).toEqual(['email', 'remember']);
    });
  });

  describe('throttling', () => {
    it('refuses an account after repeated failures, even with the right password, with Retry-After', async () => {
      const m = await createMember(api.db);
      for (let i = 0; i < LOGIN_LIMITS.perAccountAndAddress; i++) await login(m.email, 'not the right password').expect(401);
      const res = await login(m.email, m.password).expect(429);
      expect(res.body).toMatchObject({ statusCode: 429, error: 'Too Many Requests' });
      const retryAfter = Number(res.headers['retry-after']);
      expect(retryAfter).toBeGreaterThan(0);
      expect(retryAfter).toBeLessThanOrEqual(LOGIN_LIMITS.windowSeconds);

      // Another member from the same address is not locked out by it.
      const other = await createMember(api.db);
      await login(other.email, other.password).expect(200);
    });

    it('counts a burst of parallel guesses before checking them', async () => {
      const m = await createMember(api.db);
      const answers = await Promise.all(Array.from({ length: 12 }, () => login(m.email, 'not the right password')));
      const statuses = answers.map((r) => r.status);
      expect(statuses.filter((s) => s === 401)).toHaveLength(LOGIN_LIMITS.perAccountAndAddress);
      expect(statuses.filter((s) => s === 429)).toHaveLength(12 - LOGIN_LIMITS.perAccountAndAddress);
    });

    it('a successful login clears the account failures', async () => {
      const m = await createMember(api.db);
      for (let i = 0; i < LOGIN_LIMITS.perAccountAndAddress - 1; i++) await login(m.email, 'not the right password').expect(401);
      await login(m.email, m.password).expect(200);
      for (let i = 0; i < LOGIN_LIMITS.perAccountAndAddress - 1; i++) await login(m.email, 'not the right password').expect(401);
      await login(m.email, m.password).expect(200);
    });

    it('refuses a client address after failures across many accounts', async () => {
      for (let i = 0; i < LOGIN_LIMITS.perAddress; i++) {
        await login(`${uniqueName('spray')}@example.org`, 'not the right password').expect(401);
      }
      const m = await createMember(api.db);
      const res = await login(m.email, m.password).expect(429);
      expect(Number(res.headers['retry-after'])).toBeGreaterThan(0);
    });
  });

  describe('refresh tokens', () => {
    it('rotates: each refresh answers a new pair and the old token stops working', async () => {
      const m = await createMember(api.db);
      const first = (await login(m.email, m.password).expect(200)).body;
      const second = (await refresh(first.refreshToken).expect(200)).body;
      expect(second.refreshToken).not.toBe(first.refreshToken);
      expect(second.user).toEqual(first.user);
      await sessions(second.accessToken).expect(200);
      const third = (await refresh(second.refreshToken).expect(200)).body;
      await sessions(third.accessToken).expect(200);
      await refresh(second.refreshToken).expect(401);
    });

    it('presenting a replaced token again ends that whole login, the newest token included, and no other', async () => {
      const m = await createMember(api.db);
      const elsewhere = (await login(m.email, m.password).expect(200)).body;
      const first = (await login(m.email, m.password).expect(200)).body;
      const second = (await refresh(first.refreshToken).expect(200)).body;
      // An attacker who copied the first token replays it...
      const replay = await refresh(first.refreshToken).expect(401);
      expect(replay.body.message).toMatch(/not valid/);
      // ...and the legitimate holder's newer token is revoked too.
      await refresh(second.refreshToken).expect(401);
      // The member's login on another device goes on.
      await refresh(elsewhere.refreshToken).expect(200);

      const family = await api.db.select().from(refreshTokens).where(eq(refreshTokens.memberId, m.id));
      expect(family.filter((t) => t.revokedAt).length).toBe(2);
    });

    it('lets only one of two simultaneous refreshes of one token succeed', async () => {
      const m = await createMember(api.db);
      const pair = (await login(m.email, m.password).expect(200)).body;
      const answers = await Promise.all([refresh(pair.refreshToken), refresh(pair.refreshToken), refresh(pair.refreshToken)]);
      expect(answers.map((r) => r.status).sort()).toEqual([200, 401, 401]);
      const live = await api.db
        .select()
        .from(refreshTokens)
        .where(and(eq(refreshTokens.memberId, m.id)));
      expect(live.filter((t) => !t.replacedAt && !t.revokedAt)).toHaveLength(0);
    });

    it('refuses an unknown token and a token of a member suspended since', async () => {
      await refresh('x'.repeat(43)).expect(401);
      const m = await createMember(api.db);
      const pair = (await login(m.email, m.password).expect(200)).body;
      await api.db.update(members).set({ status: 'suspended' }).where(eq(members.id, m.id));
      await refresh(pair.refreshToken).expect(401);
    });

    it('keeps the end a login had at sign-in, however often it is refreshed', async () => {
      const m = await createMember(api.db);
      const pair = (await login(m.email, m.password).expect(200)).body;
      const [signedIn] = await api.db.select().from(refreshTokens).where(eq(refreshTokens.memberId, m.id));
      expect(signedIn.expiresAt.getTime() - Date.now()).toBeGreaterThan(config.auth.refreshTtlSeconds * 1000 - 60_000);
      // Signed in long ago: an hour of the login is left.
      const end = new Date(Date.now() + 3_600_000);
      await api.db.update(refreshTokens).set({ expiresAt: end }).where(eq(refreshTokens.id, signedIn.id));

      expect(pair.refreshExpiresIn).toBeGreaterThan(config.auth.refreshTtlSeconds - 60);
      const renewed = (await refresh(pair.refreshToken).expect(200)).body;
      // The answer says how long is left, so a client knows when to ask for the password.
      expect(renewed.refreshExpiresIn).toBeGreaterThan(3_500);
      expect(renewed.refreshExpiresIn).toBeLessThanOrEqual(3_600);
      await refresh(renewed.refreshToken).expect(200);
      const family = await api.db.select().from(refreshTokens).where(eq(refreshTokens.familyId, signedIn.familyId));
      expect(family).toHaveLength(3);
      expect(family.map((t) => t.expiresAt.getTime())).toEqual([end.getTime(), end.getTime(), end.getTime()]);
    });

    it('refuses an expired refresh token', async () => {
      const m = await createMember(api.db);
      const pair = (await login(m.email, m.password).expect(200)).body;
      await api.db.update(refreshTokens).set({ expiresAt: new Date(Date.now() - 1000) }).where(eq(refreshTokens.memberId, m.id));
      await refresh(pair.refreshToken).expect(401);
    });
  });

  describe('changing the password', () => {
    const change = (accessToken: string, body: object) =>
      api.http().put('/auth/password').set({ Authorization: `Bearer ${accessToken}`, 'X-Request-Id': 'change-1' }).send(body);

    it('checks the current password and names the field at fault', async () => {
      const m = await createMember(api.db);
      const pair = (await login(m.email, m.password).expect(200)).body;
      const wrong = await change(pair.accessToken, { currentPassword: 'not the right password', newPassword: 'a walk along the Wear' }).expect(400);
      expect(wrong.body.details).toEqual([{ field: 'currentPassword', message: 'is not your current password' }]);
      const same = await change(pair.accessToken, { currentPassword: m.password, newPassword: m.password }).expect(400);
      expect(same.body.details).toEqual([{ field: 'newPassword', message: 'must differ from your current password' }]);
      const common = await change(pair.accessToken, { currentPassword: m.password, newPassword: 'password1234' }).expect(400);
      expect(common.body.details).toEqual([{ field: 'newPassword', message: expect.any(String) }]);
      const missing = await change(pair.accessToken, { currentPassword: m.password }).expect(400);
      expect(missing.body.details).toEqual([{ field: 'newPassword', message: 'is required' }]);
      await api.http().put('/auth/password').send({ currentPassword: m.password, newPassword: 'a walk along the Wear' }).expect(401);
      await login(m.email, m.password).expect(200);
    });

    it('keeps the login that made the change and ends every other, audited', async () => {
      const m = await createMember(api.db);
      const phone = (await login(m.email, m.password).expect(200)).body;
      const laptop = (await login(m.email, m.password).expect(200)).body;
      await change(laptop.accessToken, { currentPassword: m.password, newPassword: 'a walk along the Wear' }).expect(204);

      await sessions(laptop.accessToken).expect(200);
      await refresh(laptop.refreshToken).expect(200);
      await sessions(phone.accessToken).expect(401);
      await refresh(phone.refreshToken).expect(401);
      await login(m.email, m.password).expect(401);
      await login(m.email, 'a walk along the Wear').expect(200);

      const audit = await api.db.select().from(auditLog).where(and(eq(auditLog.entityId, m.id), eq(auditLog.action, 'password-change')));
      expect(audit).toEqual([expect.objectContaining({ actorId: m.id, after: { sessionsEnded: 1 }, requestId: 'change-1' })]);
    });

    it('counts wrong current passwords with failed logins', async () => {
      const m = await createMember(api.db);
      const pair = (await login(m.email, m.password).expect(200)).body;
      for (let i = 0; i < LOGIN_LIMITS.perAccountAndAddress; i++) {
        await change(pair.accessToken, { currentPassword: 'not the right password', newPassword: 'a walk along the Wear' }).expect(400);
      }
      const res = await change(pair.accessToken, { currentPassword: m.password, newPassword: 'a walk along the Wear' }).expect(429);
      expect(Number(res.headers['retry-after'])).toBeGreaterThan(0);
      await login(m.email, m.password).expect(429);
    });
  });

  describe('logout and sessions', () => {
    it('logout ends that login only, its access token included', async () => {
      const m = await createMember(api.db);
      const phone = (await login(m.email, m.password).expect(200)).body;
      const laptop = (await login(m.email, m.password).expect(200)).body;
      expect((await sessions(laptop.accessToken).expect(200)).body.total).toBe(2);

      await api.http().post('/auth/logout').send({ refreshToken: phone.refreshToken }).expect(401);
      await api.http().post('/auth/logout').set('Authorization', `Bearer ${phone.accessToken}`).send({ refreshToken: phone.refreshToken }).expect(204);
      await refresh(phone.refreshToken).expect(401);
      await sessions(phone.accessToken).expect(401);
      await refresh(laptop.refreshToken).expect(200);
      await sessions(laptop.accessToken).expect(200);
    });

    it('logout with somebody else\'s refresh token changes nothing', async () => {
      const a = await createMember(api.db);
      const b = await createMember(api.db);
      const aPair = (await login(a.email, a.password).expect(200)).body;
      const bPair = (await login(b.email, b.password).expect(200)).body;
      await api.http().post('/auth/logout').set('Authorization', `Bearer ${aPair.accessToken}`).send({ refreshToken: bPair.refreshToken }).expect(204);
      await refresh(bPair.refreshToken).expect(200);
    });

    it('lists own live sessions with their devices and ends one by id', async () => {
      const m = await createMember(api.db);
      const iPhone = 'Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Mobile/15E148 Safari/604.1';
      const phone = (await login(m.email, m.password).set('User-Agent', iPhone).expect(200)).body;
      const laptop = (await login(m.email, m.password).set('User-Agent', 'curl/8.5.0').expect(200)).body;
      const phoneNow = (await refresh(phone.refreshToken).set('User-Agent', 'something else').expect(200)).body;
      const list = (await sessions(laptop.accessToken).expect(200)).body;
      expect(list).toEqual({
        items: [
          { id: expect.any(String), device: 'Safari on iPhone', startedAt: expect.any(String), lastRefreshedAt: expect.any(String), expiresAt: expect.any(String), current: false },
          expect.objectContaining({ device: 'curl', current: true }),
        ],
        nextCursor: null,
        total: 2,
      });
      // Newest first: the phone has just refreshed.
      const phoneSession = list.items[0];
      expect(new Date(phoneSession.lastRefreshedAt).getTime()).toBeGreaterThan(new Date(phoneSession.startedAt).getTime());
      // The phone's access tokens from before and after its refresh belong to the same login.
      await sessions(phone.accessToken).expect(200);

      await api.http().delete(`/auth/sessions/${phoneSession.id}`).set('Authorization', `Bearer ${laptop.accessToken}`).expect(204);
      await refresh(phoneNow.refreshToken).expect(401);
      await sessions(phoneNow.accessToken).expect(401);
      await sessions(phone.accessToken).expect(401);
      expect((await sessions(laptop.accessToken).expect(200)).body.total).toBe(1);

      // Another member's session id is not found for me.
      const other = await createMember(api.db);
      const otherPair = (await login(other.email, other.password).expect(200)).body;
      const otherId = (await sessions(otherPair.accessToken).expect(200)).body.items[0].id;
      await api.http().delete(`/auth/sessions/${otherId}`).set('Authorization', `Bearer ${laptop.accessToken}`).expect(404);
      await refresh(otherPair.refreshToken).expect(200);
    });
  });

  describe('access tokens', () => {
    let m: TestMember;
    beforeAll(async () => {
      m = await createMember(api.db);
    });

    it('accepts a well-formed token signed with the secret (control for the cases below)', async () => {
      await sessions(signAccess({ sub: m.id, sid: await openSession(m.id) }, TEST_SECRET)).expect(200);
    });

    it('refuses a token that names no login, or a login of another member', async () => {
      await sessions(signAccess({ sub: m.id })).expect(401);
      await sessions(signAccess({ sub: m.id, sid: 'not-a-uuid' })).expect(401);
      const other = await createMember(api.db);
      await sessions(signAccess({ sub: m.id, sid: await openSession(other.id) })).expect(401);
    });

    it('refuses no token and a garbage token', async () => {
      await api.http().get('/auth/sessions').expect(401);
      await sessions('not.a.jwt').expect(401);
    });

    it('refuses an expired token', async () => {
      const past = Math.floor(Date.now() / 1000) - 60;
      await sessions(signAccess({ sub: m.id, sid: await openSession(m.id), iat: past - 900, exp: past })).expect(401);
    });

    it('refuses a token signed with another secret', async () => {
      await sessions(signAccess({ sub: m.id, sid: await openSession(m.id) }, 'another-secret-that-is-also-long-enough-x')).expect(401);
    });

    it('refuses a token with alg none', async () => {
      const part = (o: object) => Buffer.from(JSON.stringify(o)).toString('base64url');
      const now = Math.floor(Date.now() / 1000);
      const unsigned = `${part({ alg: 'none', typ: 'JWT' })}.${part({ sub: m.id, sid: await openSession(m.id), typ: 'access', iss: ACCESS_TOKEN.issuer, aud: ACCESS_TOKEN.audience, iat: now, exp: now + 600 })}.`;
      await sessions(unsigned).expect(401);
    });

    it('refuses a token of another type or audience', async () => {
      await sessions(signAccess({ sub: m.id, sid: await openSession(m.id), typ: 'refresh' })).expect(401);
      const wrongAudience = new JwtService().sign({ sub: m.id, sid: await openSession(m.id), typ: 'access' }, { secret: TEST_SECRET, algorithm: 'HS256', issuer: ACCESS_TOKEN.issuer, audience: 'someone-else' });
      await sessions(wrongAudience).expect(401);
    });

    it('refuses a refresh token used as an access token', async () => {
      const pair = (await login(m.email, m.password).expect(200)).body;
      await sessions(pair.refreshToken).expect(401);
    });

    it('refuses a suspended member\'s still-valid token at once', async () => {
      const s = await createMember(api.db);
      const pair = (await login(s.email, s.password).expect(200)).body;
      await sessions(pair.accessToken).expect(200);
      await api.db.update(members).set({ status: 'suspended' }).where(eq(members.id, s.id));
      await sessions(pair.accessToken).expect(401);
    });
  });

  describe('secretariat ends a member\'s sessions', () => {
    it('is refused to a member (403) and done for the secretariat, audited', async () => {
      const target = await createMember(api.db);
      const plain = await createMember(api.db);
      const secretary = await createMember(api.db, { role: 'secretariat' });
      const targetPair = (await login(target.email, target.password).expect(200)).body;
      const plainPair = (await login(plain.email, plain.password).expect(200)).body;
      const secretaryPair = (await login(secretary.email, secretary.password).expect(200)).body;

      const denied = await api.http().delete(`/members/${target.id}/sessions`).set('Authorization', `Bearer ${plainPair.accessToken}`).expect(403);
      expect(denied.body).toMatchObject({ statusCode: 403, error: 'Forbidden' });
      await sessions(targetPair.accessToken).expect(200);
      await api.http().delete(`/members/${target.id}/sessions`).set({ Authorization: `Bearer ${secretaryPair.accessToken}`, 'X-Request-Id': 'end-sessions-1' }).expect(204);
      await refresh(targetPair.refreshToken).expect(401);
      await sessions(targetPair.accessToken).expect(401);

      const audit = await api.db.select().from(auditLog).where(and(eq(auditLog.entityId, target.id), eq(auditLog.action, 'end-sessions')));
      expect(audit).toEqual([expect.objectContaining({ actorId: secretary.id, entity: 'member', after: { sessionsEnded: 1 }, requestId: 'end-sessions-1' })]);

      await api.http().delete('/members/00000000-0000-4000-8000-000000000000/sessions').set('Authorization', `Bearer ${secretaryPair.accessToken}`).expect(404);
      await api.http().delete('/members/not-a-uuid/sessions').set('Authorization', `Bearer ${secretaryPair.accessToken}`).expect(400);
    });
  });

  describe('activation', () => {
    /** Invites as POST /members will: the token and notice in one transaction, then dispatch. */
    async function invite(): Promise<{ member: TestMember; token: string }> {
      const member = await createMember(api.db, { status: 'invited', password: null });
      const tokens = api.app.get(AccountTokensService);
      const refs = await api.db.transaction((tx) => tokens.issueActivation(tx, member));
      await api.app.get(NoticeOutbox).dispatch(refs);
      const [notice] = await api.db.select().from(notices).where(eq(notices.id, refs[0].id));
      expect(notice).toMatchObject({ kind: 'activation', memberId: member.id, toEmail: member.email, status: 'queued' });
      return { member, token: notice.payload.token as string };
    }

    it('sets the first password, makes the member active, logs them in and is audited', async () => {
      const { member, token } = await invite();
      const res = await api.http().post('/auth/activate').set('X-Request-Id', 'activate-1').send({ token, password: 'a quiet week in Durham' }).expect(200);
      expect(res.body.user).toEqual({ id: member.id, email: member.email, name: member.name, role: 'member', status: 'active' });
      await sessions(res.body.accessToken).expect(200);
      await login(member.email, 'a quiet week in Durham').expect(200);

      const audit = await api.db.select().from(auditLog).where(and(eq(auditLog.entityId, member.id), eq(auditLog.action, 'activate')));
      expect(audit).toEqual([expect.objectContaining({ actorId: member.id, before: { status: 'invited' }, after: { status: 'active' }, requestId: 'activate-1' })]);

      const again = await api.http().post('/auth/activate').send({ token, password: 'another quiet week' }).expect(400);
      expect(again.body.details).toEqual([{ field: 'token', message: expect.stringMatching(/used|expired|not valid/) }]);
    });

    it('refuses weak passwords naming `password`, and keeps the token usable', async () => {
      const { member, token } = await invite();
      const tooShort = await api.http().post('/auth/activate').send({ token, password: 'short' }).expect(400);
      expect(tooShort.body.details.map((d: { field: string }) => d.field)).toEqual(['password']);
      const common = await api.http().post('/auth/activate').send({ token, password: 'password1234' }).expect(400);
      expect(common.body.details).toEqual([{ field: 'password', message: expect.stringMatching(/common/) }]);
      const email = await api.http().post('/auth/activate').send({ token, password: member.email }).expect(400);
      expect(email.body.details).toEqual([{ field: 'password', message: expect.stringMatching(/email address or name/) }]);
      const name = await api.http().post('/auth/activate').send({ token, password: member.name.toUpperCase() }).expect(400);
      expect(name.body.details).toEqual([{ field: 'password', message: expect.stringMatching(/email address or name/) }]);
      const [still] = await api.db.select({ status: members.status }).from(members).where(eq(members.id, member.id));
      expect(still.status).toBe('invited');
      await api.http().post('/auth/activate').send({ token, password: 'a quiet week in Durham' }).expect(200);
    });

    it('refuses an expired, superseded or unknown token, and a member no longer invited', async () => {
      await api.http().post('/auth/activate').send({ token: 'nope', password: 'a quiet week in Durham' }).expect(400);

      const first = await invite();
      const tokens = api.app.get(AccountTokensService);
      const refs = await api.db.transaction((tx) => tokens.issueActivation(tx, first.member));
      const [resent] = await api.db.select().from(notices).where(eq(notices.id, refs[0].id));
      // A second invitation voids the first link.
      await api.http().post('/auth/activate').send({ token: first.token, password: 'a quiet week in Durham' }).expect(400);
      await api.http().post('/auth/activate').send({ token: resent.payload.token, password: 'a quiet week in Durham' }).expect(200);

      const { member, token } = await invite();
      await api.db.execute(`update one_time_tokens set expires_at = now() - interval '1 second' where member_id = '${member.id}'`);
      await api.http().post('/auth/activate').send({ token, password: 'a quiet week in Durham' }).expect(400);

      // A link cannot bring back a member who is no longer invited (suspended since, say).
      const suspended = await invite();
      await api.db.update(members).set({ status: 'suspended' }).where(eq(members.id, suspended.member.id));
      await api.http().post('/auth/activate').send({ token: suspended.token, password: 'a quiet week in Durham' }).expect(400);
      const [still] = await api.db.select({ status: members.status }).from(members).where(eq(members.id, suspended.member.id));
      expect(still.status).toBe('suspended');
    });
  });

  describe('password reset', () => {
    const resetTokenOf = (memberId: string) =>
      eventually('a password-reset notice', async () => {
        const rows = await api.db.select().from(notices).where(and(eq(notices.memberId, memberId), eq(notices.kind, 'password-reset')));
        return rows.length ? (rows[rows.length - 1].payload.token as string) : undefined;
      });

    it('answers 202 for unknown and known emails alike; only an active member gets a notice', async () => {
      const active = await createMember(api.db);
      const invited = await createMember(api.db, { status: 'invited', password: null });
      // The invited member asks first: by the time the active member's notice exists, that
      // request's work (a single look-up) has long finished.
      await api.http().post('/auth/password-reset').send({ email: invited.email }).expect(202);
      const unknown = await api.http().post('/auth/password-reset').send({ email: `${uniqueName('nobody')}@example.org` }).expect(202);
      const known = await api.http().post('/auth/password-reset').send({ email: active.email.toUpperCase() }).expect(202);
      expect(known.text).toBe(unknown.text);
      await resetTokenOf(active.id);
      const forInvited = await api.db.select().from(notices).where(eq(notices.memberId, invited.id));
      expect(forInvited).toHaveLength(0);
    });

    it('sets a new password, ends every login of the member, and is single use and audited', async () => {
      const m = await createMember(api.db);
      const phone = (await login(m.email, m.password).expect(200)).body;
      const laptop = (await login(m.email, m.password).expect(200)).body;
      await api.http().post('/auth/password-reset').send({ email: m.email }).expect(202);
      const token = await resetTokenOf(m.id);

      const weak = await api.http().post('/auth/password-reset/confirm').send({ token, password: m.email }).expect(400);
      expect(weak.body.details).toEqual([{ field: 'password', message: expect.any(String) }]);
      await api.http().post('/auth/password-reset/confirm').set('X-Request-Id', 'reset-1').send({ token, password: 'lanterns over the Tyne' }).expect(204);

      await refresh(phone.refreshToken).expect(401);
      await refresh(laptop.refreshToken).expect(401);
      await login(m.email, m.password).expect(401);
      await login(m.email, 'lanterns over the Tyne').expect(200);
      await api.http().post('/auth/password-reset/confirm').send({ token, password: 'another new passphrase' }).expect(400);

      const audit = await api.db.select().from(auditLog).where(and(eq(auditLog.entityId, m.id), eq(auditLog.action, 'password-reset')));
      expect(audit).toEqual([expect.objectContaining({ actorId: m.id, after: { sessionsEnded: 2 }, requestId: 'reset-1' })]);
    });

    it('refuses a reset token older than an hour', async () => {
      const m = await createMember(api.db);
      await api.http().post('/auth/password-reset').send({ email: m.email }).expect(202);
      const token = await resetTokenOf(m.id);
      await api.db.execute(`update one_time_tokens set expires_at = now() - interval '1 second' where member_id = '${m.id}'`);
      const res = await api.http().post('/auth/password-reset/confirm').send({ token, password: 'lanterns over the Tyne' }).expect(400);
      expect(res.body.details[0].field).toBe('token');
    });
  });

  describe('OpenAPI', () => {
    it('lists the auth routes with their bodies and answers', async () => {
      const doc = (await api.http().get('/docs-json').expect(200)).body;
      for (const path of ['/auth/login', '/auth/refresh', '/auth/logout', '/auth/activate', '/auth/password-reset', '/auth/password-reset/confirm']) {
        expect(doc.paths[path]?.post).toBeDefined();
      }
      expect(doc.paths['/auth/sessions'].get).toBeDefined();
      expect(doc.paths['/members/{id}/sessions'].delete).toBeDefined();
      expect(doc.paths['/auth/login'].post.requestBody.content['application/json'].schema.$ref).toBe('#/components/schemas/LoginDto');
      expect(doc.paths['/auth/login'].post.responses['200'].content['application/json'].schema.$ref).toBe('#/components/schemas/TokenPairDto');
      expect(Object.keys(doc.components.schemas.LoginDto.properties)).toEqual(['email', 'password']);
      expect(Object.keys(doc.components.schemas.NewPasswordDto.properties)).toEqual(['token', 'password']);
      expect(Object.keys(doc.components.schemas.TokenPairDto.properties)).toEqual(['accessToken', 'refreshToken', 'expiresIn', 'refreshExpiresIn', 'user']);
      expect(doc.paths['/auth/password'].put.requestBody.content['application/json'].schema.$ref).toBe('#/components/schemas/ChangePasswordDto');
      expect(Object.keys(doc.components.schemas.ChangePasswordDto.properties)).toEqual(['currentPassword', 'newPassword']);
    });
  });
});

describe('first admin', () => {
  const email = `${uniqueName('chair')}@example.org`;
  const config = testConfig({ SEG_ADMIN_EMAIL: email, SEG_ADMIN_PASSWORD: 'the first admin passphrase' });
  const apis: ApiHarness[] = [];

  afterAll(async () => {
    await Promise.all(apis.map((a) => a.close()));
    await dropDatabase(config.databaseUrl);
  });

  it('is created once when two APIs start together, and can log in', async () => {
    apis.push(...(await Promise.all([startApi(config), startApi(config)])));
    const rows = await apis[0].db.select().from(members).where(eq(members.email, email));
    expect(rows).toEqual([expect.objectContaining({ role: 'admin', status: 'active' })]);
    expect(rows[0].passwordHash).toMatch(/^\$argon2id\$v=19\$m=19456,p=1,t=2\$/);
    const audit = await apis[0].db.select().from(auditLog).where(eq(auditLog.entityId, rows[0].id));
    expect(audit).toHaveLength(1);

    const res = await apis[1].http().post('/auth/login').send({ email, password: 'the first admin passphrase' }).expect(200);
    expect(res.body.user).toMatchObject({ email, role: 'admin' });

    // A third start finds the admin there and leaves it alone.
    apis.push(await startApi(config));
    expect(await apis[2].db.select().from(members).where(eq(members.email, email))).toHaveLength(1);
  });
});

describe('login throttling behind a reverse proxy', () => {
  const config = testConfig({ TRUST_PROXY: '1' });
  let api: ApiHarness;

  beforeAll(async () => {
    api = await startApi(config);
  });
  afterAll(async () => {
    await api?.close();
    await dropDatabase(config.databaseUrl);
  });

  it('counts failures per forwarded client address, not per proxy', async () => {
    const from = (address: string, email: string, password: string) =>
      api.http().post('/auth/login').set('X-Forwarded-For', address).send({ email, password });
    for (let i = 0; i < LOGIN_LIMITS.perAddress; i++) {
      await from('203.0.113.7', `${uniqueName('spray')}@example.org`, 'not the right password').expect(401);
    }
    const m = await createMember(api.db);
    await from('203.0.113.7', m.email, m.password).expect(429);
    await from('198.51.100.20', m.email, m.password).expect(200);
  });

  it('lets nobody lock someone else out: a blocked address counts against no account', async () => {
    const from = (address: string, email: string, password: string) =>
      api.http().post('/auth/login').set('X-Forwarded-For', address).send({ email, password });
    const victim = await createMember(api.db);
    for (let i = 0; i < 32; i++) await from('203.0.113.66', `${uniqueName('spray')}@example.org`, 'not the right password');
    for (let i = 0; i < 6; i++) await from('203.0.113.66', victim.email, 'not the right password').expect(429);
    await from('198.51.100.66', victim.email, victim.password).expect(200);
  });

  it("slows down one address's guesses at an account, not the account's owner elsewhere", async () => {
    const from = (address: string, email: string, password: string) =>
      api.http().post('/auth/login').set('X-Forwarded-For', address).send({ email, password });
    const victim = await createMember(api.db);
    for (let i = 0; i < LOGIN_LIMITS.perAccountAndAddress; i++) await from('203.0.113.77', victim.email, 'not the right password').expect(401);
    await from('203.0.113.77', victim.email, victim.password).expect(429);
    await from('198.51.100.77', victim.email, victim.password).expect(200);
  });
});

describe('login while Redis is down', () => {
  let redis: OwnRedis;
  let config: AppConfig;
  let api: ApiHarness;

  beforeAll(async () => {
    redis = await OwnRedis.start();
    config = testConfig({ REDIS_URL: redis.url });
    api = await startApi(config);
  });
  afterAll(async () => {
    await api?.close();
    await redis?.stop();
    await dropDatabase(config.databaseUrl);
  });

  it('lets members log in without throttling, and throttles again once Redis is back', async () => {
    const m = await createMember(api.db);
    await redis.stop();
    const started = Date.now();
    await api.http().post('/auth/login').send({ email: m.email, password: m.password }).expect(200);
    expect(Date.now() - started).toBeLessThan(10_000);

    await redis.start();
    await eventually('Redis to be back for the API', async () => (await api.http().get('/health')).body.redis === 'up');
    for (let i = 0; i < LOGIN_LIMITS.perAccountAndAddress; i++) {
      await api.http().post('/auth/login').send({ email: m.email, password: 'not the right password' }).expect(401);
    }
    await api.http().post('/auth/login').send({ email: m.email, password: m.password }).expect(429);
  });
});

describe('account emails, through the worker to a real SMTP server', () => {
  let sink: SmtpSink;
  let config: AppConfig;
  let api: ApiHarness;
  let worker: WorkerHarness;

  beforeAll(async () => {
    sink = await startSmtpSink();
    config = testConfig({ SMTP_URL: sink.url });
    api = await startApi(config);
    worker = await startWorker(config);
  });
  afterAll(async () => {
    await worker?.close();
    await api?.close();
    await sink?.stop();
    await dropDatabase(config.databaseUrl);
  });

  /** The one-time token of the link in the last email to `email`, checked against both parts. */
  async function linkTokenInEmail(email: string, path: string, count = 1): Promise<string> {
    await sink.waitFor(() => sink.to(email).length >= count);
    const mail = sink.to(email)[count - 1];
    const link = mail.parsed.text!.match(/https?:\/\/\S+/g)!.map((l) => new URL(l)).find((l) => l.pathname === path);
    expect(link).toBeDefined();
    expect(`${link!.origin}`).toBe(config.publicUrl);
    const token = link!.searchParams.get('token')!;
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(mail.parsed.html).toContain(`${path}?token=${token}`);
    return token;
  }

  it('an invited member activates the account from the link in the activation email', async () => {
    const member = await createMember(api.db, { status: 'invited', password: null });
    const refs = await api.db.transaction((tx) => api.app.get(AccountTokensService).issueActivation(tx, member));
    await api.app.get(NoticeOutbox).dispatch(refs);

    const token = await linkTokenInEmail(member.email, '/activate');
    expect(sink.to(member.email)[0].parsed.subject).toMatch(/choose a password/i);
    const res = await api.http().post('/auth/activate').send({ token, password: 'moorland walks at dawn' }).expect(200);
    expect(res.body.user).toMatchObject({ id: member.id, status: 'active' });
    await api.http().post('/auth/login').send({ email: member.email, password: 'moorland walks at dawn' }).expect(200);
    // Once sent, the raw token is no longer kept in the notice.
    const [notice] = await api.db.select().from(notices).where(eq(notices.id, refs[0].id));
    expect(notice.status).toBe('sent');
    expect(notice.payload).not.toHaveProperty('token');
  });

  it('a member resets the password from the link in the reset email, which ends every other login', async () => {
    const member = await createMember(api.db);
    const before = (await api.http().post('/auth/login').send({ email: member.email, password: member.password }).expect(200)).body;

    await api.http().post('/auth/password-reset').send({ email: member.email }).expect(202);
    const token = await linkTokenInEmail(member.email, '/reset-password');
    expect(sink.to(member.email)[0].parsed.subject).toMatch(/reset/i);

    await api.http().post('/auth/password-reset/confirm').send({ token, password: 'heron by the canal lock' }).expect(204);
    await api.http().post('/auth/refresh').send({ refreshToken: before.refreshToken }).expect(401);
    await api.http().get('/me').set('Authorization', `Bearer ${before.accessToken}`).expect(401);
    await api.http().post('/auth/login').send({ email: member.email, password: member.password }).expect(401);
    await api.http().post('/auth/login').send({ email: member.email, password: 'heron by the canal lock' }).expect(200);
    await api.http().post('/auth/password-reset/confirm').send({ token, password: 'a second new passphrase' }).expect(400);

    // Nobody gets an email for an address that is not a member's.
    const stranger = `${uniqueName('stranger')}@example.org`;
    await api.http().post('/auth/password-reset').send({ email: stranger }).expect(202);
    await api.http().post('/auth/password-reset').send({ email: member.email }).expect(202);
    await linkTokenInEmail(member.email, '/reset-password', 2);
    expect(sink.to(stranger)).toHaveLength(0);
  });

  it('a member who changes their password is told by email, with a way back if it was not them', async () => {
    const member = await createMember(api.db);
    const pair = (await api.http().post('/auth/login').send({ email: member.email, password: member.password }).expect(200)).body;
    await api.http().put('/auth/password').set('Authorization', `Bearer ${pair.accessToken}`).send({ currentPassword: member.password, newPassword: 'kittiwakes on the quay' }).expect(204);

    const mail = await sink.waitForMailTo(member.email);
    expect(mail.parsed.subject).toBe('Your SEG Network password was changed');
    expect(mail.parsed.text).toContain(`Dear ${member.name},`);
    expect(mail.parsed.text).toMatch(/changed on \w+day \d{1,2} \w+ \d{4}, \d{2}:\d{2} (GMT|BST)/);
    expect(mail.parsed.text).toContain(`${config.publicUrl}/reset-password`);
    expect(mail.parsed.html).toContain(`href="${config.publicUrl}/reset-password"`);
    // A failed attempt changes nothing and sends nothing.
    await api.http().put('/auth/password').set('Authorization', `Bearer ${pair.accessToken}`).send({ currentPassword: 'not the right password', newPassword: 'puffins off the Farnes' }).expect(400);
    await new Promise((r) => setTimeout(r, 500));
    expect(sink.to(member.email)).toHaveLength(1);
  });
});
