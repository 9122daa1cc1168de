import { createRsvpToken } from '@seg/links';
import { auditLog, invitations, members, notices, oneTimeTokens } from '@seg/db';
import { and, eq, inArray } from 'drizzle-orm';
import { AccountTokensService } from '../apps/api/src/auth/account-tokens.service';
import { forgetAddressFailures } from './support/auth';
import { accessTokenFor, createMember, TestMember } from './support/factories';
import { eventually } from './support/poll';
import { useStack } from './support/stack';

/** Every emailed link of a member who is no longer current (left, suspended, erased) answers 410 and shows nothing. */
describe('links of a member who is no longer current', () => {
  const stack = useStack();
  let staff: { Authorization: string };
  afterEach(() => forgetAddressFailures(stack));

  beforeAll(async () => {
    const admin = await createMember(stack.db, { role: 'admin' });
    staff = { Authorization: `Bearer ${await accessTokenFor(stack.db, stack.config, admin.id)}` };
  });

  const endMembership = {
    left: (m: TestMember) => stack.http().patch(`/members/${m.id}`).set(staff).send({ status: 'left' }).expect(200),
    suspended: (m: TestMember) =>
      stack.http().patch(`/members/${m.id}`).set(staff).send({ status: 'suspended' }).expect(200),
    erased: (m: TestMember) =>
      stack.http().post(`/members/${m.id}/erase`).set(staff).send({ reason: 'Asked on the phone' }).expect(200),
  };

  it.each(Object.keys(endMembership) as (keyof typeof endMembership)[])(
    'an RSVP link of a member who is %s: 410, no meeting details, no reply recorded',
    async (how) => {
      const member = await createMember(stack.db, { region: 'wales' });
      const created = await stack
        .http()
        .post('/meetings')
        .set(staff)
        .send({
          title: `Hub meeting ${how}`,
          kind: 'other',
          startsAt: '2027-05-04T10:00',
          endsAt: '2027-05-04T12:00',
          venue: 'HMP Cardiff visits hall',
        })
        .expect(201);
      await stack
        .http()
        .post(`/meetings/${created.body.id}/invitations`)
        .set(staff)
        .send({ audience: { memberIds: [member.id] } })
        .expect(202);
      const [invitation] = await stack.db.select().from(invitations).where(eq(invitations.meetingId, created.body.id));
      const token = createRsvpToken(stack.config.auth.jwtSecret, invitation.id);
      expect((await stack.http().get(`/rsvp/${token}`).expect(200)).text).toContain('HMP Cardiff');

      await endMembership[how](member);
      await stack
        .http()
        .patch(`/meetings/${created.body.id}`)
        .set(staff)
        .send({ venue: 'HMP Swansea library' })
        .expect(200);
      const page = await stack.http().get(`/rsvp/${token}`).expect(410);
      expect(page.text).toContain('This link no longer works');
      for (const secret of ['Hub meeting', 'HMP', 'Swansea', 'Cardiff', '2027', member.name])
        expect(page.text).not.toContain(secret);

      const json = await stack.http().post(`/rsvp/${token}`).send({ response: 'accepted' }).expect(410);
      expect(json.body).toMatchObject({
        statusCode: 410,
        message: expect.stringMatching(/membership it was sent for has ended/),
      });
      expect(JSON.stringify(json.body)).not.toContain('Hub meeting');
      const form = await stack.http().post(`/rsvp/${token}`).type('form').send({ response: 'accepted' }).expect(410);
      expect(form.text).not.toContain('Hub meeting');

      const [after] = await stack.db.select().from(invitations).where(eq(invitations.id, invitation.id));
      expect(after).toMatchObject({ rsvp: 'needs-action', respondedAt: null });
      expect(
        await stack.db
          .select()
          .from(auditLog)
          .where(and(eq(auditLog.entityId, invitation.id), eq(auditLog.action, 'rsvp'))),
      ).toEqual([]);
      const attendance = await stack.http().get(`/meetings/${created.body.id}/attendance`).set(staff).expect(200);
      expect(attendance.body.totals).toMatchObject({ accepted: 0 });
    },
  );

  /** An activation (invited member) or reset (active member) token issued as the API does. */
  async function tokenFor(member: TestMember, purpose: 'activation' | 'password-reset'): Promise<string> {
    const tokens = stack.api.app.get(AccountTokensService);
    if (purpose === 'activation') {
      const refs = await stack.db.transaction((tx) => tokens.issueActivation(tx, member));
      const [notice] = await stack.db.select().from(notices).where(eq(notices.id, refs[0].id));
      return notice.payload.token as string;
    }
    await stack.http().post('/auth/password-reset').send({ email: member.email }).expect(202);
    return eventually('a password-reset notice', async () => {
      const [notice] = await stack.db
        .select()
        .from(notices)
        .where(and(eq(notices.memberId, member.id), eq(notices.kind, 'password-reset')));
      return notice?.payload.token as string | undefined;
    });
  }

  it.each([
    ['activation', 'invited', 'suspended'],
    ['activation', 'invited', 'left'],
    ['password-reset', 'active', 'suspended'],
    ['password-reset', 'active', 'left'],
  ] as const)('%s link of a member, %s, who is now %s: 410, and nothing changes', async (purpose, status, now) => {
    const member = await createMember(stack.db, {
      status,
      password: status === 'active' ? 'an old passphrase here' : undefined,
    });
    const token = await tokenFor(member, purpose);
    await stack.http().patch(`/members/${member.id}`).set(staff).send({ status: now }).expect(200);
    const [before] = await stack.db.select().from(members).where(eq(members.id, member.id));

    const route = purpose === 'activation' ? '/auth/activate' : '/auth/password-reset/confirm';
    const res = await stack.http().post(route).send({ token, password: 'a quiet week in Durham' }).expect(410);
    expect(res.body).toMatchObject({
      statusCode: 410,
      message: expect.stringMatching(/membership it was sent for has ended/),
    });

    const [after] = await stack.db.select().from(members).where(eq(members.id, member.id));
    expect(after).toMatchObject({ status: now, passwordHash: before.passwordHash });
    const unspent = await stack.db
      .select()
      .from(oneTimeTokens)
      .where(and(eq(oneTimeTokens.memberId, member.id), inArray(oneTimeTokens.purpose, [purpose])));
    expect(unspent.every((t) => t.usedAt === null)).toBe(true);
    expect((await stack.http().post('/auth/link-status').send({ token, purpose }).expect(200)).body).toEqual({
      usable: false,
    });
  });
});
