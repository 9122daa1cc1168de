import { todayInLondon } from '@seg/rules';
import { Visibility } from '@seg/db';
import { accessTokenFor, createMember, createPost, loggedIn } from './support/factories';
import { useStack } from './support/stack';

type Auth = { Authorization: string };

describe('the network directory', () => {
  const stack = useStack();
  let member: Auth;
  let secretariat: Auth;

  beforeAll(async () => {
    member = (await loggedIn(stack.db, stack.config, { name: 'Viewing Member', region: 'wales' })).auth;
    secretariat = (await loggedIn(stack.db, stack.config, { name: 'Secretariat Person', role: 'secretariat' })).auth;
  });

  const get = (path: string, auth: Auth) => stack.http().get(path).set(auth);

  describe('contact visibility', () => {
    const choices: Visibility[] = ['members', 'secretariat'];
    const cases = choices.flatMap((email) =>
      choices.flatMap((phone) =>
        [false, true].flatMap((rep) =>
          ['prison-gp', 'patient-rep'].map((category) => ({ email, phone, rep, category })),
        ),
      ),
    );

    it.each(cases)(
      'email $email, phone $phone, rep $rep, category $category',
      async ({ email, phone, rep, category }) => {
        const subject = await createMember(stack.db, {
          name: `Subject ${email} ${phone} ${rep} ${category}`,
          category,
          emailVisibility: email,
          phoneVisibility: phone,
          phone: '07700 900456',
        });
        if (rep) await createPost(stack.db, { memberId: subject.id, region: 'east-midlands' });

        const seen = (await get(`/directory/members/${subject.id}`, member).expect(200)).body;
        // A current rep's work email is public to members, except for patient reps, whose choice always holds.
        const emailShown = email === 'members' || (rep && category !== 'patient-rep');
        expect(seen.email).toBe(emailShown ? subject.email : null);
        expect(seen.phone).toBe(phone === 'members' ? '07700 900456' : null);
        expect(seen.isRep).toBe(rep);
        expect(seen.contactVisibility).toBeUndefined();

        const bySecretariat = (await get(`/directory/members/${subject.id}`, secretariat).expect(200)).body;
        expect(bySecretariat.email).toBe(subject.email);
        expect(bySecretariat.phone).toBe('07700 900456');
        expect(bySecretariat.contactVisibility).toEqual({ email, phone });

        const self = { Authorization: `Bearer ${await accessTokenFor(stack.db, stack.config, subject.id)}` };
        const own = (await get(`/directory/members/${subject.id}`, self).expect(200)).body;
        expect(own.email).toBe(subject.email);
      },
    );

    it('a new patient representative starts visible to the secretariat only; other categories to members', async () => {
      const patient = await stack
        .http()
        .post('/members')
        .set(secretariat)
        .send({ email: 'Pat.Rep@Example.org', name: 'Pat Rep', category: 'patient-rep', region: 'london' })
        .expect(201);
      expect(patient.body.contactVisibility).toEqual({ email: 'secretariat', phone: 'secretariat' });
      const gp = await stack
        .http()
        .post('/members')
        .set(secretariat)
        .send({ email: 'gp.new@example.org', name: 'New GP', category: 'prison-gp', region: 'london' })
        .expect(201);
      expect(gp.body.contactVisibility).toEqual({ email: 'members', phone: 'members' });
    });

    it('hides members who are not active from other members', async () => {
      const suspended = await createMember(stack.db, { name: 'Suspended Sam', status: 'suspended' });
      await get(`/directory/members/${suspended.id}`, member).expect(404);
      await get(`/directory/members/${suspended.id}`, secretariat).expect(200);
    });
  });

  describe('the network view', () => {
    let chair: string;
    let londonLead: { memberId: string; postId: string; email: string };

    beforeAll(async () => {
      const c = await createMember(stack.db, {
        name: 'Hub Chair',
        region: 'yorkshire-humber',
        emailVisibility: 'secretariat',
      });
      chair = c.id;
      await createPost(stack.db, { memberId: c.id, role: 'Chair' });
      const lead = await createMember(stack.db, {
        name: 'London Lead',
        region: 'london',
        emailVisibility: 'secretariat',
        phoneVisibility: 'secretariat',
      });
      const post = await createPost(stack.db, { memberId: lead.id, region: 'london', role: 'Regional lead' });
      londonLead = { memberId: lead.id, postId: post.id, email: lead.email };
      // An ended post and a future one are not current.
      const former = await createMember(stack.db, { name: 'Former Lead', region: 'wales' });
      await createPost(stack.db, {
        memberId: former.id,
        region: 'wales',
        startsOn: '2015-01-01',
        endsOn: '2019-01-01',
      });
      const future = await createMember(stack.db, { name: 'Future Lead', region: 'wales' });
      await createPost(stack.db, { memberId: future.id, region: 'wales', startsOn: '2999-01-01' });
    });

    it('lists the hub and all 13 spokes, empty spokes included', async () => {
      const res = await get('/directory/network', member).expect(200);
      expect(res.body.spokes).toHaveLength(13);
      expect(res.body.hub.reps.map((r: { member: { id: string } }) => r.member.id)).toContain(chair);
      const london = res.body.spokes.find((s: { region: { code: string } }) => s.region.code === 'london');
      expect(london.reps).toHaveLength(1);
      expect(london.reps[0]).toMatchObject({
        postId: londonLead.postId,
        role: 'Regional lead',
        member: { name: 'London Lead', email: londonLead.email, phone: null },
      });
      const wales = res.body.spokes.find((s: { region: { code: string } }) => s.region.code === 'wales');
      expect(wales.reps).toEqual([]);
    });

    it('answers who to call in my region and at the hub', async () => {
      const londoner = (await loggedIn(stack.db, stack.config, { name: 'Londoner', region: 'london' })).auth;
      const res = await get('/me/contacts', londoner).expect(200);
      expect(res.body.region.code).toBe('london');
      expect(res.body.regionalReps.map((r: { member: { name: string } }) => r.member.name)).toEqual(['London Lead']);
      expect(res.body.hubReps.map((r: { member: { name: string } }) => r.member.name)).toContain('Hub Chair');
    });

    it('answers who to call for the establishment a patient is moving to', async () => {
      const found = await get('/establishments?q=belmarsh', member).expect(200);
      expect(found.body.items.map((e: { code: string }) => e.code)).toEqual(['BAI']);
      const res = await get(`/establishments/${found.body.items[0].id}/contacts`, member).expect(200);
      expect(res.body.establishment.name).toMatch(/Belmarsh/);
      expect(res.body.region.code).toBe('london');
      expect(res.body.regionalReps.map((r: { postId: string }) => r.postId)).toEqual([londonLead.postId]);
    });

    it('ending a post takes the rep out of the live directory at once, and keeps the history', async () => {
      await stack
        .http()
        .patch(`/posts/${londonLead.postId}`)
        .set(secretariat)
        .send({ endsOn: todayInLondon() })
        .expect(200);
      const network = await get('/directory/network', member).expect(200);
      const london = network.body.spokes.find((s: { region: { code: string } }) => s.region.code === 'london');
      expect(london.reps).toEqual([]);
      const lead = await get(`/directory/members/${londonLead.memberId}`, member).expect(200);
      expect(lead.body.isRep).toBe(false);
      expect(lead.body.email).toBeNull();
      const record = await get(`/members/${londonLead.memberId}`, secretariat).expect(200);
      expect(record.body.posts).toEqual([
        expect.objectContaining({ id: londonLead.postId, endsOn: todayInLondon(), current: false }),
      ]);
      const audit = await get(`/audit?entity=post&id=${londonLead.postId}`, secretariat).expect(200);
      expect(audit.body.items[0]).toMatchObject({
        action: 'end',
        before: { endsOn: null },
        after: { endsOn: todayInLondon() },
      });
    });
  });

  describe('member search', () => {
    let ids: Record<string, string>;
    let wandsworth: string;

    beforeAll(async () => {
      const est = await get('/establishments?q=wandsworth', member).expect(200);
      wandsworth = est.body.items[0].id;
      ids = {};
      const people: [string, Parameters<typeof createMember>[1]][] = [
        ['Zoë Ashworth', { region: 'north-west', category: 'forensic-medical-examiner' }],
        ["Seán O'Brien", { region: 'london', establishmentIds: [wandsworth] }],
        ['Anne-Marie Dubois', { region: 'london', category: 'offender-healthcare-manager' }],
        ['Chloé Obrien-Hart', { region: 'scotland' }],
        ['Zoltan Kiss', { region: 'london' }],
        ['Marianne Ozil', { region: 'london', establishmentIds: [wandsworth] }],
      ];
      for (const [name, input] of people) ids[name] = (await createMember(stack.db, { name, ...input })).id;
      await createPost(stack.db, { memberId: ids["Seán O'Brien"], region: 'london' });
    });

    const names = async (query: string, auth: Auth = member) => {
      const res = await get(`/directory/members?${query}`, auth).expect(200);
      return res.body.items.map((m: { name: string }) => m.name);
    };

    it('ignores case and accents', async () => {
      expect(await names('q=zoe')).toEqual(['Zoë Ashworth']);
      expect(await names('q=ZOË')).toEqual(['Zoë Ashworth']);
      expect(await names('q=chloe')).toEqual(['Chloé Obrien-Hart']);
      expect(await names('q=sean')).toEqual(["Seán O'Brien"]);
    });

    it('ignores apostrophes and hyphens', async () => {
      // Both have a word obrien; in surname order, O'Brien before Obrien-Hart.
      expect(await names('q=obrien')).toEqual(["Seán O'Brien", 'Chloé Obrien-Hart']);
      expect(await names(`q=${encodeURIComponent("o'brien")}`)).toEqual(["Seán O'Brien", 'Chloé Obrien-Hart']);
      expect(await names('q=annemarie')).toEqual(['Anne-Marie Dubois']);
      expect(await names('q=anne-marie')).toEqual(['Anne-Marie Dubois', 'Marianne Ozil']);
      expect(await names(`q=${encodeURIComponent('anne marie')}`)).toEqual(['Anne-Marie Dubois', 'Marianne Ozil']);
    });

    it('finds by prefix and by part of a name', async () => {
      expect(await names('q=zo')).toEqual(['Zoë Ashworth', 'Zoltan Kiss']);
      expect(await names('q=z')).toEqual(['Zoë Ashworth', 'Zoltan Kiss']);
      // Marianne is a near miss of "marie", offered after every real match.
      expect(await names('q=marie')).toEqual(['Anne-Marie Dubois', 'Marianne Ozil']);
      expect(await names('q=mari')).toEqual(['Anne-Marie Dubois', 'Marianne Ozil']);
      expect(await names('q=dubo')).toEqual(['Anne-Marie Dubois']);
      // A word of O'Brien starts with brie; Obrien-Hart holds it inside a word.
      expect(await names('q=brie')).toEqual(["Seán O'Brien", 'Chloé Obrien-Hart']);
    });

    it('offers near misses only while the name matches fewer than 10 members', async () => {
      const given = ['Ada', 'Bea', 'Cai', 'Dot', 'Eve', 'Fay', 'Gil', 'Hal', 'Ivy'];
      for (const name of given) await createMember(stack.db, { name: `${name} Vexholm` });
      await createMember(stack.db, { name: 'Jo Vexhelm' });
      // Nine matches: the typo's neighbour comes after them.
      expect(await names('q=vexholm')).toEqual([...given.map((g) => `${g} Vexholm`), 'Jo Vexhelm']);
      await createMember(stack.db, { name: 'Kit Vexholm' });
      const ten = await names('q=vexholm');
      expect(ten).toHaveLength(10);
      expect(ten).not.toContain('Jo Vexhelm');
    });

    it('combines the name with filters', async () => {
      expect(await names('q=obrien&region=london')).toEqual(["Seán O'Brien"]);
      expect(await names('q=obrien&reps=true')).toEqual(["Seán O'Brien"]);
      expect(await names(`establishment=${wandsworth}`)).toEqual(["Seán O'Brien", 'Marianne Ozil']);
      expect(await names(`q=mari&establishment=${wandsworth}`)).toEqual(['Marianne Ozil']);
      expect(await names('region=london&category=offender-healthcare-manager')).toEqual(['Anne-Marie Dubois']);
      expect(await names('q=zo&category=forensic-medical-examiner&region=north-west')).toEqual(['Zoë Ashworth']);
      expect(await names('q=zo&category=forensic-medical-examiner&region=london')).toEqual([]);
    });

    it('refuses unknown filter codes naming the field', async () => {
      const res = await get('/directory/members?region=atlantis&category=nope', member).expect(400);
      expect(res.body.details.map((d: { field: string }) => d.field).sort()).toEqual(['category', 'region']);
    });

    it('pages by cursor with a stable total', async () => {
      const all = await names('region=london&limit=200');
      const seen: string[] = [];
      let cursor: string | null = null;
      do {
        const res: { body: { items: { name: string }[]; nextCursor: string | null; total: number } } = await get(
          `/directory/members?region=london&limit=2${cursor ? `&cursor=${cursor}` : ''}`,
          member,
        ).expect(200);
        expect(res.body.total).toBe(all.length);
        expect(res.body.items.length).toBeLessThanOrEqual(2);
        seen.push(...res.body.items.map((m) => m.name));
        cursor = res.body.nextCursor;
      } while (cursor);
      expect(seen).toEqual(all);
      await get('/directory/members?cursor=not-a-cursor', member).expect(400);
    });

    it('lets only the secretariat see members who are not active', async () => {
      await createMember(stack.db, { name: 'Zebedee Left', status: 'left' });
      expect(await names('q=zebedee')).toEqual([]);
      expect(await names('q=zebedee', secretariat)).toEqual(['Zebedee Left']);
      expect(await names('q=zebedee&status=left', secretariat)).toEqual(['Zebedee Left']);
      await get('/directory/members?status=left', member).expect(403);
    });
  });

  describe('establishments', () => {
    it('finds real establishments by name, code and town, ignoring case and accents', async () => {
      const byCode = await get('/establishments?q=bai', member).expect(200);
      expect(byCode.body.items.map((e: { name: string }) => e.name)).toContain('Belmarsh (HMP & YOI)');
      const byTown = await get('/establishments?q=liverpool', member).expect(200);
      expect(byTown.body.items.map((e: { code: string }) => e.code)).toContain('ACI');
      const filtered = await get('/establishments?type=secure-hospital&limit=200', member).expect(200);
      expect(filtered.body.total).toBe(4);
      const all = await get('/establishments?limit=200', member).expect(200);
      expect(all.body.total).toBeGreaterThanOrEqual(154);
    });
  });

  describe('who is listed', () => {
    // Listing is a membership fact: invited and active members are current members, whether or
    // not they have activated their account; suspended and left ones are not; staff accounts
    // (no membership category) are not members.
    const repNames = (reps: { member: { name: string } }[]) => reps.map((r) => r.member.name);
    let invited: string;

    beforeAll(async () => {
      for (const [name, status] of [
        ['Ifan Invitedrep', 'invited'],
        ['Sioned Suspendedrep', 'suspended'],
        ['Llew Leftrep', 'left'],
      ] as const) {
        const m = await createMember(stack.db, { name, status, region: 'wales' });
        await createPost(stack.db, { memberId: m.id, region: 'wales', role: 'Regional lead' });
        if (status === 'invited') invited = m.id;
      }
      await createMember(stack.db, { name: 'Staffa Rep', role: 'secretariat', region: 'wales' });
    });

    it('lists invited members and their posts wherever members look, and no one suspended, left or staff', async () => {
      const found = (await get('/directory/members?q=rep', member).expect(200)).body.items.map(
        (m: { name: string }) => m.name,
      );
      expect(found).toContain('Ifan Invitedrep');
      expect(found).not.toEqual(expect.arrayContaining(['Sioned Suspendedrep']));
      expect(found).not.toContain('Llew Leftrep');
      expect(found).not.toContain('Staffa Rep');
      await get(`/directory/members/${invited}`, member).expect(200);

      const wales = (await get('/directory/network', member).expect(200)).body.spokes.find(
        (s: { region: { code: string } }) => s.region.code === 'wales',
      );
      expect(repNames(wales.reps)).toEqual(['Ifan Invitedrep']);
      const contacts = (await get('/me/contacts', member).expect(200)).body;
      expect(repNames(contacts.regionalReps)).toEqual(['Ifan Invitedrep']);
      const cardiff = (await get('/establishments?q=cardiff', member).expect(200)).body.items[0];
      const there = (await get(`/establishments/${cardiff.id}/contacts`, member).expect(200)).body;
      expect(repNames(there.regionalReps)).toEqual(['Ifan Invitedrep']);
    });

    it('shows the secretariat who has not activated yet, and every account by status', async () => {
      const card = (await get(`/directory/members/${invited}`, secretariat).expect(200)).body;
      expect(card.status).toBe('invited');
      expect((await get(`/directory/members/${invited}`, member).expect(200)).body.status).toBeUndefined();
      const byStatus = (await get('/directory/members?status=suspended&q=rep', secretariat).expect(200)).body.items.map(
        (m: { name: string }) => m.name,
      );
      expect(byStatus).toEqual(['Sioned Suspendedrep']);
    });
  });
});
