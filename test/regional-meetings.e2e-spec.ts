import { todayInLondon } from '@seg/rules';
import { auditLog, invitations, posts } from '@seg/db';
import { and, eq, sql } from 'drizzle-orm';
import { accessTokenFor, createMembers, createPost, TestMember } from './support/factories';
import { setClock } from './support/clock';
import { calendarOf, rsvpTokenOf } from './support/meeting-mail';
import { useStack } from './support/stack';

/** A representative organises their spoke: regional meetings of their own region, for as long as the post lasts. */
describe("regional meetings run by the region's representatives", () => {
  const stack = useStack({ smtp: true, worker: true, env: { MAIL_FROM: 'SEG Network <network@seg.example>' } });
  /**
   * The API's and the worker's clock: 00:30 in London on the night the clocks go back, still 24
   * October in UTC. Posts start and end on London's date by the injected clock, whatever the day
   * the tests run.
   */
  const now = '2026-10-24T23:30:00Z';
  const today = todayInLondon(new Date(now));
  const dayAfter = (day: string, n: number) =>
    new Date(Date.parse(`${day}T12:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);

  let secretariat: Record<string, string>;
  let londoner: TestMember;
  let londonGp: TestMember;

  /**
   * One test's spoke: its representatives and members in a region no other test of this file
   * adds anyone to, so that what the test counts there is its own, whichever tests run and in
   * whatever order. London is the other region every test may look at, and adds nobody to count.
   */
  interface Spoke {
    code: string;
    lead: TestMember;
    leadPostId: string;
    deputy: TestMember;
    /** A member of the region with no post. */
    nobody: TestMember;
    /** A member of the region holding a hub post, none of the region's. */
    hubChair: TestMember;
    formerLead: TestMember;
    /** Aled; Beth, whose email and phone only the secretariat sees; Cai, suspended. */
    members: TestMember[];
    /** Ivy, invited and not yet activated, the region's patient lead. */
    notYetActive: TestMember;
  }

  const spoke = async (code: string): Promise<Spoke> => {
    const [lead, deputy, nobody, hubChair, formerLead] = await createMembers(stack.db, [
      { region: code, category: 'prison-gp', name: 'Nia Lead' },
      { region: code, category: 'prison-gp', name: 'Dev Deputy' },
      { region: code, category: 'prison-gp', name: 'Noor Nopost' },
      { region: code, category: 'prison-gp', name: 'Hari Hubchair' },
      { region: code, category: 'prison-gp', name: 'Fay Former' },
    ]);
    const members = await createMembers(stack.db, [
      { region: code, category: 'prison-gp', name: 'Aled Member' },
      {
        region: code,
        category: 'offender-healthcare-manager',
        name: 'Beth Member',
        emailVisibility: 'secretariat',
        phone: '0161 496 0000',
        phoneVisibility: 'secretariat',
      },
      { region: code, status: 'suspended', name: 'Cai Suspended' },
    ]);
    const [notYetActive] = await createMembers(stack.db, [
      { region: code, category: 'prison-gp', status: 'invited', name: 'Ivy Invited' },
    ]);
    const leadPost = await createPost(stack.db, {
      memberId: lead.id,
      region: code,
      role: 'Regional lead',
      startsOn: '2024-04-01',
    });
    await createPost(stack.db, { memberId: deputy.id, region: code, role: 'Deputy lead', startsOn: '2025-01-01' });
    await createPost(stack.db, {
      memberId: notYetActive.id,
      region: code,
      role: 'Patient lead',
      startsOn: '2025-06-01',
    });
    await createPost(stack.db, { memberId: hubChair.id, role: 'Chair', startsOn: '2023-01-01' });
    await createPost(stack.db, {
      memberId: formerLead.id,
      region: code,
      role: 'Regional lead',
      startsOn: '2019-04-01',
      endsOn: '2024-04-01',
    });
    return {
      code,
      lead,
      leadPostId: leadPost.id,
      deputy,
      nobody,
      hubChair,
      formerLead,
      members,
      notYetActive,
    };
  };
  /** Everyone of the spoke a region-wide invitation reaches: all but the suspended member. */
  const inviteesOf = (s: Spoke) => [
    s.lead,
    s.deputy,
    s.nobody,
    s.hubChair,
    s.formerLead,
    s.members[0],
    s.members[1],
    s.notYetActive,
  ];

  const as = async (m: TestMember) => ({
    Authorization: `Bearer ${await accessTokenFor(stack.db, stack.config, m.id)}`,
  });
  const invitedTo = async (id: string) =>
    (
      await stack.db
        .select({ n: sql<number>`count(*)::int` })
        .from(invitations)
        .where(eq(invitations.meetingId, id))
    )[0].n;
  const regional = (over: object = {}) => ({
    title: 'Spoke meeting',
    kind: 'regional',
    startsAt: '2027-05-12T14:00',
    endsAt: '2027-05-12T16:00',
    venue: 'HMP Manchester, Southall Street',
    ...over,
  });
  /** The lead's draft meeting of their spoke. */
  const draftOf = async (s: Spoke): Promise<string> =>
    (
      await stack
        .http()
        .post('/meetings')
        .set(await as(s.lead))
        .send(regional())
        .expect(201)
    ).body.id;
  /** The lead's meeting with the whole spoke invited, every invitation emailed. */
  const invitedMeetingOf = async (s: Spoke): Promise<string> => {
    const id = await draftOf(s);
    await stack
      .http()
      .post(`/meetings/${id}/invitations`)
      .set(await as(s.lead))
      .send({ audience: { regions: [s.code] } })
      .expect(202);
    await stack.sink.waitFor(() => inviteesOf(s).every((m) => stack.sink.to(m.email).length === 1));
    await stack.noticesSettled();
    return id;
  };

  beforeAll(async () => {
    setClock(stack.api.app, now);
    setClock(stack.worker.app, now);
    const [staff] = await createMembers(stack.db, [{ role: 'secretariat', name: 'Sam Secretariat' }]);
    secretariat = await as(staff);
    [londoner, londonGp] = await createMembers(stack.db, [
      { region: 'london', category: 'offender-healthcare-manager', name: 'Lola London' },
      { region: 'london', category: 'prison-gp', name: 'Gus Londongp' },
    ]);
  });
  afterAll(() => jest.restoreAllMocks());

  it('lets a regional lead call a regional meeting of their own region, and nothing else', async () => {
    const { lead, leadPostId } = await spoke('north-west');
    const leadAuth = await as(lead);
    const created = await stack.http().post('/meetings').set(leadAuth).send(regional()).expect(201);
    expect(created.body).toMatchObject({
      kind: 'regional',
      status: 'draft',
      region: { code: 'north-west', name: 'North West' },
      mayRun: true,
    });
    const meetingId = created.body.id;

    const hub = await stack
      .http()
      .post('/meetings')
      .set(leadAuth)
      .send(regional({ kind: 'hub' }))
      .expect(403);
    expect(hub.body.message).toMatch(/regional meetings only/);
    const london = await stack
      .http()
      .post('/meetings')
      .set(leadAuth)
      .send(regional({ regionCode: 'london' }))
      .expect(403);
    expect(london.body.message).toBe('Only the secretariat or a representative of London may call its meetings');
    await stack
      .http()
      .post('/meetings')
      .set(leadAuth)
      .send(regional({ regionCode: 'atlantis' }))
      .expect(400);

    // The secretariat may give any meeting a region; the region's representatives then run it too.
    const bySecretariat = await stack
      .http()
      .post('/meetings')
      .set(secretariat)
      .send(regional({ title: 'Set up for the spoke', regionCode: 'north-west' }))
      .expect(201);
    expect(bySecretariat.body.region.code).toBe('north-west');
    await stack
      .http()
      .patch(`/meetings/${bySecretariat.body.id}`)
      .set(leadAuth)
      .send({ agenda: '1. Welcome' })
      .expect(200);
    // Not invited to it, the lead gets it published for their calendar, as the secretariat does.
    expect(
      (await stack.http().get(`/meetings/${bySecretariat.body.id}/calendar`).set(leadAuth).expect(200)).text,
    ).toContain('METHOD:PUBLISH');
    await stack
      .http()
      .get(`/meetings/${bySecretariat.body.id}/calendar`)
      .set(await as(londoner))
      .expect(404);

    const audit = await stack.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.entityId, meetingId), eq(auditLog.action, 'create')));
    expect(audit).toEqual([expect.objectContaining({ actorId: lead.id, actorPostId: leadPostId })]);
    const trail = await stack
      .http()
      .get('/audit')
      .query({ entity: 'meeting', id: meetingId })
      .set(secretariat)
      .expect(200);
    expect(trail.body.items[0]).toMatchObject({
      action: 'create',
      actor: { id: lead.id },
      actorPost: { id: leadPostId, role: 'Regional lead', region: 'north-west', regionName: 'North West' },
    });
  });

  it('refuses an audience wider than the region, naming the parts, and invites nobody', async () => {
    const s = await spoke('north-east');
    const meetingId = await draftOf(s);
    const leadAuth = await as(s.lead);
    const invite = (audience: object) =>
      stack.http().post(`/meetings/${meetingId}/invitations`).set(leadAuth).send({ audience });

    const all = await invite({ all: true }).expect(403);
    expect(all.body.details).toEqual([
      { field: 'audience.all', message: 'is every member, not only those of North East' },
    ]);
    const reps = await invite({ reps: true }).expect(403);
    expect(reps.body.details.map((d: { field: string }) => d.field)).toEqual(['audience.reps']);
    const other = await invite({ regions: ['north-east', 'london'] }).expect(403);
    expect(other.body.details).toEqual([{ field: 'audience.regions[1]', message: '"london" is not North East' }]);
    expect(other.body.message).toContain('audience.regions[1]');
    const member = await invite({ regions: ['north-east'], memberIds: [s.members[0].id, londoner.id] }).expect(403);
    expect(member.body.details).toEqual([
      { field: 'audience.memberIds[1]', message: `${londoner.id} is not a member of North East` },
    ]);
    await stack
      .http()
      .post(`/meetings/${meetingId}/invitations/preview`)
      .set(leadAuth)
      .send({ audience: { all: true } })
      .expect(403);

    expect(await invitedTo(meetingId)).toBe(0);
    for (const m of [...inviteesOf(s), londoner]) expect(stack.sink.to(m.email)).toHaveLength(0);
  });

  it('invites the region (202), members not yet activated too, and the emails arrive', async () => {
    const s = await spoke('yorkshire-humber');
    const { lead, leadPostId, notYetActive } = s;
    // The lead's post ends in a week by the clock: theirs today, whatever day the test runs.
    await stack.db
      .update(posts)
      .set({ endsOn: dayAfter(today, 7) })
      .where(eq(posts.id, leadPostId));
    const meetingId = await draftOf(s);
    const leadAuth = await as(lead);
    // A category is narrowed to the region: London's prison GP is not counted.
    const gps = await stack
      .http()
      .post(`/meetings/${meetingId}/invitations/preview`)
      .set(leadAuth)
      .send({ audience: { categories: ['prison-gp'] } })
      .expect(200);
    expect(gps.body).toEqual({
      wouldInvite: 7,
      alreadyInvited: 0,
      skipped: { suspended: 0, left: 0 },
      delivery: expect.objectContaining({ notices: 7 }),
    });

    const res = await stack
      .http()
      .post(`/meetings/${meetingId}/invitations`)
      .set(leadAuth)
      .send({ audience: { regions: ['yorkshire-humber'] } })
      .expect(202);
    // Lead, deputy, no-post, hub chair, former lead, two members and the one not yet activated; not the suspended one.
    expect(res.body).toEqual({ invited: 8, alreadyInvited: 0, skipped: { suspended: 1, left: 0 } });

    await stack.sink.waitFor(() => inviteesOf(s).every((m) => stack.sink.to(m.email).length === 1));
    await stack.noticesSettled();
    for (const m of [s.members[2], londoner, londonGp]) expect(stack.sink.to(m.email)).toHaveLength(0);

    const mail = stack.sink.to(notYetActive.email)[0];
    expect(mail.parsed.subject).toContain('Spoke meeting');
    const event = calendarOf(mail);
    expect(event).toMatchObject({
      method: 'REQUEST',
      uid: `meeting-${meetingId}@seg.example`,
      sequence: 0,
      startLocal: '2027-05-12T14:00:00',
    });
    expect(event.attendees[0].value).toBe(`mailto:${notYetActive.email}`);
    // The lead invites, by name and post; the secretariat stays the contact for questions.
    const text = mail.parsed.text ?? '';
    expect(text).toContain(`${lead.name}, Regional lead for Yorkshire and the Humber, invites you to this meeting.`);
    expect(text).toContain(`Questions about the meeting: the secretariat, ${stack.config.secretariatEmail}`);
    expect(text).not.toContain('The secretariat of the RCGP Secure Environments Group invites you');
    expect(mail.parsed.html).toContain(`${lead.name}, Regional lead for Yorkshire and the Humber, invites you`);
    // The RSVP link works without a login, so a member yet to set a password can still answer.
    const token = rsvpTokenOf(mail);
    await stack.http().post(`/rsvp/${token}`).send({ response: 'accepted' }).expect(200);

    const invitation = await stack.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.entityId, meetingId), eq(auditLog.action, 'invite')));
    expect(invitation).toEqual([expect.objectContaining({ actorId: lead.id, actorPostId: leadPostId })]);
  });

  it('lets the lead follow delivery and replies, seeing emails only as each invitee chose', async () => {
    const s = await spoke('east-midlands');
    const { lead, members, nobody } = s;
    const meetingId = await invitedMeetingOf(s);
    await stack
      .http()
      .post(`/rsvp/${rsvpTokenOf(stack.sink.to(s.notYetActive.email)[0])}`)
      .send({ response: 'accepted' })
      .expect(200);
    const leadAuth = await as(lead);
    const page = await stack.http().get(`/meetings/${meetingId}/invitations`).set(leadAuth).expect(200);
    expect(page.body.totals).toMatchObject({
      invitees: 8,
      accepted: 1,
      noReply: 7,
      notices: { sent: 8, queued: 0, failed: 0 },
    });
    const byId = new Map(page.body.items.map((i: { member: { id: string } }) => [i.member.id, i]));
    expect(byId.get(members[1].id)).toMatchObject({ member: { name: 'Beth Member', email: null } });
    expect(byId.get(members[0].id)).toMatchObject({ member: { email: members[0].email } });
    const forSecretariat = await stack.http().get(`/meetings/${meetingId}/invitations`).set(secretariat).expect(200);
    expect(
      forSecretariat.body.items.find((i: { member: { id: string } }) => i.member.id === members[1].id).member.email,
    ).toBe(members[1].email);

    const csv = await stack
      .http()
      .get(`/meetings/${meetingId}/invitations`)
      .query({ format: 'csv' })
      .set(leadAuth)
      .expect(200);
    expect(csv.text).not.toContain(members[1].email);
    expect(csv.text).toContain('Beth Member');

    const attendance = await stack.http().get(`/meetings/${meetingId}/attendance`).set(leadAuth).expect(200);
    expect(attendance.body.totals).toMatchObject({ invitees: 8, accepted: 1 });
    await stack.http().post(`/meetings/${meetingId}/notices/resend`).set(leadAuth).send({}).expect(202);
    // Their own invitation as a calendar; a London member, nothing.
    const calendar = await stack.http().get(`/meetings/${meetingId}/calendar`).set(leadAuth).expect(200);
    expect(calendar.text).toContain('METHOD:REQUEST');
    await stack
      .http()
      .get(`/meetings/${meetingId}/calendar`)
      .set(await as(londoner))
      .expect(404);

    const listed = await stack.http().get('/meetings').query({ region: 'east-midlands' }).set(leadAuth).expect(200);
    expect(listed.body.items.map((m: { id: string }) => m.id)).toContain(meetingId);
    expect(
      listed.body.items.every(
        (m: { region: { code: string }; mayRun: boolean }) => m.region.code === 'east-midlands' && m.mayRun,
      ),
    ).toBe(true);
    await stack.http().get('/meetings').query({ region: 'london' }).set(leadAuth).expect(403);
    expect((await stack.http().get(`/meetings/${meetingId}`).set(leadAuth).expect(200)).body.mayRun).toBe(true);
    // Invited, but not running it: the same meeting with mayRun false.
    expect(
      (
        await stack
          .http()
          .get(`/meetings/${meetingId}`)
          .set(await as(nobody))
          .expect(200)
      ).body,
    ).toMatchObject({ mayRun: false, rsvp: 'needs-action' });
  });

  it("lists the region's members for the lead with their records, contacts as each member chose", async () => {
    const { lead, members, notYetActive, nobody } = await spoke('west-midlands');
    const leadAuth = await as(lead);
    const res = await stack
      .http()
      .get('/directory/members')
      .query({ region: 'west-midlands', limit: 50 })
      .set(leadAuth)
      .expect(200);
    const byId = new Map(res.body.items.map((m: { id: string }) => [m.id, m]));
    expect(byId.get(notYetActive.id)).toMatchObject({ status: 'invited' });
    expect(byId.get(members[1].id)).toMatchObject({
      status: 'active',
      email: null,
      phone: null,
      contactVisibility: { email: 'secretariat', phone: 'secretariat' },
    });
    expect(byId.get(members[0].id)).toMatchObject({ status: 'active', email: members[0].email });
    // Current members only: the suspended one is the secretariat's to see.
    expect(byId.has(members[2].id)).toBe(false);
    await stack
      .http()
      .get('/directory/members')
      .query({ region: 'west-midlands', status: 'suspended' })
      .set(leadAuth)
      .expect(403);
    await stack.http().get(`/directory/members/${members[2].id}`).set(leadAuth).expect(404);
    const invited = await stack
      .http()
      .get('/directory/members')
      .query({ region: 'west-midlands', status: 'invited' })
      .set(leadAuth)
      .expect(200);
    expect(invited.body.items.map((m: { id: string }) => m.id)).toEqual([notYetActive.id]);

    // Another region, or a member with no post: the member's directory, without records.
    const london = await stack.http().get('/directory/members').query({ region: 'london' }).set(leadAuth).expect(200);
    expect(london.body.items[0].status).toBeUndefined();
    await stack
      .http()
      .get('/directory/members')
      .query({ region: 'london', status: 'invited' })
      .set(leadAuth)
      .expect(403);
    await stack
      .http()
      .get('/directory/members')
      .query({ region: 'west-midlands', status: 'invited' })
      .set(await as(nobody))
      .expect(403);
    const plain = await stack
      .http()
      .get(`/directory/members/${members[0].id}`)
      .set(await as(nobody))
      .expect(200);
    expect(plain.body.status).toBeUndefined();
    expect((await stack.http().get(`/directory/members/${members[0].id}`).set(leadAuth).expect(200)).body.status).toBe(
      'active',
    );
  });

  it('counts a member not yet activated as a current member: in the directory and the network', async () => {
    const { lead, deputy, notYetActive } = await spoke('east-of-england');
    const viewer = await as(londoner);
    const found = await stack.http().get('/directory/members').query({ q: 'Ivy Invited' }).set(viewer).expect(200);
    expect(found.body.items.map((m: { id: string }) => m.id)).toContain(notYetActive.id);
    const network = await stack.http().get('/directory/network').set(viewer).expect(200);
    const spokeShown = network.body.spokes.find(
      (s: { region: { code: string } }) => s.region.code === 'east-of-england',
    );
    expect(spokeShown.reps.map((r: { member: { id: string } }) => r.member.id)).toEqual([
      lead.id,
      deputy.id,
      notYetActive.id,
    ]);
  });

  it('refuses every regional route to a member with no post, and to a hub post holder', async () => {
    const s = await spoke('south-east-coast');
    const meetingId = await invitedMeetingOf(s);
    for (const m of [s.nobody, s.hubChair]) {
      const auth = await as(m);
      await stack
        .http()
        .post('/meetings')
        .set(auth)
        .send(regional({ regionCode: 'south-east-coast' }))
        .expect(403);
      await stack.http().patch(`/meetings/${meetingId}`).set(auth).send({ venue: 'Elsewhere' }).expect(403);
      await stack
        .http()
        .post(`/meetings/${meetingId}/invitations`)
        .set(auth)
        .send({ audience: { regions: ['south-east-coast'] } })
        .expect(403);
      await stack
        .http()
        .post(`/meetings/${meetingId}/invitations/preview`)
        .set(auth)
        .send({ audience: { regions: ['south-east-coast'] } })
        .expect(403);
      await stack.http().get(`/meetings/${meetingId}/invitations`).set(auth).expect(403);
      await stack.http().get(`/meetings/${meetingId}/attendance`).set(auth).expect(403);
      await stack.http().post(`/meetings/${meetingId}/notices/resend`).set(auth).send({}).expect(403);
      await stack.http().post(`/meetings/${meetingId}/cancel`).set(auth).expect(403);
      await stack.http().get('/meetings').query({ region: 'south-east-coast' }).set(auth).expect(403);
    }
    // A lead whose post ended is a member like any other.
    await stack
      .http()
      .post('/meetings')
      .set(await as(s.formerLead))
      .send(regional())
      .expect(403);
    await stack
      .http()
      .get(`/meetings/${meetingId}/invitations`)
      .set(await as(s.formerLead))
      .expect(403);
    // Another region's lead cannot run this one.
    const [otherLead] = await createMembers(stack.db, [{ region: 'london', name: 'Lee Londonlead' }]);
    await createPost(stack.db, { memberId: otherLead.id, region: 'london' });
    const refused = await stack
      .http()
      .patch(`/meetings/${meetingId}`)
      .set(await as(otherLead))
      .send({ venue: 'Elsewhere' })
      .expect(403);
    expect(refused.body.message).toBe(
      'Only the secretariat or a representative of South East Coast may change this meeting',
    );
    expect(await invitedTo(meetingId)).toBe(8);
  });

  it('ends the rights the day the post ends; the meeting stays with the region and the secretariat', async () => {
    const s = await spoke('south-central');
    const { lead, leadPostId } = s;
    const meetingId = await invitedMeetingOf(s);
    const leadAuth = await as(lead);
    await stack.http().patch(`/meetings/${meetingId}`).set(leadAuth).send({ title: 'Spoke meeting (May)' }).expect(200);
    const cleared = await stack
      .http()
      .patch(`/meetings/${meetingId}`)
      .set(leadAuth)
      .send({ regionCode: null })
      .expect(403);
    expect(cleared.body.message).toMatch(/regionCode cannot be cleared/);
    await stack.http().patch(`/meetings/${meetingId}`).set(leadAuth).send({ regionCode: 'london' }).expect(403);
    const post = await stack.http().patch(`/posts/${leadPostId}`).set(secretariat).send({ endsOn: today }).expect(200);
    expect(post.body.current).toBe(false);

    await stack.http().patch(`/meetings/${meetingId}`).set(leadAuth).send({ title: 'Mine still?' }).expect(403);
    await stack.http().get(`/meetings/${meetingId}/invitations`).set(leadAuth).expect(403);
    await stack.http().post('/meetings').set(leadAuth).send(regional()).expect(403);
    // Still invited, so still shown to them, but no longer theirs to run.
    expect((await stack.http().get(`/meetings/${meetingId}`).set(leadAuth).expect(200)).body.mayRun).toBe(false);

    // The region's other representative and the secretariat run it on.
    const moved = await stack
      .http()
      .patch(`/meetings/${meetingId}`)
      .set(await as(s.deputy))
      .send({ venue: 'HMP Risley' })
      .expect(200);
    expect(moved.body).toMatchObject({ revision: 1, region: { code: 'south-central' } });
    const cancelled = await stack.http().post(`/meetings/${meetingId}/cancel`).set(secretariat).expect(200);
    expect(cancelled.body).toMatchObject({ status: 'cancelled', region: { code: 'south-central' } });

    // A post starting tomorrow gives no rights today.
    const [incoming] = await createMembers(stack.db, [{ region: 'south-central', name: 'Ira Incoming' }]);
    await stack.db.insert(posts).values({
      memberId: incoming.id,
      regionId: (await stack.db.select().from(posts).where(eq(posts.id, leadPostId)))[0].regionId,
      role: 'Regional lead',
      startsOn: dayAfter(today, 1),
    });
    await stack
      .http()
      .post('/meetings')
      .set(await as(incoming))
      .send(regional())
      .expect(403);
  });

  it("shows a region's current posts with their start dates and past holders with theirs, and a member's past posts", async () => {
    const { lead, leadPostId, deputy, notYetActive, formerLead } = await spoke('south-west');
    await stack.http().patch(`/posts/${leadPostId}`).set(secretariat).send({ endsOn: today }).expect(200);
    const viewer = await as(londoner);
    const region = await stack.http().get('/regions/south-west').set(viewer).expect(200);
    expect(region.body).toMatchObject({ code: 'south-west', name: 'South West', mergedInto: null });
    expect(region.body.currentPosts).toEqual([
      {
        id: expect.any(String),
        role: 'Deputy lead',
        holder: { id: deputy.id, name: 'Dev Deputy' },
        startsOn: '2025-01-01',
        endsOn: null,
      },
      {
        id: expect.any(String),
        role: 'Patient lead',
        holder: { id: notYetActive.id, name: 'Ivy Invited' },
        startsOn: '2025-06-01',
        endsOn: null,
      },
    ]);
    expect(region.body.pastPosts).toEqual([
      {
        id: leadPostId,
        role: 'Regional lead',
        holder: { id: lead.id, name: 'Nia Lead' },
        startsOn: '2024-04-01',
        endsOn: today,
      },
      {
        id: expect.any(String),
        role: 'Regional lead',
        holder: { id: formerLead.id, name: 'Fay Former' },
        startsOn: '2019-04-01',
        endsOn: '2024-04-01',
      },
    ]);
    await stack.http().get('/regions/atlantis').set(viewer).expect(404);
    await stack.http().get('/regions/south-west').expect(401);

    const member = await stack.http().get(`/directory/members/${lead.id}`).set(viewer).expect(200);
    expect(member.body.posts).toEqual([]);
    expect(member.body.pastPosts).toEqual([
      {
        id: leadPostId,
        role: 'Regional lead',
        hub: false,
        region: { code: 'south-west', name: 'South West' },
        startsOn: '2024-04-01',
        endsOn: today,
      },
    ]);
  });
});
