import { auditLog, members, notices, oneTimeTokens } from '@seg/db';
import { and, eq } from 'drizzle-orm';
import { SIGN_IN_LINK_LIMITS } from '../apps/api/src/auth/account-tokens.service';
import { LOGIN_LIMITS } from '../apps/api/src/auth/login-throttle';
import { linkTokenInEmail, PASSWORD, withoutRequestId } from './support/auth';
import { setClock } from './support/clock';
import { createMember, loggedIn, uniqueEmail } from './support/factories';
import { useStack } from './support/stack';

/**
 * Issue 19, item 4 (OWASP ASVS 2.2.1): a stranger can slow down password sign-in to an account
 * but never lock its owner out. While the account is throttled, the 429 says a sign-in link can be
 * emailed; the link goes only to the account's own address, works once, for 15 minutes.
 */
describe('sign-in links', () => {
  const stack = useStack({ smtp: true, worker: true, env: { TRUST_PROXY: '1' } });
  let run = 0;
  // Each test comes from addresses of its own, and forgets what it counted against them.
  const address = (n: number) => `203.0.${100 + run}.${n}`;
  beforeEach(() => run++);
  afterEach(async () => {
    jest.restoreAllMocks();
    await stack.forgetRedisKeys(`${stack.config.queuePrefix}:auth:*`);
  });

  const login = (from: string, email: string, password: string) =>
    stack.http().post('/auth/login').set('X-Forwarded-For', from).send({ email, password });
  const askForLink = (from: string, email: string) =>
    stack.http().post('/auth/sign-in-link').set('X-Forwarded-For', from).send({ email });
  const useLink = (token: string) => stack.http().post('/auth/sign-in-link/confirm').send({ token });
  const refusedToken = (res: { body: { details?: unknown } }) =>
    expect(res.body.details).toEqual([{ field: 'token', message: 'is not valid, has been used or has expired' }]);

  /** Twenty addresses, five wrong passwords each: the account's ceiling of failures. */
  async function lockOut(email: string): Promise<void> {
    const addresses = LOGIN_LIMITS.perAccount / LOGIN_LIMITS.perAccountAndAddress;
    expect(addresses).toBe(20);
    for (let a = 0; a < addresses; a++)
      for (let i = 0; i < LOGIN_LIMITS.perAccountAndAddress; i++)
        await login(address(a), email, 'a stranger guessing').expect(401);
  }

  it("lets the owner in while a stranger's guesses from 20 addresses throttle the account", async () => {
    const owner = await createMember(stack.db, { password: PASSWORD, name: 'Locked Out Lowri' });
    await lockOut(owner.email);

    const refused = await login(address(200), owner.email, PASSWORD).expect(429);
    expect(withoutRequestId(refused.body)).toEqual({
      statusCode: 429,
      error: 'Too Many Requests',
      message: expect.stringMatching(/^Too many failed attempts; try again in \d+ minutes, or ask for a sign-in link/),
      signInLinkAvailable: true,
    });
    const retryAfter = Number(refused.headers['retry-after']);
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(LOGIN_LIMITS.windowSeconds);

    await askForLink(address(200), owner.email).expect(202);
    const token = await linkTokenInEmail(stack, owner.email, '/sign-in-link');
    const mail = stack.sink.to(owner.email)[0];
    expect(mail.parsed.subject).toBe('Your link to sign in to SEG Network');
    expect(mail.parsed.text).toMatch(/works once, for 15 minutes/);

    const signedIn = await useLink(token).expect(200);
    expect(signedIn.body).toEqual({
      accessToken: expect.any(String),
      refreshToken: expect.stringMatching(/^[A-Za-z0-9_-]{43}$/),
      expiresIn: 900,
      refreshExpiresIn: expect.any(Number),
      user: {
        id: owner.id,
        email: owner.email,
        name: owner.name,
        role: 'member',
        status: 'active',
        isSecretariat: false,
      },
    });
    await stack.http().get('/me').set('Authorization', `Bearer ${signedIn.body.accessToken}`).expect(200);
    await stack.http().post('/auth/refresh').send({ refreshToken: signedIn.body.refreshToken }).expect(200);

    refusedToken(await useLink(token).expect(400));

    // It cleared nothing else: the password and the throttle stay as they were.
    await login(address(201), owner.email, PASSWORD).expect(429);
    const [row] = await stack.db.select().from(members).where(eq(members.id, owner.id));
    expect(row.passwordHash).toBe(owner.passwordHash);
    const audit = await stack.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.entityId, owner.id), eq(auditLog.action, 'sign-in-link')));
    expect(audit).toEqual([expect.objectContaining({ actorId: owner.id })]);
  });

  it('answers an email that is no member the same, and sends nothing', async () => {
    const owner = await createMember(stack.db, { password: PASSWORD });
    const nobody = uniqueEmail('nobody');
    await lockOut(owner.email);
    await lockOut(nobody);
    const forOwner = await login(address(200), owner.email, PASSWORD).expect(429);
    const forNobody = await login(address(200), nobody, PASSWORD).expect(429);
    expect(withoutRequestId(forNobody.body)).toEqual(withoutRequestId(forOwner.body));

    const askedOwner = await askForLink(address(201), owner.email).expect(202);
    const askedNobody = await askForLink(address(201), nobody).expect(202);
    const invited = await createMember(stack.db, { status: 'invited' });
    const askedInvited = await askForLink(address(201), invited.email).expect(202);
    for (const res of [askedNobody, askedInvited]) expect(res.body).toEqual(askedOwner.body);

    await linkTokenInEmail(stack, owner.email, '/sign-in-link');
    await stack.noticesSettled();
    expect(stack.sink.to(nobody)).toEqual([]);
    expect(stack.sink.to(invited.email)).toEqual([]);
    const forInvited = await stack.db.select().from(notices).where(eq(notices.memberId, invited.id));
    expect(forInvited).toEqual([]);
  });

  it("goes only to the account's own address, however the email is written", async () => {
    const owner = await createMember(stack.db, { password: PASSWORD });
    await askForLink(address(1), owner.email.toUpperCase()).expect(202);
    const token = await linkTokenInEmail(stack, owner.email, '/sign-in-link');
    const [notice] = await stack.db
      .select({ to: notices.toEmail })
      .from(notices)
      .where(and(eq(notices.memberId, owner.id), eq(notices.kind, 'sign-in')));
    expect(notice.to).toBe(owner.email);
    await useLink(token).expect(200);
  });

  it('expires 15 minutes after it was made (on the API clock, not waited for)', async () => {
    const owner = await createMember(stack.db, { password: PASSWORD });
    await askForLink(address(1), owner.email).expect(202);
    const token = await linkTokenInEmail(stack, owner.email, '/sign-in-link');
    const [link] = await stack.db
      .select({ madeAt: oneTimeTokens.createdAt, expiresAt: oneTimeTokens.expiresAt })
      .from(oneTimeTokens)
      .where(and(eq(oneTimeTokens.memberId, owner.id), eq(oneTimeTokens.purpose, 'sign-in')));
    // Made in the transaction that began at madeAt, a moment before the API read its clock.
    const lifetime = link.expiresAt.getTime() - link.madeAt.getTime();
    expect(lifetime).toBeGreaterThanOrEqual(15 * 60_000);
    expect(lifetime).toBeLessThan(15 * 60_000 + 5_000);
    const status = async () =>
      (await stack.http().post('/auth/link-status').send({ token, purpose: 'sign-in' }).expect(200)).body.usable;

    setClock(stack.api.app, new Date(link.expiresAt.getTime() - 1000));
    expect(await status()).toBe(true);
    setClock(stack.api.app, link.expiresAt);
    expect(await status()).toBe(false);
    refusedToken(await useLink(token).expect(400));
  });

  it('dies when the password changes', async () => {
    const { member, auth } = await loggedIn(stack.db, stack.config, { password: PASSWORD });
    await askForLink(address(1), member.email).expect(202);
    const token = await linkTokenInEmail(stack, member.email, '/sign-in-link');
    await stack
      .http()
      .put('/auth/password')
      .set(auth)
      .send({ currentPassword: PASSWORD, newPassword: 'a passphrase of my own' })
      .expect(204);
    refusedToken(await useLink(token).expect(400));
  });

  it('is rate-limited: a few emails to a member, the newest one working; a few requests from an address', async () => {
    const owner = await createMember(stack.db, { password: PASSWORD });
    const tokens: string[] = [];
    for (let n = 1; n <= SIGN_IN_LINK_LIMITS.emailsPerMember; n++) {
      await askForLink(address(n), owner.email).expect(202);
      tokens.push(await linkTokenInEmail(stack, owner.email, '/sign-in-link', n));
    }
    for (let i = 0; i < 2; i++) await askForLink(address(10 + i), owner.email).expect(202);
    await stack.noticesSettled();
    expect(stack.sink.to(owner.email)).toHaveLength(SIGN_IN_LINK_LIMITS.emailsPerMember);
    // Each link voids those before it; the newest, within its 15 minutes, lets the owner in.
    for (const old of tokens.slice(0, -1)) refusedToken(await useLink(old).expect(400));
    await useLink(tokens[tokens.length - 1]).expect(200);

    const from = address(100);
    for (let i = 0; i < SIGN_IN_LINK_LIMITS.requestsPerAddress; i++)
      await askForLink(from, uniqueEmail('spray')).expect(202);
    const refused = await askForLink(from, owner.email).expect(429);
    expect(withoutRequestId(refused.body)).toEqual({
      statusCode: 429,
      error: 'Too Many Requests',
      message: expect.stringMatching(/^Too many sign-in links asked for from here; try again in \d+ minutes$/),
    });
    expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
    expect(Number(refused.headers['retry-after'])).toBeLessThanOrEqual(SIGN_IN_LINK_LIMITS.windowSeconds);
    await askForLink(address(101), uniqueEmail('other')).expect(202);
  });
});
