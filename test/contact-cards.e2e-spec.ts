import { members } from '@seg/db';
import { eq } from 'drizzle-orm';
import { createPost, loggedIn } from './support/factories';
import { parseCards } from './support/vcard';
import { useStack } from './support/stack';

/**
 * Contact cards (vCard 4.0 and 3.0) parsed back as a phone reads them: each holds what the
 * directory shows the viewer, no more, with the person's posts and region.
 */
describe('contact cards', () => {
  const stack = useStack();
  let secretariat: Record<string, string>;
  let viewer: Record<string, string>;

  beforeAll(async () => {
    secretariat = (await loggedIn(stack.db, stack.config, { role: 'secretariat' })).auth;
    viewer = (await loggedIn(stack.db, stack.config, { name: 'Vera Viewer', region: 'north-east' })).auth;
  });

  const card = async (id: string, auth: Record<string, string>, version?: string) => {
    const res = await stack
      .http()
      .get(`/directory/members/${id}/vcard`)
      .query(version ? { version } : {})
      .set(auth)
      .expect(200);
    expect(res.headers['content-type']).toBe('text/vcard; charset=utf-8');
    const cards = parseCards(res.text);
    expect(cards).toHaveLength(1);
    return { card: cards[0], res };
  };

  it('holds the fields a member may see, and all of them for the secretariat', async () => {
    const { member } = await loggedIn(stack.db, stack.config, {
      name: 'Dr Máire Ní Bhriain',
      title: 'Clinical lead',
      category: 'prison-gp',
      region: 'north-east',
      phone: '0191 498 0123',
      emailVisibility: 'secretariat',
      phoneVisibility: 'members',
    });
    const seen = (await card(member.id, viewer)).card;
    expect(seen).toMatchObject({
      version: '4.0',
      fn: 'Dr Máire Ní Bhriain',
      n: ['Ní Bhriain', 'Máire', '', 'Dr', ''],
      org: ['RCGP Secure Environments Group', 'North East'],
      title: 'Clinical lead',
      emails: [],
      phones: [{ value: 'tel:+441914980123', type: ['work', 'voice'], valueType: 'uri' }],
      uid: `urn:uuid:${member.id}`,
    });
    expect(seen.note).toContain('Region: North East');

    const { card: full, res } = await card(member.id, secretariat, '3.0');
    expect(full.version).toBe('3.0');
    expect(full.emails).toEqual([{ value: member.email, type: ['internet', 'work'] }]);
    expect(full.phones.map((p) => p.value)).toEqual(['0191 498 0123']);
    expect(res.headers['content-disposition']).toBe(
      `attachment; filename="Dr Maire Ni Bhriain.vcf"; filename*=UTF-8''Dr%20M%C3%A1ire%20N%C3%AD%20Bhriain.vcf`,
    );

    // The phone kept for the secretariat is absent for members, as in the directory.
    await stack.db.update(members).set({ phoneVisibility: 'secretariat' }).where(eq(members.id, member.id));
    expect((await card(member.id, viewer)).card.phones).toEqual([]);
  });

  it("shows a representative's work email whatever they chose, with the post", async () => {
    const { member } = await loggedIn(stack.db, stack.config, {
      name: 'Rhodri Rep',
      region: 'north-east',
      category: 'prison-gp',
      emailVisibility: 'secretariat',
    });
    await createPost(stack.db, { memberId: member.id, region: 'north-east', role: 'Regional lead' });
    const { card: seen } = await card(member.id, viewer);
    expect(seen.emails.map((e) => e.value)).toEqual([member.email]);
    expect(seen.role).toBe('Regional lead, North East');
  });

  it('answers 404 where the directory does, and 400 for a version it does not write', async () => {
    const { member } = await loggedIn(stack.db, stack.config, { name: 'Una Unlisted', region: 'north-east' });
    await stack.db.update(members).set({ listed: false }).where(eq(members.id, member.id));
    await stack.http().get(`/directory/members/${member.id}/vcard`).set(viewer).expect(404);
    await card(member.id, secretariat);
    const bad = await stack
      .http()
      .get(`/directory/members/${member.id}/vcard?version=2.1`)
      .set(secretariat)
      .expect(400);
    expect(bad.body.details.map((d: { field: string }) => d.field)).toEqual(['version']);
    await stack.http().get(`/directory/members/${member.id}/vcard`).expect(401);
  });

  it("gives a member their region's and the hub's representatives as one file", async () => {
    const me = await loggedIn(stack.db, stack.config, { name: 'Wyn Westmember', region: 'south-west' });
    const lead = await loggedIn(stack.db, stack.config, {
      name: 'Lowri Lead',
      region: 'south-west',
      phone: '0117 496 0111',
      phoneVisibility: 'secretariat',
    });
    const chair = await loggedIn(stack.db, stack.config, { name: 'Carwyn Chair', region: 'wales' });
    const elsewhere = await loggedIn(stack.db, stack.config, { name: 'Elis Elsewhere', region: 'wales' });
    await createPost(stack.db, { memberId: lead.member.id, region: 'south-west', role: 'Regional lead' });
    await createPost(stack.db, { memberId: lead.member.id, region: 'south-west', role: 'Deputy for prisons' });
    await createPost(stack.db, { memberId: chair.member.id, role: 'Chair' });
    await createPost(stack.db, { memberId: elsewhere.member.id, region: 'wales', role: 'Regional lead' });

    const res = await stack.http().get('/me/contacts/vcard').set(me.auth).expect(200);
    expect(res.headers['content-disposition']).toMatch(/filename="SEG contacts, South West\.vcf"/);
    const cards = parseCards(res.text);
    const names = cards.map((c) => c.fn);
    // One card a person, however many posts they hold; no one outside the member's contacts.
    expect(names).toContain('Lowri Lead');
    expect(names).toContain('Carwyn Chair');
    expect(names).not.toContain('Elis Elsewhere');
    expect(new Set(names).size).toBe(names.length);
    const leadCard = cards.find((c) => c.fn === 'Lowri Lead')!;
    expect(leadCard.role!.split('; ').sort()).toEqual(['Deputy for prisons, South West', 'Regional lead, South West']);
    expect(leadCard.emails.map((e) => e.value)).toEqual([lead.member.email]);
    expect(leadCard.phones).toEqual([]);
    expect(cards.find((c) => c.fn === 'Carwyn Chair')!.role).toBe('Chair, the hub');

    const outlook = parseCards(
      (await stack.http().get('/me/contacts/vcard?version=3.0').set(me.auth).expect(200)).text,
    );
    expect(outlook.map((c) => c.version)).toEqual(cards.map(() => '3.0'));
  });
});
