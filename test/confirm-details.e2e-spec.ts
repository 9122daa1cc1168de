import { members, notices } from '@seg/db';
import { DailyJobs } from '@seg/queue';
import { and, eq } from 'drizzle-orm';
import { createMember, createPost, loggedIn, TestMember } from './support/factories';
import { eventually } from './support/poll';
import { useStack } from './support/stack';

const DAY = 24 * 3600_000;
const monthsAgo = (months: number) => {
  const at = new Date();
  at.setUTCMonth(at.getUTCMonth() - months);
  return at;
};

/** Members whose details were last confirmed at a given time (the factory's members joined just now). */
async function confirmedAt(stack: ReturnType<typeof useStack>, member: TestMember, at: Date): Promise<void> {
  await stack.db.update(members).set({ detailsConfirmedAt: at }).where(eq(members.id, member.id));
}

describe('confirm your details', () => {
  const stack = useStack({ smtp: true, worker: true });

  /** Runs the daily confirm-details job as if it were `at`, and waits for it and its emails. */
  async function runAt(at: Date): Promise<void> {
    const daily = stack.api.app.get(DailyJobs);
    const id = await daily.runAt('confirm-details', at);
    await eventually(
      `the daily run at ${at.toISOString()} to finish`,
      async () => (await daily.queue.getJobState(id)) === 'completed',
    );
    await stack.noticesSettled();
  }

  const mailsTo = (member: TestMember) => stack.sink.to(member.email);
  const tokenIn = (text: string) => /\/confirm-details\?token=([A-Za-z0-9_-]+\.[A-Za-z0-9_-]+)/.exec(text)?.[1];
  const memberRow = async (member: TestMember) =>
    (await stack.db.select().from(members).where(eq(members.id, member.id)))[0];

  it('asks a due member once, showing what others see; opening the link changes nothing and the button confirms', async () => {
    const due = await createMember(stack.db, {
      name: 'Ada Due',
      region: 'london',
      category: 'prison-gp',
      phone: '020 7946 0000',
      phoneVisibility: 'secretariat',
    });
    const notDue = await createMember(stack.db, { region: 'london' });
    const rep = await createMember(stack.db, { region: 'london' });
    await createPost(stack.db, { memberId: rep.id, region: 'london', role: 'Regional lead' });
    const staff = await createMember(stack.db, { role: 'secretariat' });
    await confirmedAt(stack, due, monthsAgo(13));
    await confirmedAt(stack, notDue, monthsAgo(11));
    // Six months for a representative holding a post.
    await confirmedAt(stack, rep, monthsAgo(7));
    await confirmedAt(stack, staff, monthsAgo(30));

    await runAt(new Date());
    await runAt(new Date(Date.now() + 3600_000));
    expect(mailsTo(due)).toHaveLength(1);
    expect(mailsTo(rep)).toHaveLength(1);
    expect(mailsTo(notDue)).toHaveLength(0);
    expect(mailsTo(staff)).toHaveLength(0);

    const [mail] = mailsTo(due);
    expect(mail.parsed.subject).toBe('Are your SEG Network details still right?');
    const text = mail.parsed.text ?? '';
    expect(text).toContain('This is what other members see of you:');
    expect(text).toContain('Region: London');
    expect(text).toContain('Phone: shown to the secretariat only');
    expect(text).not.toContain('020 7946 0000');
    expect(text).toContain(`Work email: ${due.email}`);
    expect(text).toContain(`${stack.config.publicUrl}/my/details`);
    const token = tokenIn(text)!;
    expect(token).toBeDefined();

    // Opening the link (as a mail scanner would) shows the details and records nothing.
    const before = await memberRow(due);
    expect(before.detailsRequestedAt).not.toBeNull();
    const opened = (await stack.http().get(`/confirm-details/${token}`).expect(200)).body;
    expect(opened).toMatchObject({
      name: 'Ada Due',
      listed: true,
      seenByMembers: { phone: null, email: due.email, region: { code: 'london' } },
    });
    await stack.http().get(`/confirm-details/${token}`).set('Accept', 'application/json').expect(200);
    expect(await memberRow(due)).toEqual(before);

    const confirmed = (await stack.http().post(`/confirm-details/${token}`).expect(200)).body;
    expect(confirmed.detailsConfirmation.overdue).toBe(false);
    const after = await memberRow(due);
    expect(Math.abs(after.detailsConfirmedAt!.getTime() - Date.now())).toBeLessThan(60_000);
    expect(after.detailsRequestedAt).toBeNull();
    expect(new Date(confirmed.detailsConfirmation.confirmedAt).getTime()).toBe(after.detailsConfirmedAt!.getTime());

    // Confirmed today: nothing more until the next year.
    await runAt(new Date(Date.now() + 20 * DAY));
    expect(mailsTo(due)).toHaveLength(1);

    // A member who left: the link shows nothing of them.
    await stack.db.update(members).set({ status: 'left' }).where(eq(members.id, due.id));
    const gone = await stack.http().get(`/confirm-details/${token}`).expect(410);
    expect(JSON.stringify(gone.body)).not.toContain('Ada');
    await stack.http().post(`/confirm-details/${token}`).expect(410);
    await stack
      .http()
      .get(`/confirm-details/${token.slice(0, -2)}xx`)
      .expect(404);
    await stack.http().get('/confirm-details/not-a-token').expect(404);
  });

  it('asks again after 14 days without an answer, and lists the member as not confirmed after 30', async () => {
    const { member: secretariat, auth: asSecretariat } = await loggedIn(stack.db, stack.config, {
      role: 'secretariat',
    });
    const { member: lead, auth: asLead } = await loggedIn(stack.db, stack.config, { region: 'north-west' });
    await createPost(stack.db, { memberId: lead.id, region: 'north-west', role: 'Regional lead' });
    const { auth: asMember } = await loggedIn(stack.db, stack.config, { region: 'north-west' });
    const { member: silent, auth: asSilent } = await loggedIn(stack.db, stack.config, {
      name: 'Sid Silent',
      region: 'north-west',
    });
    for (const m of [secretariat, lead]) await confirmedAt(stack, m, new Date());
    await confirmedAt(stack, silent, monthsAgo(14));

    // The clock moves through a month: the first ask 31 days ago, the second 14 days after it.
    await runAt(new Date(Date.now() - 31 * DAY));
    expect(mailsTo(silent)).toHaveLength(1);
    const later = await createMember(stack.db, { name: 'Lou Later', region: 'north-west' });
    await confirmedAt(stack, later, monthsAgo(14));
    await runAt(new Date(Date.now() - 20 * DAY));
    expect(mailsTo(silent)).toHaveLength(1);
    expect(mailsTo(later)).toHaveLength(1);
    await runAt(new Date(Date.now() - 17 * DAY));
    await runAt(new Date(Date.now() - 16 * DAY));
    expect(mailsTo(silent)).toHaveLength(2);
    expect(mailsTo(silent)[1].parsed.subject).toBe('Reminder: are your SEG Network details still right?');
    expect(mailsTo(later)).toHaveLength(1);
    const kinds = await stack.db
      .select({ payload: notices.payload })
      .from(notices)
      .where(and(eq(notices.memberId, silent.id), eq(notices.kind, 'confirm-details')));
    expect(kinds.map((n) => n.payload.round).sort()).toEqual([1, 2]);

    // 31 days without an answer: on the list; 20 days: not yet.
    const staleNames = async (auth: Record<string, string>, query: string) =>
      (
        (await stack.http().get(`/directory/members?stale=true${query}`).set(auth).expect(200)).body.items as {
          name: string;
        }[]
      ).map((m) => m.name);
    expect(await staleNames(asSecretariat, '')).toEqual(['Sid Silent']);
    expect(await staleNames(asLead, '&region=north-west')).toEqual(['Sid Silent']);
    await stack.http().get('/directory/members?stale=true&region=north-west').set(asMember).expect(403);
    await stack.http().get('/directory/members?stale=true').set(asLead).expect(403);
    await stack.http().get('/directory/members?stale=maybe').set(asSecretariat).expect(400);

    // Saving or confirming takes them off.
    const record = (await stack.http().post('/me/confirm').set(asSilent).expect(200)).body;
    expect(record.detailsConfirmation).toEqual({ confirmedAt: expect.any(String), overdue: false });
    expect(await staleNames(asSecretariat, '')).toEqual([]);
    await stack.http().patch('/me').set(asMember).send({ availability: 'Mondays' }).expect(200);
    const me = (await stack.http().get('/me').set(asMember).expect(200)).body;
    expect(me.detailsConfirmation.overdue).toBe(false);
  });

  it("shows on a representative's card when they last confirmed, and whether that has run out", async () => {
    const { auth } = await loggedIn(stack.db, stack.config, { region: 'wales' });
    const fresh = await createMember(stack.db, { name: 'Fresh Rep', region: 'wales' });
    const overdue = await createMember(stack.db, { name: 'Overdue Rep', region: 'wales' });
    for (const m of [fresh, overdue])
      await createPost(stack.db, { memberId: m.id, region: 'wales', role: 'Regional lead' });
    const freshAt = monthsAgo(2);
    await confirmedAt(stack, fresh, freshAt);
    await confirmedAt(stack, overdue, monthsAgo(7));
    const contacts = (await stack.http().get('/me/contacts').set(auth).expect(200)).body;
    const card = (name: string) =>
      contacts.regionalReps.find((r: { member: { name: string } }) => r.member.name === name).member;
    expect(card('Fresh Rep').detailsConfirmation).toEqual({ confirmedAt: freshAt.toISOString(), overdue: false });
    expect(card('Overdue Rep').detailsConfirmation.overdue).toBe(true);
  });
});
