import { inboundMessages, invitations } from '@seg/db';
import { execFile } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { promisify } from 'node:util';
import { and, eq } from 'drizzle-orm';
import { simpleParser } from 'mailparser';
import nodemailer from 'nodemailer';
import { accessTokenFor, createMember, createMembers, TestMember } from './support/factories';
import { parseCalendar } from './support/ical';
import { inboundFixture, unreadableMessage } from './support/inbound-fixtures';
import { eventually } from './support/poll';
import { sparePort } from './support/redis-server';
import { useStack } from './support/stack';

const MAILBOX = 'seg@seg.example';
const MAIL_INBOUND = path.resolve(__dirname, '../dist/apps/worker/src/inbound/mail-inbound.js');

/**
 * Without a mailbox (no IMAP_URL, no SMTP_URL) the worker's mail catcher is also the inbound
 * mailbox, and `npm run mail:inbound -- file.eml` feeds a saved message in: a new user can watch
 * a calendar reply land without any mail server.
 */
describe('inbound mail without a mailbox: the mail catcher, and mail:inbound', () => {
  // Filled before the stack starts (hooks run in the order they are declared).
  const env: Record<string, string> = { MAIL_FROM: `SEG Network <${MAILBOX}>` };
  let mailDir: string;
  beforeAll(async () => {
    mailDir = await mkdtemp(path.join(tmpdir(), 'seg-catcher-'));
    Object.assign(env, { MAIL_CATCHER_PORT: String(await sparePort()), MAIL_DIR: mailDir });
  });
  afterAll(() => rm(mailDir, { recursive: true, force: true }));
  const stack = useStack({ worker: true, env });

  let people: TestMember[];
  let meetingId: string;
  let uid: string;
  /** Each invitee's ORGANIZER as their invitation named it: where their calendar program replies. */
  const replyAddress = new Map<string, string>();
  const rsvpOf = async (memberId: string) =>
    (
      await stack.db
        .select()
        .from(invitations)
        .where(and(eq(invitations.meetingId, meetingId), eq(invitations.memberId, memberId)))
    )[0];

  beforeAll(async () => {
    const staff = await createMember(stack.db, { role: 'secretariat' });
    const auth = { Authorization: `Bearer ${await accessTokenFor(stack.db, stack.config, staff.id)}` };
    people = await createMembers(stack.db, [{}, {}]);
    const created = await stack
      .http()
      .post('/meetings')
      .set(auth)
      .send({
        title: 'Hub meeting',
        kind: 'hub',
        startsAt: '2031-03-05T14:00',
        endsAt: '2031-03-05T16:00',
        venue: 'HMP Leeds',
      })
      .expect(201);
    meetingId = created.body.id;
    await stack
      .http()
      .post(`/meetings/${meetingId}/invitations`)
      .set(auth)
      .send({ audience: { memberIds: people.map((p) => p.id) } })
      .expect(202);
    await stack.noticesSettled();
    // The invitation as the catcher kept it, read as a member's mail program would.
    const files = await readdir(mailDir);
    expect(files).toHaveLength(2);
    for (const file of files) {
      const invite = await simpleParser(await readFile(path.join(mailDir, file)));
      const event = parseCalendar(
        invite.attachments.find((a) => a.contentType === 'text/calendar')!.content.toString('utf8'),
      );
      uid = event.uid;
      const to = [invite.to].flat()[0]!.value[0].address!;
      replyAddress.set(to, event.organizer.replace(/^mailto:/i, ''));
    }
  });

  it('reads mail sent through the catcher to MAIL_FROM as inbound mail, and /health says so', async () => {
    expect((await stack.http().get('/health').expect(200)).body.inbound).toBe('up');
    const transport = nodemailer.createTransport({
      host: '127.0.0.1',
      port: Number(env.MAIL_CATCHER_PORT),
      secure: false,
      ignoreTLS: true,
    });
    try {
      await transport.sendMail({
        envelope: { from: people[0].email, to: [replyAddress.get(people[0].email)!] },
        raw: inboundFixture('outlook-accept', {
          ORGANIZER: replyAddress.get(people[0].email),
          FROM: people[0].email,
          UID: uid,
        }),
      });
    } finally {
      transport.close();
    }
    await eventually('the reply recorded', async () => (await rsvpOf(people[0].id)).rsvpSource === 'calendar');
    expect((await rsvpOf(people[0].id)).rsvp).toBe('accepted');
  });

  it('refuses a message it cannot read for good (5xx, not a 4xx that asks the sender to retry), and sets it aside', async () => {
    const transport = nodemailer.createTransport({
      host: '127.0.0.1',
      port: Number(env.MAIL_CATCHER_PORT),
      secure: false,
      ignoreTLS: true,
    });
    const id = `unreadable-${Date.now()}@example.net`;
    try {
      const refused = await transport
        .sendMail({
          envelope: { from: 'sender@example.net', to: [MAILBOX] },
          raw: unreadableMessage('attachments', id, MAILBOX),
        })
        .then(
          () => null,
          (error: { responseCode?: number; response?: string }) => error,
        );
      expect(refused?.responseCode).toBeGreaterThanOrEqual(500);
      expect(refused?.response).toMatch(/could not be read/);
    } finally {
      transport.close();
    }
    const [row] = await stack.db
      .select()
      .from(inboundMessages)
      .where(eq(inboundMessages.messageId, `<${id}>`));
    expect(row).toMatchObject({ outcome: 'unmatched', detail: expect.objectContaining({ error: expect.any(String) }) });
  });

  it('feeds a saved message in with mail:inbound, once however often it is fed', async () => {
    const file = path.join(mailDir, 'saved-reply.eml.txt');
    await writeFile(
      file,
      inboundFixture('apple-calendar-decline', {
        ORGANIZER: replyAddress.get(people[1].email),
        FROM: people[1].email,
        UID: uid,
      }),
    );
    const run = () =>
      promisify(execFile)(process.execPath, [MAIL_INBOUND, file], {
        env: {
          PATH: process.env.PATH ?? '',
          NODE_ENV: 'test',
          DATABASE_URL: stack.config.databaseUrl,
          JWT_SECRET: stack.config.auth.jwtSecret,
          MAIL_FROM: env.MAIL_FROM,
        },
      });
    expect((await run()).stdout).toMatch(/: reply \{.*"rsvp":"declined"/);
    expect((await rsvpOf(people[1].id)).rsvp).toBe('declined');
    expect((await run()).stdout).toMatch(/: reply \(handled before; nothing changed\)/);
    // Two processes started from nothing (Nest, a database connection each): slow on a busy machine.
  }, 180_000);
});
