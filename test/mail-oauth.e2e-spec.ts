import { Logger } from '@nestjs/common';
import { invitations, notices } from '@seg/db';
import { NoticeOutbox } from '@seg/notices';
import { and, eq } from 'drizzle-orm';
import { MailboxReaderService } from '../apps/worker/src/inbound/mailbox-reader.service';
import { accessTokenFor, createMember, createMembers, TestMember } from './support/factories';
import { inboundFixture } from './support/inbound-fixtures';
import { calendarOf } from './support/meeting-mail';
import { commitNotices, noticeRows } from './support/notices';
import { eventually } from './support/poll';
import { OAUTH_APP, useStack } from './support/stack';

const MAILBOX = 'seg@group.test';

/**
 * The mail loop signed in to with OAuth alone, as Microsoft 365 requires: the worker gets its
 * tokens from a local token server (client credentials), the SMTP server takes only XOAUTH2
 * with a token that server vouches for, and Dovecot's oauth2 passdb asks it about each IMAP
 * sign-in. Tokens live an hour by the token server's clock, which the tests move on instead of
 * waiting.
 */
describe('mail through OAuth 2.0 (token server, XOAUTH2 SMTP, Dovecot oauth2 passdb)', () => {
  const stack = useStack({
    smtp: true,
    worker: true,
    imap: true,
    oauth: { mailbox: MAILBOX },
    env: { IMAP_POLL_SECONDS: '1', MAIL_AUTH_RETRY_SECONDS: '1' },
  });
  let people: TestMember[];
  let meetingId: string;

  const health = async () => (await stack.http().get('/health').expect(200)).body;
  const noticesOf = (meeting: string) => stack.db.select().from(notices).where(eq(notices.meetingId, meeting));
  /** Appends a message to the mailbox (as mail arriving) and waits until the worker has moved it to Processed. */
  const deliver = async (fixture: Parameters<typeof inboundFixture>[0], values: Record<string, string | number>) => {
    const id = `${fixture}-${Math.random().toString(36).slice(2)}`;
    await stack.imap.append(inboundFixture(fixture, { TO: MAILBOX, ...values, ID: id }));
    await eventually(`${fixture} read and filed`, async () =>
      (await stack.imap.messageIds('Processed')).some((m) => m.startsWith(`<${id}@`)),
    );
  };
  /** Drops every open SMTP and IMAP connection: the worker's next ones sign in anew. */
  const restartServers = async () => {
    await stack.sink.stop();
    await stack.sink.start();
    await stack.imap.stop();
    await stack.imap.start();
  };
  const outbox = () => stack.api.app.get(NoticeOutbox);

  beforeAll(async () => {
    const staff = await createMember(stack.db, { role: 'secretariat', name: 'Secretariat' });
    const secretariat = await accessTokenFor(stack.db, stack.config, staff.id);
    people = await createMembers(
      stack.db,
      Array.from({ length: 4 }, (_, i) => ({ region: 'wales', category: 'prison-gp', name: `Invitee ${i}` })),
    );
    const created = await stack
      .http()
      .post('/meetings')
      .set({ Authorization: `Bearer ${secretariat}` })
      .send({
        title: 'Hub meeting',
        kind: 'hub',
        startsAt: '2031-06-10T10:00',
        endsAt: '2031-06-10T12:00',
        venue: 'RCGP, 30 Euston Square, London',
      })
      .expect(201);
    meetingId = created.body.id;
    await stack
      .http()
      .post(`/meetings/${meetingId}/invitations`)
      .set({ Authorization: `Bearer ${secretariat}` })
      .send({ audience: { memberIds: people.map((p) => p.id) } })
      .expect(202);
  });

  afterEach(() => jest.restoreAllMocks());

  it('sends the invitations and reads a calendar reply and a bounce with tokens only', async () => {
    expect(stack.config.mail.auth.kind).toBe('oauth2');
    expect(stack.config.mail.smtpUrl).not.toMatch(/:[^@/]*@/);
    await eventually('the invitations sent', async () => {
      const rows = await noticesOf(meetingId);
      return rows.length === people.length && rows.every((n) => n.status === 'sent');
    });
    expect(stack.sink.refusedLogins).toBe(0);
    expect(stack.oauth.issued.clientCredentials).toBeGreaterThanOrEqual(1);
    await eventually('inbound up', async () => (await health()).inbound === 'up');
    expect(await health()).toMatchObject({ status: 'ok', mail: 'up', inbound: 'up' });
    expect(stack.worker.app.get(MailboxReaderService).reading).toBe(true);

    const replier = people[0];
    const invite = stack.sink.received.find((m) => m.to.includes(replier.email))!;
    const calendar = calendarOf(invite);
    await deliver('google-calendar-accept', {
      FROM: replier.email,
      ATTENDEE: replier.email,
      ORGANIZER: calendar.organizer.replace(/^mailto:/i, ''),
      UID: calendar.uid,
      SEQUENCE: 0,
    });
    await eventually('the RSVP recorded', async () => {
      const [row] = await stack.db
        .select()
        .from(invitations)
        .where(and(eq(invitations.meetingId, meetingId), eq(invitations.memberId, replier.id)));
      return row?.rsvp === 'accepted';
    });

    const bounced = people[1];
    const notice = (await noticesOf(meetingId)).find((n) => n.memberId === bounced.id)!;
    await deliver('postfix-bounce', {
      BOUNCE_TO: stack.sink.received.find((m) => m.to.includes(bounced.email))!.from,
      RECIPIENT: bounced.email,
      ORIGINAL_MESSAGE_ID: notice.messageId!,
    });
    await eventually('the notice marked bounced', async () => {
      const [row] = await noticeRows(stack.db, [notice.id]);
      return row.status === 'bounced';
    });
  });

  it('replaces a token that expired mid-run, with no failed notice', async () => {
    const issued = stack.oauth.issued.clientCredentials;
    // Every token issued so far expires by the servers' reckoning; the worker still holds its own.
    stack.oauth.advance(3_601_000);
    await restartServers();

    const { refs, emails } = await commitNotices(stack.db, outbox(), 5);
    await stack.sink.waitFor(() => emails.every((e) => stack.sink.to(e).length === 1));
    await stack.noticesSettled();
    const rows = await noticeRows(
      stack.db,
      refs.map((r) => r.id),
    );
    expect(rows.map((r) => r.status)).toEqual(Array(5).fill('sent'));
    // The SMTP server refused the expired token, and a new one was got and taken.
    expect(stack.sink.refusedLogins).toBeGreaterThanOrEqual(1);
    expect(stack.oauth.issued.clientCredentials).toBeGreaterThan(issued);

    // The reader signs in again to the restarted IMAP server with a new token too.
    await eventually('inbound up again', async () => (await health()).inbound === 'up');
    const replier = people[2];
    const calendar = calendarOf(stack.sink.received.find((m) => m.to.includes(replier.email))!);
    await deliver('outlook-accept', {
      FROM: replier.email,
      ATTENDEE: replier.email,
      ORGANIZER: calendar.organizer.replace(/^mailto:/i, ''),
      UID: calendar.uid,
      SEQUENCE: 0,
    });
    expect(await health()).toMatchObject({ mail: 'up', inbound: 'up' });
  });

  it('with the client secret revoked, says auth failed on /health, keeps every notice queued, logs the reason once, and resumes when it is restored', async () => {
    const logged = jest.spyOn(Logger.prototype, 'error');
    const refusedBefore = stack.oauth.refusals.length;
    stack.oauth.revoke(OAUTH_APP.clientId);
    stack.oauth.advance(3_601_000);
    await restartServers();

    const { refs, emails } = await commitNotices(stack.db, outbox(), 6);
    await eventually('mail auth failed on /health', async () => (await health()).mail === 'auth failed');
    await eventually('inbound auth failed on /health', async () => (await health()).inbound === 'auth failed');
    expect((await health()).status).toBe('ok');
    // Several refusals later (sending is retried every second), still one line in the log.
    await eventually('three refused token requests', () => stack.oauth.refusals.length >= refusedBefore + 3);
    const rows = await noticeRows(
      stack.db,
      refs.map((r) => r.id),
    );
    expect(rows.every((r) => r.status === 'queued' && r.attempts === 0)).toBe(true);
    expect(rows.some((r) => r.lastError?.includes('invalid_client: the client credentials were revoked'))).toBe(true);
    expect(emails.flatMap((e) => stack.sink.to(e))).toEqual([]);
    const refusalLines = (message: RegExp) => logged.mock.calls.filter(([, text]) => message.test(String(text)));
    expect(refusalLines(/The mail provider refused our credentials/)).toHaveLength(1);
    expect(refusalLines(/The inbound mailbox refused our credentials/)).toHaveLength(1);
    expect(JSON.stringify(logged.mock.calls)).toContain('the client credentials were revoked');

    stack.oauth.restore(OAUTH_APP.clientId);
    await stack.sink.waitFor(() => emails.every((e) => stack.sink.to(e).length === 1));
    await stack.noticesSettled();
    await eventually('mail up on /health', async () => (await health()).mail === 'up');
    await eventually('inbound up on /health', async () => (await health()).inbound === 'up');
    const after = await noticeRows(
      stack.db,
      refs.map((r) => r.id),
    );
    expect(after.map((r) => r.status)).toEqual(Array(6).fill('sent'));
    const failed = await stack.db.select().from(notices).where(eq(notices.status, 'failed'));
    expect(failed).toEqual([]);
  });
});

describe('mail through a Google service account (JWT-bearer grant acting as the mailbox)', () => {
  const stack = useStack({
    smtp: true,
    worker: true,
    imap: true,
    oauth: { mailbox: MAILBOX, provider: 'google' },
    env: { IMAP_POLL_SECONDS: '1' },
  });

  it('sends notices and reads the mailbox with tokens the service account got for the mailbox', async () => {
    expect(stack.config.mail.auth.kind === 'oauth2' && stack.config.mail.auth.grant.kind).toBe('serviceAccount');
    const { refs, emails } = await commitNotices(stack.db, stack.api.app.get(NoticeOutbox), 3);
    await stack.sink.waitFor(() => emails.every((e) => stack.sink.to(e).length === 1));
    await stack.noticesSettled();
    const rows = await noticeRows(
      stack.db,
      refs.map((r) => r.id),
    );
    expect(rows.map((r) => r.status)).toEqual(['sent', 'sent', 'sent']);
    expect(stack.oauth.issued.jwtBearer).toBeGreaterThanOrEqual(1);
    expect(stack.oauth.issued.clientCredentials).toBe(0);
    expect(stack.sink.refusedLogins).toBe(0);

    const id = `away-${Math.random().toString(36).slice(2)}`;
    await stack.imap.append(inboundFixture('exchange-out-of-office', { TO: MAILBOX, FROM: emails[0], ID: id }));
    await eventually('the auto-reply read and filed', async () =>
      (await stack.imap.messageIds('Processed')).some((m) => m.startsWith(`<${id}@`)),
    );
    expect((await stack.http().get('/health').expect(200)).body).toMatchObject({ inbound: 'up', mail: 'up' });
  });
});
