import { JwtService } from '@nestjs/jwt';
import { ACCESS_TOKEN } from '@seg/auth';
import { auditLog, members, refreshTokens } from '@seg/db';
import * as argon2 from 'argon2';
import { eq } from 'drizzle-orm';
import { LOGIN_LIMITS } from '../apps/api/src/auth/login-throttle';
import { PasswordHasher } from '../apps/api/src/auth/password-hasher';
import { ApiHarness } from './support/api-harness';
import { authRoutes, forgetAddressFailures, PASSWORD, withoutRequestId } from './support/auth';
import { createMember, MemberInput } from './support/factories';
import { eventually } from './support/poll';
import { useStack } from './support/stack';
import { TEST_JWT_SECRET, uniqueName } from './support/test-config';

/** Logging in, and the throttle on failed logins. */
describe('login', () => {
  const stack = useStack();
  const newMember = (input: MemberInput = {}) => createMember(stack.db, { password: PASSWORD, ...input });
  const { login, sessions } = authRoutes(stack);
  afterEach(() => forgetAddressFailures(stack));

  describe('login', () => {
    it('answers a token pair and the member', async () => {
      const m = await newMember();
      const res = await login(m.email.toUpperCase(), m.password).expect(200);
      expect(res.body).toEqual({
        accessToken: expect.any(String),
        refreshToken: expect.stringMatching(/^[A-Za-z0-9_-]{43}$/),
        expiresIn: 900,
        refreshExpiresIn: expect.any(Number),
        user: { id: m.id, email: m.email, name: m.name, role: 'member', status: 'active', isSecretariat: false },
      });
      const claims = new JwtService().verify(res.body.accessToken, { secret: TEST_JWT_SECRET, algorithms: ['HS256'] });
      expect(claims).toMatchObject({ sub: m.id, typ: 'access', iss: ACCESS_TOKEN.issuer, aud: ACCESS_TOKEN.audience });
      expect(claims.exp - claims.iat).toBe(900);
      await sessions(res.body.accessToken).expect(200);

      // Only the hash of the refresh token is stored.
      const stored = await stack.db.select().from(refreshTokens).where(eq(refreshTokens.memberId, m.id));
      expect(stored).toHaveLength(1);
      expect(stored[0].tokenHash).not.toContain(res.body.refreshToken);
      expect(stored[0].expiresAt.getTime() - Date.now()).toBeGreaterThan(29 * 24 * 3600 * 1000);
    });

    it('gives one answer for an unknown email, a wrong password and a member not active', async () => {
      const active = await newMember();
      const invited = await createMember(stack.db, { status: 'invited' });
      const suspended = await newMember({ status: 'suspended' });
      const unknown = await login(`${uniqueName('nobody')}@example.org`, PASSWORD).expect(401);
      const wrong = await login(active.email, 'not the right password').expect(401);
      const notActivated = await login(invited.email, PASSWORD).expect(401);
      const notActive = await login(suspended.email, PASSWORD).expect(401);
      expect(withoutRequestId(unknown.body)).toEqual({
        statusCode: 401,
        error: 'Unauthorized',
        message: 'Wrong email or password',
      });
      for (const res of [wrong, notActivated, notActive])
        expect(withoutRequestId(res.body)).toEqual(withoutRequestId(unknown.body));
    });

    it('runs the same password verification for an unknown email as for a wrong password (counted, not timed)', async () => {
      const m = await newMember();
      const invited = await createMember(stack.db, { status: 'invited' });
      const hasher = stack.api.app.get(PasswordHasher);
      const verify = jest.spyOn(hasher.argon2, 'verify');
      /** The argon2 verifications one refused login ran: the hash's settings and lengths, the password tried. */
      const work = async (email: string, password: string) => {
        verify.mockClear();
        await login(email, password).expect(401);
        const runs = verify.mock.calls.map(([hash, tried], i) => ({ hash, tried, result: verify.mock.results[i] }));
        for (const run of runs) await expect(run.result.value).resolves.toBe(false);
        return runs;
      };
      const shape = (hash: string) => {
        const [, type, version, settings, salt, digest] = hash.split('$');
        return { type, version, settings, saltLength: salt.length, digestLength: digest.length };
      };
      try {
        for (const password of ['not the right password', 'cafe\u0301 not the right one']) {
          const known = await work(m.email, password);
          const unknown = await work(`${uniqueName('nobody')}@example.org`, password);
          const neverActivated = await work(invited.email, password);
          // As many verifications (two when the password's normal form differs), of the same passwords.
          expect(known.length).toBe(password.normalize('NFKC') === password ? 1 : 2);
          for (const other of [unknown, neverActivated]) {
            expect(other.map((r) => r.tried)).toEqual(known.map((r) => r.tried));
            // Against a hash made with the same settings as a member's: the same cost, not a shortcut.
            for (const [i, run] of other.entries()) {
              expect(run.hash).not.toBe(m.passwordHash);
              expect(shape(run.hash as string)).toEqual(shape(known[i].hash as string));
            }
          }
          expect(known.every((r) => r.hash === m.passwordHash)).toBe(true);
        }
      } finally {
        verify.mockRestore();
      }
    });

    it('upgrades a hash made with weaker settings at the next login', async () => {
      const m = await newMember();
      const weak = await argon2.hash(m.password, {
        type: argon2.argon2id,
        memoryCost: 4096,
        timeCost: 1,
        parallelism: 1,
      });
      await stack.db.update(members).set({ passwordHash: weak }).where(eq(members.id, m.id));
      await login(m.email, m.password).expect(200);
      const [row] = await stack.db
        .select({ passwordHash: members.passwordHash })
        .from(members)
        .where(eq(members.id, m.id));
      expect(row.passwordHash).toMatch(/^\$argon2id\$v=19\$m=19456,p=1,t=2\$/);
      await login(m.email, m.password).expect(200);
    });

    it('names a malformed field', async () => {
      const res = await stack
        .http()
        .post('/auth/login')
        .send({ email: 'not-an-email', password: PASSWORD, remember: true })
        .expect(400);
      expect(res.body.details.map((d: { field: string }) => d.field).sort()).toEqual(['email', 'remember']);
    });
  });

  describe('throttling', () => {
    it('refuses an account after repeated failures, even with the right password, with Retry-After', async () => {
      const m = await newMember();
      for (let i = 0; i < LOGIN_LIMITS.perAccountAndAddress; i++)
        await login(m.email, 'not the right password').expect(401);
      const res = await login(m.email, m.password).expect(429);
      expect(res.body).toMatchObject({ statusCode: 429, error: 'Too Many Requests' });
      const retryAfter = Number(res.headers['retry-after']);
      expect(retryAfter).toBeGreaterThan(0);
      expect(retryAfter).toBeLessThanOrEqual(LOGIN_LIMITS.windowSeconds);

      // Another member from the same address is not locked out by it.
      const other = await newMember();
      await login(other.email, other.password).expect(200);
    });

    it('counts a burst of parallel guesses before checking them', async () => {
      const m = await newMember();
      const answers = await Promise.all(Array.from({ length: 12 }, () => login(m.email, 'not the right password')));
      const statuses = answers.map((r) => r.status);
      expect(statuses.filter((s) => s === 401)).toHaveLength(LOGIN_LIMITS.perAccountAndAddress);
      expect(statuses.filter((s) => s === 429)).toHaveLength(12 - LOGIN_LIMITS.perAccountAndAddress);
    });

    it('a successful login clears the account failures', async () => {
      const m = await newMember();
      for (let i = 0; i < LOGIN_LIMITS.perAccountAndAddress - 1; i++)
        await login(m.email, 'not the right password').expect(401);
      await login(m.email, m.password).expect(200);
      for (let i = 0; i < LOGIN_LIMITS.perAccountAndAddress - 1; i++)
        await login(m.email, 'not the right password').expect(401);
      await login(m.email, m.password).expect(200);
    });

    it('refuses a client address after failures across many accounts', async () => {
      for (let i = 0; i < LOGIN_LIMITS.perAddress; i++) {
        await login(`${uniqueName('spray')}@example.org`, 'not the right password').expect(401);
      }
      const m = await newMember();
      const res = await login(m.email, m.password).expect(429);
      expect(Number(res.headers['retry-after'])).toBeGreaterThan(0);
    });
  });
});

describe('first admin', () => {
  const email = `${uniqueName('chair')}@example.org`;
  const stack = useStack({
    api: false,
    env: { SEG_ADMIN_EMAIL: email, SEG_ADMIN_PASSWORD: 'the first admin passphrase' },
  });
  const apis: ApiHarness[] = [];

  it('is created once when two APIs start together, and can log in', async () => {
    apis.push(...(await Promise.all([stack.startApi(), stack.startApi()])));
    const rows = await apis[0].db.select().from(members).where(eq(members.email, email));
    expect(rows).toEqual([expect.objectContaining({ role: 'admin', status: 'active' })]);
    expect(rows[0].passwordHash).toMatch(/^\$argon2id\$v=19\$m=19456,p=1,t=2\$/);
    const audit = await apis[0].db.select().from(auditLog).where(eq(auditLog.entityId, rows[0].id));
    expect(audit).toHaveLength(1);

    const res = await apis[1]
      .http()
      .post('/auth/login')
      .send({ email, password: 'the first admin passphrase' })
      .expect(200);
    expect(res.body.user).toMatchObject({ email, role: 'admin' });

    // A third start finds the admin there and leaves it alone.
    apis.push(await stack.startApi());
    expect(await apis[2].db.select().from(members).where(eq(members.email, email))).toHaveLength(1);
  });
});

describe('login throttling behind a reverse proxy', () => {
  const stack = useStack({ env: { TRUST_PROXY: '1' } });
  const newMember = (input: MemberInput = {}) => createMember(stack.db, { password: PASSWORD, ...input });

  it('counts failures per forwarded client address, not per proxy', async () => {
    const from = (address: string, email: string, password: string) =>
      stack.http().post('/auth/login').set('X-Forwarded-For', address).send({ email, password });
    for (let i = 0; i < LOGIN_LIMITS.perAddress; i++) {
      await from('203.0.113.7', `${uniqueName('spray')}@example.org`, 'not the right password').expect(401);
    }
    const m = await newMember();
    await from('203.0.113.7', m.email, m.password).expect(429);
    await from('198.51.100.20', m.email, m.password).expect(200);
  });

  it('lets nobody lock someone else out: a blocked address counts against no account', async () => {
    const from = (address: string, email: string, password: string) =>
      stack.http().post('/auth/login').set('X-Forwarded-For', address).send({ email, password });
    const victim = await newMember();
    for (let i = 0; i < 32; i++)
      await from('203.0.113.66', `${uniqueName('spray')}@example.org`, 'not the right password');
    for (let i = 0; i < 6; i++) await from('203.0.113.66', victim.email, 'not the right password').expect(429);
    await from('198.51.100.66', victim.email, victim.password).expect(200);
  });

  it("slows down one address's guesses at an account, not the account's owner elsewhere", async () => {
    const from = (address: string, email: string, password: string) =>
      stack.http().post('/auth/login').set('X-Forwarded-For', address).send({ email, password });
    const victim = await newMember();
    for (let i = 0; i < LOGIN_LIMITS.perAccountAndAddress; i++)
      await from('203.0.113.77', victim.email, 'not the right password').expect(401);
    await from('203.0.113.77', victim.email, victim.password).expect(429);
    await from('198.51.100.77', victim.email, victim.password).expect(200);
  });
});

describe('login while Redis is down', () => {
  const stack = useStack({ ownRedis: true });
  const newMember = (input: MemberInput = {}) => createMember(stack.db, { password: PASSWORD, ...input });

  it('lets members log in without throttling, and throttles again once Redis is back', async () => {
    const m = await newMember();
    await stack.redis.stop();
    const started = Date.now();
    await stack.http().post('/auth/login').send({ email: m.email, password: m.password }).expect(200);
    expect(Date.now() - started).toBeLessThan(10_000);

    await stack.redis.start();
    await eventually(
      'Redis to be back for the API',
      async () => (await stack.http().get('/health')).body.redis === 'up',
    );
    for (let i = 0; i < LOGIN_LIMITS.perAccountAndAddress; i++) {
      await stack.http().post('/auth/login').send({ email: m.email, password: 'not the right password' }).expect(401);
    }
    await stack.http().post('/auth/login').send({ email: m.email, password: m.password }).expect(429);
  });
});
