import { todayInLondon } from '@seg/rules';
import {
  attendance,
  auditLog,
  invitations,
  memberEstablishments,
  notices,
  oneTimeTokens,
  refreshTokens,
} from '@seg/db';
import { and, eq } from 'drizzle-orm';
import { dumpHits, memberWithHistory, QUILLON } from './support/erasure-proof';
import { loggedIn } from './support/factories';
import { useStack } from './support/stack';

describe('erasing a member', () => {
  const stack = useStack();
  let secretariat: { Authorization: string };
  let admin: { Authorization: string };

  beforeAll(async () => {
    secretariat = (await loggedIn(stack.db, stack.config, { role: 'secretariat' })).auth;
    admin = (await loggedIn(stack.db, stack.config, { role: 'admin' })).auth;
  });

  it('leaves no personal value anywhere in the database, and keeps the history as an anonymous record', async () => {
    const { id, email, password, bounced, certificateNumber } = await memberWithHistory(stack, secretariat, QUILLON);
    expect(dumpHits(stack, [...QUILLON.searched, certificateNumber])).toEqual(
      expect.arrayContaining(['Sphygmic', 'Crepuscular', certificateNumber]),
    );

    const refused = await stack.http().post(`/members/${id}/erase`).set(secretariat).send({}).expect(400);
    expect(refused.body.details).toEqual([expect.objectContaining({ field: 'reason' })]);
    const erased = await stack
      .http()
      .post(`/members/${id}/erase`)
      .set(secretariat)
      .send({ reason: 'Asked for erasure on 2026-11-20' })
      .expect(200);
    expect(erased.body.name).toMatch(/^Former member \d+$/);
    await stack.http().post(`/members/${id}/erase`).set(admin).send({}).expect(409);

    // Their reflections and own learning entries go; their attendance stays as a count, its certificate unverifiable.
    expect(dumpHits(stack, [...QUILLON.searched, certificateNumber])).toEqual([]);
    const came = await stack.db.select().from(attendance).where(eq(attendance.memberId, id));
    expect(came).toEqual([expect.objectContaining({ certificateNumber: null, withdrawnAt: null })]);

    // What stays: the anonymous record, its post, the replies as counts, the ledger's dates and states.
    const record = await stack.http().get(`/members/${id}`).set(secretariat).expect(200);
    expect(record.body).toMatchObject({
      name: erased.body.name,
      status: 'left',
      phone: null,
      bio: null,
      establishments: [],
    });
    // Held as history only: the post they held until today ends with the erasure.
    expect(record.body.posts).toEqual([
      expect.objectContaining({ role: 'Regional lead', endsOn: todayInLondon(), current: false }),
    ]);
    const replies = await stack.db
      .select({ rsvp: invitations.rsvp, counter: invitations.counterProposal })
      .from(invitations)
      .where(eq(invitations.memberId, id));
    expect(replies.map((r) => r.rsvp).sort()).toEqual(['accepted', 'declined']);
    expect(replies.every((r) => r.counter === null)).toBe(true);
    const ledger = await stack.db.select().from(notices).where(eq(notices.memberId, id));
    expect(ledger.every((n) => n.status !== 'queued' && n.toEmail === '[erased]')).toBe(true);
    expect(ledger.find((n) => n.id === bounced.id)).toMatchObject({
      status: 'bounced',
      sentAt: bounced.sentAt,
      lastError: null,
    });
    await expect(
      stack.db.select().from(memberEstablishments).where(eq(memberEstablishments.memberId, id)),
    ).resolves.toEqual([]);
    await expect(stack.db.select().from(refreshTokens).where(eq(refreshTokens.memberId, id))).resolves.toEqual([]);
    await expect(stack.db.select().from(oneTimeTokens).where(eq(oneTimeTokens.memberId, id))).resolves.toEqual([]);

    // The audit log still says who did what and when; the erasure is one entry with the reason.
    const entries = await stack.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.entity, 'member'), eq(auditLog.entityId, id)));
    expect(entries.map((e) => e.action)).toEqual(
      expect.arrayContaining(['create', 'update', 'update:active', 'erase']),
    );
    const erasure = entries.filter((e) => e.action === 'erase');
    expect(erasure).toHaveLength(1);
    expect(erasure[0].after).toEqual({ name: erased.body.name, reason: 'Asked for erasure on 2026-11-20' });
    expect(erasure[0].actorId).not.toBeNull();
    expect(entries.find((e) => e.action === 'create')!.after).toMatchObject({
      name: '[erased]',
      email: '[erased]',
      establishmentIds: '[erased]',
    });

    // They cannot sign in, and their address can be a new member's.
    await stack.http().post('/auth/login').send({ email, password }).expect(401);
    await stack
      .http()
      .post('/members')
      .set(secretariat)
      .send({ email, name: 'Someone New', category: 'prison-gp' })
      .expect(201);
  });

  it('lets an admin erase without a reason, and nobody erase themselves', async () => {
    const other = await loggedIn(stack.db, stack.config, { name: 'Tamsin Oakhurst' });
    await stack.http().post(`/members/${other.member.id}/erase`).set(other.auth).send({ reason: 'x' }).expect(403);
    const done = await stack.http().post(`/members/${other.member.id}/erase`).set(admin).send({}).expect(200);
    expect(done.body.name).toMatch(/^Former member \d+$/);
    await stack.http().post('/members/00000000-0000-4000-8000-000000000000/erase').set(admin).send({}).expect(404);
  });
});
