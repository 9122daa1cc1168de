import { auditLog, inboundMessages, invitations, members, notices } from '@seg/db';
import { and, eq } from 'drizzle-orm';
import { MailboxReaderService } from '../apps/worker/src/inbound/mailbox-reader.service';
import { accessTokenFor, createMember, createMembers, TestMember } from './support/factories';
import { inboundFixture, InboundFixture, unreadableMessage } from './support/inbound-fixtures';
import { calendarOf } from './support/meeting-mail';
import { eventually } from './support/poll';
import { useStack } from './support/stack';
import { BUILT_WORKER, startWorker, workerEnv } from './support/worker-harness';
import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

const MAILBOX = 'seg@seg.example';

/**
 * The mail loop against a real IMAP server (Debian's Dovecot, started by the test): calendar
 * replies as four calendar programs send them, and bounces as four mail servers word them,
 * arrive in the mailbox that MAIL_FROM names, and the worker records what they say.
 */
describe('inbound mail: calendar replies and bounces through IMAP', () => {
  const stack = useStack({
    smtp: true,
    worker: true,
    imap: true,
    env: { MAIL_FROM: `SEG Network <${MAILBOX}>`, IMAP_POLL_SECONDS: '1' },
  });
  let secretariat: string;
  let api: typeof stack.api;
  let sink: typeof stack.sink;
  let imap: typeof stack.imap;
  let config: typeof stack.config;
  let people: TestMember[];
  let meetingId: string;
  let uid: string;

  const asSecretariat = () => ({ Authorization: `Bearer ${secretariat}` });
  const invitationOf = async (memberId: string, meeting = meetingId) =>
    (
      await api.db
        .select()
        .from(invitations)
        .where(and(eq(invitations.meetingId, meeting), eq(invitations.memberId, memberId)))
    )[0];
  const memberRow = async (id: string) => (await api.db.select().from(members).where(eq(members.id, id)))[0];
  const handled = async (messageId: string) =>
    (await api.db.select().from(inboundMessages).where(eq(inboundMessages.messageId, messageId)))[0];
  /** Appends a fixture to the mailbox and waits until the worker has moved it to `folder`. */
  const deliver = async (name: InboundFixture, values: Parameters<typeof inboundFixture>[1], folder = 'Processed') => {
    const id = `${name}-${Math.random().toString(36).slice(2)}`;
    await imap.append(inboundFixture(name, { TO: MAILBOX, ...values, ID: id }));
    const messageId = `<${id}@`;
    await eventually(`${name} in ${folder}`, async () =>
      (await imap.messageIds(folder)).some((m) => m.startsWith(messageId)),
    );
    return (await api.db.select().from(inboundMessages)).find((m) => m.messageId.startsWith(messageId))!;
  };
  const createMeeting = async (title: string, invitees: TestMember[]) => {
    const created = await api
      .http()
      .post('/meetings')
      .set(asSecretariat())
      .send({
        title,
        kind: 'hub',
        startsAt: '2031-06-10T10:00',
        endsAt: '2031-06-10T12:00',
        venue: 'RCGP, 30 Euston Square, London',
      })
      .expect(201);
    await api
      .http()
      .post(`/meetings/${created.body.id}/invitations`)
      .set(asSecretariat())
      .send({ audience: { memberIds: invitees.map((p) => p.id) } })
      .expect(202);
    await eventually('the invitations sent', async () => {
      const rows = await api.db.select().from(notices).where(eq(notices.meetingId, created.body.id));
      return rows.length === invitees.length && rows.every((n) => n.status === 'sent');
    });
    return created.body.id as string;
  };
  /** The ORGANIZER of the member's invitation as it was sent: where their calendar program replies. */
  const replyAddressOf = (member: TestMember) =>
    calendarOf(sink.received.find((m) => m.to.includes(member.email))!).organizer.replace(/^mailto:/i, '');
  const noticeTo = async (memberId: string, meeting = meetingId) =>
    (
      await api.db
        .select()
        .from(notices)
        .where(and(eq(notices.meetingId, meeting), eq(notices.memberId, memberId)))
    )[0];

  beforeAll(async () => {
    ({ api, sink, imap, config } = stack);
    const staff = await createMember(api.db, { role: 'secretariat', name: 'Secretariat' });
    secretariat = await accessTokenFor(api.db, config, staff.id);
    people = await createMembers(
      api.db,
      Array.from({ length: 12 }, (_, i) => ({
        region: 'wales',
        category: 'prison-gp',
        name: `Invitee ${String(i).padStart(2, '0')}`,
      })),
    );
    meetingId = await createMeeting('Hub meeting', people);
    uid = calendarOf(sink.received.find((m) => m.to.includes(people[0].email))!).uid;
  });

  it('reads the mailbox, and /health says so', async () => {
    await eventually('inbound up', async () => (await api.http().get('/health')).body.inbound === 'up');
    expect(stack.worker.app.get(MailboxReaderService).reading).toBe(true);
  });

  it('sends each notice with an envelope sender naming it (VERP on the MAIL_FROM address)', () => {
    const invite = sink.received.find((m) => m.to.includes(people[0].email))!;
    expect(invite.from).toMatch(/^seg\+b\.[0-9a-f]{32}\.[0-9a-f]{10}@seg\.example$/);
  });

  it("names as ORGANIZER each invitee's own reply address (the mailbox tagged with their invitation and a MAC), From staying MAIL_FROM", async () => {
    const addresses = new Set<string>();
    for (const member of people.slice(0, 3)) {
      const invite = sink.received.find((m) => m.to.includes(member.email))!;
      const invitation = await invitationOf(member.id);
      const address = replyAddressOf(member);
      expect(address).toMatch(
        new RegExp(`^seg\\+i\\.${invitation.id.replace(/-/g, '')}\\.[0-9a-f]{10}@seg\\.example$`),
      );
      expect(invite.parsed.from?.value).toEqual([{ name: 'SEG Network', address: MAILBOX }]);
      expect(invite.parsed.replyTo?.value).toEqual([{ name: 'SEG Network', address }]);
      addresses.add(address);
    }
    expect(addresses.size).toBe(3);
  });

  it('changes nothing for a reply that does not prove it comes from the invitee, and says why in Unmatched', async () => {
    const member = people[4];
    const other = people[5];
    const before = await invitationOf(member.id);
    const forged = [
      // A stranger who knows the meeting's UID and the member's address, writing to the mailbox.
      {
        fixture: 'google-calendar-accept',
        values: { FROM: 'stranger@evil.test', ATTENDEE: member.email, PARTSTAT: 'DECLINED' },
      },
      { fixture: 'outlook-counter', values: { FROM: 'stranger@evil.test', ATTENDEE: member.email } },
      // The member's address written as From: anyone can write From.
      { fixture: 'apple-calendar-decline', values: { FROM: member.email, ATTENDEE: member.email } },
      // A guessed MAC on the member's invitation.
      {
        fixture: 'thunderbird-tentative',
        values: {
          FROM: 'stranger@evil.test',
          ATTENDEE: member.email,
          ORGANIZER: replyAddressOf(member).replace(/\.[0-9a-f]{10}@/, '.0123456789@'),
        },
      },
    ] as const;
    for (const { fixture, values } of forged) {
      const message = await deliver(fixture, { ...values, UID: uid }, 'Unmatched');
      expect(message).toMatchObject({
        outcome: 'unmatched',
        invitationId: null,
        detail: { reason: expect.stringContaining('not sent to the address this invitee was given'), meetingId },
      });
    }
    // Another invitee's own address does not speak for this member.
    const crossed = await deliver(
      'google-calendar-accept',
      { FROM: other.email, ATTENDEE: member.email, ORGANIZER: replyAddressOf(other), UID: uid, PARTSTAT: 'DECLINED' },
      'Unmatched',
    );
    expect(crossed.detail).toMatchObject({ reason: expect.stringContaining('not the invitee') });

    expect(await invitationOf(member.id)).toEqual(before);
    const audits = await api.db.select().from(auditLog).where(eq(auditLog.entityId, before.id));
    expect(audits).toEqual([]);

    // The secretariat reads why each went to Unmatched.
    const unmatched = await api
      .http()
      .get('/inbound-messages?outcome=unmatched&limit=100')
      .set(asSecretariat())
      .expect(200);
    const reasons = unmatched.body.items.map((m: { reason: string }) => m.reason);
    expect(reasons.filter((r: string) => r.includes('not sent to the address this invitee was given'))).toHaveLength(4);
    expect(unmatched.body.items[0]).toMatchObject({
      messageId: expect.stringMatching(/^<.+>$/),
      outcome: 'unmatched',
      receivedAt: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T/),
      meeting: { id: meetingId, title: 'Hub meeting' },
    });
    const asMember = { Authorization: `Bearer ${await accessTokenFor(api.db, config, member.id)}` };
    await api.http().get('/inbound-messages').set(asMember).expect(403);
  });

  it.each([
    ['outlook-accept', 0, 'accepted', (email: string) => email.toUpperCase()],
    ['google-calendar-accept', 1, 'accepted', (email: string) => email],
    ['apple-calendar-decline', 2, 'declined', (email: string) => email],
    // Thunderbird answers from its account's own address: here the member's without a +tag.
    ['thunderbird-tentative', 3, 'tentative', (email: string) => email.replace('@', '+calendar@')],
  ] as const)(
    "records a reply sent by %s as the invitee's RSVP, from a calendar",
    async (fixture, who, rsvp, attendee) => {
      const member = people[who];
      const message = await deliver(fixture, {
        FROM: member.email,
        ATTENDEE: attendee(member.email),
        ORGANIZER: replyAddressOf(member),
        UID: uid,
        SEQUENCE: 0,
      });
      expect(message.outcome).toBe('reply');
      const invitation = await invitationOf(member.id);
      expect(invitation).toMatchObject({ rsvp, rsvpSource: 'calendar', rsvpRevision: 0 });
      // The audit says the member replied by calendar, and from which address.
      const [audit] = await api.db
        .select()
        .from(auditLog)
        .where(and(eq(auditLog.entityId, invitation.id), eq(auditLog.action, 'rsvp')));
      expect(audit).toMatchObject({
        actorId: member.id,
        after: { rsvp, rsvpSource: 'calendar', replyFrom: member.email },
      });
      const trail = await api
        .http()
        .get(`/audit?entity=invitation&id=${invitation.id}`)
        .set(asSecretariat())
        .expect(200);
      expect(trail.body.items[0].summary).toContain(`by calendar reply from ${member.email}`);

      const page = await api
        .http()
        .get(`/meetings/${meetingId}/invitations?limit=100`)
        .set(asSecretariat())
        .expect(200);
      const row = page.body.items.find((i: { member: { id: string } }) => i.member.id === member.id);
      expect(row).toMatchObject({ rsvp, rsvpSource: 'calendar', answersEarlierRevision: false });
    },
  );

  it('answers a real invitation by hand as Outlook would: npm run mail:inbound -- --reply accepted --meeting <id> --member <email>', async () => {
    const [newcomer] = await createMembers(api.db, [{ region: 'wales', category: 'prison-gp', name: 'Nia Newcomer' }]);
    const meeting = await createMeeting('Meeting answered by hand', [newcomer]);
    const { stdout } = await run(
      process.execPath,
      [
        path.resolve(path.dirname(BUILT_WORKER), 'inbound/mail-inbound.js'),
        '--reply',
        'accepted',
        '--meeting',
        meeting,
        '--member',
        newcomer.email,
      ],
      { env: workerEnv(config, { MAIL_FROM: `SEG Network <${MAILBOX}>`, LOG_LEVEL: 'warn' }) },
    );
    expect(stdout).toContain(`${newcomer.email} accepted: reply`);
    const answered = await invitationOf(newcomer.id, meeting);
    expect(answered).toMatchObject({ rsvp: 'accepted', rsvpSource: 'calendar' });
  });

  it('records a message read twice once (keyed by its Message-ID)', async () => {
    const member = people[4];
    const raw = inboundFixture('google-calendar-accept', {
      TO: MAILBOX,
      FROM: member.email,
      ORGANIZER: replyAddressOf(member),
      UID: uid,
      ID: `twice-${Date.now()}`,
    });
    await imap.append(raw);
    await imap.append(raw);
    await eventually(
      'both copies processed',
      async () => (await imap.messageIds('Processed')).filter((m) => m.startsWith('<twice-')).length === 2,
    );
    const audits = await api.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.entityId, (await invitationOf(member.id)).id), eq(auditLog.action, 'rsvp')));
    expect(audits).toHaveLength(1);
    expect((await invitationOf(member.id)).rsvp).toBe('accepted');
  });

  it('keeps a COUNTER proposal for the secretariat and changes nothing else', async () => {
    const member = people[5];
    const message = await deliver('outlook-counter', {
      FROM: member.email,
      ORGANIZER: replyAddressOf(member),
      UID: uid,
      SEQUENCE: 0,
    });
    expect(message.outcome).toBe('counter');
    const page = await api.http().get(`/meetings/${meetingId}/invitations?limit=100`).set(asSecretariat()).expect(200);
    const row = page.body.items.find((i: { member: { id: string } }) => i.member.id === member.id);
    // The fixture proposes 11:00 in "GMT Standard Time" (Outlook's name, defined in the object): 10:00 UTC in June.
    expect(row.counterProposal).toMatchObject({
      startsAt: '2026-06-10T10:00:00.000Z',
      comment: expect.stringContaining('an hour later'),
    });
    expect(row.rsvp).toBe('needs-action');
    const meeting = await api.http().get(`/meetings/${meetingId}`).set(asSecretariat()).expect(200);
    expect(meeting.body.startsAt).toBe('2031-06-10T10:00:00+01:00');
  });

  it('sends a reply from someone not invited, or for a cancelled meeting, to Unmatched', async () => {
    // Someone the invitee forwarded the invitation to: their own address in ATTENDEE.
    const stranger = await deliver(
      'google-calendar-accept',
      { FROM: 'stranger@example.net', ORGANIZER: replyAddressOf(people[6]), UID: uid },
      'Unmatched',
    );
    expect(stranger).toMatchObject({
      outcome: 'unmatched',
      detail: expect.objectContaining({ reason: expect.stringContaining('not the invitee') }),
    });

    const guest = await createMember(api.db, { region: 'wales' });
    const cancelledId = await createMeeting('Cancelled meeting', [guest]);
    const cancelledUid = calendarOf(sink.received.find((m) => m.to.includes(guest.email))!).uid;
    await api.http().post(`/meetings/${cancelledId}/cancel`).set(asSecretariat()).expect(200);
    const late = await deliver(
      'outlook-accept',
      { FROM: guest.email, ORGANIZER: replyAddressOf(guest), UID: cancelledUid },
      'Unmatched',
    );
    expect(late).toMatchObject({
      outcome: 'unmatched',
      detail: expect.objectContaining({ reason: 'The meeting was cancelled' }),
    });
    // One writer decides for the web and for calendar replies: refused for the same reason, in the same words.
    const onTheWeb = await api
      .http()
      .put(`/meetings/${cancelledId}/rsvp`)
      .set({ Authorization: `Bearer ${await accessTokenFor(api.db, config, guest.id)}` })
      .send({ response: 'accepted' })
      .expect(409);
    expect(onTheWeb.body.message).toBe(late.detail.reason);
    expect((await invitationOf(guest.id, cancelledId)).rsvp).toBe('needs-action');
  });

  it('sets a message it cannot read aside in Unmatched after one try, with the reason, instead of retrying it at every poll', async () => {
    const shapes = [
      { shape: 'attachments', reason: /child nodes/i },
      { shape: 'header-lines', reason: /header size/i },
    ] as const;
    for (const { shape, reason } of shapes) {
      const id = `unreadable-${shape}-${Math.random().toString(36).slice(2)}@example.net`;
      await imap.append(unreadableMessage(shape, id, MAILBOX));
      await eventually(`the message with ${shape} in Unmatched`, async () =>
        (await imap.messageIds('Unmatched')).includes(`<${id}>`),
      );
      expect(await imap.messageIds('INBOX')).not.toContain(`<${id}>`);
      expect(await handled(`<${id}>`)).toMatchObject({
        outcome: 'unmatched',
        detail: {
          reason: expect.stringMatching(/^the message could not be read/),
          error: expect.stringMatching(reason),
        },
      });
    }
  });

  it('ignores an out-of-office reply, and notes a delay without changing anything', async () => {
    const member = people[6];
    const notice = await noticeTo(member.id);
    const away = await deliver('exchange-out-of-office', {
      FROM: member.email,
      ORIGINAL_MESSAGE_ID: notice.messageId!,
    });
    expect(away.outcome).toBe('auto-reply');

    const delayed = await deliver('postfix-delayed', {
      BOUNCE_TO: sink.received.find((m) => m.to.includes(member.email))!.from,
      RECIPIENT: member.email,
      ORIGINAL_MESSAGE_ID: notice.messageId!,
    });
    expect(delayed).toMatchObject({
      outcome: 'delay',
      noticeId: notice.id,
      detail: { status: '4.4.1', diagnostic: expect.stringContaining('timed out') },
    });
    expect((await noticeTo(member.id)).status).toBe('sent');
    expect((await memberRow(member.id)).emailStatus).toBe('ok');
    expect((await invitationOf(member.id)).rsvp).toBe('needs-action');
  });

  it("marks the notice bounced and the member bouncing on a hard bounce, in every server's wording, and the next update skips them", async () => {
    const bounced = [
      { fixture: 'postfix-bounce', member: people[7], viaEnvelope: true, status: '5.1.1' },
      { fixture: 'exim-bounce', member: people[8], viaEnvelope: true, status: '5.1.1' },
      { fixture: 'exchange-online-bounce', member: people[9], viaEnvelope: true, status: '5.1.10' },
      // A server that answers the plain address: matched by Final-Recipient and the quoted Message-ID.
      { fixture: 'gmail-bounce', member: people[10], viaEnvelope: false, status: '5.1.1' },
    ] as const;
    for (const b of bounced) {
      const notice = await noticeTo(b.member.id);
      const envelope = sink.received.find((m) => m.to.includes(b.member.email))!.from;
      const message = await deliver(b.fixture, {
        BOUNCE_TO: b.viaEnvelope ? envelope : MAILBOX,
        RECIPIENT: b.member.email,
        ORIGINAL_MESSAGE_ID: notice.messageId!,
      });
      expect(message).toMatchObject({
        outcome: 'bounce',
        noticeId: notice.id,
        detail: expect.objectContaining({ status: b.status }),
      });
      // The log of inbound messages names nobody; the diagnostic with the address is on the notice.
      expect(JSON.stringify(message.detail)).not.toContain(b.member.email);
      const after = await noticeTo(b.member.id);
      expect(after.status).toBe('bounced');
      expect(after.lastError).toMatch(/^55\d/);
      expect((await memberRow(b.member.id)).emailStatus).toBe('bouncing');
    }

    const listed = await api
      .http()
      .get('/directory/members?emailStatus=bouncing&limit=100')
      .set(asSecretariat())
      .expect(200);
    expect(listed.body.items.map((m: { id: string }) => m.id).sort()).toEqual(bounced.map((b) => b.member.id).sort());
    expect(listed.body.items[0].emailStatus).toBe('bouncing');

    const before = sink.received.length;
    await api.http().patch(`/meetings/${meetingId}`).set(asSecretariat()).send({ venue: 'Online' }).expect(200);
    await eventually('update notices settled', async () => {
      const rows = await api.db
        .select()
        .from(notices)
        .where(and(eq(notices.meetingId, meetingId), eq(notices.kind, 'meeting-update')));
      return rows.length > 0 && rows.every((n) => n.status === 'sent' || n.status === 'suppressed') && rows;
    });
    const updates = await api.db
      .select()
      .from(notices)
      .where(and(eq(notices.meetingId, meetingId), eq(notices.kind, 'meeting-update')));
    const suppressed = updates.filter((n) => n.status === 'suppressed').map((n) => n.memberId);
    expect(suppressed.sort()).toEqual(bounced.map((b) => b.member.id).sort());
    const newMail = sink.received.slice(before).flatMap((m) => m.to);
    for (const b of bounced) expect(newMail).not.toContain(b.member.email);

    const ledger = await api
      .http()
      .get(`/meetings/${meetingId}/invitations?limit=100`)
      .set(asSecretariat())
      .expect(200);
    const row = ledger.body.items.find((i: { member: { id: string } }) => i.member.id === bounced[0].member.id);
    expect(row.member.emailStatus).toBe('bouncing');
    expect(row.notices.map((n: { status: string }) => n.status)).toEqual(['bounced', 'suppressed']);
    expect(ledger.body.totals.notices).toMatchObject({ bounced: 4, suppressed: 4 });

    // Account emails still go, so the member can sign in and fix the address.
    await api.http().post('/auth/password-reset').send({ email: bounced[0].member.email }).expect(202);
    await eventually('password reset sent', () =>
      sink.received.slice(before).some((m) => m.to.includes(bounced[0].member.email)),
    );

    // A new address clears the flag once confirmed from it.
    const fixed = `fixed.${bounced[1].member.email}`;
    await api.http().patch(`/members/${bounced[1].member.id}`).set(asSecretariat()).send({ email: fixed }).expect(200);
    const confirm = await eventually('the confirm link sent to the new address', () =>
      sink.received.find((m) => m.to.includes(fixed)),
    );
    const token = decodeURIComponent(/\/confirm-email\?token=([^\s"'<>&]+)/.exec(confirm.parsed.text ?? '')![1]);
    await api.http().post('/auth/email-change').send({ token }).expect(200);
    expect((await memberRow(bounced[1].member.id)).emailStatus).toBe('ok');
  });

  it('records a reply to an earlier version of the meeting, marked as such', async () => {
    const member = people[11];
    // The update above raised the meeting's revision to 1.
    await deliver('thunderbird-tentative', {
      FROM: member.email,
      ORGANIZER: replyAddressOf(member),
      UID: uid,
      SEQUENCE: 0,
    });
    expect(await invitationOf(member.id)).toMatchObject({ rsvp: 'tentative', rsvpRevision: 0 });
    const page = await api.http().get(`/meetings/${meetingId}/invitations?limit=100`).set(asSecretariat()).expect(200);
    expect(
      page.body.items.find((i: { member: { id: string } }) => i.member.id === member.id).answersEarlierRevision,
    ).toBe(true);
  });

  it('keeps reading after the IMAP server goes away and comes back', async () => {
    await imap.stop();
    await eventually('inbound down', async () => (await api.http().get('/health')).body.inbound === 'down');
    await imap.start();
    await eventually('inbound up again', async () => (await api.http().get('/health')).body.inbound === 'up', 45_000);
    const member = people[3];
    await deliver('apple-calendar-decline', {
      FROM: member.email,
      ORGANIZER: replyAddressOf(member),
      UID: uid,
      SEQUENCE: 1,
    });
    expect(await invitationOf(member.id)).toMatchObject({ rsvp: 'declined', rsvpRevision: 1 });
  });

  it('reads in one worker at a time, and another takes over when it stops', async () => {
    const first = stack.worker;
    const second = await startWorker(config);
    try {
      const readers = () => [first, second].filter((w) => w.app.get(MailboxReaderService).reading).length;
      expect(readers()).toBe(1);
      const ids = Array.from({ length: 5 }, (_, i) => `pair-${i}-${Date.now()}`);
      for (const [i, id] of ids.entries()) {
        await imap.append(
          inboundFixture('google-calendar-accept', {
            TO: MAILBOX,
            FROM: people[i].email,
            ORGANIZER: replyAddressOf(people[i]),
            UID: uid,
            SEQUENCE: 1,
            ID: id,
          }),
        );
      }
      await eventually(
        'all five processed',
        async () => (await imap.messageIds('Processed')).filter((m) => m.startsWith('<pair-')).length === 5,
      );
      for (const id of ids) expect(await handled(`<${id}@google.com>`)).toBeDefined();
      expect(readers()).toBe(1);

      await stack.stopWorker();
      await eventually('the second worker reads', () => second.app.get(MailboxReaderService).reading, 30_000);
      const late = await deliver('outlook-accept', {
        FROM: people[6].email,
        ORGANIZER: replyAddressOf(people[6]),
        UID: uid,
        SEQUENCE: 1,
      });
      expect(late.outcome).toBe('reply');
    } finally {
      await second.close();
    }
  });
});
