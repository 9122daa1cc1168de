import { attendance, auditLog } from '@seg/db';
import { parse } from 'csv-parse/sync';
import { and, eq } from 'drizzle-orm';
import { setClock } from './support/clock';
import { accessTokenFor, createMembers, createPost, TestMember } from './support/factories';
import { useStack } from './support/stack';

/** Who came: the organiser's register (in bulk, corrected, walk-ins) and members' own check-in by code. */
describe('attendance of a meeting', () => {
  const stack = useStack();
  let secretariat: Record<string, string>;
  let lead: TestMember;
  let londonLead: TestMember;
  let going: TestMember[];
  let maybe: TestMember;
  let walkIn: TestMember;
  let outsider: TestMember;

  const as = async (m: TestMember) => ({
    Authorization: `Bearer ${await accessTokenFor(stack.db, stack.config, m.id)}`,
  });
  const http = () => stack.http();
  const at = (iso: string) => setClock(stack.api.app, iso);

  beforeAll(async () => {
    const [staff] = await createMembers(stack.db, [{ role: 'secretariat', name: 'Sam Secretariat' }]);
    secretariat = await as(staff);
    [lead, londonLead, maybe, walkIn, outsider] = await createMembers(stack.db, [
      { region: 'north-west', category: 'prison-gp', name: 'Nia Lead' },
      { region: 'london', category: 'prison-gp', name: 'Lou Londonlead' },
      { region: 'north-west', category: 'prison-gp', name: 'Mo Maybe' },
      { region: 'london', category: 'forensic-medical-examiner', name: 'Wyn Walkin' },
      { region: 'north-west', category: 'prison-gp', name: 'Ola Outsider' },
    ]);
    going = await createMembers(stack.db, [
      { region: 'north-west', category: 'prison-gp', name: 'Gia Going' },
      { region: 'north-west', category: 'offender-healthcare-manager', name: 'Gus Going' },
      { region: 'north-west', category: 'prison-gp', name: 'Gil Going' },
    ]);
    await createPost(stack.db, { memberId: lead.id, region: 'north-west', role: 'Regional lead' });
    await createPost(stack.db, { memberId: londonLead.id, region: 'london', role: 'Regional lead' });
  });

  afterEach(() => jest.restoreAllMocks());

  /** A North West meeting on 12 May 2031, 14:00 to 16:00 BST, the lead and the others invited; all but `maybe` going. */
  async function northWestMeeting(): Promise<string> {
    const auth = await as(lead);
    const created = await http()
      .post('/meetings')
      .set(auth)
      .send({
        title: 'North West spoke',
        kind: 'regional',
        startsAt: '2031-05-12T14:00',
        endsAt: '2031-05-12T16:00',
        venue: 'HMP Manchester',
      })
      .expect(201);
    const id = created.body.id;
    await http()
      .post(`/meetings/${id}/invitations`)
      .set(auth)
      .send({ audience: { memberIds: [lead.id, maybe.id, ...going.map((m) => m.id)] } })
      .expect(202);
    for (const m of going)
      await http()
        .put(`/meetings/${id}/rsvp`)
        .set(await as(m))
        .send({ response: 'accepted' });
    await http()
      .put(`/meetings/${id}/rsvp`)
      .set(await as(maybe))
      .send({ response: 'tentative' })
      .expect(200);
    return id;
  }

  it('the organiser sets the learning hours and outcomes; bad values are refused naming the field', async () => {
    const id = await northWestMeeting();
    const auth = await as(lead);
    const outcomes = ['Manage opioid withdrawal on reception', 'Refer to secure mental health services'];
    const set = await http()
      .patch(`/meetings/${id}`)
      .set(auth)
      .send({ cpdHours: 1.5, learningOutcomes: [`  ${outcomes[0]}  `, outcomes[1]] })
      .expect(200);
    expect(set.body).toMatchObject({ cpdHours: 1.5, learningOutcomes: outcomes, revision: 0 });
    const bad = await http()
      .patch(`/meetings/${id}`)
      .set(auth)
      .send({ cpdHours: 1.1, learningOutcomes: ['ok', ''] })
      .expect(400);
    expect(bad.body.details.map((d: { field: string }) => d.field).sort()).toEqual(['cpdHours', 'learningOutcomes']);
    await http()
      .patch(`/meetings/${id}`)
      .set(await as(londonLead))
      .send({ cpdHours: 2 })
      .expect(403);
    const cleared = await http().patch(`/meetings/${id}`).set(secretariat).send({ cpdHours: null }).expect(200);
    expect(cleared.body.cpdHours).toBeNull();
  });

  it('marks everyone going at once after the start, then corrections and a walk-in, all audited', async () => {
    const id = await northWestMeeting();
    const auth = await as(lead);
    at('2031-05-12T12:59:00Z');
    const early = await http().post(`/meetings/${id}/attendance`).set(auth).send({ going: true }).expect(409);
    expect(early.body.message).toMatch(/has not started/);

    at('2031-05-12T13:30:00Z');
    await http()
      .post(`/meetings/${id}/attendance`)
      .set(await as(londonLead))
      .send({ going: true })
      .expect(403);
    const bulk = await http().post(`/meetings/${id}/attendance`).set(auth).send({ going: true }).expect(200);
    expect(bulk.body).toEqual({ marked: 3, restored: 0, already: 0 });
    // Gus did not come after all; Wyn, from London and not invited, did.
    const corrected = await http()
      .put(`/meetings/${id}/attendance/${going[1].id}`)
      .set(auth)
      .send({ attended: false })
      .expect(200);
    expect(corrected.body).toMatchObject({ rsvp: 'accepted', attendance: { attended: false, source: 'organiser' } });
    const added = await http().put(`/meetings/${id}/attendance/${walkIn.id}`).set(auth).send({ attended: true });
    expect(added.status).toBe(200);
    expect(added.body).toMatchObject({
      member: { name: 'Wyn Walkin', region: 'london', category: 'forensic-medical-examiner' },
      rsvp: null,
      attendance: { attended: true, source: 'organiser', withdrawnAt: null },
    });
    expect(added.body.attendance.certificateNumber).toMatch(/^SEG-\w{4}-\w{4}-\w{4}$/);
    // "Everyone going" again leaves the correction as it is; naming Gus counts him again.
    const again = await http().post(`/meetings/${id}/attendance`).set(auth).send({ going: true }).expect(200);
    expect(again.body).toEqual({ marked: 0, restored: 0, already: 2 });
    const named = await http()
      .post(`/meetings/${id}/attendance`)
      .set(auth)
      .send({ memberIds: [going[1].id, going[0].id] })
      .expect(200);
    expect(named.body).toEqual({ marked: 0, restored: 1, already: 1 });
    // An unknown member in the list is named, and nothing of the request is kept.
    const unknown = await http()
      .post(`/meetings/${id}/attendance`)
      .set(auth)
      .send({ memberIds: [outsider.id, '00000000-0000-4000-8000-000000000000'] })
      .expect(400);
    expect(unknown.body.details).toEqual([{ field: 'memberIds[1]', message: expect.any(String) }]);
    await http().put(`/meetings/${id}/attendance/${going[2].id}`).set(auth).send({ attended: false }).expect(200);

    const register = await http().get(`/meetings/${id}/attendance?by=person`).set(auth).expect(200);
    expect(register.body).toMatchObject({ total: 6, attended: 3, nextCursor: null });
    const byName = Object.fromEntries(
      register.body.items.map((l: { member: { name: string }; rsvp: string | null; attendance: unknown }) => [
        l.member.name,
        [l.rsvp, (l.attendance as { attended: boolean } | null)?.attended ?? null],
      ]),
    );
    expect(byName).toEqual({
      'Gia Going': ['accepted', true],
      'Gil Going': ['accepted', false],
      'Gus Going': ['accepted', true],
      'Mo Maybe': ['tentative', null],
      'Nia Lead': ['needs-action', null],
      'Wyn Walkin': [null, true],
    });
    const paged = await http().get(`/meetings/${id}/attendance?by=person&limit=4`).set(auth).expect(200);
    expect(paged.body.items).toHaveLength(4);
    const rest = await http()
      .get(`/meetings/${id}/attendance?by=person&limit=4&cursor=${encodeURIComponent(paged.body.nextCursor)}`)
      .set(auth)
      .expect(200);
    expect(rest.body.items.map((l: { member: { name: string } }) => l.member.name)).toEqual(['Nia Lead', 'Wyn Walkin']);

    // By region and category: attendance beside the replies, walk-ins counted in their own region.
    const groups = await http().get(`/meetings/${id}/attendance`).set(auth).expect(200);
    expect(groups.body.totals).toMatchObject({ invitees: 5, accepted: 3, attended: 3 });
    expect(groups.body.byRegion).toEqual([
      expect.objectContaining({ code: 'london', invitees: 0, attended: 1 }),
      expect.objectContaining({ code: 'north-west', invitees: 5, accepted: 3, attended: 2 }),
    ]);
    expect(register.body.items.some((l: { member: { id: string } }) => l.member.id === outsider.id)).toBe(false);
    expect(groups.body.byCategory).toContainEqual(
      expect.objectContaining({ code: 'forensic-medical-examiner', invitees: 0, attended: 1 }),
    );
    const groupsCsv = await http().get(`/meetings/${id}/attendance?format=csv`).set(auth).expect(200);
    expect(groupsCsv.text.split('\r\n')).toContain('region,north-west,North West,5,3,1,0,1,2');

    // Who came, for the record: attendees only, in name order, with their certificate numbers.
    const csv = await http()
      .get(`/meetings/${id}/attendance?by=person`)
      .set(auth)
      .set('Accept', 'text/csv')
      .expect(200);
    expect(csv.headers['content-type']).toBe('text/csv; charset=utf-8');
    const rows: string[][] = parse(csv.text);
    expect(rows).toEqual([
      ['name', 'category', 'region', 'reply', 'recorded by', 'recorded', 'certificate'],
      [
        'Gia Going',
        'Prison GP',
        'North West',
        'Going',
        'Organiser',
        'Monday 12 May 2031, 14:30 BST',
        expect.any(String),
      ],
      [
        'Gus Going',
        'Offender healthcare manager',
        'North West',
        'Going',
        'Organiser',
        expect.any(String),
        expect.any(String),
      ],
      [
        'Wyn Walkin',
        'Forensic medical examiner',
        'London',
        'Not invited',
        'Organiser',
        expect.any(String),
        added.body.attendance.certificateNumber,
      ],
    ]);

    const gus = await stack.db
      .select()
      .from(attendance)
      .where(and(eq(attendance.meetingId, id), eq(attendance.memberId, going[1].id)));
    const trail = await stack.db.select().from(auditLog).where(eq(auditLog.entityId, gus[0].id)).orderBy(auditLog.at);
    expect(trail.map((e) => e.action)).toEqual(['attend', 'withdraw', 'restore']);
    expect(trail.every((e) => e.actorId === lead.id && e.actorPostId !== null)).toBe(true);
  });

  it('members check themselves in with the code, during the meeting and the hour after, once', async () => {
    const id = await northWestMeeting();
    const gia = await as(going[0]);
    await http().get(`/meetings/${id}/check-in-code`).set(gia).expect(403);
    at('2031-05-12T12:00:00Z');
    const shown = await http()
      .get(`/meetings/${id}/check-in-code`)
      .set(await as(lead))
      .expect(200);
    expect(shown.body).toEqual({
      code: expect.stringMatching(/^[0-9A-Z]{6}$/),
      opensAt: '2031-05-12T14:00:00+01:00',
      closesAt: '2031-05-12T17:00:00+01:00',
      open: false,
    });
    const { code } = shown.body;
    // The same code for everyone who asks, the secretariat too.
    await http()
      .get(`/meetings/${id}/check-in-code`)
      .set(secretariat)
      .expect(200)
      .expect((res) => expect(res.body.code).toBe(code));

    const early = await http().post(`/meetings/${id}/check-in`).set(gia).send({ code }).expect(409);
    expect(early.body.message).toMatch(/opens when the meeting starts/);

    at('2031-05-12T13:10:00Z');
    const wrong = await http().post(`/meetings/${id}/check-in`).set(gia).send({ code: 'ZZZZZZ' }).expect(400);
    expect(wrong.body.details).toEqual([{ field: 'code', message: "is not this meeting's check-in code" }]);
    // Typed on a phone: lower case, a space in the middle.
    const typed = `${code.slice(0, 3).toLowerCase()} ${code.slice(3).toLowerCase()}`;
    const done = await http().post(`/meetings/${id}/check-in`).set(gia).send({ code: typed }).expect(200);
    expect(done.body).toMatchObject({ meetingId: id, attended: true, source: 'check-in' });
    const reused = await http().post(`/meetings/${id}/check-in`).set(gia).send({ code }).expect(409);
    expect(reused.body.message).toMatch(/checked in already/);
    // Only invitees check in: a walk-in is added by the organiser.
    await http()
      .post(`/meetings/${id}/check-in`)
      .set(await as(outsider))
      .send({ code })
      .expect(404);
    // A correction by the organiser stands against the member's own check-in.
    const mo = await as(maybe);
    await http()
      .put(`/meetings/${id}/attendance/${maybe.id}`)
      .set(await as(lead))
      .send({ attended: true });
    await http()
      .put(`/meetings/${id}/attendance/${maybe.id}`)
      .set(await as(lead))
      .send({ attended: false });
    const withdrawn = await http().post(`/meetings/${id}/check-in`).set(mo).send({ code }).expect(409);
    expect(withdrawn.body.message).toMatch(/did not attend/);

    at('2031-05-12T15:59:59Z');
    await http()
      .post(`/meetings/${id}/check-in`)
      .set(await as(going[1]))
      .send({ code })
      .expect(200);
    at('2031-05-12T16:00:00Z');
    const late = await http()
      .post(`/meetings/${id}/check-in`)
      .set(await as(going[2]))
      .send({ code })
      .expect(409);
    expect(late.body.message).toMatch(/Check-in closed at Monday 12 May 2031, 17:00 BST/);

    const [entry] = await stack.db
      .select()
      .from(auditLog)
      .where(
        and(eq(auditLog.entity, 'attendance'), eq(auditLog.action, 'check-in'), eq(auditLog.actorId, going[0].id)),
      );
    expect(entry.after).toMatchObject({ meetingId: id, memberId: going[0].id, source: 'check-in' });
  });

  it('a member who keeps typing wrong codes is stopped before they could guess one', async () => {
    const id = await northWestMeeting();
    at('2031-05-12T13:10:00Z');
    const { code } = (
      await http()
        .get(`/meetings/${id}/check-in-code`)
        .set(await as(lead))
        .expect(200)
    ).body;
    const gil = await as(going[2]);
    const wrongCode = code === '000000' ? '111111' : '000000';
    for (let i = 0; i < 10; i++)
      await http().post(`/meetings/${id}/check-in`).set(gil).send({ code: wrongCode }).expect(400);
    const stopped = await http().post(`/meetings/${id}/check-in`).set(gil).send({ code }).expect(429);
    expect(Number(stopped.headers['retry-after'])).toBeGreaterThan(0);
    // Another member of the same meeting is not held up.
    await http()
      .post(`/meetings/${id}/check-in`)
      .set(await as(going[0]))
      .send({ code })
      .expect(200);
  });
});
