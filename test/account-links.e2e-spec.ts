import { members, notices } from '@seg/db';
import { and, eq } from 'drizzle-orm';
import { forgetAddressFailures, linkTokenInEmail, PASSWORD } from './support/auth';
import { createMember, loggedIn, TestMember, uniqueEmail } from './support/factories';
import { useStack } from './support/stack';
import { uniqueName } from './support/test-config';

/**
 * Issue 19, item 3: every one-time link (activation, password reset, email change, sign-in)
 * carries the account's security stamp, which changes with its email, password, status and role;
 * any such change kills every link sent before it.
 */
describe('one-time links die with the state they were made for', () => {
  const stack = useStack({ smtp: true, worker: true });
  let secretariat: { Authorization: string };
  afterEach(() => forgetAddressFailures(stack));

  beforeAll(async () => {
    secretariat = (await loggedIn(stack.db, stack.config, { role: 'secretariat' })).auth;
  });

  const patchMember = (id: string, body: Record<string, unknown>) =>
    stack.http().patch(`/members/${id}`).set(secretariat).send(body).expect(200);
  const usable = async (token: string, purpose: string) =>
    (await stack.http().post('/auth/link-status').send({ token, purpose }).expect(200)).body.usable as boolean;
  const refusedToken = (res: { body: { details?: unknown } }) =>
    expect(res.body.details).toEqual([{ field: 'token', message: 'is not valid, has been used or has expired' }]);

  /** Asks for a reset link as the member would, and reads it from the email (the `count`th to them). */
  async function resetLink(member: { email: string }, count = 1): Promise<string> {
    const asked = await stack.http().post('/auth/password-reset').send({ email: member.email }).expect(202);
    // The same answer, with a body the API document describes, whether or not the address is a member's.
    expect(asked.body).toEqual({ message: expect.stringMatching(/^If this address is a current member's/) });
    return linkTokenInEmail(stack, member.email, '/reset-password', count);
  }

  function resetWith(token: string) {
    return stack.http().post('/auth/password-reset/confirm').send({ token, password: 'a new password by the sea' });
  }

  it("an invited member's corrected email: the old activation link is refused, the new address gets one that works", async () => {
    const wrong = `${uniqueName('typo')}@wrong.test`.toLowerCase();
    const right = `${uniqueName('typo')}@right.test`.toLowerCase();
    const created = (
      await stack
        .http()
        .post('/members')
        .set(secretariat)
        .send({ email: wrong, name: 'Tomos Typo', category: 'prison-gp' })
        .expect(201)
    ).body;
    const oldToken = await linkTokenInEmail(stack, wrong, '/activate');
    expect(await usable(oldToken, 'activation')).toBe(true);

    const corrected = await patchMember(created.id, { email: right });
    expect(corrected.body).toMatchObject({ email: right, status: 'invited' });

    // The stranger at the wrong address cannot activate (nor sign in as) the member.
    expect(await usable(oldToken, 'activation')).toBe(false);
    const stolen = await stack
      .http()
      .post('/auth/activate')
      .send({ token: oldToken, password: 'the stranger at the wrong address' })
      .expect(400);
    refusedToken(stolen);
    await stack
      .http()
      .post('/auth/login')
      .send({ email: right, password: 'the stranger at the wrong address' })
      .expect(401);

    // The corrected address gets a fresh activation email, through the outbox, and it works.
    const newToken = await linkTokenInEmail(stack, right, '/activate');
    const mail = stack.sink.to(right)[0];
    expect(mail.parsed.subject).toBe('Your SEG Network account: choose a password');
    await stack.noticesSettled();
    const outbox = await stack.db
      .select({ to: notices.toEmail, status: notices.status })
      .from(notices)
      .where(and(eq(notices.memberId, created.id), eq(notices.kind, 'activation')))
      .orderBy(notices.createdAt);
    expect(outbox).toEqual([
      { to: wrong, status: 'sent' },
      { to: right, status: 'sent' },
    ]);
    const activated = await stack
      .http()
      .post('/auth/activate')
      .send({ token: newToken, password: 'the member at the right address' })
      .expect(200);
    expect(activated.body.user).toMatchObject({ id: created.id, email: right, status: 'active' });
    expect(stack.sink.to(wrong)).toHaveLength(1);
  });

  it('a password reset link dies when the email changes', async () => {
    const member = await createMember(stack.db, { password: PASSWORD, name: 'Moving Meinir' });
    const token = await resetLink(member);
    const newEmail = uniqueEmail('moved');
    await patchMember(member.id, { email: newEmail });
    const confirm = await linkTokenInEmail(stack, newEmail, '/confirm-email');
    // The email-change link itself is not killed by the reset link, nor the reset link by asking.
    expect(await usable(token, 'password-reset')).toBe(true);
    await stack.http().post('/auth/email-change').send({ token: confirm }).expect(200);

    expect(await usable(token, 'password-reset')).toBe(false);
    refusedToken(await resetWith(token).expect(400));
    await stack.http().post('/auth/login').send({ email: newEmail, password: PASSWORD }).expect(200);
  });

  it('a password reset link dies when the password changes', async () => {
    const { member, auth } = await loggedIn(stack.db, stack.config, { password: PASSWORD });
    const token = await resetLink(member);
    await stack
      .http()
      .put('/auth/password')
      .set(auth)
      .send({ currentPassword: PASSWORD, newPassword: 'the password I chose myself' })
      .expect(204);

    expect(await usable(token, 'password-reset')).toBe(false);
    refusedToken(await resetWith(token).expect(400));
    await stack
      .http()
      .post('/auth/login')
      .send({ email: member.email, password: 'the password I chose myself' })
      .expect(200);
  });

  it('a password reset link dies with a suspension, and stays dead after reactivation', async () => {
    const member = await createMember(stack.db, { password: PASSWORD });
    const token = await resetLink(member);
    await patchMember(member.id, { status: 'suspended' });
    await resetWith(token).expect(410);
    await patchMember(member.id, { status: 'active' });

    expect(await usable(token, 'password-reset')).toBe(false);
    refusedToken(await resetWith(token).expect(400));
    await stack.http().post('/auth/login').send({ email: member.email, password: PASSWORD }).expect(200);
  });

  it('a pending email-change link dies with a suspension, and stays dead after reactivation', async () => {
    const member = await createMember(stack.db, { password: PASSWORD });
    const newEmail = uniqueEmail('pending');
    await patchMember(member.id, { email: newEmail });
    const token = await linkTokenInEmail(stack, newEmail, '/confirm-email');
    await patchMember(member.id, { status: 'suspended' });
    await patchMember(member.id, { status: 'active' });

    expect(await usable(token, 'email-change')).toBe(false);
    refusedToken(await stack.http().post('/auth/email-change').send({ token }).expect(400));
    const [row] = await stack.db.select({ email: members.email }).from(members).where(eq(members.id, member.id));
    expect(row.email).toBe(member.email);
  });

  it('a role change kills every outstanding link; a change of other details kills none', async () => {
    const member: TestMember = await createMember(stack.db, { password: PASSWORD, name: 'Promoted Prys' });
    const reset = await resetLink(member);
    await stack.http().post('/auth/sign-in-link').send({ email: member.email }).expect(202);
    const signIn = await linkTokenInEmail(stack, member.email, '/sign-in-link', 2);
    const newEmail = uniqueEmail('promoted');
    await patchMember(member.id, { email: newEmail });
    const emailChange = await linkTokenInEmail(stack, newEmail, '/confirm-email');

    await patchMember(member.id, { name: 'Promoted Prys Jones', phone: '029 2000 0000', listed: false });
    expect(await usable(reset, 'password-reset')).toBe(true);
    expect(await usable(signIn, 'sign-in')).toBe(true);
    expect(await usable(emailChange, 'email-change')).toBe(true);

    await patchMember(member.id, { role: 'secretariat' });
    expect(await usable(reset, 'password-reset')).toBe(false);
    expect(await usable(signIn, 'sign-in')).toBe(false);
    expect(await usable(emailChange, 'email-change')).toBe(false);
    refusedToken(await resetWith(reset).expect(400));
    refusedToken(await stack.http().post('/auth/sign-in-link/confirm').send({ token: signIn }).expect(400));
    refusedToken(await stack.http().post('/auth/email-change').send({ token: emailChange }).expect(400));
  });

  it('the stamp is changed by the database, whoever writes the email, password, status or role', async () => {
    const member = await createMember(stack.db, { password: PASSWORD });
    const stamp = async () =>
      (await stack.db.select({ s: members.securityStamp }).from(members).where(eq(members.id, member.id)))[0].s;
    const first = await stamp();
    await stack.db.update(members).set({ bio: 'A prison GP in Swansea' }).where(eq(members.id, member.id));
    expect(await stamp()).toBe(first);
    const seen = new Set([first]);
    for (const change of [
      { email: uniqueEmail('direct') },
      { passwordHash: 'another hash' },
      { status: 'suspended' as const },
      { role: 'secretariat' as const },
    ]) {
      await stack.db.update(members).set(change).where(eq(members.id, member.id));
      const now = await stamp();
      expect(seen.has(now)).toBe(false);
      seen.add(now);
    }
  });
});
