import { todayInLondon } from '@seg/rules';
import { accessTokenFor, createMember, createPost, loggedIn } from './support/factories';
import { useStack } from './support/stack';

type Auth = { Authorization: string };

// Listing is the member's choice, except that a current representative is listed while the post
// is current (that is what the post is for); patient / service-user representatives choose.
describe('listing is a choice', () => {
  const stack = useStack();
  let member: Auth;
  let secretariat: Auth;
  const ids: Record<string, string> = {};
  const get = (path: string, auth: Auth) => stack.http().get(path).set(auth);
  const names = (items: { name?: string; member?: { name: string } }[]) => items.map((i) => i.name ?? i.member!.name);

  /** A member of the North East who says they do not want to be listed, through PATCH /me. */
  async function unlisted(name: string, category: string, post?: { endsOn: string | null }) {
    const m = await createMember(stack.db, { name, category, region: 'north-east' });
    if (post)
      await createPost(stack.db, { memberId: m.id, region: 'north-east', role: 'Regional lead', endsOn: post.endsOn });
    const self = { Authorization: `Bearer ${await accessTokenFor(stack.db, stack.config, m.id)}` };
    const saved = await stack.http().patch('/me').set(self).send({ listed: false }).expect(200);
    expect(saved.body.listed).toBe(false);
    ids[name] = m.id;
    return saved.body;
  }

  beforeAll(async () => {
    member = (
      await loggedIn(stack.db, stack.config, { name: 'Viewing Member', region: 'north-east', category: 'prison-gp' })
    ).auth;
    secretariat = (await loggedIn(stack.db, stack.config, { name: 'Secretariat Person', role: 'secretariat' })).auth;
    const una = await unlisted('Una Hiddenone', 'prison-gp');
    expect(una.seenByMembers).toMatchObject({ listed: false, listedWhateverChosen: false });
    const rita = await unlisted('Rita Hiddenrep', 'prison-gp', { endsOn: null });
    expect(rita.seenByMembers).toMatchObject({ listed: true, listedWhateverChosen: true });
    const paula = await unlisted('Paula Hiddenpatient', 'patient-rep', { endsOn: null });
    expect(paula.seenByMembers).toMatchObject({ listed: false, listedWhateverChosen: false });
    // Post currency changes by date: a post that ended today no longer lists its former holder.
    await unlisted('Edna Hiddenformer', 'prison-gp', { endsOn: todayInLondon() });
  });

  it('leaves an unlisted member out of every answer members get, and shows them to the secretariat', async () => {
    const search = (await get('/directory/members?q=hidden', member).expect(200)).body;
    expect(names(search.items)).toEqual(['Rita Hiddenrep']);
    expect(search.total).toBe(1);
    const region = (await get('/directory/members?region=north-east&limit=200', member).expect(200)).body;
    expect(names(region.items).sort()).toEqual(['Rita Hiddenrep', 'Viewing Member']);
    expect(region.total).toBe(2);
    for (const name of ['Una Hiddenone', 'Paula Hiddenpatient', 'Edna Hiddenformer'])
      await get(`/directory/members/${ids[name]}`, member).expect(404);
    await get(`/directory/members/${ids['Rita Hiddenrep']}`, member).expect(200);

    const northEast = (await get('/directory/network', member).expect(200)).body.spokes.find(
      (s: { region: { code: string } }) => s.region.code === 'north-east',
    );
    expect(names(northEast.reps)).toEqual(['Rita Hiddenrep']);
    expect(names((await get('/me/contacts', member).expect(200)).body.regionalReps)).toEqual(['Rita Hiddenrep']);
    const place = (await get('/establishments?region=north-east', member).expect(200)).body.items[0];
    expect(names((await get(`/establishments/${place.id}/contacts`, member).expect(200)).body.regionalReps)).toEqual([
      'Rita Hiddenrep',
    ]);
    const holders = (await get('/regions/north-east', member).expect(200)).body;
    expect(
      [...holders.currentPosts, ...holders.pastPosts].map((p: { holder: { name: string } }) => p.holder.name),
    ).toEqual(['Rita Hiddenrep']);

    const all = (await get('/directory/members?q=hidden', secretariat).expect(200)).body;
    expect(names(all.items).sort()).toEqual([
      'Edna Hiddenformer',
      'Paula Hiddenpatient',
      'Rita Hiddenrep',
      'Una Hiddenone',
    ]);
    expect(all.total).toBe(4);
    for (const id of Object.values(ids)) await get(`/directory/members/${id}`, secretariat).expect(200);
    const seen = (await get('/regions/north-east', secretariat).expect(200)).body;
    expect(
      [...seen.currentPosts, ...seen.pastPosts].map((p: { holder: { name: string } }) => p.holder.name).sort(),
    ).toEqual(['Edna Hiddenformer', 'Paula Hiddenpatient', 'Rita Hiddenrep']);
  });

  it('lists a member again when they choose to be', async () => {
    const self = { Authorization: `Bearer ${await accessTokenFor(stack.db, stack.config, ids['Una Hiddenone'])}` };
    const saved = (await stack.http().patch('/me').set(self).send({ listed: true }).expect(200)).body;
    expect(saved.seenByMembers.listed).toBe(true);
    await get(`/directory/members/${ids['Una Hiddenone']}`, member).expect(200);
    await stack.http().patch('/me').set(self).send({ listed: false }).expect(200);
    await get(`/directory/members/${ids['Una Hiddenone']}`, member).expect(404);
    await stack.http().patch('/me').set(self).send({ listed: null }).expect(400);
  });

  it('starts a new patient / service-user representative unlisted, others listed', async () => {
    const patient = await stack
      .http()
      .post('/members')
      .set(secretariat)
      .send({ email: 'new.patient@example.org', name: 'New Patient', category: 'patient-rep', region: 'london' })
      .expect(201);
    expect(patient.body.listed).toBe(false);
    const gp = await stack
      .http()
      .post('/members')
      .set(secretariat)
      .send({ email: 'new.gp@example.org', name: 'New Gp', category: 'prison-gp', region: 'london' })
      .expect(201);
    expect(gp.body.listed).toBe(true);
  });
});
