import { createRsvpToken } from '@seg/links';
import { auditLog, invitations, meetings, notices } from '@seg/db';
import { NoticeQueue, reminderJobId } from '@seg/queue';
import { and, eq, sql } from 'drizzle-orm';
import { randomUUID } from 'node:crypto';
import { ReminderProcessor } from '../apps/worker/src/meetings/reminder.processor';
import { accessTokenFor, createMembers, createPost, TestMember } from './support/factories';
import { parseCalendar } from './support/ical';
import { calendarOf, contentTypesOf, rsvpTokenOf, subjectsTo } from './support/meeting-mail';
import { setClock } from './support/clock';
import { eventually } from './support/poll';
import { useStack } from './support/stack';

describe('meetings and their notices', () => {
  const stack = useStack({
    smtp: true,
    worker: true,
    env: { REMINDER_HOURS_BEFORE: '24', MAIL_FROM: 'SEG Secretariat <secretariat@seg.example>' },
  });
  let secretariat: string;
  let wales: TestMember[];
  let scotland: TestMember[];
  let inactive: TestMember[];

  const asSecretariat = () => ({ Authorization: `Bearer ${secretariat}` });
  const as = async (m: TestMember) => ({
    Authorization: `Bearer ${await accessTokenFor(stack.db, stack.config, m.id)}`,
  });
  const noticesOf = (id: string) => stack.db.select().from(notices).where(eq(notices.meetingId, id));
  /** A member's calendar download of a meeting, parsed. */
  const downloadedCalendar = async (id: string, headers: Record<string, string>) => {
    const res = await stack.http().get(`/meetings/${id}/calendar`).set(headers).expect(200);
    expect(res.headers['content-type']).toBe('text/calendar; charset=utf-8');
    return parseCalendar(res.text);
  };
  /** A member's mails about one meeting, in the order they came: each test has its own meeting. */
  const mailsAbout = (id: string, m: TestMember) =>
    stack.sink
      .to(m.email)
      .filter(
        (mail) =>
          mail.parsed.attachments.some((a) => a.filename?.endsWith('.ics')) &&
          calendarOf(mail).uid === `meeting-${id}@seg.example`,
      );
  const withSubject = (id: string, m: TestMember, prefix: string) =>
    mailsAbout(id, m).filter((mail) => mail.parsed.subject!.startsWith(prefix));

  /** The spring hub meeting, a draft. */
  const springDraft = async (): Promise<string> => {
    const res = await stack
      .http()
      .post('/meetings')
      .set(asSecretariat())
      .send({
        title: 'Spring hub meeting',
        kind: 'hub',
        agenda: '1. Minutes\n2. Regional reports',
        startsAt: '2027-03-26T10:00',
        endsAt: '2027-03-26T12:30',
        venue: 'RCGP, 30 Euston Square, London',
      })
      .expect(201);
    return res.body.id;
  };
  /** The spring meeting with Wales invited: its three active members and the one not yet activated, each with their invite. */
  const springWithWales = async (): Promise<string> => {
    const id = await springDraft();
    await stack
      .http()
      .post(`/meetings/${id}/invitations`)
      .set(asSecretariat())
      .send({ audience: { regions: ['wales'] } })
      .expect(202);
    await stack.sink.waitFor(() => [...wales, inactive[2]].every((m) => mailsAbout(id, m).length === 1));
    return id;
  };
  /** Then Dougal (Scotland) invited too, and replies: Aled accepts, Bethan declines, Carys is unsure, the others say nothing. */
  const springReplied = async (): Promise<string> => {
    const id = await springWithWales();
    await stack
      .http()
      .post(`/meetings/${id}/invitations`)
      .set(asSecretariat())
      .send({ audience: { memberIds: [scotland[0].id] } })
      .expect(202);
    await stack.sink.waitFor(() => mailsAbout(id, scotland[0]).length === 1);
    const replies: [TestMember, string][] = [
      [wales[0], 'accepted'],
      [wales[1], 'declined'],
      [wales[2], 'tentative'],
    ];
    for (const [m, response] of replies)
      await stack
        .http()
        .put(`/meetings/${id}/rsvp`)
        .set(await as(m))
        .send({ response })
        .expect(200);
    return id;
  };
  /** Moved to 2 April, across the clock change; the update reaches everyone who had not declined. */
  const movedToApril = async (id: string) => {
    const res = await stack
      .http()
      .patch(`/meetings/${id}`)
      .set(asSecretariat())
      .send({ startsAt: '2027-04-02T10:00', endsAt: '2027-04-02T12:30' })
      .expect(200);
    await stack.sink.waitFor(() =>
      [wales[0], wales[2], scotland[0]].every((m) => withSubject(id, m, 'Updated:').length === 1),
    );
    return res;
  };

  afterEach(() => jest.restoreAllMocks());

  beforeAll(async () => {
    const [staff] = await createMembers(stack.db, [{ role: 'secretariat', name: 'Secretariat' }]);
    secretariat = await accessTokenFor(stack.db, stack.config, staff.id);
    wales = await createMembers(stack.db, [
      { region: 'wales', category: 'prison-gp', name: 'Aled Wales' },
      { region: 'wales', category: 'prison-gp', name: 'Bethan Wales' },
      { region: 'wales', category: 'offender-healthcare-manager', name: 'Carys Wales' },
    ]);
    inactive = await createMembers(stack.db, [
      { region: 'wales', status: 'suspended' },
      { region: 'wales', status: 'left' },
      { region: 'wales', status: 'invited' },
    ]);
    scotland = await createMembers(stack.db, [
      { region: 'scotland', category: 'prison-gp', name: 'Dougal Scotland' },
      { region: 'scotland', category: 'patient-rep', name: 'Eilidh Scotland' },
    ]);
  });

  it('refuses bad meetings naming each field, and members who are not the secretariat', async () => {
    const bad = await stack
      .http()
      .post('/meetings')
      .set(asSecretariat())
      .send({
        title: '',
        kind: 'party',
        startsAt: 'next tuesday',
        endsAt: '2027-03-26T09:00',
        onlineUrl: 'ftp://x',
        colour: 'red',
      })
      .expect(400);
    expect(bad.body.details.map((d: { field: string }) => d.field).sort()).toEqual([
      'colour',
      'kind',
      'onlineUrl',
      'startsAt',
      'title',
    ]);

    const backwards = await stack
      .http()
      .post('/meetings')
      .set(asSecretariat())
      .send({ title: 'x', kind: 'hub', startsAt: '2027-03-26T10:00', endsAt: '2027-03-26T09:00' })
      .expect(400);
    expect(backwards.body.details).toEqual([{ field: 'endsAt', message: 'must be after startsAt' }]);

    const cleared = await stack
      .http()
      .patch(`/meetings/${randomUUID()}`)
      .set(asSecretariat())
      .send({ title: null, startsAt: null, venue: null })
      .expect(400);
    expect(cleared.body.details).toEqual([
      { field: 'title', message: 'cannot be cleared' },
      { field: 'startsAt', message: 'cannot be cleared' },
    ]);

    await stack
      .http()
      .post('/meetings')
      .set(await as(wales[0]))
      .send({ title: 'x', kind: 'hub', startsAt: '2027-03-26T10:00', endsAt: '2027-03-26T11:00' })
      .expect(403);
    await stack.http().get('/meetings').expect(401);
  });

  it('creates a draft with times shown in London time', async () => {
    const res = await stack
      .http()
      .post('/meetings')
      .set(asSecretariat())
      .send({
        title: 'Spring hub meeting',
        kind: 'hub',
        startsAt: '2027-03-26T10:00',
        endsAt: '2027-03-26T12:30',
        venue: 'RCGP, 30 Euston Square, London',
      })
      .expect(201);
    const meetingId = res.body.id;
    expect(res.body).toMatchObject({
      status: 'draft',
      revision: 0,
      startsAt: '2027-03-26T10:00:00+00:00',
      endsAt: '2027-03-26T12:30:00+00:00',
      timeZone: 'Europe/London',
      kind: 'hub',
    });
    const [audit] = await stack.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.entity, 'meeting'), eq(auditLog.entityId, meetingId)));
    expect(audit.action).toBe('create');
  });

  it('invites exactly the current members of a region, not yet activated ones too, and says who was skipped', async () => {
    const meetingId = await springDraft();
    const bad = await stack
      .http()
      .post(`/meetings/${meetingId}/invitations`)
      .set(asSecretariat())
      .send({ audience: { regions: ['wales', 'atlantis'], categories: ['nope'] } })
      .expect(400);
    expect(bad.body.details.map((d: { field: string }) => d.field)).toEqual([
      'audience.regions[1]',
      'audience.categories[0]',
    ]);
    await stack
      .http()
      .post(`/meetings/${meetingId}/invitations`)
      .set(asSecretariat())
      .send({ audience: {} })
      .expect(400);

    // The answer does not wait for the emails: with no worker to send them it comes all the same,
    // every invite written and queued; the worker, back, sends them.
    await stack.stopWorker();
    try {
      const res = await stack
        .http()
        .post(`/meetings/${meetingId}/invitations`)
        .set(asSecretariat())
        .send({ audience: { regions: ['wales'] } })
        .expect(202);
      expect(res.body).toEqual({ invited: 4, alreadyInvited: 0, skipped: { suspended: 1, left: 1 } });
      expect((await noticesOf(meetingId)).map((n) => n.status)).toEqual(['queued', 'queued', 'queued', 'queued']);
    } finally {
      await stack.startWorker();
    }

    // A member who has not set a password yet is a member all the same: the RSVP link needs no login.
    const notYetActive = inactive[2];
    await stack.sink.waitFor(() => [...wales, notYetActive].every((m) => mailsAbout(meetingId, m).length === 1));
    for (const m of [...scotland, inactive[0], inactive[1]]) expect(mailsAbout(meetingId, m)).toHaveLength(0);
    const meeting = await stack.http().get(`/meetings/${meetingId}`).set(asSecretariat()).expect(200);
    expect(meeting.body.status).toBe('scheduled');
  });

  it('sends an invite with text, HTML and a calendar object a calendar library accepts', async () => {
    const meetingId = await springWithWales();
    const mail = mailsAbout(meetingId, wales[0])[0];
    expect(mail.parsed.subject).toBe('Invitation: Spring hub meeting, Friday 26 March 2027, 10:00 GMT');
    expect(mail.parsed.text).toContain('Friday 26 March 2027, 10:00 to 12:30 GMT');
    expect(mail.parsed.html).toContain('Spring hub meeting');
    const event = calendarOf(mail);
    expect(event).toMatchObject({
      method: 'REQUEST',
      uid: `meeting-${meetingId}@seg.example`,
      sequence: 0,
      status: 'CONFIRMED',
      summary: 'Spring hub meeting',
      location: 'RCGP, 30 Euston Square, London',
      // The invitee's own reply address: MAIL_FROM's mailbox tagged with their invitation and a MAC.
      organizer: expect.stringMatching(/^mailto:secretariat\+i\.[0-9a-f]{32}\.[0-9a-f]{10}@seg\.example$/),
      startTzid: 'Europe/London',
      startLocal: '2027-03-26T10:00:00',
      startOffsetSeconds: 0,
    });
    expect(event.start.toISOString()).toBe('2027-03-26T10:00:00.000Z');
    expect(event.attendees).toEqual([
      { value: `mailto:${wales[0].email}`, partstat: 'NEEDS-ACTION', rsvp: 'TRUE', cn: 'Aled Wales' },
    ]);
    // The calendar goes once inline, beside text and HTML, and once as an attachment.
    const types = contentTypesOf(mail);
    expect(types[0]).toMatch(/^multipart\/mixed/);
    expect(types[1]).toMatch(/^multipart\/alternative/);
    expect(types.filter((t) => t.startsWith('text/calendar'))).toEqual([expect.stringMatching(/charset=utf-8/)]);
    expect(types.filter((t) => t.startsWith('text/calendar'))[0]).toContain('method=request');
    expect(types.filter((t) => t.startsWith('application/ics'))).toEqual([expect.stringContaining('name=invite.ics')]);
    expect(mail.parsed.attachments.filter((a) => a.contentDisposition === 'attachment').map((a) => a.filename)).toEqual(
      ['invite.ics'],
    );
    // Every invitee's calendar object names the same meeting.
    expect(new Set(wales.map((m) => calendarOf(mailsAbout(meetingId, m)[0]).uid)).size).toBe(1);
  });

  it('takes replies through the emailed link only when the button is pressed', async () => {
    const meetingId = await springWithWales();
    const token = rsvpTokenOf(mailsAbout(meetingId, wales[1])[0]);
    const page = await stack.http().get(`/rsvp/${token}`).query({ response: 'declined' }).expect(200);
    expect(page.headers['content-type']).toMatch(/text\/html/);
    expect(page.text).toContain('Spring hub meeting');
    expect(page.text).toContain('<form method="post">');
    const rsvpOf = async (m: TestMember) =>
      (
        await stack.db
          .select()
          .from(invitations)
          .where(and(eq(invitations.meetingId, meetingId), eq(invitations.memberId, m.id)))
      )[0].rsvp;
    expect(await rsvpOf(wales[1])).toBe('needs-action');

    const posted = await stack.http().post(`/rsvp/${token}`).type('form').send({ response: 'declined' }).expect(303);
    expect(posted.headers.location).toBe(`${token}?saved=1`);
    expect(await rsvpOf(wales[1])).toBe('declined');
    const saved = await stack.http().get(`/rsvp/${token}`).query({ saved: '1' }).expect(200);
    expect(saved.text).toContain('Your reply is recorded: <strong>Not going</strong>');

    const json = await stack
      .http()
      .post(`/rsvp/${rsvpTokenOf(mailsAbout(meetingId, wales[0])[0])}`)
      .send({ response: 'accepted' })
      .expect(200);
    expect(json.body).toMatchObject({ meetingId, response: 'accepted' });
    expect(await rsvpOf(wales[0])).toBe('accepted');

    const forged = `${token.split('.')[0]}.${'A'.repeat(22)}`;
    await stack.http().get(`/rsvp/${forged}`).expect(404);
    await stack.http().post(`/rsvp/${forged}`).send({ response: 'accepted' }).expect(404);
    await stack.http().post(`/rsvp/${token}`).send({ response: 'maybe' }).expect(400);

    const put = await stack
      .http()
      .put(`/meetings/${meetingId}/rsvp`)
      .set(await as(wales[2]))
      .send({ response: 'tentative' })
      .expect(200);
    expect(put.body.rsvp).toBe('tentative');
    await stack
      .http()
      .put(`/meetings/${meetingId}/rsvp`)
      .set(await as(scotland[0]))
      .send({ response: 'accepted' })
      .expect(404);
  });

  it('invites nobody twice, on a repeat or when two calls cross', async () => {
    const meetingId = await springWithWales();
    const repeat = await stack
      .http()
      .post(`/meetings/${meetingId}/invitations`)
      .set(asSecretariat())
      .send({ audience: { regions: ['wales'] } })
      .expect(202);
    expect(repeat.body).toMatchObject({ invited: 0, alreadyInvited: 4 });

    const body = { audience: { regions: ['wales'], memberIds: [scotland[0].id] } };
    const [a, b] = await Promise.all([
      stack.http().post(`/meetings/${meetingId}/invitations`).set(asSecretariat()).send(body),
      stack.http().post(`/meetings/${meetingId}/invitations`).set(asSecretariat()).send(body),
    ]);
    expect([a.status, b.status]).toEqual([202, 202]);
    expect(a.body.invited + b.body.invited).toBe(1);
    expect([a.body.alreadyInvited, b.body.alreadyInvited].sort()).toEqual([4, 5]);

    await stack.sink.waitFor(() => mailsAbout(meetingId, scotland[0]).length === 1);
    // Nothing is left to send, and a relay pass finds nothing lost: no copy can still come.
    await stack.noticesSettled();
    expect(await stack.worker.relay.relay()).toBe(0);
    expect((await noticesOf(meetingId)).length).toBe(5);
    for (const m of [...wales, inactive[2], scotland[0]]) expect(mailsAbout(meetingId, m)).toHaveLength(1);
  });

  it('invites the union of current reps, categories and a list, each member once', async () => {
    const created = await stack
      .http()
      .post('/meetings')
      .set(asSecretariat())
      .send({ title: 'Hub and spoke', kind: 'hub', startsAt: '2027-02-03T11:00', endsAt: '2027-02-03T13:00' })
      .expect(201);
    const id = created.body.id;
    const noPlace = await stack
      .http()
      .post(`/meetings/${id}/invitations`)
      .set(asSecretariat())
      .send({ audience: { reps: true } })
      .expect(400);
    expect(noPlace.body.details[0].field).toBe('venue');
    await stack
      .http()
      .patch(`/meetings/${id}`)
      .set(asSecretariat())
      .send({ onlineUrl: 'https://meet.example.org/hub' })
      .expect(200);

    const [rep, pastRep, examiner, listed] = await createMembers(stack.db, [
      { name: 'Current rep' },
      { name: 'Former rep' },
      { category: 'forensic-medical-examiner' },
      { name: 'Listed' },
    ]);
    await createPost(stack.db, { memberId: rep.id, role: 'Chair' });
    await createPost(stack.db, {
      memberId: pastRep.id,
      role: 'Secretary',
      startsOn: '2018-01-01',
      endsOn: '2019-12-31',
    });
    const res = await stack
      .http()
      .post(`/meetings/${id}/invitations`)
      .set(asSecretariat())
      .send({
        audience: { reps: true, categories: ['forensic-medical-examiner'], memberIds: [examiner.id, listed.id] },
      })
      .expect(202);
    expect(res.body).toMatchObject({ invited: 3, alreadyInvited: 0 });
    const invited = await stack.db
      .select({ memberId: invitations.memberId })
      .from(invitations)
      .where(eq(invitations.meetingId, id));
    expect(invited.map((i) => i.memberId).sort()).toEqual([rep.id, examiner.id, listed.id].sort());
    await stack.sink.waitFor(() => [rep, examiner, listed].every((m) => stack.sink.to(m.email).length === 1));
    expect(stack.sink.to(pastRep.email)).toHaveLength(0);
  });

  it('refuses invitations to a meeting that is over', async () => {
    const [summit] = (
      await stack.http().get('/meetings').query({ kind: 'summit', limit: 1 }).set(asSecretariat()).expect(200)
    ).body.items;
    expect(summit.isOver).toBe(true);
    await stack
      .http()
      .post(`/meetings/${summit.id}/invitations`)
      .set(asSecretariat())
      .send({ audience: { all: true } })
      .expect(409);
    await stack.http().get(`/meetings/not-a-uuid`).set(asSecretariat()).expect(404);
  });

  it('shows a member only their meetings, with their own reply, and the summit archive', async () => {
    const meetingId = await springWithWales();
    await stack
      .http()
      .put(`/meetings/${meetingId}/rsvp`)
      .set(await as(wales[0]))
      .send({ response: 'accepted' })
      .expect(200);
    const mine = await stack
      .http()
      .get('/meetings')
      .set(await as(wales[0]))
      .expect(200);
    const ids = mine.body.items.map((m: { id: string }) => m.id);
    expect(ids).toContain(meetingId);
    expect(mine.body.items.find((m: { id: string }) => m.id === meetingId).rsvp).toBe('accepted');
    expect(mine.body.items.filter((m: { kind: string }) => m.kind === 'summit')).toHaveLength(11);

    const other = await stack
      .http()
      .get('/meetings')
      .set(await as(scotland[1]))
      .expect(200);
    expect(other.body.items.map((m: { id: string }) => m.id)).not.toContain(meetingId);
    await stack
      .http()
      .get(`/meetings/${meetingId}`)
      .set(await as(scotland[1]))
      .expect(404);

    const past = await stack
      .http()
      .get('/meetings')
      .query({ when: 'past', kind: 'summit', limit: 5 })
      .set(asSecretariat())
      .expect(200);
    expect(past.body.total).toBe(11);
    expect(past.body.items).toHaveLength(5);
    expect(past.body.items[0].summit).toMatchObject({ number: 11, year: 2024 });
    const next = await stack
      .http()
      .get('/meetings')
      .query({ when: 'past', kind: 'summit', limit: 5, cursor: past.body.nextCursor })
      .set(asSecretariat())
      .expect(200);
    expect(past.body.items.map((m: { summit: { number: number } }) => m.summit.number)).toEqual([11, 10, 9, 8, 7]);
    expect(next.body.items.map((m: { summit: { number: number } }) => m.summit.number)).toEqual([6, 5, 4, 3, 2]);
  });

  it('sends an update with SEQUENCE raised and the new London time, skipping those who declined', async () => {
    const meetingId = await springReplied();
    const queue = stack.api.app.get(NoticeQueue);
    expect(await queue.meetings.getJob(reminderJobId(meetingId, 0))).toBeDefined();
    // Moved across the clock change: 10:00 London is now 09:00 UTC.
    const res = await movedToApril(meetingId);
    expect(res.body).toMatchObject({ revision: 1, startsAt: '2027-04-02T10:00:00+01:00' });

    const [updateMail] = withSubject(meetingId, wales[2], 'Updated:');
    // It says what changed, old and new, before the details as they now stand.
    expect(updateMail.parsed.text).toContain(
      '- The time: was Friday 26 March 2027, 10:00 to 12:30 GMT; now Friday 2 April 2027, 10:00 to 12:30 BST',
    );
    expect(updateMail.parsed.text).not.toContain('The venue');
    expect(updateMail.parsed.html).toContain('<li>The time: was Friday 26 March 2027');
    const event = calendarOf(updateMail);
    expect(event).toMatchObject({
      method: 'REQUEST',
      uid: `meeting-${meetingId}@seg.example`,
      sequence: 1,
      startLocal: '2027-04-02T10:00:00',
      startOffsetSeconds: 3600,
    });
    expect(event.start.toISOString()).toBe('2027-04-02T09:00:00.000Z');
    expect(event.attendees[0].partstat).toBe('TENTATIVE');
    await stack.noticesSettled();
    expect(withSubject(meetingId, wales[1], 'Updated:')).toHaveLength(0);

    // The reminder moved with the meeting.
    expect(await queue.meetings.getJob(reminderJobId(meetingId, 0))).toBeUndefined();
    expect(await queue.meetings.getJob(reminderJobId(meetingId, 1))).toBeDefined();

    // A reminder job Redis lost is planned again by the worker's sweep.
    await queue.meetings.remove(reminderJobId(meetingId, 1));
    expect(await stack.worker.app.get(ReminderProcessor).planMissing()).toBeGreaterThanOrEqual(1);
    const replanned = await queue.meetings.getJob(reminderJobId(meetingId, 1));
    expect(replanned?.data).toEqual({ meetingId, revision: 1 });

    // A title change is not news to calendars: no revision, no notice.
    const renamed = await stack
      .http()
      .patch(`/meetings/${meetingId}`)
      .set(asSecretariat())
      .send({ title: 'Spring hub meeting (SEG)' })
      .expect(200);
    expect(renamed.body.revision).toBe(1);
  });

  it('serves each invitee their own calendar object, with the UID and SEQUENCE of their emails', async () => {
    const meetingId = await springReplied();
    await movedToApril(meetingId);
    const invite = calendarOf(mailsAbout(meetingId, wales[2])[0]);
    const update = calendarOf(withSubject(meetingId, wales[2], 'Updated:')[0]);
    const mine = await downloadedCalendar(meetingId, await as(wales[2]));
    expect(mine).toMatchObject({
      method: 'REQUEST',
      uid: invite.uid,
      sequence: update.sequence,
      startLocal: '2027-04-02T10:00:00',
      organizer: update.organizer,
    });
    expect(mine.sequence).toBe(1);
    expect(mine.attendees).toEqual([
      { value: `mailto:${wales[2].email}`, partstat: 'TENTATIVE', rsvp: 'TRUE', cn: 'Carys Wales' },
    ]);
    expect(mine.description).toContain(`/rsvp/${rsvpTokenOf(mailsAbout(meetingId, wales[2])[0])}`);
    expect((await downloadedCalendar(meetingId, await as(wales[1]))).attendees[0].partstat).toBe('DECLINED');

    // Not invited: as if the meeting did not exist. The secretariat's own copy invites nobody.
    await stack
      .http()
      .get(`/meetings/${meetingId}/calendar`)
      .set(await as(scotland[1]))
      .expect(404);
    await stack.http().get(`/meetings/${randomUUID()}/calendar`).set(asSecretariat()).expect(404);
    await stack.http().get(`/meetings/${meetingId}/calendar`).expect(401);
    const published = await downloadedCalendar(meetingId, asSecretariat());
    expect(published).toMatchObject({ method: 'PUBLISH', uid: invite.uid, sequence: 1, attendees: [] });
  });

  it('reports each invitee with the delivery of every notice, and attendance by region and category', async () => {
    const meetingId = await springReplied();
    await movedToApril(meetingId);
    await stack.noticesSettled();
    const res = await stack.http().get(`/meetings/${meetingId}/invitations`).set(asSecretariat()).expect(200);
    expect(res.body.total).toBe(5);
    expect(res.body.totals).toMatchObject({ invitees: 5, accepted: 1, tentative: 1, declined: 1, noReply: 2 });
    const aled = res.body.items.find((i: { member: { id: string } }) => i.member.id === wales[0].id);
    expect(aled.rsvp).toBe('accepted');
    expect(aled.notices.map((n: { kind: string }) => n.kind)).toEqual(['meeting-invite', 'meeting-update']);
    expect(aled.notices[0]).toMatchObject({ status: 'sent', attempts: 1, lastError: null });
    expect(aled.notices[0].messageId).toMatch(/^<.+@seg\.example>$/);

    const attendance = await stack.http().get(`/meetings/${meetingId}/attendance`).set(asSecretariat()).expect(200);
    expect(attendance.body.byRegion).toEqual(
      expect.arrayContaining([
        { code: 'wales', name: 'Wales', invitees: 4, accepted: 1, tentative: 1, declined: 1, noReply: 1, attended: 0 },
        {
          code: 'scotland',
          name: 'Scotland',
          invitees: 1,
          accepted: 0,
          tentative: 0,
          declined: 0,
          noReply: 1,
          attended: 0,
        },
      ]),
    );
    expect(attendance.body.byCategory).toEqual(
      expect.arrayContaining([
        {
          code: 'prison-gp',
          name: 'Prison GP',
          invitees: 3,
          accepted: 1,
          tentative: 0,
          declined: 1,
          noReply: 1,
          attended: 0,
        },
      ]),
    );
    const csv = await stack
      .http()
      .get(`/meetings/${meetingId}/attendance`)
      .set(asSecretariat())
      .set('Accept', 'text/csv')
      .expect(200);
    expect(csv.headers['content-type']).toMatch(/text\/csv/);
    expect(csv.text.split('\r\n')).toEqual(
      expect.arrayContaining([
        'group,code,name,invitees,accepted,tentative,declined,noReply,attended',
        'region,wales,Wales,4,1,1,1,1,0',
        'total,,Everyone,5,1,1,1,2,0',
      ]),
    );
  });

  it('cancels: METHOD:CANCEL to every invitee, the reminder dropped and the links dead', async () => {
    const meetingId = await springReplied();
    await movedToApril(meetingId);
    const token = rsvpTokenOf(mailsAbout(meetingId, wales[0])[0]);
    const res = await stack.http().post(`/meetings/${meetingId}/cancel`).set(asSecretariat()).expect(200);
    expect(res.body).toMatchObject({ status: 'cancelled', revision: 2 });

    const everyone = [...wales, inactive[2], scotland[0]];
    await stack.sink.waitFor(() => everyone.every((m) => withSubject(meetingId, m, 'Cancelled:').length === 1));
    for (const m of everyone) {
      const [mail] = withSubject(meetingId, m, 'Cancelled:');
      expect(calendarOf(mail)).toMatchObject({
        method: 'CANCEL',
        status: 'CANCELLED',
        sequence: 2,
        uid: `meeting-${meetingId}@seg.example`,
      });
    }
    expect(await stack.api.app.get(NoticeQueue).meetings.getJob(reminderJobId(meetingId, 1))).toBeUndefined();

    const [cancelMail] = withSubject(meetingId, wales[0], 'Cancelled:');
    const cancelTypes = contentTypesOf(cancelMail);
    expect(cancelTypes.filter((t) => t.startsWith('text/calendar'))).toEqual([
      expect.stringContaining('method=cancel'),
    ]);
    expect(cancelTypes.filter((t) => t.startsWith('application/ics'))).toEqual([
      expect.stringContaining('name=cancel.ics'),
    ]);
    const cancellation = calendarOf(cancelMail);
    const downloaded = await downloadedCalendar(meetingId, await as(wales[0]));
    expect(downloaded).toMatchObject({
      method: 'CANCEL',
      status: 'CANCELLED',
      uid: cancellation.uid,
      sequence: cancellation.sequence,
    });
    expect(downloaded.attendees[0]).toMatchObject({
      value: `mailto:${wales[0].email}`,
      partstat: 'ACCEPTED',
      rsvp: 'FALSE',
    });

    const page = await stack.http().get(`/rsvp/${token}`).expect(410);
    expect(page.text).toContain('cancelled');
    await stack.http().post(`/rsvp/${token}`).send({ response: 'declined' }).expect(410);
    await stack
      .http()
      .put(`/meetings/${meetingId}/rsvp`)
      .set(await as(wales[0]))
      .send({ response: 'declined' })
      .expect(409);
    await stack.http().patch(`/meetings/${meetingId}`).set(asSecretariat()).send({ venue: 'Elsewhere' }).expect(409);
    await stack
      .http()
      .post(`/meetings/${meetingId}/invitations`)
      .set(asSecretariat())
      .send({ audience: { all: true } })
      .expect(409);
    // Cancelling again sends nothing more.
    await stack.http().post(`/meetings/${meetingId}/cancel`).set(asSecretariat()).expect(200);
    expect((await noticesOf(meetingId)).filter((n) => n.kind === 'meeting-cancellation')).toHaveLength(5);
  });

  it('closes the links of a meeting that is over', async () => {
    const created = await stack
      .http()
      .post('/meetings')
      .set(asSecretariat())
      .send({
        title: 'Short call',
        kind: 'other',
        startsAt: '2027-06-10T10:00',
        endsAt: '2027-06-10T11:00',
        onlineUrl: 'https://meet.example.org/short',
      })
      .expect(201);
    const [person] = await createMembers(stack.db, [{ name: 'Late replier' }]);
    await stack
      .http()
      .post(`/meetings/${created.body.id}/invitations`)
      .set(asSecretariat())
      .send({ audience: { memberIds: [person.id] } })
      .expect(202);
    const [invitation] = await stack.db.select().from(invitations).where(eq(invitations.meetingId, created.body.id));
    const token = createRsvpToken(stack.config.auth.jwtSecret, invitation.id);
    await stack.http().get(`/rsvp/${token}`).expect(200);
    // Half an hour after it ended (11:00 BST): the API's clock says so, nobody waits for it.
    setClock(stack.api.app, '2027-06-10T10:30:00Z');

    const over = await stack.http().get(`/rsvp/${token}`).expect(410);
    expect(over.text).toContain('This meeting is over');
    await stack.http().post(`/rsvp/${token}`).send({ response: 'accepted' }).expect(410);
    await stack
      .http()
      .put(`/meetings/${created.body.id}/rsvp`)
      .set(await as(person))
      .send({ response: 'accepted' })
      .expect(409);
  });

  it('plans the reminder for its time and sends it to those who accepted or have not replied', async () => {
    // The API plans the reminder by its clock: 24 hours before the start (REMINDER_HOURS_BEFORE).
    const planningAt = new Date('2027-06-01T08:00:00Z');
    setClock(stack.api.app, planningAt);
    const created = await stack
      .http()
      .post('/meetings')
      .set(asSecretariat())
      .send({
        title: 'Quick call',
        kind: 'other',
        startsAt: '2027-06-10T10:00',
        endsAt: '2027-06-10T11:00',
        onlineUrl: 'https://meet.example.org/seg',
      })
      .expect(201);
    const id = created.body.id;
    const people = await createMembers(stack.db, [
      { name: 'Accepting' },
      { name: 'Declining' },
      { name: 'Silent' },
      { name: 'Unsure' },
    ]);
    await stack
      .http()
      .post(`/meetings/${id}/invitations`)
      .set(asSecretariat())
      .send({ audience: { memberIds: people.map((p) => p.id) } })
      .expect(202);
    await stack.sink.waitFor(() => people.every((p) => stack.sink.to(p.email).length === 1));
    const replies: [TestMember, string][] = [
      [people[0], 'accepted'],
      [people[1], 'declined'],
      [people[3], 'tentative'],
    ];
    for (const [p, response] of replies)
      await stack
        .http()
        .put(`/meetings/${id}/rsvp`)
        .set(await as(p))
        .send({ response })
        .expect(200);

    // 10:00 BST on 10 June is 09:00 UTC; the reminder is due a day before.
    const job = await stack.api.app.get(NoticeQueue).meetings.getJob(reminderJobId(id, 0));
    expect(await job!.getState()).toBe('delayed');
    expect(job!.opts.delay).toBe(Date.parse('2027-06-09T09:00:00Z') - planningAt.getTime());
    // Its time come: the delayed job runs now instead of in a week.
    await job!.promote();

    await stack.sink.waitFor(() =>
      [people[0], people[2]].every((p) =>
        subjectsTo(stack.sink.received, p.email).some((s) => s.startsWith('Reminder:')),
      ),
    );
    const reminder = stack.sink.to(people[0].email).find((m) => m.parsed.subject!.startsWith('Reminder:'))!;
    expect(calendarOf(reminder)).toMatchObject({ method: 'REQUEST', sequence: 0 });
    expect(calendarOf(reminder).attendees[0].partstat).toBe('ACCEPTED');
    await stack.noticesSettled();
    for (const p of [people[1], people[3]])
      expect(subjectsTo(stack.sink.received, p.email).filter((s) => s.startsWith('Reminder:'))).toHaveLength(0);
    expect((await noticesOf(id)).filter((n) => n.kind === 'meeting-reminder')).toHaveLength(2);
  });

  it('records a refused address as failed with the error, and re-sends it on request', async () => {
    const created = await stack
      .http()
      .post('/meetings')
      .set(asSecretariat())
      .send({
        title: 'Regional meeting',
        kind: 'regional',
        startsAt: '2027-05-05T14:00',
        endsAt: '2027-05-05T16:00',
        venue: 'Cardiff',
      })
      .expect(201);
    const id = created.body.id;
    const people = await createMembers(stack.db, [{ name: 'Fine' }, { name: 'Refused' }, { name: 'Also fine' }]);
    stack.sink.refuse.set(people[1].email.toLowerCase(), 550);
    await stack
      .http()
      .post(`/meetings/${id}/invitations`)
      .set(asSecretariat())
      .send({ audience: { memberIds: people.map((p) => p.id) } })
      .expect(202);
    await stack.sink.waitFor(() => [people[0], people[2]].every((p) => stack.sink.to(p.email).length === 1));
    const failed = await eventually('the refused notice to fail', async () => {
      const rows = await noticesOf(id);
      return rows.find((n) => n.status === 'failed');
    });
    expect(failed.memberId).toBe(people[1].id);
    expect(failed.attempts).toBe(1);
    expect(failed.lastError).toMatch(/550/);
    // The sink has both emails before the worker records them sent.
    await eventually(
      'the two others to be recorded sent',
      async () => (await noticesOf(id)).filter((n) => n.status === 'sent').length === 2,
    );

    stack.sink.refuse.delete(people[1].email.toLowerCase());
    const resend = await stack.http().post(`/meetings/${id}/notices/resend`).set(asSecretariat()).send({}).expect(202);
    expect(resend.body).toEqual({ requeued: 1 });
    await stack.sink.waitFor(() => stack.sink.to(people[1].email).length === 1);
    const row = await eventually('the re-sent notice to be recorded sent', async () => {
      const [row] = await stack.db.select().from(notices).where(eq(notices.id, failed.id));
      return row.status === 'sent' && row;
    });
    expect(row.generation).toBe(1);
  });

  it('previews exactly what the invitation then does, overlaps and skipped members included, writing nothing', async () => {
    const created = await stack
      .http()
      .post('/meetings')
      .set(asSecretariat())
      .send({
        title: 'Preview meeting',
        kind: 'regional',
        startsAt: '2027-06-02T10:00',
        endsAt: '2027-06-02T12:00',
        venue: 'Cardiff',
      })
      .expect(201);
    const id = created.body.id;
    const preview = (audience: object) =>
      stack.http().post(`/meetings/${id}/invitations/preview`).set(asSecretariat()).send({ audience });
    const invite = (audience: object) =>
      stack.http().post(`/meetings/${id}/invitations`).set(asSecretariat()).send({ audience });
    const writes = async () => {
      const [row] = await stack.db.select().from(meetings).where(eq(meetings.id, id));
      const count = async (table: typeof invitations | typeof notices) =>
        (
          await stack.db
            .select({ n: sql<number>`count(*)::int` })
            .from(table)
            .where(eq(table.meetingId, id))
        )[0].n;
      const audits = (
        await stack.db
          .select({ n: sql<number>`count(*)::int` })
          .from(auditLog)
          .where(eq(auditLog.entityId, id))
      )[0].n;
      return {
        status: row.status,
        updatedAt: row.updatedAt.getTime(),
        invitations: await count(invitations),
        notices: await count(notices),
        audits,
      };
    };

    // Wales (4 current, 2 not), prison GPs (two of them Welsh, one Scottish) and two listed, one
    // of whom is Welsh already: the parts overlap, so their sizes add up to more than the union.
    const audience = { regions: ['wales'], categories: ['prison-gp'], memberIds: [wales[0].id, scotland[1].id] };
    const before = await writes();
    const first = await preview(audience).expect(200);
    expect(first.body).toEqual({
      wouldInvite: 6,
      alreadyInvited: 0,
      skipped: { suspended: 1, left: 1 },
      delivery: expect.objectContaining({ notices: 6, laterDays: 0 }),
    });
    expect(await writes()).toEqual(before);
    expect(before).toMatchObject({ status: 'draft', invitations: 0, notices: 0 });

    await invite({ memberIds: [wales[1].id, scotland[0].id] }).expect(202);
    const second = await preview(audience).expect(200);
    expect(second.body).toEqual({
      wouldInvite: 4,
      alreadyInvited: 2,
      skipped: { suspended: 1, left: 1 },
      delivery: expect.objectContaining({ notices: 4 }),
    });
    const invited = await invite(audience).expect(202);
    expect(invited.body).toEqual({
      invited: second.body.wouldInvite,
      alreadyInvited: second.body.alreadyInvited,
      skipped: second.body.skipped,
    });
    expect((await preview(audience).expect(200)).body).toEqual({
      wouldInvite: 0,
      alreadyInvited: 6,
      skipped: { suspended: 1, left: 1 },
      delivery: expect.objectContaining({ notices: 0, minutes: 0 }),
    });

    // Refused as the invitation is, and to anyone but the secretariat.
    const bad = await preview({ regions: ['atlantis'] }).expect(400);
    expect(bad.body.details).toEqual([{ field: 'audience.regions[0]', message: 'no region has the code "atlantis"' }]);
    await preview({}).expect(400);
    await stack
      .http()
      .post(`/meetings/${randomUUID()}/invitations/preview`)
      .set(asSecretariat())
      .send({ audience: { all: true } })
      .expect(404);
    await stack
      .http()
      .post(`/meetings/${id}/invitations/preview`)
      .set(await as(wales[0]))
      .send({ audience: { all: true } })
      .expect(403);
  });
});
