import { auditLog, members, notices } from '@seg/db';
import { and, eq } from 'drizzle-orm';
import { accessTokenFor, createMember, loggedIn, TestMember } from './support/factories';
import { eventually } from './support/poll';
import type { ReceivedMail } from './support/smtp-sink';
import { useStack } from './support/stack';

/** A header field of the message as it travelled (unfolded), or undefined when absent. */
function headerOf(mail: ReceivedMail, name: string): string | undefined {
  const head = mail.raw
    .toString('utf8')
    .split(/\r?\n\r?\n/)[0]
    .replace(/\r?\n[ \t]+/g, ' ');
  const line = head.split(/\r?\n/).find((l) => l.toLowerCase().startsWith(`${name.toLowerCase()}:`));
  return line?.slice(name.length + 1).trim();
}

/** The path of the one-click link a message's List-Unsubscribe names. */
function unsubscribePath(mail: ReceivedMail): string {
  const url = /^<(https:\/\/seg\.example\.org(\/unsubscribe\/[^>]+))>$/.exec(headerOf(mail, 'List-Unsubscribe') ?? '');
  if (!url) throw new Error(`No https one-click link in: ${headerOf(mail, 'List-Unsubscribe')}`);
  return url[2];
}

/** The body a mail program's own unsubscribe button posts (RFC 8058), as multipart/form-data. */
const BOUNDARY = '----seg-one-click';
const MULTIPART_ONE_CLICK = `--${BOUNDARY}\r\nContent-Disposition: form-data; name="List-Unsubscribe"\r\n\r\nOne-Click\r\n--${BOUNDARY}--\r\n`;

describe('meeting notices large providers accept: List-Id and one-click unsubscribe', () => {
  const stack = useStack({
    smtp: true,
    worker: true,
    env: { MAIL_FROM: 'SEG Network <seg@seg.example.org>', PUBLIC_URL: 'https://seg.example.org' },
  });
  let secretariat: Record<string, string>;

  beforeAll(async () => {
    ({ auth: secretariat } = await loggedIn(stack.db, stack.config, { role: 'secretariat' }));
  });

  const noticesOffOf = async (m: TestMember) =>
    (await stack.db.select({ off: members.noticesOff }).from(members).where(eq(members.id, m.id)))[0].off;

  /** A meeting of this kind (and region), with the members invited; answers its id. */
  const meetingFor = async (kind: 'hub' | 'regional', invitees: TestMember[], regionCode?: string): Promise<string> => {
    const { body } = await stack
      .http()
      .post('/meetings')
      .set(secretariat)
      .send({
        title: `${kind === 'hub' ? 'Hub' : 'Regional'} meeting ${Math.random().toString(36).slice(2, 8)}`,
        kind,
        agenda: 'Reports',
        startsAt: '2027-05-12T10:00',
        endsAt: '2027-05-12T12:00',
        venue: 'RCGP, 30 Euston Square, London',
        ...(regionCode ? { regionCode } : {}),
      })
      .expect(201);
    await stack
      .http()
      .post(`/meetings/${body.id}/invitations`)
      .set(secretariat)
      .send({ audience: { memberIds: invitees.map((m) => m.id) } })
      .expect(202);
    return body.id;
  };
  const inviteTo = async (m: TestMember, meetingId: string) => {
    await stack.sink.waitFor(() => stack.sink.to(m.email).some((mail) => mail.raw.toString().includes(meetingId)));
    return stack.sink.to(m.email).find((mail) => mail.raw.toString().includes(meetingId))!;
  };
  const noticeOf = async (m: TestMember, meetingId: string) =>
    eventually(`the notice of ${meetingId} to be settled`, async () => {
      const [row] = await stack.db
        .select()
        .from(notices)
        .where(and(eq(notices.memberId, m.id), eq(notices.meetingId, meetingId)));
      return row && row.status !== 'queued' ? row : undefined;
    });

  it("gives meeting notices the group's List-Id and a one-click https link per member and kind; account emails carry neither", async () => {
    const member = await createMember(stack.db, {
      region: 'wales',
      category: 'prison-gp',
      password: 'a long passphrase here',
    });
    const hub = await meetingFor('hub', [member]);
    const regional = await meetingFor('regional', [member], 'wales');
    const hubInvite = await inviteTo(member, hub);
    const regionalInvite = await inviteTo(member, regional);

    for (const mail of [hubInvite, regionalInvite]) {
      expect(headerOf(mail, 'List-Id')).toBe('SEG Network meetings <meetings.seg.example.org>');
      expect(headerOf(mail, 'List-Unsubscribe-Post')).toBe('List-Unsubscribe=One-Click');
    }
    expect(unsubscribePath(hubInvite)).toMatch(/^\/unsubscribe\/hub-meetings\.[\w-]{22}\.[\w-]{22}$/);
    expect(unsubscribePath(regionalInvite)).toMatch(/^\/unsubscribe\/regional-meetings\.[\w-]{22}\.[\w-]{22}$/);
    // The same link in the footer, for mail programs that show no unsubscribe button.
    expect(hubInvite.parsed.text).toContain(`https://seg.example.org${unsubscribePath(hubInvite)}`);

    // Account emails: a reset link and an activation.
    await stack.http().post('/auth/password-reset').send({ email: member.email }).expect(202);
    await stack.sink.waitFor(() => stack.sink.to(member.email).length === 3);
    const newcomer = `newcomer-${Math.random().toString(36).slice(2, 8)}@seg.example.org`;
    await stack
      .http()
      .post('/members')
      .set(secretariat)
      .send({ email: newcomer, name: 'Nia Newcomer', category: 'prison-gp', region: 'wales' })
      .expect(201);
    const accountMails = [
      stack.sink.to(member.email).find((m) => ![hubInvite, regionalInvite].includes(m))!,
      await stack.sink.waitForMailTo(newcomer),
    ];
    for (const mail of accountMails) {
      for (const name of ['List-Id', 'List-Unsubscribe', 'List-Unsubscribe-Post'])
        expect({ subject: mail.parsed.subject, name, value: headerOf(mail, name) }).toMatchObject({ value: undefined });
    }
  });

  it('turns that kind off with the RFC 8058 POST, without signing in: the next notice of that kind is suppressed, another kind still goes', async () => {
    const member = await createMember(stack.db, { region: 'wales', category: 'prison-gp' });
    const first = await meetingFor('hub', [member]);
    const link = unsubscribePath(await inviteTo(member, first));

    // Opening the link (as a mail scanner does) shows the page and changes nothing.
    const page = await stack.http().get(link).expect(200);
    expect(page.headers['content-type']).toMatch(/^text\/html/);
    expect(page.text).toContain('Stop emails about hub meetings and national events');
    expect(page.text).toContain('name="List-Unsubscribe" value="One-Click"');
    expect(page.text).toContain('https://seg.example.org/my/details');
    expect(await noticesOffOf(member)).toEqual([]);

    // The mail program's button: multipart/form-data, as RFC 8058 asks.
    const done = await stack
      .http()
      .post(link)
      .set('Content-Type', `multipart/form-data; boundary=${BOUNDARY}`)
      .send(MULTIPART_ONE_CLICK)
      .expect(200);
    expect(done.text).toContain('you will no longer get invitations to meetings of the national group');
    expect(await noticesOffOf(member)).toEqual(['hub-meetings']);
    const [audit] = await stack.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.entityId, member.id), eq(auditLog.action, 'notice-choices')));
    expect(audit).toMatchObject({
      actorId: member.id,
      before: { noticesOff: [] },
      after: { noticesOff: ['hub-meetings'], by: 'one-click link' },
    });

    // The next hub meeting's invitation is held back, with the reason; a regional one still goes.
    const second = await meetingFor('hub', [member]);
    const regional = await meetingFor('regional', [member], 'wales');
    const regionalInvite = await inviteTo(member, regional);
    expect(await noticeOf(member, second)).toMatchObject({
      status: 'suppressed',
      lastError: 'Not sent: the member turned off hub meetings and national events',
    });
    expect(await noticeOf(member, regional)).toMatchObject({ status: 'sent' });
    expect(stack.sink.to(member.email).filter((m) => m.raw.toString().includes(second))).toEqual([]);

    // The same with a urlencoded body, from the regional invitation; the member sees both off.
    await stack
      .http()
      .post(unsubscribePath(regionalInvite))
      .type('form')
      .send('List-Unsubscribe=One-Click')
      .expect(200);
    const auth = { Authorization: `Bearer ${await accessTokenFor(stack.db, stack.config, member.id)}` };
    const me = await stack.http().get('/me').set(auth).expect(200);
    expect(me.body.noticePreferences).toEqual({
      hubMeetings: false,
      regionalMeetings: false,
      reminders: true,
      messages: true,
    });
    // Again: already off, nothing written twice.
    await stack.http().post(link).type('form').send('List-Unsubscribe=One-Click').expect(200);
    const entries = await stack.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.entityId, member.id), eq(auditLog.action, 'notice-choices')));
    expect(entries).toHaveLength(2);
  });

  it("refuses a tampered link, a POST without the one-click body, and a former member's link, changing nothing", async () => {
    const member = await createMember(stack.db, { region: 'wales', category: 'prison-gp' });
    const meeting = await meetingFor('hub', [member]);
    const link = unsubscribePath(await inviteTo(member, meeting));
    const [, , kindAndId, mac] = /^(\/unsubscribe\/)([^.]+\.[^.]+)\.(.+)$/.exec(link)!;
    const flipped = `${mac.slice(0, -1)}${mac.endsWith('A') ? 'B' : 'A'}`;

    const other = await createMember(stack.db, { region: 'wales' });
    const otherLink = unsubscribePath(await inviteTo(other, await meetingFor('hub', [other])));
    const otherId = otherLink.split('.')[1];
    for (const forged of [
      `/unsubscribe/${kindAndId}.${flipped}`,
      link.replace('hub-meetings', 'reminders'),
      `/unsubscribe/hub-meetings.${otherId}.${mac}`,
    ]) {
      const page = await stack.http().get(forged).expect(404);
      expect(page.text).toContain('This link is not recognised');
      await stack.http().post(forged).type('form').send('List-Unsubscribe=One-Click').expect(404);
      const json = await stack.http().post(forged).send({ 'List-Unsubscribe': 'One-Click' }).expect(404);
      expect(json.body.message).toBe('This unsubscribe link is not recognised');
    }
    const noBody = await stack.http().post(link).type('form').send('confirm=yes').expect(400);
    expect(noBody.body.details).toEqual([{ field: 'List-Unsubscribe', message: 'must be One-Click (RFC 8058)' }]);
    await stack.http().post(link).type('form').send('List-Unsubscribe=Yes').expect(400);
    expect(await noticesOffOf(member)).toEqual([]);
    expect(await noticesOffOf(other)).toEqual([]);

    await stack.db.update(members).set({ status: 'left' }).where(eq(members.id, member.id));
    const gone = await stack.http().get(link).expect(410);
    expect(gone.text).not.toContain(member.name);
    await stack.http().post(link).send({ 'List-Unsubscribe': 'One-Click' }).expect(410);
    expect(await noticesOffOf(member)).toEqual([]);
  });

  it('lets the member choose in My details (PATCH /me and /me/notice-preferences) and shows the secretariat who opted out of what', async () => {
    const { member, auth } = await loggedIn(stack.db, stack.config, { region: 'wales', category: 'prison-gp' });
    const bad = await stack
      .http()
      .patch('/me')
      .set(auth)
      .send({ noticePreferences: { reminders: 'no' } })
      .expect(400);
    expect(bad.body.details).toEqual([expect.objectContaining({ field: 'noticePreferences.reminders' })]);
    await stack.http().patch('/me/notice-preferences').set(auth).send({ hubMeetings: 1 }).expect(400);
    expect(await noticesOffOf(member)).toEqual([]);

    const saved = await stack
      .http()
      .patch('/me')
      .set(auth)
      .send({ phone: '020 7946 0000', noticePreferences: { reminders: false } })
      .expect(200);
    expect(saved.body).toMatchObject({
      phone: '020 7946 0000',
      noticePreferences: { hubMeetings: true, regionalMeetings: true, reminders: false },
    });
    expect(await stack.http().get('/me/notice-preferences').set(auth).expect(200)).toMatchObject({
      body: { hubMeetings: true, regionalMeetings: true, reminders: false },
    });
    const changed = await stack
      .http()
      .patch('/me/notice-preferences')
      .set(auth)
      .send({ reminders: true, regionalMeetings: false })
      .expect(200);
    expect(changed.body).toEqual({ hubMeetings: true, regionalMeetings: false, reminders: true, messages: true });
    expect(await noticesOffOf(member)).toEqual(['regional-meetings']);
    const entries = await stack.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.entityId, member.id), eq(auditLog.action, 'notice-choices')));
    expect(entries.map((e) => e.after)).toEqual([
      { noticesOff: ['reminders'], acceptsMessages: true, by: 'my details' },
      { noticesOff: ['regional-meetings'], acceptsMessages: true, by: 'my details' },
    ]);

    const list = await stack
      .http()
      .get('/directory/members?noticesOff=regional-meetings&region=wales&limit=200')
      .set(secretariat)
      .expect(200);
    expect(list.body.items.map((m: { id: string }) => m.id)).toContain(member.id);
    expect(list.body.items.find((m: { id: string }) => m.id === member.id).noticesOff).toEqual(['regional-meetings']);
    expect(list.body.items.every((m: { noticesOff: string[] }) => m.noticesOff.includes('regional-meetings'))).toBe(
      true,
    );
    const reminders = await stack
      .http()
      .get('/directory/members?noticesOff=reminders&region=wales&limit=200')
      .set(secretariat)
      .expect(200);
    expect(reminders.body.items.map((m: { id: string }) => m.id)).not.toContain(member.id);
    await stack.http().get('/directory/members?noticesOff=reminders').set(auth).expect(403);
    const wrong = await stack.http().get('/directory/members?noticesOff=everything').set(secretariat).expect(400);
    expect(wrong.body.details[0].field).toBe('noticesOff');
  });
});
