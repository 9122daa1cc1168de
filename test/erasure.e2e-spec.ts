import { auditLog, establishments, inboundMessages, invitations, memberEstablishments, members, notices, oneTimeTokens, refreshTokens } from '@seg/db';
import { and, eq } from 'drizzle-orm';
import { execFileSync } from 'node:child_process';
import { PasswordHasher } from '../apps/api/src/auth/password-hasher';
import { accessTokenFor, loggedIn } from './support/factories';
import { useStack } from './support/stack';

describe('erasing a member', () => {
  const stack = useStack();
  let secretariat: { Authorization: string };
  let admin: { Authorization: string };

  beforeAll(async () => {
    secretariat = (await loggedIn(stack.db, stack.config, { role: 'secretariat' })).auth;
    admin = (await loggedIn(stack.db, stack.config, { role: 'admin' })).auth;
  });

  /** Every value a member with these details could leave behind, as written and in lower case. */
  const dumpHits = (values: string[]) => {
    const dump = execFileSync('pg_dump', ['--data-only', '--no-owner', stack.config.databaseUrl], { maxBuffer: 256 * 1024 * 1024 }).toString('utf8');
    return values.flatMap((v) => [v, v.toLowerCase()]).filter((v) => dump.includes(v));
  };

  it('leaves no personal value anywhere in the database, and keeps the history as an anonymous record', async () => {
    const [place] = await stack.db.insert(establishments).values({ name: 'Zanzibar Quayside (HMP)', typeCode: 'prison', regionId: (await stack.db.query.regions.findFirst())!.id }).returning();
    const first = {
      email: 'Quillon.Vexbridge@Example.org',
      name: 'Dr Quillon Vexbridge',
      title: 'Zygomatic Lead Physician',
      registration: 'GMC 7719203',
      phone: '+44 7700 913377',
      bio: 'Writes Xylophonic Triage Notes',
      availability: 'Thursdays at Wolverquay',
      category: 'prison-gp',
      region: 'wales',
      establishmentIds: [place.id],
    };
    const created = await stack.http().post('/members').set(secretariat).send(first).expect(201);
    const id: string = created.body.id;
    const later = [
      { name: 'Dr Quillon Vexbridge-Ormsky', phone: '+44 7700 955512', bio: 'Lectures on Borborygmic Rounds' },
      { email: 'qvexbridge.ormsky@Example.net', title: 'Quaternary Care Registrar', availability: 'Mondays at Hollowmere', registration: 'GMC 8830417' },
      { status: 'active' },
    ];
    for (const change of later) await stack.http().patch(`/members/${id}`).set(secretariat).send(change).expect(200);
    const password = 'a long password nobody guesses 0912';
    await stack.db.update(members).set({ passwordHash: await new PasswordHasher().hash(password), emailBounceReason: '550 5.1.1 <qvexbridge.ormsky@example.net> unknown' }).where(eq(members.id, id));
    await stack.http().post('/auth/login').send({ email: 'qvexbridge.ormsky@example.net', password }).expect(200);

    await stack.http().post('/posts').set(secretariat).send({ memberId: id, regionCode: 'wales', role: 'Regional lead', startsOn: '2024-01-01' }).expect(201);
    const meetingIds: string[] = [];
    for (const title of ['Spring hub meeting', 'Wales regional meeting']) {
      const meeting = await stack.http().post('/meetings').set(secretariat).send({ title, kind: 'hub', startsAt: '2027-03-26T10:00', endsAt: '2027-03-26T12:00', venue: 'Cardiff' }).expect(201);
      await stack.http().post(`/meetings/${meeting.body.id}/invitations`).set(secretariat).send({ audience: { memberIds: [id] } }).expect(202);
      meetingIds.push(meeting.body.id);
    }
    const own = { Authorization: `Bearer ${await accessTokenFor(stack.db, stack.config, id)}` };
    await stack.http().put(`/meetings/${meetingIds[0]}/rsvp`).set(own).send({ response: 'accepted' }).expect(200);
    await stack.http().put(`/meetings/${meetingIds[1]}/rsvp`).set(own).send({ response: 'declined' }).expect(200);
    // What the mail loop leaves: a proposed time with a comment, a refused address, an inbound message.
    const [invitation] = await stack.db.select().from(invitations).where(and(eq(invitations.memberId, id), eq(invitations.meetingId, meetingIds[1])));
    await stack.db
      .update(invitations)
      .set({ counterProposal: { startsAt: null, endsAt: null, comment: 'Quillon cannot come before noon', receivedAt: new Date().toISOString() } })
      .where(eq(invitations.id, invitation.id));
    const [sent] = await stack.db.select().from(notices).where(eq(notices.invitationId, invitation.id)).limit(1);
    const sentAt = new Date('2026-11-01T09:00:00Z');
    await stack.db.update(notices).set({ status: 'bounced', sentAt, lastError: '550 qvexbridge.ormsky@example.net: mailbox unknown' }).where(eq(notices.id, sent.id));
    await stack.db.insert(inboundMessages).values({ messageId: '<bounce-1@example.net>', outcome: 'bounce', noticeId: sent.id, detail: { diagnostic: 'Vexbridge-Ormsky unknown' } });

    const personal = [
      'Quillon', 'Vexbridge', 'Ormsky', 'Zygomatic', 'Quaternary', 'GMC 7719203', 'GMC 8830417', '7700 913377', '7700 955512',
      'Xylophonic', 'Borborygmic', 'Wolverquay', 'Hollowmere', 'qvexbridge',
    ];
    expect(dumpHits(personal).length).toBeGreaterThan(0);

    const refused = await stack.http().post(`/members/${id}/erase`).set(secretariat).send({}).expect(400);
    expect(refused.body.details).toEqual([expect.objectContaining({ field: 'reason' })]);
    const erased = await stack.http().post(`/members/${id}/erase`).set(secretariat).send({ reason: 'Asked for erasure on 2026-11-20' }).expect(200);
    expect(erased.body.name).toMatch(/^Former member \d+$/);
    await stack.http().post(`/members/${id}/erase`).set(admin).send({}).expect(409);

    expect(dumpHits(personal)).toEqual([]);

    // What stays: the anonymous record, its post, the replies as counts, the ledger's dates and states.
    const record = await stack.http().get(`/members/${id}`).set(secretariat).expect(200);
    expect(record.body).toMatchObject({ name: erased.body.name, status: 'left', phone: null, bio: null, establishments: [] });
    expect(record.body.posts).toEqual([expect.objectContaining({ role: 'Regional lead' })]);
    const replies = await stack.db.select({ rsvp: invitations.rsvp, counter: invitations.counterProposal }).from(invitations).where(eq(invitations.memberId, id));
    expect(replies.map((r) => r.rsvp).sort()).toEqual(['accepted', 'declined']);
    expect(replies.every((r) => r.counter === null)).toBe(true);
    const ledger = await stack.db.select().from(notices).where(eq(notices.memberId, id));
    expect(ledger.every((n) => n.status !== 'queued' && n.toEmail === '[erased]')).toBe(true);
    expect(ledger.find((n) => n.id === sent.id)).toMatchObject({ status: 'bounced', sentAt, lastError: null });
    await expect(stack.db.select().from(memberEstablishments).where(eq(memberEstablishments.memberId, id))).resolves.toEqual([]);
    await expect(stack.db.select().from(refreshTokens).where(eq(refreshTokens.memberId, id))).resolves.toEqual([]);
    await expect(stack.db.select().from(oneTimeTokens).where(eq(oneTimeTokens.memberId, id))).resolves.toEqual([]);

    // The audit log still says who did what and when; the erasure is one entry with the reason.
    const entries = await stack.db.select().from(auditLog).where(and(eq(auditLog.entity, 'member'), eq(auditLog.entityId, id)));
    expect(entries.map((e) => e.action)).toEqual(expect.arrayContaining(['create', 'update', 'update:active', 'erase']));
    const erasure = entries.filter((e) => e.action === 'erase');
    expect(erasure).toHaveLength(1);
    expect(erasure[0].after).toEqual({ name: erased.body.name, reason: 'Asked for erasure on 2026-11-20' });
    expect(erasure[0].actorId).not.toBeNull();
    expect(entries.find((e) => e.action === 'create')!.after).toMatchObject({ name: '[erased]', email: '[erased]', establishmentIds: '[erased]' });

    // They cannot sign in, and their address can be a new member's.
    await stack.http().post('/auth/login').send({ email: 'qvexbridge.ormsky@example.net', password }).expect(401);
    await stack.http().post('/members').set(secretariat).send({ email: 'qvexbridge.ormsky@example.net', name: 'Someone New', category: 'prison-gp' }).expect(201);
  });

  it('lets an admin erase without a reason, and nobody erase themselves', async () => {
    const other = await loggedIn(stack.db, stack.config, { name: 'Tamsin Oakhurst' });
    await stack.http().post(`/members/${other.member.id}/erase`).set(other.auth).send({ reason: 'x' }).expect(403);
    const done = await stack.http().post(`/members/${other.member.id}/erase`).set(admin).send({}).expect(200);
    expect(done.body.name).toMatch(/^Former member \d+$/);
    await stack.http().post('/members/00000000-0000-4000-8000-000000000000/erase').set(admin).send({}).expect(404);
  });
});
