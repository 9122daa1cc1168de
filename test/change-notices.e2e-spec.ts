import { DatabaseChanges } from '@seg/db';
import { sql } from 'drizzle-orm';
import { ApiHarness } from './support/api-harness';
import { createMember, loggedIn } from './support/factories';
import { eventually } from './support/poll';
import { useStack } from './support/stack';

type Auth = { Authorization: string };

/**
 * Two API processes on one database, each keeping directory reads and sign-in checks in memory
 * until the database's change notices say what changed.
 */
describe('what each API process keeps in memory', () => {
  const stack = useStack();
  let other: ApiHarness;
  let member: Auth;
  let secretariat: Auth;

  beforeAll(async () => {
    other = await stack.startApi();
    member = (await loggedIn(stack.db, stack.config, { name: 'Viewing Member', region: 'wales' })).auth;
    secretariat = (await loggedIn(stack.db, stack.config, { name: 'Secretariat Person', role: 'secretariat' })).auth;
  });

  const search = (api: ApiHarness, q: string, auth: Auth = member) =>
    api.http().get('/directory/members').query({ q }).set(auth).expect(200);
  const names = (body: { items: { name: string }[] }) => body.items.map((m) => m.name);

  /** A write the change notices do not hear: triggers off for this transaction only. */
  async function unheard(statement: ReturnType<typeof sql>) {
    await stack.db.transaction(async (tx) => {
      await tx.execute(sql`set local session_replication_role = replica`);
      await tx.execute(statement);
    });
  }

  it('answers a repeated directory read from memory until a change is heard', async () => {
    const subject = await createMember(stack.db, { name: 'Kept Quietly' });
    expect(names((await search(other, 'quietly')).body)).toEqual(['Kept Quietly']);
    await unheard(sql`update directory_cards set name = 'Kept Silently' where member_id = ${subject.id}`);
    // Nothing said the card changed: the answer comes from memory.
    expect(names((await search(other, 'quietly')).body)).toEqual(['Kept Quietly']);
    await stack.db.execute(sql`select pg_notify('seg_directory', '')`);
    expect(names((await search(other, 'quietly')).body)).toEqual(['Kept Silently']);
  });

  it('never shows one viewer what only another of the same or a wider class may see', async () => {
    const hidden = { phone: '07700 900333', phoneVisibility: 'secretariat' as const, region: 'wales' };
    const { auth: own } = await loggedIn(stack.db, stack.config, { name: 'Gwen Guarded', ...hidden });
    const { auth: rep, member: lead } = await loggedIn(stack.db, stack.config, { name: 'Rhys Lead', region: 'wales' });
    await stack
      .http()
      .post('/posts')
      .set(secretariat)
      .send({ memberId: lead.id, regionCode: 'wales', role: 'Regional lead', startsOn: '2020-01-01' })
      .expect(201);
    const guarded = async (auth: Auth) => (await search(other, 'guarded', auth)).body.items[0];

    // Gwen sees her own phone; the page she was shown is not another member's.
    expect((await guarded(own)).phone).toBe('07700 900333');
    expect((await guarded(member)).phone).toBeNull();
    expect((await guarded(own)).phone).toBe('07700 900333');
    // Wales's lead sees her record (not her phone, which she keeps for the secretariat); a member does not.
    const byRep = (
      await other.http().get('/directory/members').query({ q: 'guarded', region: 'wales' }).set(rep).expect(200)
    ).body.items[0];
    expect(byRep.status).toBe('active');
    expect(byRep.phone).toBeNull();
    const byMember = (
      await other.http().get('/directory/members').query({ q: 'guarded', region: 'wales' }).set(member).expect(200)
    ).body.items[0];
    expect(byMember.status).toBeUndefined();
    expect((await guarded(secretariat)).phone).toBe('07700 900333');
  });

  it("shows a change made through one process in the other's next answer", async () => {
    const subject = await createMember(stack.db, { name: 'Ffion Changeable', region: 'wales', phone: '07700 900111' });
    const before = (await search(other, 'changeable')).body.items[0];
    expect(before.phone).toBe('07700 900111');
    await stack.http().patch(`/members/${subject.id}`).set(secretariat).send({ phone: '07700 900222' }).expect(200);
    expect((await search(other, 'changeable')).body.items[0].phone).toBe('07700 900222');

    // A new post through one process: the other's "who to call" has the new representative at once.
    const contacts = async () =>
      (await other.http().get('/me/contacts').set(member).expect(200)).body.regionalReps.map(
        (r: { member: { name: string } }) => r.member.name,
      );
    expect(await contacts()).not.toContain('Ffion Changeable');
    await stack
      .http()
      .post('/posts')
      .set(secretariat)
      .send({ memberId: subject.id, regionCode: 'wales', role: 'Regional lead', startsOn: '2020-01-01' })
      .expect(201);
    expect(await contacts()).toContain('Ffion Changeable');
  });

  it('refuses the next request of a member suspended, demoted or signed out through the other process', async () => {
    const { member: suspended, auth } = await loggedIn(stack.db, stack.config, { name: 'Soon Suspended' });
    await other.http().get('/me').set(auth).expect(200);
    await stack.http().patch(`/members/${suspended.id}`).set(secretariat).send({ status: 'suspended' }).expect(200);
    await other.http().get('/me').set(auth).expect(401);

    const { member: staff, auth: staffAuth } = await loggedIn(stack.db, stack.config, {
      name: 'Soon Demoted',
      role: 'secretariat',
    });
    await other.http().get('/audit').set(staffAuth).expect(200);
    await stack.http().patch(`/members/${staff.id}`).set(secretariat).send({ role: 'member' }).expect(200);
    await other.http().get('/audit').set(staffAuth).expect(403);

    const { member: leaving, auth: leavingAuth } = await loggedIn(stack.db, stack.config, { name: 'Signing Out' });
    await other.http().get('/me').set(leavingAuth).expect(200);
    await stack.http().delete(`/members/${leaving.id}/sessions`).set(secretariat).expect(204);
    await other.http().get('/me').set(leavingAuth).expect(401);
  });

  it('keeps nothing it cannot hear about: a change made while the notices were lost is seen at once and after', async () => {
    const subject = await createMember(stack.db, { name: 'Lost Notice' });
    expect(names((await search(other, 'lostnotice')).body)).toEqual(['Lost Notice']);
    const changes = other.app.get(DatabaseChanges);
    expect(changes.listening).toBe(true);

    // Both processes' listening connections are cut, and a change is made that nobody hears:
    // the next answer is read afresh, whether or not the cut was noticed before it came.
    await stack.db.execute(
      sql`select pg_terminate_backend(pid) from pg_stat_activity
           where application_name = 'seg-change-notices' and datname = current_database()`,
    );
    await unheard(sql`update directory_cards set name = 'Found Notice' where member_id = ${subject.id}`);
    expect(names((await search(other, 'notice')).body)).toEqual(['Found Notice']);

    await eventually('the notices to be heard again', () => changes.listening);
    expect(names((await search(other, 'notice')).body)).toEqual(['Found Notice']);
    await unheard(sql`update directory_cards set name = 'Lost Notice' where member_id = ${subject.id}`);
    // Listening again, it keeps answers again.
    expect(names((await search(other, 'notice')).body)).toEqual(['Found Notice']);
  });
});
