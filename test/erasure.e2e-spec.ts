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
import request from 'supertest';
import { dumpHits, memberWithHistory, QUILLON } from './support/erasure-proof';
import { loggedIn, uniqueEmail } from './support/factories';
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

  it('keeps an erased record erased: every change is a 409, and the revival path fails', async () => {
    const email = uniqueEmail('revive');
    const created = await stack
      .http()
      .post('/members')
      .set(secretariat)
      .send({ email, name: 'Perpetua Ashcombe', category: 'prison-gp', region: 'london' })
      .expect(201);
    const id = created.body.id as string;
    const [activation] = await stack.db.select().from(notices).where(eq(notices.toEmail, email));
    const meeting = await stack
      .http()
      .post('/meetings')
      .set(secretariat)
      .send({ title: 'London spoke', kind: 'hub', startsAt: '2031-05-10T10:00', endsAt: '2031-05-10T12:00' })
      .expect(201);
    await stack.http().post(`/members/${id}/erase`).set(secretariat).send({ reason: 'Asked to be erased' }).expect(200);
    const { body: erased } = await stack.http().get(`/members/${id}`).set(secretariat).expect(200);
    expect(erased.erasedAt).toEqual(expect.any(String));

    const expectErased = (res: request.Response, field: string) => {
      expect({ status: res.status, details: res.body.details }).toEqual({
        status: 409,
        details: [{ field, message: expect.stringMatching(/^is an erased member: .* takes no change/) }],
      });
    };
    // The revival: back to invited at a new address, then activation.
    const newEmail = uniqueEmail('revived');
    expectErased(
      await stack.http().patch(`/members/${id}`).set(admin).send({ status: 'invited', email: newEmail }),
      'id',
    );
    for (const change of [{ status: 'active' }, { email: newEmail }, { role: 'secretariat' }, { name: 'Someone Else' }])
      expectErased(await stack.http().patch(`/members/${id}`).set(admin).send(change), 'id');
    expectErased(await stack.http().post(`/members/${id}/activation`).set(admin).send(), 'id');
    expectErased(
      await stack
        .http()
        .post('/posts')
        .set(admin)
        .send({ memberId: id, regionCode: 'london', role: 'Regional lead', startsOn: '2030-01-01' }),
      'memberId',
    );
    expectErased(
      await stack
        .http()
        .post(`/meetings/${meeting.body.id}/invitations`)
        .set(admin)
        .send({ audience: { memberIds: [id] } }),
      'audience.memberIds[0]',
    );
    const imported = await stack
      .http()
      .post('/members/import')
      .set(admin)
      .set('Content-Type', 'text/csv')
      .send(`email,name,category\n${erased.email},Revived Person,prison-gp\n`)
      .expect(201);
    expect(imported.body.rows[0]).toMatchObject({
      status: 'error',
      errors: [{ field: 'id', message: expect.stringMatching(/^is an erased member/) }],
    });
    // The activation link sent before the erasure opens nothing, and no new one went anywhere.
    const activate = await stack
      .http()
      .post('/auth/activate')
      .send({ token: activation.payload.token, password: 'a long and quiet week in Durham' });
    expect(activate.status).toBe(400);
    await expect(stack.db.select().from(notices).where(eq(notices.toEmail, newEmail))).resolves.toEqual([]);
    const after = await stack.http().get(`/members/${id}`).set(secretariat).expect(200);
    expect(after.body).toMatchObject({
      status: 'left',
      role: 'member',
      email: erased.email,
      name: erased.name,
      posts: [],
    });
  });

  it('lists where the erased name or email still stands in meetings the staff wrote, until each is edited', async () => {
    const email = uniqueEmail('mention');
    const created = await stack
      .http()
      .post('/members')
      .set(secretariat)
      .send({ email, name: 'Isolde Marchbank', category: 'prison-gp' })
      .expect(201);
    const id = created.body.id as string;
    const meeting = (body: Record<string, unknown>) =>
      stack
        .http()
        .post('/meetings')
        .set(secretariat)
        .send({ kind: 'hub', startsAt: '2031-06-10T10:00', endsAt: '2031-06-10T12:00', ...body })
        .expect(201)
        .then((res) => res.body.id as string);
    const titled = await meeting({ title: 'Farewell to Isolde Marchbank', venue: 'Marchbank House, Leeds' });
    const agenda = await meeting({
      title: 'Hub meeting',
      agenda: `1. Minutes\n2. Prescribing audit, presented by Dr MARCHBANK\n3. Questions to ${email.toUpperCase()}`,
      learningOutcomes: ['Manage opioid withdrawal on reception'],
    });
    await meeting({ title: 'Unrelated hub meeting', agenda: 'Nothing about anyone' });

    const res = await stack.http().post(`/members/${id}/erase`).set(secretariat).send({ reason: 'Asked' }).expect(200);
    const expected = [
      { meetingId: titled, field: 'title', snippet: 'Farewell to [erased]' },
      { meetingId: titled, field: 'venue', snippet: '[erased] House, Leeds' },
      {
        meetingId: agenda,
        field: 'agenda',
        snippet: '…2. Prescribing audit, presented by Dr [erased] 3. Questions to [erased]',
      },
    ];
    expect(res.body.mentions).toEqual(expect.arrayContaining(expected));
    expect(res.body.mentions).toHaveLength(3);
    const record = await stack.http().get(`/members/${id}`).set(secretariat).expect(200);
    expect(record.body.erasureMentions).toEqual(expect.arrayContaining(expected));
    expect(JSON.stringify(record.body)).not.toMatch(/marchbank|isolde/i);

    // Once the staff edit the agenda, it is no longer listed; the title still is.
    await stack
      .http()
      .patch(`/meetings/${agenda}`)
      .set(secretariat)
      .send({ agenda: '1. Minutes\n2. Prescribing audit' })
      .expect(200);
    const later = await stack.http().get(`/members/${id}`).set(secretariat).expect(200);
    expect(later.body.erasureMentions.map((m: { field: string }) => m.field).sort()).toEqual(['title', 'venue']);
  });
});
