import { NoticeOutbox } from '@seg/notices';
import { SendPace } from '../apps/worker/src/notices/send-pace';
import { commitNotices, noticeRows } from './support/notices';
import { setClock } from './support/clock';
import { createMembers, loggedIn } from './support/factories';
import { eventually } from './support/poll';
import { useStack } from './support/stack';
import { startWorker } from './support/worker-harness';

type Auth = { Authorization: string };

/** Arrival times of the mails to these addresses, in the order the addresses are given. */
function arrivals(mails: { to: string[]; at: number }[], emails: string[]): number[] {
  return emails.map((email) => mails.find((m) => m.to.includes(email))!.at);
}

/**
 * The provider's pace, with real workers, Redis and an SMTP server. 60 a minute is one a second:
 * these tests take real seconds (20 notices, about 20 s), and assert only lower bounds on the
 * gaps, which a loaded machine can only lengthen. A throttling pause runs on the worker's
 * clock, which the test moves: it never waits for one.
 */
describe("sending at the provider's pace", () => {
  // One send at a time per worker: the gaps between throttling answers are then the pauses alone.
  const stack = useStack({
    smtp: true,
    worker: true,
    env: { MAIL_RATE_PER_MINUTE: '60', MAIL_POOL_SIZE: '1', WORKER_CONCURRENCY: '1' },
  });
  let outbox: NoticeOutbox;
  let secretariat: Auth;

  beforeAll(async () => {
    outbox = stack.api.app.get(NoticeOutbox);
    secretariat = (await loggedIn(stack.db, stack.config, { name: 'Pace Secretariat', role: 'secretariat' })).auth;
  });

  it('sends 20 notices at 60 a minute across two workers: in order, each once, about a second apart', async () => {
    const second = await startWorker(stack.config);
    try {
      const handled = [jest.spyOn(stack.worker.sender, 'handle'), jest.spyOn(second.sender, 'handle')];
      const { refs, emails } = await commitNotices(stack.db, outbox, 20);
      await stack.sink.waitFor(() => emails.every((e) => stack.sink.to(e).length > 0), 90_000);
      await stack.noticesSettled();

      for (const email of emails) expect(stack.sink.to(email)).toHaveLength(1);
      const at = arrivals(stack.sink.received, emails);
      // Queued in turn, sent in turn.
      expect([...at].sort((a, b) => a - b)).toEqual(at);
      // Nineteen gaps of a second, shared by both workers: not 20 at once, nor 20 from each.
      expect(at[19] - at[0]).toBeGreaterThanOrEqual(15_000);
      for (let i = 0; i + 4 < at.length; i++) expect(at[i + 4] - at[i]).toBeGreaterThanOrEqual(2_000);
      for (const spy of handled) expect(spy).toHaveBeenCalled();
      const rows = await noticeRows(
        stack.db,
        refs.map((r) => r.id),
      );
      expect(rows.every((r) => r.status === 'sent' && r.attempts === 1)).toBe(true);
    } finally {
      jest.restoreAllMocks();
      await second.close();
    }
  });

  it("lets an account email overtake a meeting's invitations queued before it", async () => {
    const invitees = await createMembers(
      stack.db,
      Array.from({ length: 5 }, (_, i) => ({ name: `Paced Invitee ${i}`, region: 'wales' })),
    );
    const meeting = await stack
      .http()
      .post('/meetings')
      .set(secretariat)
      .send({
        title: 'Paced meeting',
        kind: 'hub',
        startsAt: '2027-05-12T10:00',
        endsAt: '2027-05-12T12:00',
        venue: 'Cardiff',
      })
      .expect(201);
    await stack
      .http()
      .post(`/meetings/${meeting.body.id}/invitations`)
      .set(secretariat)
      .send({ audience: { memberIds: invitees.map((m) => m.id) } })
      .expect(202);
    await stack.sink.waitFor(() => invitees.some((m) => stack.sink.to(m.email).length > 0));
    const { emails } = await commitNotices(stack.db, outbox, 1);
    await stack.sink.waitFor(() => [emails[0], ...invitees.map((m) => m.email)].every((e) => stack.sink.to(e).length));

    const order = [...stack.sink.received].sort((a, b) => a.at - b.at).map((m) => m.to[0]);
    const reset = order.indexOf(emails[0]);
    const lastInvitation = Math.max(...invitees.map((m) => order.indexOf(m.email)));
    expect(reset).toBeLessThan(lastInvitation);
  });

  it("pauses every worker until the worker's clock passes the pause, longer each time, and sends every notice once with none failed (421 4.7.0)", async () => {
    const pace = stack.worker.app.get(SendPace);
    const pauses: number[] = [];
    const throttled = pace.throttled.bind(pace);
    jest.spyOn(pace, 'throttled').mockImplementation(async (at) => {
      const pause = await throttled(at);
      pauses.push(pause);
      return pause;
    });
    // Each time a worker about to send found a pause on: how much of it was left.
    const heldOff: number[] = [];
    const pausedFor = pace.pausedFor.bind(pace);
    jest.spyOn(pace, 'pausedFor').mockImplementation(async (at) => {
      const left = await pausedFor(at);
      if (left) heldOff.push(left);
      return left;
    });
    // The worker's clock stands still until the test moves it: a pause lasts however long that takes.
    let now = Date.parse('2027-03-01T09:00:00Z');
    setClock(stack.worker.app, new Date(now));
    try {
      stack.sink.throttleNext = 3;
      const { refs, emails } = await commitNotices(stack.db, outbox, 4);
      const accepted = () => emails.filter((e) => stack.sink.to(e).length > 0).length;
      for (let ended = 0; ; ended++) {
        await eventually('a pause, or every notice sent', () => pauses.length > ended || accepted() === emails.length);
        if (pauses.length === ended) break;
        // A worker comes back during the pause and holds off; nothing is sent while it lasts.
        const asked = heldOff.length;
        await eventually('a worker to find the pause on', () => heldOff.length > asked);
        expect(accepted()).toBe(0);
        now += pauses[ended];
        setClock(stack.worker.app, new Date(now));
      }
      await stack.noticesSettled();

      for (const email of emails) expect(stack.sink.to(email)).toHaveLength(1);
      expect(stack.sink.throttledAt).toHaveLength(3);
      // The sink closes the connection with its 421, and nodemailer may try the same message once
      // more on a new one before giving up: the worker hears two or three of the three answers.
      expect(pauses.slice(0, 2)).toEqual([1_000, 2_000]);
      expect(Math.max(...heldOff)).toBeLessThanOrEqual(Math.max(...pauses));
      const rows = await noticeRows(
        stack.db,
        refs.map((r) => r.id),
      );
      // Throttling is not the notice failing: one attempt each, the one that went.
      expect(rows.map((r) => [r.status, r.attempts, r.lastError])).toEqual(rows.map(() => ['sent', 1, null]));
    } finally {
      jest.restoreAllMocks();
    }
  });
});

describe("the day's limit (MAIL_DAILY_LIMIT)", () => {
  // No grace for the relay: a held notice is queued the moment the test moves the clock past it.
  const stack = useStack({ smtp: true, worker: true, env: { MAIL_DAILY_LIMIT: '5', RELAY_GRACE_MS: '0' } });
  // Whole seconds: the API answers times to the second.
  const today = new Date(Math.floor(Date.now() / 1000) * 1000);
  const tomorrow = new Date(today.getTime() + 24 * 3600_000);

  afterAll(() => jest.restoreAllMocks());

  it('sends five today and holds the sixth as queued until the next day, as the preview and the ledger say', async () => {
    setClock(stack.api.app, today);
    setClock(stack.worker.app, today);
    const { auth: secretariat } = await loggedIn(stack.db, stack.config, {
      name: 'Day Secretariat',
      role: 'secretariat',
    });
    const invitees = await createMembers(
      stack.db,
      Array.from({ length: 6 }, (_, i) => ({ name: `Daily Invitee ${i}` })),
    );
    const meeting = (
      await stack
        .http()
        .post('/meetings')
        .set(secretariat)
        .send({
          title: 'Day-limited meeting',
          kind: 'hub',
          startsAt: '2027-06-01T10:00',
          endsAt: '2027-06-01T12:00',
          venue: 'Leeds',
        })
        .expect(201)
    ).body.id as string;
    const audience = { audience: { memberIds: invitees.map((m) => m.id) } };

    const preview = (
      await stack.http().post(`/meetings/${meeting}/invitations/preview`).set(secretariat).send(audience).expect(200)
    ).body;
    expect(preview.delivery).toMatchObject({ notices: 6, ahead: 0, provider: 'smtp', dailyLimit: 5, laterDays: 1 });
    expect(Date.parse(preview.delivery.lastGoesAt)).toBe(tomorrow.getTime());
    expect(preview.delivery.minutes).toBe(24 * 60);

    await stack.http().post(`/meetings/${meeting}/invitations`).set(secretariat).send(audience).expect(202);
    const ledger = async () =>
      (await stack.http().get(`/meetings/${meeting}/invitations`).set(secretariat).expect(200)).body;
    const held = await eventually('five sent and one held for tomorrow', async () => {
      const body = await ledger();
      return body.totals.notices.sent === 5 && body.totals.notices.queued === 1 ? body : undefined;
    });
    expect(held.totals.notices).toMatchObject({ laterDays: 1, failed: 0 });
    expect(Date.parse(held.totals.notices.lastGoesAt)).toBe(tomorrow.getTime());
    const waiting = held.items.flatMap((i: { notices: { status: string; notBefore: string | null }[] }) =>
      i.notices.filter((n) => n.status === 'queued'),
    );
    expect(waiting.map((n: { notBefore: string }) => Date.parse(n.notBefore))).toEqual([tomorrow.getTime()]);

    // The day is truly used up: an account email waits too, rather than have the provider block the mailbox.
    const { refs: reset, emails } = await commitNotices(stack.db, stack.api.app.get(NoticeOutbox), 1);
    const resetRow = await eventually('the account email to be held', async () => {
      const [row] = await noticeRows(stack.db, [reset[0].id]);
      return row.notBefore ? row : undefined;
    });
    expect([resetRow.status, resetRow.attempts, resetRow.notBefore!.getTime()]).toEqual([
      'queued',
      0,
      tomorrow.getTime(),
    ]);
    expect(await stack.worker.relay.relay()).toBe(0);
    expect(stack.sink.received).toHaveLength(5);

    const dayAfter = new Date(tomorrow.getTime() + 1_000);
    setClock(stack.api.app, dayAfter);
    setClock(stack.worker.app, dayAfter);
    expect(await stack.worker.relay.relay()).toBe(2);
    await stack.sink.waitFor(() => [emails[0], ...invitees.map((m) => m.email)].every((e) => stack.sink.to(e).length));
    await stack.noticesSettled();
    for (const email of [emails[0], ...invitees.map((m) => m.email)]) expect(stack.sink.to(email)).toHaveLength(1);
    expect((await ledger()).totals.notices).toMatchObject({
      sent: 6,
      queued: 0,
      failed: 0,
      laterDays: 0,
      lastGoesAt: null,
    });
  });
});
