import { parse } from 'csv-parse/sync';
import { sql } from 'drizzle-orm';
import { CertificateSweep } from '../apps/worker/src/learning/certificate-sweep';
import { setClock } from './support/clock';
import { accessTokenFor, createMembers, createPost, TestMember } from './support/factories';
import { pdfText } from './support/pdf-text';
import { qrCodeOnFirstPage } from './support/qr-reader';
import { eventually } from './support/poll';
import { useStack } from './support/stack';

/** Certificates of attendance (emailed, downloaded, verified) and a member's own learning record. */
describe('learning that counts', () => {
  const stack = useStack({ smtp: true, worker: true });
  let secretariat: Record<string, string>;
  let lead: TestMember;
  let gia: TestMember;
  let gus: TestMember;
  let wyn: TestMember;

  const as = async (m: TestMember) => ({
    Authorization: `Bearer ${await accessTokenFor(stack.db, stack.config, m.id)}`,
  });
  const http = () => stack.http();

  beforeAll(async () => {
    const [staff] = await createMembers(stack.db, [{ role: 'secretariat', name: 'Sam Secretariat' }]);
    secretariat = await as(staff);
    [lead, gia, gus, wyn] = await createMembers(stack.db, [
      { region: 'north-west', category: 'prison-gp', name: 'Nia Lead' },
      { region: 'north-west', category: 'prison-gp', name: 'Gia Ōkafor' },
      { region: 'north-west', category: 'prison-gp', name: 'Gus Going' },
      { region: 'london', category: 'prison-gp', name: 'Wyn Walkin' },
    ]);
    await createPost(stack.db, { memberId: lead.id, region: 'north-west', role: 'Regional lead' });
  });

  afterEach(() => jest.restoreAllMocks());

  /** A North West meeting on 12 May 2031, 14:00 to 16:00 BST, 1.5 hours of CPD, marked as attended (the API's clock left at 14:30 BST). */
  async function attendedMeeting(
    attendees = [gia, gus, wyn],
  ): Promise<{ id: string; numbers: Record<string, string> }> {
    const auth = await as(lead);
    const { id } = (
      await http()
        .post('/meetings')
        .set(auth)
        .send({
          title: 'Opioid substitution in custody',
          kind: 'regional',
          startsAt: '2031-05-12T14:00',
          endsAt: '2031-05-12T16:00',
          venue: 'HMP Manchester',
        })
        .expect(201)
    ).body;
    await http()
      .patch(`/meetings/${id}`)
      .set(auth)
      .send({
        cpdHours: 1.5,
        learningOutcomes: ['Manage withdrawal on reception', 'Plan release with the community team'],
      })
      .expect(200);
    setClock(stack.api.app, '2031-05-12T13:30:00Z');
    const numbers: Record<string, string> = {};
    for (const m of attendees) {
      const line = await http()
        .put(`/meetings/${id}/attendance/${m.id}`)
        .set(auth)
        .send({ attended: true })
        .expect(200);
      numbers[m.id] = line.body.attendance.certificateNumber;
    }
    return { id, numbers };
  }

  it('emails each attendee their certificate once the meeting closes, the PDF holding every field and nobody else', async () => {
    await http()
      .patch('/me')
      .set(await as(gia))
      .send({ registration: 'GMC 7654321' })
      .expect(200);
    const { id, numbers } = await attendedMeeting();
    // Gus did not come after all: no certificate for him.
    await http()
      .put(`/meetings/${id}/attendance/${gus.id}`)
      .set(await as(lead))
      .send({ attended: false })
      .expect(200);

    const sweep = stack.worker.app.get(CertificateSweep);
    setClock(stack.worker.app, '2031-05-12T15:59:00Z');
    expect(await sweep.run()).toBe(0);
    setClock(stack.worker.app, '2031-05-12T16:00:00Z');
    expect(await sweep.run()).toBe(2);
    expect(await sweep.run()).toBe(0);

    const mail = await eventually('the certificate email to Gia', () =>
      stack.sink.received.find((m) => m.to.includes(gia.email.toLowerCase())),
    );
    expect(mail.parsed.subject).toBe('Your certificate of attendance: Opioid substitution in custody');
    const [attached] = mail.parsed.attachments;
    expect(attached).toMatchObject({ contentType: 'application/pdf', filename: `certificate-${numbers[gia.id]}.pdf` });
    const text = await pdfText(attached.content);
    const flat = text.replace(/\s+/g, ' ');
    for (const field of [
      'Certificate of attendance',
      'Gia Ōkafor',
      'Professional registration: GMC 7654321',
      'Opioid substitution in custody',
      'Monday 12 May 2031, 14:00 to 16:00 BST',
      'HMP Manchester',
      'RCGP Secure Environments Group (SEG Network), North West region',
      stack.config.secretariatEmail,
      '1.5 hours of CPD',
      'Manage withdrawal on reception',
      'Plan release with the community team',
      numbers[gia.id],
      `${stack.config.publicUrl}/verify/${numbers[gia.id]}`,
    ])
      expect(flat).toContain(field);
    for (const other of ['Wyn Walkin', 'Gus Going', 'Nia Lead', numbers[wyn.id]]) expect(flat).not.toContain(other);
    expect(await qrCodeOnFirstPage(attached.content)).toBe(`${stack.config.publicUrl}/verify/${numbers[gia.id]}`);
    await eventually('the certificate email to Wyn', () =>
      stack.sink.received.some((m) => m.to.includes(wyn.email.toLowerCase())),
    );
    expect(stack.sink.received.some((m) => m.to.includes(gus.email.toLowerCase()))).toBe(false);

    // From her own page at any time: the same certificate; to anyone else it does not exist.
    const own = await http()
      .get(`/certificates/${numbers[gia.id]}.pdf`)
      .set(await as(gia))
      .responseType('blob')
      .expect(200);
    expect(own.headers['content-type']).toBe('application/pdf');
    expect((await pdfText(own.body)).replace(/\s+/g, ' ')).toContain('Professional registration: GMC 7654321');
    await http()
      .get(`/certificates/${numbers[gia.id]}.pdf`)
      .set(await as(wyn))
      .expect(404);
    await http().get(`/certificates/${numbers[gia.id]}.pdf`).set(secretariat).expect(200);
    await http()
      .get(`/certificates/${numbers[gus.id]}.pdf`)
      .set(await as(gus))
      .expect(410);
    // The registration number stays out of the directory.
    const card = await http()
      .get(`/directory/members/${gia.id}`)
      .set(await as(lead))
      .expect(200);
    expect(JSON.stringify(card.body)).not.toContain('7654321');
    // Nor is it copied into the directory's cards, which the directory is read from.
    const { rows } = await stack.db.execute(
      sql`select to_jsonb(d) as card from directory_cards d where member_id = ${gia.id}`,
    );
    expect(rows).toHaveLength(1);
    expect(JSON.stringify(rows[0])).not.toContain('7654321');
  });

  it('verifies a real, a withdrawn and a made-up number, publicly, with nothing more than it must say', async () => {
    const { id, numbers } = await attendedMeeting();
    const real = await http().get(`/certificates/${numbers[wyn.id]}/verify`).expect(200);
    expect(real.body).toEqual({
      number: numbers[wyn.id],
      status: 'valid',
      name: 'Wyn Walkin',
      meeting: 'Opioid substitution in custody',
      date: 'Monday 12 May 2031, 14:00 to 16:00 BST',
    });
    // Typed by hand: lower case, without dashes.
    await http()
      .get(`/certificates/${numbers[wyn.id].replace(/-/g, '').toLowerCase()}/verify`)
      .expect(200)
      .expect((res) => expect(res.body.number).toBe(numbers[wyn.id]));
    await http()
      .put(`/meetings/${id}/attendance/${wyn.id}`)
      .set(await as(lead))
      .send({ attended: false })
      .expect(200);
    const withdrawn = await http().get(`/certificates/${numbers[wyn.id]}/verify`).expect(200);
    expect(withdrawn.body).toMatchObject({ status: 'withdrawn', name: 'Wyn Walkin' });

    const madeUp = await http().get('/certificates/SEG-0000-0000-0000/verify').expect(404);
    expect(madeUp.body.message).toBe('No certificate has this number');
    await http().get('/certificates/not-a-number/verify').expect(404);
    // Trying numbers soon stops; real numbers were never found that way (60 random bits).
    for (let i = 0; i < 18; i++) await http().get(`/certificates/SEG-0000-0000-${String(i).padStart(4, '0')}/verify`);
    const stopped = await http().get(`/certificates/${numbers[gia.id]}/verify`).expect(429);
    expect(Number(stopped.headers['retry-after'])).toBeGreaterThan(0);
  });

  it("totals the appraisal year across its boundary, keeps each member's notes to them, and downloads the year", async () => {
    // Ada's only meeting is this one.
    const [ada] = await createMembers(stack.db, [{ region: 'north-west', name: 'Ada Appraisee' }]);
    const { id } = await attendedMeeting([ada, wyn]);
    const auth = await as(ada);
    setClock(stack.api.app, '2032-01-10T12:00:00Z');
    // Her year starts in June: the meeting of 12 May 2031 is in June 2030 to May 2031.
    const june = await http().patch('/me/learning').set(auth).send({ appraisalMonth: 6 }).expect(200);
    expect(june.body).toMatchObject({ appraisalMonth: 6, currentYear: 2031 });
    // The months to choose from, named by the API as the year's label names them.
    expect(june.body.appraisalMonthChoices).toHaveLength(12);
    expect(june.body.appraisalMonthChoices[5]).toEqual({ month: 6, name: 'June' });
    const add = (title: string, date: string, hours: number) =>
      http()
        .post('/me/learning')
        .set(auth)
        .send({ title, date, hours, learnt: `Notes on ${title}` })
        .expect(201);
    const last = await add('Last day of the year', '2031-05-31', 2);
    await add('First day of the next', '2031-06-01', 0.75);
    const bad = await http()
      .post('/me/learning')
      .set(auth)
      .send({ title: '', date: '2031-02-30', hours: 0.1 })
      .expect(400);
    expect(bad.body.details.map((d: { field: string }) => d.field).sort()).toEqual(['date', 'hours', 'title']);

    const nulled = await http()
      .patch(`/me/learning/${last.body.id}`)
      .set(auth)
      .send({ title: null, hours: null })
      .expect(400);
    expect(nulled.body.details.map((d: { field: string }) => d.field).sort()).toEqual(['hours', 'title']);
    const before = await http().get('/me/learning?year=2030').set(auth).expect(200);
    expect(before.body.appraisalYear).toEqual({
      year: 2030,
      label: 'June 2030 to May 2031',
      startsOn: '2030-06-01',
      endsOn: '2031-05-31',
    });
    expect(before.body.items.map((i: { title: string }) => i.title)).toEqual([
      'Opioid substitution in custody',
      'Last day of the year',
    ]);
    expect(before.body.totalHours).toBe(3.5);
    const after = await http().get('/me/learning').set(auth).expect(200);
    expect(after.body).toMatchObject({ appraisalYear: { year: 2031 }, totalHours: 0.75 });

    // Her note on the meeting: hers alone.
    const meetingLine = before.body.items[0];
    await http()
      .patch(`/me/learning/${meetingLine.id}`)
      .set(auth)
      .send({ learnt: 'Start methadone on the first night', willChange: 'Check the community prescription' })
      .expect(204);
    await http().patch(`/me/learning/${meetingLine.id}`).set(auth).send({ hours: 3 }).expect(400);
    await http()
      .patch(`/me/learning/${meetingLine.id}`)
      .set(await as(wyn))
      .send({ learnt: 'Not mine' })
      .expect(404);
    const wynsExport = await http()
      .get('/me/export')
      .set(await as(wyn))
      .expect(200);
    const secretariatsExport = await http().get(`/members/${ada.id}/export`).set(secretariat).expect(200);
    const adasExport = await http().get('/me/export').set(auth).expect(200);
    expect(JSON.stringify(adasExport.body)).toContain('Start methadone on the first night');
    expect(JSON.stringify(wynsExport.body)).not.toContain('Start methadone');
    expect(JSON.stringify(secretariatsExport.body)).not.toContain('Start methadone');
    const register = await http().get(`/meetings/${id}/attendance?by=person`).set(secretariat).expect(200);
    expect(JSON.stringify(register.body)).not.toContain('Start methadone');

    const csv = await http().get('/me/learning.csv?year=2030').set(auth).expect(200);
    const rows: string[][] = parse(csv.text);
    expect(rows[0]).toEqual([
      'date',
      'title',
      'kind',
      'hours',
      'organiser',
      'certificate',
      'what I learnt',
      'what I will change',
    ]);
    expect(rows[1]).toEqual([
      '2031-05-12',
      'Opioid substitution in custody',
      'SEG Network meeting',
      '1.5',
      'RCGP Secure Environments Group (SEG Network), North West region',
      expect.stringMatching(/^SEG-/),
      'Start methadone on the first night',
      'Check the community prescription',
    ]);
    expect(rows.at(-1)).toEqual(['', 'Total', '', '3.5', '', '', '', '']);
    const statement = await http()
      .get('/me/learning/statement.pdf?year=2030')
      .set(auth)
      .responseType('blob')
      .expect(200);
    const text = (await pdfText(statement.body)).replace(/\s+/g, ' ');
    for (const field of [
      'Learning statement',
      'Appraisal year June 2030 to May 2031',
      'Ada Appraisee',
      'Total: 3.5 hours',
      'Opioid substitution in custody',
      'What I learnt: Start methadone on the first night',
      'Last day of the year',
    ])
      expect(text).toContain(field);
    expect(text).not.toContain('First day of the next');
  });

  it("imports the summits' past attendance by email, a dry run first, reporting each row", async () => {
    const [past] = await createMembers(stack.db, [{ name: 'Pat Pastattendee' }]);
    const csv = [
      'email,summit,year,hours',
      `${past.email.toUpperCase()},9,,6`,
      `${past.email},31,2009,5`,
      'nobody@example.org,9,,',
      `${past.email},99,,`,
      `${past.email},9,,4`,
    ].join('\n');
    const send = (dryRun: boolean) =>
      http()
        .post(`/attendance/import${dryRun ? '?dryRun=true' : ''}`)
        .set(secretariat)
        .set('Content-Type', 'text/csv')
        .send(csv)
        .expect(201);
    const dry = await send(true);
    const real = await send(false);
    for (const report of [dry.body, real.body])
      expect(report).toMatchObject({ recorded: 2, restored: 0, already: 0, failed: 3, summitsCreated: 1 });
    expect(dry.body.dryRun).toBe(true);
    expect(
      real.body.rows.map((r: { row: number; status: string; errors?: { field: string }[] }) => [
        r.row,
        r.status,
        r.errors?.map((e) => e.field),
      ]),
    ).toEqual([
      [2, 'recorded', undefined],
      [3, 'recorded', undefined],
      [4, 'error', ['email']],
      [5, 'error', ['year']],
      [6, 'error', ['hours']],
    ]);
    // The dry run kept nothing: the real run recorded both; a second run finds them there.
    const again = await send(false);
    expect(again.body).toMatchObject({ recorded: 0, already: 2, summitsCreated: 0 });
    await http()
      .post('/attendance/import')
      .set(await as(past))
      .set('Content-Type', 'text/csv')
      .send(csv)
      .expect(403);

    // Pat downloads the certificates from My learning, each summit counted on 1 June of its year (her year starts in April).
    const auth = await as(past);
    const learning = await http().get('/me/learning?year=2022').set(auth).expect(200);
    const summit9 = learning.body.items.find((i: { title: string }) => i.title === '9th Health and Justice Summit');
    expect(summit9).toMatchObject({ date: '2022-06-01', hours: 6, kind: 'meeting' });
    const pdf = await http()
      .get(`/certificates/${summit9.certificateNumber}.pdf`)
      .set(auth)
      .responseType('blob')
      .expect(200);
    const text = (await pdfText(pdf.body)).replace(/\s+/g, ' ');
    expect(text).toContain('Pat Pastattendee');
    expect(text).toContain('Date: 2022');
    expect(text).toContain('6 hours of CPD');
    const created = await http().get('/me/learning?year=2009').set(auth).expect(200);
    expect(created.body.items).toEqual([
      expect.objectContaining({ title: '31st Health and Justice Summit', hours: 5 }),
    ]);
  });
});
