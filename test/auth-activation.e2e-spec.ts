import { auditLog, members, notices } from '@seg/db';
import { and, eq } from 'drizzle-orm';
import { AccountTokensService } from '../apps/api/src/auth/account-tokens.service';
import { NoticeOutbox } from '@seg/notices';
import { authRoutes, forgetAddressFailures, linkTokenInEmail } from './support/auth';
import { createMember, TestMember } from './support/factories';
import { useStack } from './support/stack';

/** An invited member's first password, from the link in the activation email. */
describe('invited members', () => {
  const stack = useStack();
  const { login, sessions } = authRoutes(stack);
  afterEach(() => forgetAddressFailures(stack));

  describe('activation', () => {
    /** Invites as POST /members will: the token and notice in one transaction, then dispatch. */
    async function invite(): Promise<{ member: TestMember; token: string }> {
      const member = await createMember(stack.db, { status: 'invited' });
      const tokens = stack.api.app.get(AccountTokensService);
      const refs = await stack.db.transaction((tx) => tokens.issueActivation(tx, member));
      await stack.api.app.get(NoticeOutbox).dispatch(refs);
      const [notice] = await stack.db.select().from(notices).where(eq(notices.id, refs[0].id));
      expect(notice).toMatchObject({
        kind: 'activation',
        memberId: member.id,
        toEmail: member.email,
        status: 'queued',
      });
      return { member, token: notice.payload.token as string };
    }

    it('sets the first password, makes the member active, logs them in and is audited', async () => {
      const { member, token } = await invite();
      const res = await stack
        .http()
        .post('/auth/activate')
        .set('X-Request-Id', 'activate-1')
        .send({ token, password: 'a quiet week in Durham' })
        .expect(200);
      expect(res.body.user).toEqual({
        id: member.id,
        email: member.email,
        name: member.name,
        role: 'member',
        status: 'active',
        isSecretariat: false,
      });
      await sessions(res.body.accessToken).expect(200);
      await login(member.email, 'a quiet week in Durham').expect(200);

      const audit = await stack.db
        .select()
        .from(auditLog)
        .where(and(eq(auditLog.entityId, member.id), eq(auditLog.action, 'activate')));
      expect(audit).toEqual([
        expect.objectContaining({
          actorId: member.id,
          before: { status: 'invited' },
          after: { status: 'active' },
          requestId: 'activate-1',
        }),
      ]);

      const again = await stack
        .http()
        .post('/auth/activate')
        .send({ token, password: 'another quiet week' })
        .expect(400);
      expect(again.body.details).toEqual([
        { field: 'token', message: expect.stringMatching(/used|expired|not valid/) },
      ]);
    });

    it('says whether a link still works before anyone types a password, and spends nothing', async () => {
      const status = (token: string, purpose = 'activation') =>
        stack.http().post('/auth/link-status').send({ token, purpose });
      const { token } = await invite();
      expect((await status(token).expect(200)).body).toEqual({ usable: true });
      expect((await status(token).expect(200)).body).toEqual({ usable: true });
      // A reset page given an activation token, and a token never issued, do not work.
      expect((await status(token, 'password-reset').expect(200)).body).toEqual({ usable: false });
      expect((await status('not-a-real-token').expect(200)).body).toEqual({ usable: false });
      await stack.http().post('/auth/activate').send({ token, password: 'a quiet week in Durham' }).expect(200);
      expect((await status(token).expect(200)).body).toEqual({ usable: false });
      const bad = await status(token, 'anything').expect(400);
      expect(bad.body.details.map((d: { field: string }) => d.field)).toEqual(['purpose']);
    });

    it('refuses weak passwords naming `password`, and keeps the token usable', async () => {
      const { member, token } = await invite();
      const tooShort = await stack.http().post('/auth/activate').send({ token, password: 'short' }).expect(400);
      expect(tooShort.body.details.map((d: { field: string }) => d.field)).toEqual(['password']);
      const common = await stack.http().post('/auth/activate').send({ token, password: 'password1234' }).expect(400);
      expect(common.body.details).toEqual([{ field: 'password', message: expect.stringMatching(/common/) }]);
      const email = await stack.http().post('/auth/activate').send({ token, password: member.email }).expect(400);
      expect(email.body.details).toEqual([
        { field: 'password', message: expect.stringMatching(/email address or name/) },
      ]);
      const name = await stack
        .http()
        .post('/auth/activate')
        .send({ token, password: member.name.toUpperCase() })
        .expect(400);
      expect(name.body.details).toEqual([
        { field: 'password', message: expect.stringMatching(/email address or name/) },
      ]);
      const spaces = await stack
        .http()
        .post('/auth/activate')
        .send({ token, password: ' '.repeat(12) })
        .expect(400);
      expect(spaces.body.details).toEqual([{ field: 'password', message: 'must use at least 5 different characters' }]);
      const wide = await stack
        .http()
        .post('/auth/activate')
        .send({ token, password: '\uff41\uff42'.repeat(6) })
        .expect(400);
      expect(wide.body.details).toEqual([{ field: 'password', message: 'must use at least 5 different characters' }]);
      const nul = await stack
        .http()
        .post('/auth/activate')
        .send({ token, password: '\u0000'.repeat(12) })
        .expect(400);
      expect(nul.body.details).toEqual([{ field: 'password', message: expect.stringMatching(/control characters/) }]);
      const [still] = await stack.db.select({ status: members.status }).from(members).where(eq(members.id, member.id));
      expect(still.status).toBe('invited');
      await stack.http().post('/auth/activate').send({ token, password: 'a quiet week in Durham' }).expect(200);
    });

    it('refuses an expired, superseded or unknown token, and a member no longer invited', async () => {
      await stack.http().post('/auth/activate').send({ token: 'nope', password: 'a quiet week in Durham' }).expect(400);

      const first = await invite();
      const tokens = stack.api.app.get(AccountTokensService);
      const refs = await stack.db.transaction((tx) => tokens.issueActivation(tx, first.member));
      const [resent] = await stack.db.select().from(notices).where(eq(notices.id, refs[0].id));
      // A second invitation voids the first link.
      await stack
        .http()
        .post('/auth/activate')
        .send({ token: first.token, password: 'a quiet week in Durham' })
        .expect(400);
      await stack
        .http()
        .post('/auth/activate')
        .send({ token: resent.payload.token, password: 'a quiet week in Durham' })
        .expect(200);

      const { member, token } = await invite();
      await stack.db.execute(
        `update one_time_tokens set expires_at = now() - interval '1 second' where member_id = '${member.id}'`,
      );
      await stack.http().post('/auth/activate').send({ token, password: 'a quiet week in Durham' }).expect(400);

      // A link cannot bring back a member who is no longer current (suspended since, say).
      const suspended = await invite();
      await stack.db.update(members).set({ status: 'suspended' }).where(eq(members.id, suspended.member.id));
      await stack
        .http()
        .post('/auth/activate')
        .send({ token: suspended.token, password: 'a quiet week in Durham' })
        .expect(410);
      const [still] = await stack.db
        .select({ status: members.status })
        .from(members)
        .where(eq(members.id, suspended.member.id));
      expect(still.status).toBe('suspended');
    });
  });
});

describe('activation email, through the worker to a real SMTP server', () => {
  const stack = useStack({ smtp: true, worker: true });

  it('an invited member activates the account from the link in the activation email', async () => {
    const member = await createMember(stack.db, { status: 'invited' });
    const refs = await stack.db.transaction((tx) =>
      stack.api.app.get(AccountTokensService).issueActivation(tx, member),
    );
    await stack.api.app.get(NoticeOutbox).dispatch(refs);

    const token = await linkTokenInEmail(stack, member.email, '/activate');
    expect(stack.sink.to(member.email)[0].parsed.subject).toMatch(/choose a password/i);
    const res = await stack
      .http()
      .post('/auth/activate')
      .send({ token, password: 'moorland walks at dawn' })
      .expect(200);
    expect(res.body.user).toMatchObject({ id: member.id, status: 'active' });
    await stack
      .http()
      .post('/auth/login')
      .send({ email: member.email, password: 'moorland walks at dawn' })
      .expect(200);
    // Once sent, the raw token is no longer kept in the notice.
    const [notice] = await stack.db.select().from(notices).where(eq(notices.id, refs[0].id));
    expect(notice.status).toBe('sent');
    expect(notice.payload).not.toHaveProperty('token');
  });
});
