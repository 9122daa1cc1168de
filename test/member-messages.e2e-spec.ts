import { auditLog, memberMessages, members, notices } from '@seg/db';
import { and, eq } from 'drizzle-orm';
import { setClock } from './support/clock';
import { loggedIn } from './support/factories';
import { eventually } from './support/poll';
import { useStack } from './support/stack';

/**
 * A message to a colleague whose address is hidden, relayed through the group's mail to a real
 * SMTP server: from the group, Reply-To the sender, and the recipient's address in no answer to
 * the sender; ten a day, refused to members who chose not to be written to; the recipient's
 * report reaches the secretariat; the text is gone from the database once sent.
 */
describe('messages between members', () => {
  const stack = useStack({ smtp: true, worker: true });
  let sender: { member: { id: string; email: string; name: string }; auth: Record<string, string> };
  let hidden: { member: { id: string; email: string; name: string }; auth: Record<string, string> };
  let secretariat: Record<string, string>;

  beforeAll(async () => {
    sender = await loggedIn(stack.db, stack.config, { name: 'Sally Sender', category: 'prison-gp', region: 'wales' });
    hidden = await loggedIn(stack.db, stack.config, {
      name: 'Hari Hidden',
      category: 'prison-gp',
      region: 'wales',
      emailVisibility: 'secretariat',
    });
    secretariat = (await loggedIn(stack.db, stack.config, { role: 'secretariat' })).auth;
  });

  afterEach(() => jest.restoreAllMocks());

  /** Every answer the sender is given, as text, to look for the recipient's address in. */
  const seenBySender: string[] = [];
  const asSender = async (method: 'get' | 'post', path: string, body?: object, status = 200) => {
    const request = stack.http()[method](path).set(sender.auth);
    const res = await (body ? request.send(body) : request).expect(status);
    seenBySender.push(JSON.stringify(res.headers), res.text);
    return res;
  };

  it('relays the message from the group, Reply-To the sender, and keeps who wrote to whom but not the text', async () => {
    const card = await asSender('get', `/directory/members/${hidden.member.id}`);
    expect(card.body.email).toBeNull();
    const before = await asSender('get', `/directory/members/${hidden.member.id}/message`);
    expect(before.body).toEqual({ canSend: true, reason: null, sentToday: 0, dailyLimit: 10 });

    const text = 'Dear Hari,\n\nCould we talk about the handover from HMP Cardiff?\n\nSally';
    const sent = await asSender(
      'post',
      `/directory/members/${hidden.member.id}/message`,
      { subject: 'Handover from Cardiff', text },
      202,
    );
    expect(sent.body).toEqual({ sentAt: expect.any(String), sentToday: 1, dailyLimit: 10 });

    const mail = await stack.sink.waitForMailTo(hidden.member.email);
    expect(mail.parsed.from?.value.map((f) => f.address)).toEqual([stack.config.mail.fromAddress]);
    expect(mail.parsed.replyTo?.value).toEqual([{ name: 'Sally Sender', address: sender.member.email }]);
    expect(mail.parsed.subject).toBe('Handover from Cardiff');
    expect(mail.parsed.text).toContain(text);
    expect(mail.parsed.text).toContain('Sally Sender sent you this message through SEG Network');
    expect(mail.parsed.html).toBe(false);

    // Once sent, the notice keeps neither subject nor text; the audit names who and when only.
    const [message] = await stack.db.select().from(memberMessages).where(eq(memberMessages.senderId, sender.member.id));
    expect(message.recipientId).toBe(hidden.member.id);
    await eventually('the notice to be recorded sent', async () => {
      const [notice] = await stack.db.select().from(notices).where(eq(notices.id, message.noticeId!));
      return notice.status === 'sent' ? notice : null;
    });
    const [notice] = await stack.db.select().from(notices).where(eq(notices.id, message.noticeId!));
    expect(JSON.stringify(notice)).not.toContain('handover');
    expect(notice.payload).toEqual({ messageId: message.id, senderId: sender.member.id });
    const audit = await stack.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.entity, 'member-message'), eq(auditLog.entityId, message.id)));
    expect(audit).toHaveLength(1);
    expect(audit[0].actorId).toBe(sender.member.id);
    expect(audit[0].after).toEqual({
      senderId: sender.member.id,
      recipientId: hidden.member.id,
      sentAt: message.sentAt.toISOString(),
    });
    expect(JSON.stringify(audit)).not.toMatch(/handover/i);
  });

  it('refuses 5,001 characters with a 400 naming the field, and a message to oneself', async () => {
    const res = await asSender(
      'post',
      `/directory/members/${hidden.member.id}/message`,
      { subject: 'Long', text: 'x'.repeat(5_001) },
      400,
    );
    expect(res.body.details).toEqual([{ field: 'text', message: expect.stringMatching(/5000/) }]);
    const own = await asSender(
      'post',
      `/directory/members/${sender.member.id}/message`,
      { subject: 'Hi', text: 'Me' },
      400,
    );
    expect(own.body.details).toEqual([{ field: 'id', message: expect.any(String) }]);
  });

  it('refuses the eleventh message of a London day with a 429 naming the limit, and takes them again the next day', async () => {
    const writer = await loggedIn(stack.db, stack.config, {
      name: 'Wendy Writer',
      category: 'prison-gp',
      region: 'wales',
    });
    setClock(stack.api.app, '2027-01-12T23:30:00Z');
    const send = (status: number) =>
      stack
        .http()
        .post(`/directory/members/${hidden.member.id}/message`)
        .set(writer.auth)
        .send({ subject: 'Rota', text: 'A note' })
        .expect(status);
    for (let i = 1; i <= 10; i++) expect((await send(202)).body.sentToday).toBe(i);
    const refused = await send(429);
    expect(refused.body.message).toMatch(/You can send 10 messages a day/);
    // London's day ends at midnight GMT in January: 30 minutes.
    expect(refused.headers['retry-after']).toBe('1800');
    const permission = await stack.http().get(`/directory/members/${hidden.member.id}/message`).set(writer.auth);
    expect(permission.body).toMatchObject({ canSend: false, sentToday: 10 });
    setClock(stack.api.app, '2027-01-13T00:00:01Z');
    expect((await send(202)).body.sentToday).toBe(1);
  });

  it('refuses a member who chose not to receive messages (403): the choice is theirs, in their notice preferences', async () => {
    const me = await stack.http().get('/me').set(hidden.auth).expect(200);
    expect(me.body.noticePreferences.messages).toBe(true);
    const changed = await stack
      .http()
      .patch('/me/notice-preferences')
      .set(hidden.auth)
      .send({ messages: false })
      .expect(200);
    expect(changed.body).toEqual({ hubMeetings: true, regionalMeetings: true, reminders: true, messages: false });
    expect((await stack.http().get('/me').set(hidden.auth).expect(200)).body.noticePreferences.messages).toBe(false);
    const permission = await asSender('get', `/directory/members/${hidden.member.id}/message`);
    expect(permission.body).toMatchObject({ canSend: false, reason: expect.stringMatching(/chose not to/) });
    const refused = await asSender(
      'post',
      `/directory/members/${hidden.member.id}/message`,
      { subject: 'Hi', text: 'Hello' },
      403,
    );
    expect(refused.body.message).toMatch(/chose not to receive messages/);
    const bad = await stack
      .http()
      .patch('/me/notice-preferences')
      .set(hidden.auth)
      .send({ messages: 'no' })
      .expect(400);
    expect(bad.body.details).toEqual([expect.objectContaining({ field: 'messages' })]);
    // Saved with the rest of My details, through the same writer.
    await stack
      .http()
      .patch('/me')
      .set(hidden.auth)
      .send({ noticePreferences: { messages: true } })
      .expect(200);
    const allowed = await asSender('get', `/directory/members/${hidden.member.id}/message`);
    expect(allowed.body).toMatchObject({ canSend: true });
  });

  it('records a report from the link in the email, which the secretariat then sees', async () => {
    const reporter = await loggedIn(stack.db, stack.config, {
      name: 'Rita Reporter',
      category: 'prison-gp',
      region: 'wales',
      emailVisibility: 'secretariat',
    });
    await asSender(
      'post',
      `/directory/members/${reporter.member.id}/message`,
      { subject: 'Unwanted', text: 'Something unwelcome' },
      202,
    );
    const mail = await stack.sink.waitForMailTo(reporter.member.email);
    const link = /Report it to the secretariat: (\S+)/.exec(mail.parsed.text ?? '')![1];
    const token = new URL(link).searchParams.get('token')!;
    expect(new URL(link).pathname).toBe('/report-message');

    // Opening the link changes nothing (mail scanners open links).
    const view = await stack.http().get(`/message-reports/${token}`).expect(200);
    expect(view.body).toEqual({ senderName: 'Sally Sender', sentAt: expect.any(String), reportedAt: null });
    await stack
      .http()
      .get(`/message-reports/${token.slice(0, -2)}xx`)
      .expect(404);
    const reported = await stack
      .http()
      .post(`/message-reports/${token}`)
      .send({ note: 'I do not know this person' })
      .expect(200);
    expect(reported.body.reportedAt).toEqual(expect.any(String));

    const list = await stack.http().get('/message-reports').set(secretariat).expect(200);
    expect(list.body.items).toEqual([
      {
        messageId: expect.any(String),
        sender: { id: sender.member.id, name: 'Sally Sender' },
        recipient: { id: reporter.member.id, name: 'Rita Reporter' },
        sentAt: expect.any(String),
        reportedAt: reported.body.reportedAt,
        note: 'I do not know this person',
      },
    ]);
    await stack.http().get('/message-reports').set(sender.auth).expect(403);
  });

  it('never shows the recipient’s address to the sender', async () => {
    const recipients = await stack.db
      .select({ email: members.email })
      .from(members)
      .where(eq(members.emailVisibility, 'secretariat'));
    expect(seenBySender.length).toBeGreaterThan(10);
    for (const { email } of recipients) for (const answer of seenBySender) expect(answer).not.toContain(email);
  });
});
