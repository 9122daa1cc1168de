import { todayInLondon } from '@seg/rules';
import { auditLog, meetings, members, notices, posts, refreshTokens } from '@seg/db';
import { parse } from 'csv-parse/sync';
import { and, eq } from 'drizzle-orm';
import { randomBytes } from 'node:crypto';
import { createMember, createPost, loggedIn, regionIdOf, uniqueEmail } from './support/factories';
import { useStack } from './support/stack';

type Auth = { Authorization: string };

describe('members, posts and reference data', () => {
  const stack = useStack();
  let secretariat: Auth;
  let secretariatId: string;

  beforeAll(async () => {
    const s = await loggedIn(stack.db, stack.config, { name: 'Secretariat Person', role: 'secretariat' });
    secretariat = s.auth;
    secretariatId = s.member.id;
  });

  describe('POST /members', () => {
    it('creates an invited member, queues the activation notice and audits who did it', async () => {
      const email = uniqueEmail('new');
      const res = await stack
        .http()
        .post('/members')
        .set(secretariat)
        .send({ email, name: 'Nia Evans', category: 'prison-gp', region: 'wales', phone: '029 2018 0000' })
        .expect(201);
      expect(res.body).toMatchObject({
        email,
        name: 'Nia Evans',
        status: 'invited',
        role: 'member',
        region: { code: 'wales' },
        category: { code: 'prison-gp' },
      });
      const sent = await stack.db.select().from(notices).where(eq(notices.memberId, res.body.id));
      expect(sent.map((n) => [n.kind, n.toEmail])).toEqual([['activation', email]]);
      // The auth module's one-time activation link rides in the notice.
      expect(typeof sent[0].payload.token).toBe('string');
      const [entry] = await stack.db
        .select()
        .from(auditLog)
        .where(and(eq(auditLog.entity, 'member'), eq(auditLog.entityId, res.body.id)));
      expect(entry).toMatchObject({ actorId: secretariatId, action: 'create', before: null });
      expect(entry.after).toMatchObject({ email, name: 'Nia Evans', status: 'invited' });
      expect(JSON.stringify(entry.after)).not.toContain('passwordHash');
    });

    it('sends a new activation link to the corrected email, and again when asked; only the newest works', async () => {
      const typo = uniqueEmail('typo');
      const created = (
        await stack
          .http()
          .post('/members')
          .set(secretariat)
          .send({ email: typo, name: 'Owain Typo', category: 'prison-gp' })
          .expect(201)
      ).body;
      const fixed = uniqueEmail('fixed');
      await stack.http().patch(`/members/${created.id}`).set(secretariat).send({ email: fixed }).expect(200);
      const res = await stack.http().post(`/members/${created.id}/activation`).set(secretariat).expect(202);
      expect(res.body).toEqual({ email: fixed });

      const sent = await stack.db
        .select()
        .from(notices)
        .where(and(eq(notices.memberId, created.id), eq(notices.kind, 'activation')))
        .orderBy(notices.createdAt);
      expect(sent.map((n) => n.toEmail)).toEqual([typo, fixed, fixed]);
      const [first, second, third] = sent.map((n) => n.payload.token as string);
      const password = 'a new member on the Gower';
      await stack.http().post('/auth/activate').send({ token: first, password }).expect(400);
      await stack.http().post('/auth/activate').send({ token: second, password }).expect(400);
      await stack.http().post('/auth/activate').send({ token: third, password }).expect(200);

      const again = await stack.http().post(`/members/${created.id}/activation`).set(secretariat).expect(409);
      expect(again.body.details).toEqual([
        { field: 'status', message: 'is active: only an invited member is sent an activation link' },
      ]);
      await stack.http().post('/members/00000000-0000-4000-8000-000000000000/activation').set(secretariat).expect(404);
      const audit = await stack.db
        .select()
        .from(auditLog)
        .where(and(eq(auditLog.entityId, created.id), eq(auditLog.action, 'resend-activation')));
      expect(audit).toEqual([expect.objectContaining({ actorId: secretariatId, after: { email: fixed } })]);
    });

    it('sends at most 3 activation emails again to one member in an hour, like password reset', async () => {
      const member = await createMember(stack.db, { status: 'invited' });
      for (let i = 0; i < 3; i++)
        await stack.http().post(`/members/${member.id}/activation`).set(secretariat).expect(202);
      const refused = await stack.http().post(`/members/${member.id}/activation`).set(secretariat).expect(429);
      expect(refused.body).toEqual({
        statusCode: 429,
        error: 'Too Many Requests',
        message: 'This member was sent 3 activation emails in the last hour; try again in 60 minutes',
        requestId: expect.any(String),
      });
      expect(Number(refused.headers['retry-after'])).toBeGreaterThan(3500);
      await stack.http().post(`/members/${member.id}/activation`).set(secretariat).expect(429);
      const sent = await stack.db
        .select()
        .from(notices)
        .where(and(eq(notices.memberId, member.id), eq(notices.kind, 'activation')));
      expect(sent).toHaveLength(3);
      const audit = await stack.db
        .select()
        .from(auditLog)
        .where(and(eq(auditLog.entityId, member.id), eq(auditLog.action, 'resend-activation')));
      expect(audit).toHaveLength(3);
      // Another member is not held back by this one's cap.
      const other = await createMember(stack.db, { status: 'invited' });
      await stack.http().post(`/members/${other.id}/activation`).set(secretariat).expect(202);
    });

    it('answers 409 for an email taken in any case', async () => {
      const taken = await createMember(stack.db, { email: uniqueEmail('taken') });
      const res = await stack
        .http()
        .post('/members')
        .set(secretariat)
        .send({ email: taken.email.toUpperCase(), name: 'Copy', category: 'prison-gp' })
        .expect(409);
      expect(res.body.details).toEqual([expect.objectContaining({ field: 'email' })]);
    });

    it('names every bad field and saves nothing', async () => {
      const res = await stack
        .http()
        .post('/members')
        .set(secretariat)
        .send({ email: 'not-an-email', name: '', category: 'prison-gp', phone: '12345' })
        .expect(400);
      expect(res.body.details.map((d: { field: string }) => d.field).sort()).toEqual(['email', 'name', 'phone']);
      const unknown = await stack
        .http()
        .post('/members')
        .set(secretariat)
        .send({ email: uniqueEmail(), name: 'X', category: 'astronaut', region: 'mars' })
        .expect(400);
      expect(unknown.body.details.map((d: { field: string }) => d.field).sort()).toEqual(['category', 'region']);
      expect(await stack.db.select().from(members).where(eq(members.name, 'X'))).toEqual([]);
    });
  });

  describe('PATCH /members/:id', () => {
    it('changes role and category, audited with before and after', async () => {
      const m = await createMember(stack.db, { name: 'Role Change' });
      const res = await stack
        .http()
        .patch(`/members/${m.id}`)
        .set(secretariat)
        .send({ role: 'secretariat', category: 'other-profession', title: 'Nurse' })
        .expect(200);
      expect(res.body).toMatchObject({ role: 'secretariat', category: { code: 'other-profession' }, title: 'Nurse' });
      const audit = await stack.http().get(`/audit?entity=member&id=${m.id}`).set(secretariat).expect(200);
      expect(audit.body.items[0]).toMatchObject({
        action: 'update',
        actor: { id: secretariatId },
        before: { role: 'member', title: null },
        after: { role: 'secretariat', title: 'Nurse' },
      });
    });

    it('reads the audit trail as English, and finds everything involving a person without their id', async () => {
      const m = await createMember(stack.db, { name: 'Kwame Audited', region: 'london', phone: '020 7946 0000' });
      const other = await createMember(stack.db, { name: 'Someone Else' });
      const moved = await stack
        .http()
        .patch(`/members/${m.id}`)
        .set(secretariat)
        .send({ phone: '020 7946 0001', region: 'wales' })
        .expect(200);
      await stack.http().patch(`/members/${other.id}`).set(secretariat).send({ phone: '020 7946 0002' }).expect(200);
      await stack
        .http()
        .post('/posts')
        .set(secretariat)
        .send({ memberId: m.id, regionCode: 'wales', role: 'Regional lead', startsOn: '2024-01-01' })
        .expect(201);

      const audit = await stack.http().get(`/audit?member=${m.id}`).set(secretariat).expect(200);
      expect(audit.body.items.map((e: { summary: string }) => e.summary)).toEqual([
        `Kwame Audited given the post of Regional lead, ${moved.body.region.name}`,
        "Kwame Audited's phone and region changed",
      ]);
      const update = audit.body.items[1];
      expect(update.changes).toEqual([
        { field: 'phone', label: 'phone', before: '020 7946 0000', after: '020 7946 0001' },
        { field: 'regionId', label: 'region', before: expect.any(String), after: moved.body.region.name },
      ]);
      expect(update.changes[1].before).not.toMatch(/^[0-9a-f]{8}-/);
      expect(update).toMatchObject({ subject: 'Kwame Audited', actor: { id: secretariatId } });

      // What the secretariat officer did is theirs too, with the other member's change among it.
      const byOfficer = await stack
        .http()
        .get(`/audit?member=${secretariatId}&entity=member`)
        .set(secretariat)
        .expect(200);
      expect(byOfficer.body.items.map((e: { summary: string }) => e.summary)).toEqual(
        expect.arrayContaining(["Someone Else's phone changed", "Kwame Audited's phone and region changed"]),
      );
      await stack.http().get('/audit?member=not-an-id').set(secretariat).expect(400);
    });

    it('suspending ends the member’s sessions at once', async () => {
      const { member, auth } = await loggedIn(stack.db, stack.config, { name: 'To Suspend' });
      await stack.db.insert(refreshTokens).values({
        memberId: member.id,
        familyId: crypto.randomUUID(),
        tokenHash: randomBytes(16).toString('hex'),
        expiresAt: new Date(Date.now() + 3600_000),
      });
      await stack.http().get('/me').set(auth).expect(200);
      await stack.http().patch(`/members/${member.id}`).set(secretariat).send({ status: 'suspended' }).expect(200);
      await stack.http().get('/me').set(auth).expect(401);
      const tokens = await stack.db.select().from(refreshTokens).where(eq(refreshTokens.memberId, member.id));
      expect(tokens.every((t) => t.revokedAt !== null)).toBe(true);
    });

    it('marking as left ends their posts and keeps the history', async () => {
      const m = await createMember(stack.db, { name: 'Leaving Rep' });
      const post = await createPost(stack.db, { memberId: m.id, region: 'london' });
      const left = await stack.http().patch(`/members/${m.id}`).set(secretariat).send({ status: 'left' }).expect(200);
      const [after] = await stack.db.select().from(posts).where(eq(posts.id, post.id));
      expect(after.endsOn).toBe(todayInLondon());
      // The retention period runs from the day they left; coming back clears it.
      expect(Date.now() - Date.parse(left.body.leftAt)).toBeLessThan(60_000);
      const back = await stack.http().patch(`/members/${m.id}`).set(secretariat).send({ status: 'active' }).expect(200);
      expect(back.body.leftAt).toBeNull();
    });

    it('refuses to empty a required field', async () => {
      const m = await createMember(stack.db);
      const res = await stack
        .http()
        .patch(`/members/${m.id}`)
        .set(secretariat)
        .send({ name: null, email: null })
        .expect(400);
      expect(res.body.details.map((d: { field: string }) => d.field).sort()).toEqual(['email', 'name']);
    });
  });

  describe('PATCH /me', () => {
    it('changes the member’s own editable fields', async () => {
      const { member, auth } = await loggedIn(stack.db, stack.config, { name: 'Own Details' });
      const belmarsh = (await stack.http().get('/establishments?q=BAI').set(auth).expect(200)).body.items[0].id;
      const res = await stack
        .http()
        .patch('/me')
        .set(auth)
        .send({
          name: 'Own Details Changed',
          phone: '+44 7700 900123',
          availability: 'Tuesdays',
          establishmentIds: [belmarsh],
          contactVisibility: { email: 'secretariat', phone: 'members' },
        })
        .expect(200);
      expect(res.body).toMatchObject({
        name: 'Own Details Changed',
        phone: '+44 7700 900123',
        availability: 'Tuesdays',
        contactVisibility: { email: 'secretariat', phone: 'members' },
      });
      expect(res.body.establishments.map((e: { code: string }) => e.code)).toEqual(['BAI']);
      const [entry] = await stack.db
        .select()
        .from(auditLog)
        .where(and(eq(auditLog.entityId, member.id), eq(auditLog.action, 'update')));
      expect(entry.actorId).toBe(member.id);
      const partly = await stack
        .http()
        .patch('/me')
        .set(auth)
        .send({ contactVisibility: { phone: 'secretariat' } })
        .expect(200);
      expect(partly.body.contactVisibility).toEqual({ email: 'secretariat', phone: 'secretariat' });
    });

    it.each([
      ['role', 'admin'],
      ['status', 'active'],
      ['category', 'patient-rep'],
      ['region', 'scotland'],
      ['posts', [{ role: 'Chair' }]],
      ['email', 'someone.else@example.org'],
    ])('refuses %s with a 400 and changes nothing', async (field, value) => {
      const { member, auth } = await loggedIn(stack.db, stack.config, { name: 'Cannot Promote' });
      const res = await stack
        .http()
        .patch('/me')
        .set(auth)
        .send({ name: 'Changed Anyway', [field]: value })
        .expect(400);
      expect(res.body.details).toEqual([expect.objectContaining({ field })]);
      const [after] = await stack.db.select().from(members).where(eq(members.id, member.id));
      expect(after).toMatchObject({
        name: 'Cannot Promote',
        role: 'member',
        status: 'active',
        email: member.email,
        regionId: member.regionId,
        categoryId: member.categoryId,
      });
    });

    it('validates phone, lengths, visibility and establishments', async () => {
      const { auth } = await loggedIn(stack.db, stack.config);
      const res = await stack
        .http()
        .patch('/me')
        .set(auth)
        .send({
          phone: '+1 212 555 0100',
          bio: 'x'.repeat(2001),
          contactVisibility: { email: 'everyone', phone: 'members' },
          establishmentIds: [crypto.randomUUID()],
        })
        .expect(400);
      expect(res.body.details.map((d: { field: string }) => d.field).sort()).toEqual([
        'bio',
        'contactVisibility.email',
        'phone',
      ]);
      const unknown = await stack
        .http()
        .patch('/me')
        .set(auth)
        .send({ establishmentIds: [crypto.randomUUID()] })
        .expect(400);
      expect(unknown.body.details).toEqual([expect.objectContaining({ field: 'establishmentIds[0]' })]);
    });
  });

  describe('regions', () => {
    it('renaming a region keeps its members and posts', async () => {
      const m = await createMember(stack.db, { name: 'North East Member', region: 'north-east' });
      await createPost(stack.db, { memberId: m.id, region: 'north-east' });
      const id = await regionIdOf(stack.db, 'north-east');
      const res = await stack
        .http()
        .patch(`/regions/${id}`)
        .set(secretariat)
        .send({ name: 'North East and North Cumbria' })
        .expect(200);
      expect(res.body).toMatchObject({ code: 'north-east', name: 'North East and North Cumbria' });
      const record = await stack.http().get(`/members/${m.id}`).set(secretariat).expect(200);
      expect(record.body.region).toMatchObject({ code: 'north-east', name: 'North East and North Cumbria' });
      expect(record.body.posts[0]).toMatchObject({ current: true, region: { name: 'North East and North Cumbria' } });
    });

    it('merging moves members, establishments and current posts; ended posts stay as history', async () => {
      const m = await createMember(stack.db, { name: 'South Central Member', region: 'south-central' });
      const current = await createPost(stack.db, { memberId: m.id, region: 'south-central' });
      const ended = await createPost(stack.db, {
        memberId: m.id,
        region: 'south-central',
        startsOn: '2010-01-01',
        endsOn: '2012-01-01',
      });
      const id = await regionIdOf(stack.db, 'south-central');
      const [coming, held] = await stack.db
        .insert(meetings)
        .values([
          {
            title: 'South Central, coming',
            kind: 'regional',
            regionId: id,
            startsAt: new Date('2031-01-01T10:00:00Z'),
            endsAt: new Date('2031-01-01T12:00:00Z'),
          },
          {
            title: 'South Central, held',
            kind: 'regional',
            regionId: id,
            startsAt: new Date('2015-01-01T10:00:00Z'),
            endsAt: new Date('2015-01-01T12:00:00Z'),
          },
        ])
        .returning();
      const res = await stack
        .http()
        .post(`/regions/${id}/merge`)
        .set(secretariat)
        .send({ into: 'south-east-coast' })
        .expect(201);
      expect(res.body).toMatchObject({ mergedInto: 'south-east-coast', moved: { members: 1, posts: 1, meetings: 1 } });
      const regionOf = async (meetingId: string) =>
        (await stack.http().get(`/meetings/${meetingId}`).set(secretariat).expect(200)).body.region.code;
      expect([await regionOf(coming.id), await regionOf(held.id)]).toEqual(['south-east-coast', 'south-central']);
      expect(res.body.moved.establishments).toBeGreaterThan(0);
      const record = await stack.http().get(`/members/${m.id}`).set(secretariat).expect(200);
      expect(record.body.region.code).toBe('south-east-coast');
      const byId = Object.fromEntries(
        record.body.posts.map((p: { id: string; region: { code: string } }) => [p.id, p.region.code]),
      );
      expect(byId).toEqual({ [current.id]: 'south-east-coast', [ended.id]: 'south-central' });
      const network = await stack.http().get('/directory/network').set(secretariat).expect(200);
      expect(network.body.spokes.map((s: { region: { code: string } }) => s.region.code)).not.toContain(
        'south-central',
      );
      // A merged region keeps its history under its own name; renaming it says where it went.
      const renamed = await stack
        .http()
        .patch(`/regions/${id}`)
        .set(secretariat)
        .send({ name: 'South Central (former)' })
        .expect(200);
      expect(renamed.body).toMatchObject({
        code: 'south-central',
        name: 'South Central (former)',
        mergedInto: 'south-east-coast',
      });
    });

    it('refuses a taken code with 409', async () => {
      await stack
        .http()
        .post('/regions')
        .set(secretariat)
        .send({ code: 'london', name: 'Another London', nation: 'England' })
        .expect(409);
    });
  });

  describe('CSV import and export', () => {
    it('saves the good rows and reports each bad one with its row and field, saving nothing of it', async () => {
      const existing = await createMember(stack.db, {
        email: uniqueEmail('existing'),
        name: 'Existing Person',
        region: 'london',
      });
      const good1 = uniqueEmail('import');
      const good2 = uniqueEmail('import');
      const badPhone = uniqueEmail('import');
      const badPlace = uniqueEmail('import');
      const csv = [
        'email,name,title,category,region,phone,establishments',
        `${good1},Imported One,Dr,prison-gp,london,020 7946 0000,BAI; Wandsworth (HMP & YOI)`,
        `${badPhone},Bad Phone,,prison-gp,london,12345,`,
        `${existing.email.toUpperCase()},,Clinical lead,,scotland,,`,
        `${badPlace},Bad Place,,astronaut,london,,Nowhere Prison`,
        `,No Email,,prison-gp,london,,`,
        `"${good2}","Ó Súilleabháin, Máire",,patient-rep,wales,,`,
      ].join('\n');
      const res = await stack
        .http()
        .post('/members/import')
        .set(secretariat)
        .set('Content-Type', 'text/csv')
        .send(csv)
        .expect(201);
      expect(res.body).toMatchObject({ created: 2, updated: 1, failed: 3 });
      const byRow = Object.fromEntries(res.body.rows.map((r: { row: number }) => [r.row, r]));
      expect(byRow[2]).toMatchObject({ status: 'created', email: good1 });
      expect(byRow[3]).toMatchObject({ status: 'error', errors: [expect.objectContaining({ field: 'phone' })] });
      expect(byRow[4]).toMatchObject({ status: 'updated', id: existing.id });
      expect(byRow[5].status).toBe('error');
      expect(byRow[5].errors.map((e: { field: string }) => e.field).sort()).toEqual(['category', 'establishments']);
      expect(byRow[6]).toMatchObject({ status: 'error', errors: [expect.objectContaining({ field: 'email' })] });
      expect(byRow[7]).toMatchObject({ status: 'created', email: good2 });

      const one = await stack.db.query.members.findFirst({ where: eq(members.email, good1) });
      expect(one).toMatchObject({ name: 'Imported One', title: 'Dr', status: 'invited' });
      const record = await stack.http().get(`/members/${one!.id}`).set(secretariat).expect(200);
      expect(record.body.establishments.map((e: { code: string }) => e.code).sort()).toEqual(['BAI', 'WWI']);
      const two = await stack.db.query.members.findFirst({ where: eq(members.email, good2) });
      expect(two).toMatchObject({ name: 'Ó Súilleabháin, Máire', emailVisibility: 'secretariat' });
      const updated = await stack.http().get(`/members/${existing.id}`).set(secretariat).expect(200);
      expect(updated.body).toMatchObject({
        name: 'Existing Person',
        title: 'Clinical lead',
        region: { code: 'scotland' },
      });
      for (const email of [badPhone, badPlace])
        expect(await stack.db.query.members.findFirst({ where: eq(members.email, email) })).toBeUndefined();
      const activations = await stack.db.select().from(notices).where(eq(notices.kind, 'activation'));
      expect(activations.map((n) => n.toEmail)).toEqual(expect.arrayContaining([good1, good2]));
    });

    it('refuses a file with unknown columns', async () => {
      const res = await stack
        .http()
        .post('/members/import')
        .set(secretariat)
        .set('Content-Type', 'text/csv')
        .send('email,shoe size\na@example.org,9\n')
        .expect(400);
      expect(res.body.details[0].field).toBe('header');
    });

    it('exports the directory as CSV that reads back', async () => {
      const m = await createMember(stack.db, {
        name: 'Export, "Quoted" Person',
        region: 'london',
        phone: '+44 7700 900999',
      });
      await createPost(stack.db, { memberId: m.id, region: 'wales', role: 'Deputy lead' });
      const res = await stack.http().get('/members/export').set(secretariat).expect(200);
      expect(res.headers['content-type']).toMatch(/^text\/csv/);
      const rows: Record<string, string>[] = parse(res.text, { columns: true });
      const row = rows.find((r) => r.email === m.email)!;
      expect(row).toMatchObject({
        name: 'Export, "Quoted" Person',
        phone: '+44 7700 900999',
        region: 'london',
        status: 'active',
        posts: 'Deputy lead (wales)',
      });
    });
  });

  describe('GET /me/export', () => {
    it('gives a member everything held about them, without secrets', async () => {
      const { member, auth } = await loggedIn(stack.db, stack.config, {
        name: 'Exporting Member',
        passwordHash: 'argon2-hash-not-to-leak',
      });
      await createPost(stack.db, {
        memberId: member.id,
        region: 'wales',
        startsOn: '2018-01-01',
        endsOn: '2019-01-01',
      });
      await stack.http().patch('/me').set(auth).send({ bio: 'Prison GP in Cardiff' }).expect(200);
      const res = await stack.http().get('/me/export').set(auth).expect(200);
      expect(res.body.member).toMatchObject({ id: member.id, email: member.email, bio: 'Prison GP in Cardiff' });
      expect(res.body.member.posts).toHaveLength(1);
      expect(res.body.audit.map((a: { action: string }) => a.action)).toContain('update');
      expect(res.body).toHaveProperty('invitations');
      expect(res.body).toHaveProperty('notices');
      expect(JSON.stringify(res.body)).not.toContain('argon2-hash-not-to-leak');
    });
  });
});
