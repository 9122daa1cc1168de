import { erasureRequests } from '@seg/db';
import { eq, sql } from 'drizzle-orm';
import { loggedIn } from './support/factories';
import { useStack } from './support/stack';

describe('asking to be erased', () => {
  const stack = useStack({ worker: true, smtp: true });

  it('records the request, tells the secretariat, lists it with its age until the member is erased', async () => {
    const { member, auth } = await loggedIn(stack.db, stack.config, { name: 'Erin Askstoleave', region: 'london' });
    const secretariat = (await loggedIn(stack.db, stack.config, { role: 'secretariat' })).auth;

    const asked = (await stack.http().post('/me/erasure-request').set(auth).expect(202)).body;
    expect(new Date(asked.answerBy).getTime() - new Date(asked.requestedAt).getTime()).toBeGreaterThanOrEqual(
      28 * 86_400_000,
    );
    // Asking again while the request is open answers the same request.
    expect((await stack.http().post('/me/erasure-request').set(auth).expect(202)).body.id).toBe(asked.id);

    const mail = await stack.sink.waitForMailTo(stack.config.secretariatEmail);
    expect(mail.parsed.subject).toMatch(/^An erasure request to answer by /);
    // The email outlives the erasure in the secretariat's mailbox, so it names no one.
    expect(`${mail.parsed.subject} ${mail.parsed.text}`).not.toContain('Askstoleave');
    expect(mail.parsed.text).toContain(`/secretariat/members/${member.id}`);
    expect(stack.sink.to(stack.config.secretariatEmail)).toHaveLength(1);

    await stack.http().get('/privacy/erasure-requests').set(auth).expect(403);
    const open = (await stack.http().get('/privacy/erasure-requests').set(secretariat).expect(200)).body.items;
    expect(open).toEqual([
      expect.objectContaining({
        id: asked.id,
        member: { id: member.id, name: 'Erin Askstoleave' },
        ageDays: 0,
        overdue: false,
      }),
    ]);

    // The one-month clock: a request made 40 days ago is overdue.
    await stack.db
      .update(erasureRequests)
      .set({ requestedAt: sql`now() - interval '40 days'` })
      .where(eq(erasureRequests.id, asked.id));
    const late = (await stack.http().get('/privacy/erasure-requests').set(secretariat).expect(200)).body.items;
    expect(late).toEqual([expect.objectContaining({ id: asked.id, ageDays: 40, overdue: true })]);

    await stack
      .http()
      .post(`/members/${member.id}/erase`)
      .set(secretariat)
      .send({ reason: 'Asked on the web' })
      .expect(200);
    expect((await stack.http().get('/privacy/erasure-requests').set(secretariat).expect(200)).body.items).toEqual([]);
  });
});
