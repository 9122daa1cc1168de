import { JwtService } from '@nestjs/jwt';
import { ACCESS_TOKEN } from '@seg/auth';
import { auditLog, members, refreshTokens } from '@seg/db';
import { and, eq } from 'drizzle-orm';
import { authRoutes, forgetAddressFailures, PASSWORD, signAccess } from './support/auth';
import { createMember, MemberInput, openSession, TestMember } from './support/factories';
import { useStack } from './support/stack';
import { TEST_JWT_SECRET } from './support/test-config';

/** Refresh tokens, access tokens, logout and sessions. */
describe('tokens and sessions', () => {
  const stack = useStack();
  const newMember = (input: MemberInput = {}) => createMember(stack.db, { password: PASSWORD, ...input });
  const { login, refresh, sessions } = authRoutes(stack);
  afterEach(() => forgetAddressFailures(stack));

  describe('refresh tokens', () => {
    it('rotates: each refresh answers a new pair and the old token stops working', async () => {
      const m = await newMember();
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
      const m = await newMember();
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

      const family = await stack.db.select().from(refreshTokens).where(eq(refreshTokens.memberId, m.id));
      expect(family.filter((t) => t.revokedAt).length).toBe(2);
    });

    it('lets only one of two simultaneous refreshes of one token succeed', async () => {
      const m = await newMember();
      const pair = (await login(m.email, m.password).expect(200)).body;
      const answers = await Promise.all([
        refresh(pair.refreshToken),
        refresh(pair.refreshToken),
        refresh(pair.refreshToken),
      ]);
      expect(answers.map((r) => r.status).sort()).toEqual([200, 401, 401]);
      const live = await stack.db
        .select()
        .from(refreshTokens)
        .where(and(eq(refreshTokens.memberId, m.id)));
      expect(live.filter((t) => !t.replacedAt && !t.revokedAt)).toHaveLength(0);
    });

    it('refuses an unknown token and a token of a member suspended since', async () => {
      await refresh('x'.repeat(43)).expect(401);
      const m = await newMember();
      const pair = (await login(m.email, m.password).expect(200)).body;
      await stack.db.update(members).set({ status: 'suspended' }).where(eq(members.id, m.id));
      await refresh(pair.refreshToken).expect(401);
    });

    it('keeps the end a login had at sign-in, however often it is refreshed', async () => {
      const m = await newMember();
      const pair = (await login(m.email, m.password).expect(200)).body;
      const [signedIn] = await stack.db.select().from(refreshTokens).where(eq(refreshTokens.memberId, m.id));
      expect(signedIn.expiresAt.getTime() - Date.now()).toBeGreaterThan(
        stack.config.auth.refreshTtlSeconds * 1000 - 60_000,
      );
      // Signed in long ago: an hour of the login is left.
      const end = new Date(Date.now() + 3_600_000);
      await stack.db.update(refreshTokens).set({ expiresAt: end }).where(eq(refreshTokens.id, signedIn.id));

      expect(pair.refreshExpiresIn).toBeGreaterThan(stack.config.auth.refreshTtlSeconds - 60);
      const renewed = (await refresh(pair.refreshToken).expect(200)).body;
      // The answer says how long is left, so a client knows when to ask for the password.
      expect(renewed.refreshExpiresIn).toBeGreaterThan(3_500);
      expect(renewed.refreshExpiresIn).toBeLessThanOrEqual(3_600);
      await refresh(renewed.refreshToken).expect(200);
      const family = await stack.db.select().from(refreshTokens).where(eq(refreshTokens.familyId, signedIn.familyId));
      expect(family).toHaveLength(3);
      expect(family.map((t) => t.expiresAt.getTime())).toEqual([end.getTime(), end.getTime(), end.getTime()]);
    });

    it('refuses an expired refresh token', async () => {
      const m = await newMember();
      const pair = (await login(m.email, m.password).expect(200)).body;
      await stack.db
        .update(refreshTokens)
        .set({ expiresAt: new Date(Date.now() - 1000) })
        .where(eq(refreshTokens.memberId, m.id));
      await refresh(pair.refreshToken).expect(401);
    });
  });

  describe('logout and sessions', () => {
    it('logout ends that login only, its access token included', async () => {
      const m = await newMember();
      const phone = (await login(m.email, m.password).expect(200)).body;
      const laptop = (await login(m.email, m.password).expect(200)).body;
      expect((await sessions(laptop.accessToken).expect(200)).body.total).toBe(2);

      await stack.http().post('/auth/logout').send({ refreshToken: phone.refreshToken }).expect(401);
      await stack
        .http()
        .post('/auth/logout')
        .set('Authorization', `Bearer ${phone.accessToken}`)
        .send({ refreshToken: phone.refreshToken })
        .expect(204);
      await refresh(phone.refreshToken).expect(401);
      await sessions(phone.accessToken).expect(401);
      await refresh(laptop.refreshToken).expect(200);
      await sessions(laptop.accessToken).expect(200);
    });

    it("logout with somebody else's refresh token changes nothing", async () => {
      const a = await newMember();
      const b = await newMember();
      const aPair = (await login(a.email, a.password).expect(200)).body;
      const bPair = (await login(b.email, b.password).expect(200)).body;
      await stack
        .http()
        .post('/auth/logout')
        .set('Authorization', `Bearer ${aPair.accessToken}`)
        .send({ refreshToken: bPair.refreshToken })
        .expect(204);
      await refresh(bPair.refreshToken).expect(200);
    });

    it('lists own live sessions with their devices and ends one by id', async () => {
      const m = await newMember();
      const iPhone =
        'Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Mobile/15E148 Safari/604.1';
      const phone = (await login(m.email, m.password).set('User-Agent', iPhone).expect(200)).body;
      const laptop = (await login(m.email, m.password).set('User-Agent', 'curl/8.5.0').expect(200)).body;
      const phoneNow = (await refresh(phone.refreshToken).set('User-Agent', 'something else').expect(200)).body;
      const list = (await sessions(laptop.accessToken).expect(200)).body;
      expect(list).toEqual({
        items: [
          {
            id: expect.any(String),
            device: 'Safari on iPhone',
            startedAt: expect.any(String),
            lastRefreshedAt: expect.any(String),
            expiresAt: expect.any(String),
            current: false,
          },
          expect.objectContaining({ device: 'curl', current: true }),
        ],
        nextCursor: null,
        total: 2,
      });
      // Newest first: the phone has just refreshed.
      const phoneSession = list.items[0];
      expect(new Date(phoneSession.lastRefreshedAt).getTime()).toBeGreaterThan(
        new Date(phoneSession.startedAt).getTime(),
      );
      // The phone's access tokens from before and after its refresh belong to the same login.
      await sessions(phone.accessToken).expect(200);

      await stack
        .http()
        .delete(`/auth/sessions/${phoneSession.id}`)
        .set('Authorization', `Bearer ${laptop.accessToken}`)
        .expect(204);
      await refresh(phoneNow.refreshToken).expect(401);
      await sessions(phoneNow.accessToken).expect(401);
      await sessions(phone.accessToken).expect(401);
      expect((await sessions(laptop.accessToken).expect(200)).body.total).toBe(1);

      // Another member's session id is not found for me.
      const other = await newMember();
      const otherPair = (await login(other.email, other.password).expect(200)).body;
      const otherId = (await sessions(otherPair.accessToken).expect(200)).body.items[0].id;
      await stack
        .http()
        .delete(`/auth/sessions/${otherId}`)
        .set('Authorization', `Bearer ${laptop.accessToken}`)
        .expect(404);
      await refresh(otherPair.refreshToken).expect(200);
    });

    it('"Sign out everywhere else" ends every other login at once, keeps this one and leaves other members alone', async () => {
      const m = await newMember();
      const here = (await login(m.email, m.password).set('User-Agent', 'curl/8.5.0').expect(200)).body;
      const phone = (await login(m.email, m.password).expect(200)).body;
      const tablet = (await login(m.email, m.password).expect(200)).body;
      const other = await newMember();
      const otherPair = (await login(other.email, other.password).expect(200)).body;

      const res = await stack
        .http()
        .post('/auth/sessions/sign-out-others')
        .set('Authorization', `Bearer ${here.accessToken}`)
        .expect(200);
      expect(res.body).toEqual({ ended: 2 });
      await sessions(phone.accessToken).expect(401);
      await refresh(tablet.refreshToken).expect(401);
      expect((await sessions(here.accessToken).expect(200)).body.items).toEqual([
        expect.objectContaining({ current: true }),
      ]);
      await refresh(otherPair.refreshToken).expect(200);
      const audit = await stack.db
        .select()
        .from(auditLog)
        .where(and(eq(auditLog.entityId, m.id), eq(auditLog.action, 'sign-out-others')));
      expect(audit).toEqual([expect.objectContaining({ actorId: m.id, after: { sessionsEnded: 2 } })]);
      await stack.http().post('/auth/sessions/sign-out-others').expect(401);
    });
  });

  describe('access tokens', () => {
    let m: TestMember;
    beforeAll(async () => {
      m = await newMember();
    });

    it('accepts a well-formed token signed with the secret (control for the cases below)', async () => {
      await sessions(signAccess({ sub: m.id, sid: await openSession(stack.db, m.id) }, TEST_JWT_SECRET)).expect(200);
    });

    it('refuses a token that names no login, or a login of another member', async () => {
      await sessions(signAccess({ sub: m.id })).expect(401);
      await sessions(signAccess({ sub: m.id, sid: 'not-a-uuid' })).expect(401);
      const other = await newMember();
      await sessions(signAccess({ sub: m.id, sid: await openSession(stack.db, other.id) })).expect(401);
    });

    it('refuses no token and a garbage token', async () => {
      await stack.http().get('/auth/sessions').expect(401);
      await sessions('not.a.jwt').expect(401);
    });

    it('refuses an expired token', async () => {
      const past = Math.floor(Date.now() / 1000) - 60;
      await sessions(
        signAccess({ sub: m.id, sid: await openSession(stack.db, m.id), iat: past - 900, exp: past }),
      ).expect(401);
    });

    it('refuses a token signed with another secret', async () => {
      await sessions(
        signAccess({ sub: m.id, sid: await openSession(stack.db, m.id) }, 'another-secret-that-is-also-long-enough-x'),
      ).expect(401);
    });

    it('refuses a token with alg none', async () => {
      const part = (o: object) => Buffer.from(JSON.stringify(o)).toString('base64url');
      const now = Math.floor(Date.now() / 1000);
      const unsigned = `${part({ alg: 'none', typ: 'JWT' })}.${part({ sub: m.id, sid: await openSession(stack.db, m.id), typ: 'access', iss: ACCESS_TOKEN.issuer, aud: ACCESS_TOKEN.audience, iat: now, exp: now + 600 })}.`;
      await sessions(unsigned).expect(401);
    });

    it('refuses a token of another type or audience', async () => {
      await sessions(signAccess({ sub: m.id, sid: await openSession(stack.db, m.id), typ: 'refresh' })).expect(401);
      const wrongAudience = new JwtService().sign(
        { sub: m.id, sid: await openSession(stack.db, m.id), typ: 'access' },
        { secret: TEST_JWT_SECRET, algorithm: 'HS256', issuer: ACCESS_TOKEN.issuer, audience: 'someone-else' },
      );
      await sessions(wrongAudience).expect(401);
    });

    it('refuses a refresh token used as an access token', async () => {
      const pair = (await login(m.email, m.password).expect(200)).body;
      await sessions(pair.refreshToken).expect(401);
    });

    it("refuses a suspended member's still-valid token at once", async () => {
      const s = await newMember();
      const pair = (await login(s.email, s.password).expect(200)).body;
      await sessions(pair.accessToken).expect(200);
      await stack.db.update(members).set({ status: 'suspended' }).where(eq(members.id, s.id));
      await sessions(pair.accessToken).expect(401);
    });
  });

  describe("secretariat ends a member's sessions", () => {
    it('is refused to a member (403) and done for the secretariat, audited', async () => {
      const target = await newMember();
      const plain = await newMember();
      const secretary = await newMember({ role: 'secretariat' });
      const targetPair = (await login(target.email, target.password).expect(200)).body;
      const plainPair = (await login(plain.email, plain.password).expect(200)).body;
      const secretaryPair = (await login(secretary.email, secretary.password).expect(200)).body;

      const denied = await stack
        .http()
        .delete(`/members/${target.id}/sessions`)
        .set('Authorization', `Bearer ${plainPair.accessToken}`)
        .expect(403);
      expect(denied.body).toMatchObject({ statusCode: 403, error: 'Forbidden' });
      await sessions(targetPair.accessToken).expect(200);
      await stack
        .http()
        .delete(`/members/${target.id}/sessions`)
        .set({ Authorization: `Bearer ${secretaryPair.accessToken}`, 'X-Request-Id': 'end-sessions-1' })
        .expect(204);
      await refresh(targetPair.refreshToken).expect(401);
      await sessions(targetPair.accessToken).expect(401);

      const audit = await stack.db
        .select()
        .from(auditLog)
        .where(and(eq(auditLog.entityId, target.id), eq(auditLog.action, 'end-sessions')));
      expect(audit).toEqual([
        expect.objectContaining({
          actorId: secretary.id,
          entity: 'member',
          after: { sessionsEnded: 1 },
          requestId: 'end-sessions-1',
        }),
      ]);

      await stack
        .http()
        .delete('/members/00000000-0000-4000-8000-000000000000/sessions')
        .set('Authorization', `Bearer ${secretaryPair.accessToken}`)
        .expect(404);
      await stack
        .http()
        .delete('/members/not-a-uuid/sessions')
        .set('Authorization', `Bearer ${secretaryPair.accessToken}`)
        .expect(400);
    });
  });

  describe('OpenAPI', () => {
    it('lists the auth routes with their bodies and answers', async () => {
      const doc = (await stack.http().get('/docs-json').expect(200)).body;
      for (const path of [
        '/auth/login',
        '/auth/refresh',
        '/auth/logout',
        '/auth/activate',
        '/auth/password-reset',
        '/auth/password-reset/confirm',
      ]) {
        expect(doc.paths[path]?.post).toBeDefined();
      }
      expect(doc.paths['/auth/sessions'].get).toBeDefined();
      expect(doc.paths['/members/{id}/sessions'].delete).toBeDefined();
      expect(doc.paths['/auth/login'].post.requestBody.content['application/json'].schema.$ref).toBe(
        '#/components/schemas/LoginDto',
      );
      expect(doc.paths['/auth/login'].post.responses['200'].content['application/json'].schema.$ref).toBe(
        '#/components/schemas/TokenPairDto',
      );
      expect(Object.keys(doc.components.schemas.LoginDto.properties)).toEqual(['email', 'password']);
      expect(Object.keys(doc.components.schemas.NewPasswordDto.properties)).toEqual(['token', 'password']);
      expect(Object.keys(doc.components.schemas.TokenPairDto.properties)).toEqual([
        'accessToken',
        'refreshToken',
        'expiresIn',
        'refreshExpiresIn',
        'user',
      ]);
      expect(doc.paths['/auth/password'].put.requestBody.content['application/json'].schema.$ref).toBe(
        '#/components/schemas/ChangePasswordDto',
      );
      expect(Object.keys(doc.components.schemas.ChangePasswordDto.properties)).toEqual([
        'currentPassword',
        'newPassword',
      ]);
    });
  });
});
