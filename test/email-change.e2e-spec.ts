import { auditLog, members, notices } from '@seg/db';
import { and, eq } from 'drizzle-orm';
import { createMember, loggedIn, uniqueEmail } from './support/factories';
import { useStack } from './support/stack';

/**
 * An active member's new email address takes effect only from a link sent to it, and the old
 * address is told: otherwise whoever can change an address can take over the account with a
 * password reset.
 */
describe('changing an email address', () => {
  const stack = useStack({ smtp: true, worker: true });
  let secretariat: { Authorization: string };

  beforeAll(async () => {
    secretariat = (await loggedIn(stack.db, stack.config, { role: 'secretariat' })).auth;
  });

  async function linkFor(memberId: string, to: string): Promise<string> {
    await stack.sink.waitFor(() => stack.sink.to(to).length > 0);
    const token = /\/confirm-email\?token=([^\s"'<>&]+)/.exec(stack.sink.to(to)[0].parsed.text ?? '')?.[1];
    if (!token) throw new Error(`No confirm link for ${memberId} in the mail to ${to}`);
    return decodeURIComponent(token);
  }

  it('mails a link to the new address, tells the old one, and changes nothing until the link is used', async () => {
    const member = await createMember(stack.db, { name: 'Moving Mair' });
    const newEmail = uniqueEmail('moved');
    const res = await stack
      .http()
      .patch(`/members/${member.id}`)
      .set(secretariat)
      .send({ email: newEmail })
      .expect(200);
    expect(res.body.email).toBe(member.email);

    const token = await linkFor(member.id, newEmail);
    await stack.sink.waitFor(() => stack.sink.to(member.email).length > 0);
    const warning = stack.sink.to(member.email)[0].parsed;
    expect(warning.subject).toBe('Your SEG Network email address is being changed');
    expect(warning.text).toContain(newEmail);
    expect(warning.text).not.toContain(token);
    const sent = await stack.db
      .select({ kind: notices.kind, to: notices.toEmail })
      .from(notices)
      .where(eq(notices.memberId, member.id));
    expect(sent).toEqual(
      expect.arrayContaining([
        { kind: 'email-change', to: newEmail },
        { kind: 'email-changed', to: member.email },
      ]),
    );

    // Opening the link's page asks only whether it works.
    const status = await stack.http().post('/auth/link-status').send({ token, purpose: 'email-change' }).expect(200);
    expect(status.body).toEqual({ usable: true });
    const [unchanged] = await stack.db.select({ email: members.email }).from(members).where(eq(members.id, member.id));
    expect(unchanged.email).toBe(member.email);

    const confirmed = await stack.http().post('/auth/email-change').send({ token }).expect(200);
    expect(confirmed.body).toEqual({ email: newEmail });
    const [changed] = await stack.db.select({ email: members.email }).from(members).where(eq(members.id, member.id));
    expect(changed.email).toBe(newEmail);
    const audit = await stack.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.entityId, member.id), eq(auditLog.action, 'email-change')));
    expect(audit).toEqual([expect.objectContaining({ before: { email: member.email }, after: { email: newEmail } })]);

    const again = await stack.http().post('/auth/email-change').send({ token }).expect(400);
    expect(again.body.details).toEqual([{ field: 'token', message: expect.stringMatching(/used|expired|not valid/) }]);
  });

  it('refuses the change when another member has taken the address meanwhile, and when the member is no longer current', async () => {
    const member = await createMember(stack.db, { name: 'Slow Sion' });
    const wanted = uniqueEmail('wanted');
    await stack.http().patch(`/members/${member.id}`).set(secretariat).send({ email: wanted }).expect(200);
    const token = await linkFor(member.id, wanted);
    await createMember(stack.db, { email: wanted });
    const taken = await stack.http().post('/auth/email-change').send({ token }).expect(409);
    expect(taken.body.details).toEqual([{ field: 'email', message: 'is already the email of a member' }]);

    const leaving = await createMember(stack.db, { name: 'Leaving Lowri' });
    const next = uniqueEmail('next');
    await stack.http().patch(`/members/${leaving.id}`).set(secretariat).send({ email: next }).expect(200);
    const leavingToken = await linkFor(leaving.id, next);
    await stack.http().patch(`/members/${leaving.id}`).set(secretariat).send({ status: 'suspended' }).expect(200);
    await stack.http().post('/auth/email-change').send({ token: leavingToken }).expect(410);
    const [kept] = await stack.db.select({ email: members.email }).from(members).where(eq(members.id, leaving.id));
    expect(kept.email).toBe(leaving.email);
  });

  it("changes an invited member's address at once: their activation link will prove it", async () => {
    const invited = await createMember(stack.db, { status: 'invited' });
    const fixed = uniqueEmail('fixed');
    const res = await stack.http().patch(`/members/${invited.id}`).set(secretariat).send({ email: fixed }).expect(200);
    expect(res.body.email).toBe(fixed);
  });
});
