import { auditLog, notices } from '@seg/db';
import { and, eq } from 'drizzle-orm';
import { LOGIN_LIMITS } from '../apps/api/src/auth/login-throttle';
import { authRoutes, forgetAddressFailures, linkTokenInEmail, PASSWORD } from './support/auth';
import { createMember, MemberInput } from './support/factories';
import { eventually } from './support/poll';
import { useStack } from './support/stack';
import { uniqueName } from './support/test-config';

/** Changing a password, and resetting a forgotten one. */
describe('passwords', () => {
  const stack = useStack();
  const newMember = (input: MemberInput = {}) => createMember(stack.db, { password: PASSWORD, ...input });
  const { login, refresh, sessions } = authRoutes(stack);
  afterEach(() => forgetAddressFailures(stack));

  describe('changing the password', () => {
    const change = (accessToken: string, body: object) =>
      stack
        .http()
        .put('/auth/password')
        .set({ Authorization: `Bearer ${accessToken}`, 'X-Request-Id': 'change-1' })
        .send(body);

    it('checks the current password and names the field at fault', async () => {
      const m = await newMember();
      const pair = (await login(m.email, m.password).expect(200)).body;
      const wrong = await change(pair.accessToken, {
        currentPassword: 'not the right password',
        newPassword: 'a walk along the Wear',
      }).expect(400);
      expect(wrong.body.details).toEqual([{ field: 'currentPassword', message: 'is not your current password' }]);
      const same = await change(pair.accessToken, { currentPassword: m.password, newPassword: m.password }).expect(400);
      expect(same.body.details).toEqual([{ field: 'newPassword', message: 'must differ from your current password' }]);
      const common = await change(pair.accessToken, {
        currentPassword: m.password,
        newPassword: 'password1234',
      }).expect(400);
      expect(common.body.details).toEqual([{ field: 'newPassword', message: expect.any(String) }]);
      const spaces = await change(pair.accessToken, {
        currentPassword: m.password,
        newPassword: ' '.repeat(12),
      }).expect(400);
      expect(spaces.body.details).toEqual([
        { field: 'newPassword', message: 'must use at least 5 different characters' },
      ]);
      const missing = await change(pair.accessToken, { currentPassword: m.password }).expect(400);
      expect(missing.body.details).toEqual([{ field: 'newPassword', message: 'is required' }]);
      await stack
        .http()
        .put('/auth/password')
        .send({ currentPassword: m.password, newPassword: 'a walk along the Wear' })
        .expect(401);
      await login(m.email, m.password).expect(200);
    });

    it('keeps the login that made the change and ends every other, audited', async () => {
      const m = await newMember();
      const phone = (await login(m.email, m.password).expect(200)).body;
      const laptop = (await login(m.email, m.password).expect(200)).body;
      await change(laptop.accessToken, { currentPassword: m.password, newPassword: 'a walk along the Wear' }).expect(
        204,
      );

      await sessions(laptop.accessToken).expect(200);
      await refresh(laptop.refreshToken).expect(200);
      await sessions(phone.accessToken).expect(401);
      await refresh(phone.refreshToken).expect(401);
      await login(m.email, m.password).expect(401);
      await login(m.email, 'a walk along the Wear').expect(200);

      const audit = await stack.db
        .select()
        .from(auditLog)
        .where(and(eq(auditLog.entityId, m.id), eq(auditLog.action, 'password-change')));
      expect(audit).toEqual([
        expect.objectContaining({ actorId: m.id, after: { sessionsEnded: 1 }, requestId: 'change-1' }),
      ]);
    });

    it('counts wrong current passwords with failed logins', async () => {
      const m = await newMember();
      const pair = (await login(m.email, m.password).expect(200)).body;
      for (let i = 0; i < LOGIN_LIMITS.perAccountAndAddress; i++) {
        await change(pair.accessToken, {
          currentPassword: 'not the right password',
          newPassword: 'a walk along the Wear',
        }).expect(400);
      }
      const res = await change(pair.accessToken, {
        currentPassword: m.password,
        newPassword: 'a walk along the Wear',
      }).expect(429);
      expect(Number(res.headers['retry-after'])).toBeGreaterThan(0);
      await login(m.email, m.password).expect(429);
    });
  });

  describe('password reset', () => {
    const resetTokenOf = (memberId: string) =>
      eventually('a password-reset notice', async () => {
        const rows = await stack.db
          .select()
          .from(notices)
          .where(and(eq(notices.memberId, memberId), eq(notices.kind, 'password-reset')));
        return rows.length ? (rows[rows.length - 1].payload.token as string) : undefined;
      });

    it('answers 202 for unknown and known emails alike; only an active member gets a notice', async () => {
      const active = await newMember();
      const invited = await createMember(stack.db, { status: 'invited' });
      // The invited member asks first: by the time the active member's notice exists, that
      // request's work (a single look-up) has long finished.
      await stack.http().post('/auth/password-reset').send({ email: invited.email }).expect(202);
      const unknown = await stack
        .http()
        .post('/auth/password-reset')
        .send({ email: `${uniqueName('nobody')}@example.org` })
        .expect(202);
      const known = await stack
        .http()
        .post('/auth/password-reset')
        .send({ email: active.email.toUpperCase() })
        .expect(202);
      expect(known.text).toBe(unknown.text);
      await resetTokenOf(active.id);
      const forInvited = await stack.db.select().from(notices).where(eq(notices.memberId, invited.id));
      expect(forInvited).toHaveLength(0);
    });

    it('sets a new password, ends every login of the member, and is single use and audited', async () => {
      const m = await newMember();
      const phone = (await login(m.email, m.password).expect(200)).body;
      const laptop = (await login(m.email, m.password).expect(200)).body;
      await stack.http().post('/auth/password-reset').send({ email: m.email }).expect(202);
      const token = await resetTokenOf(m.id);

      const weak = await stack
        .http()
        .post('/auth/password-reset/confirm')
        .send({ token, password: m.email })
        .expect(400);
      expect(weak.body.details).toEqual([{ field: 'password', message: expect.any(String) }]);
      const spaces = await stack
        .http()
        .post('/auth/password-reset/confirm')
        .send({ token, password: ' '.repeat(12) })
        .expect(400);
      expect(spaces.body.details).toEqual([{ field: 'password', message: 'must use at least 5 different characters' }]);
      await stack
        .http()
        .post('/auth/password-reset/confirm')
        .set('X-Request-Id', 'reset-1')
        .send({ token, password: 'lanterns over the Tyne' })
        .expect(204);

      await refresh(phone.refreshToken).expect(401);
      await refresh(laptop.refreshToken).expect(401);
      await login(m.email, m.password).expect(401);
      await login(m.email, 'lanterns over the Tyne').expect(200);
      // The same passphrase typed in full-width letters is the same password once normalised.
      await login(m.email, 'ｌａｎｔｅｒｎｓ over the Tyne').expect(200);
      await stack
        .http()
        .post('/auth/password-reset/confirm')
        .send({ token, password: 'another new passphrase' })
        .expect(400);

      const audit = await stack.db
        .select()
        .from(auditLog)
        .where(and(eq(auditLog.entityId, m.id), eq(auditLog.action, 'password-reset')));
      expect(audit).toEqual([
        expect.objectContaining({ actorId: m.id, after: { sessionsEnded: 2 }, requestId: 'reset-1' }),
      ]);
    });

    it('refuses a reset token older than an hour', async () => {
      const m = await newMember();
      await stack.http().post('/auth/password-reset').send({ email: m.email }).expect(202);
      const token = await resetTokenOf(m.id);
      await stack.db.execute(
        `update one_time_tokens set expires_at = now() - interval '1 second' where member_id = '${m.id}'`,
      );
      const res = await stack
        .http()
        .post('/auth/password-reset/confirm')
        .send({ token, password: 'lanterns over the Tyne' })
        .expect(400);
      expect(res.body.details[0].field).toBe('token');
    });
  });
});

describe('password emails, through the worker to a real SMTP server', () => {
  const stack = useStack({ smtp: true, worker: true });
  const newMember = (input: MemberInput = {}) => createMember(stack.db, { password: PASSWORD, ...input });
  afterEach(() => forgetAddressFailures(stack));

  it('a member resets the password from the link in the reset email, which ends every other login', async () => {
    const member = await newMember();
    const before = (
      await stack.http().post('/auth/login').send({ email: member.email, password: member.password }).expect(200)
    ).body;

    await stack.http().post('/auth/password-reset').send({ email: member.email }).expect(202);
    const token = await linkTokenInEmail(stack, member.email, '/reset-password');
    expect(stack.sink.to(member.email)[0].parsed.subject).toMatch(/reset/i);

    await stack
      .http()
      .post('/auth/password-reset/confirm')
      .send({ token, password: 'heron by the canal lock' })
      .expect(204);
    await stack.http().post('/auth/refresh').send({ refreshToken: before.refreshToken }).expect(401);
    await stack.http().get('/me').set('Authorization', `Bearer ${before.accessToken}`).expect(401);
    await stack.http().post('/auth/login').send({ email: member.email, password: member.password }).expect(401);
    await stack
      .http()
      .post('/auth/login')
      .send({ email: member.email, password: 'heron by the canal lock' })
      .expect(200);
    await stack
      .http()
      .post('/auth/password-reset/confirm')
      .send({ token, password: 'a second new passphrase' })
      .expect(400);

    // Nobody gets an email for an address that is not a member's.
    const stranger = `${uniqueName('stranger')}@example.org`;
    await stack.http().post('/auth/password-reset').send({ email: stranger }).expect(202);
    await stack.http().post('/auth/password-reset').send({ email: member.email }).expect(202);
    await linkTokenInEmail(stack, member.email, '/reset-password', 2);
    expect(stack.sink.to(stranger)).toHaveLength(0);
  });

  it('a member who changes their password is told by email, with a way back if it was not them', async () => {
    const member = await newMember();
    const pair = (
      await stack.http().post('/auth/login').send({ email: member.email, password: member.password }).expect(200)
    ).body;
    await stack
      .http()
      .put('/auth/password')
      .set('Authorization', `Bearer ${pair.accessToken}`)
      .send({ currentPassword: member.password, newPassword: 'kittiwakes on the quay' })
      .expect(204);

    const mail = await stack.sink.waitForMailTo(member.email);
    expect(mail.parsed.subject).toBe('Your SEG Network password was changed');
    expect(mail.parsed.text).toContain(`Dear ${member.name},`);
    expect(mail.parsed.text).toMatch(/changed on \w+day \d{1,2} \w+ \d{4}, \d{2}:\d{2} (GMT|BST)/);
    expect(mail.parsed.text).toContain(`${stack.config.publicUrl}/reset-password`);
    expect(mail.parsed.html).toContain(`href="${stack.config.publicUrl}/reset-password"`);
    // A failed attempt changes nothing and sends nothing.
    await stack
      .http()
      .put('/auth/password')
      .set('Authorization', `Bearer ${pair.accessToken}`)
      .send({ currentPassword: 'not the right password', newPassword: 'puffins off the Farnes' })
      .expect(400);
    await stack.noticesSettled();
    expect(stack.sink.to(member.email)).toHaveLength(1);
  });
});
