import { auditLog, calendarFeeds, invitations, meetings } from '@seg/db';
import { and, eq } from 'drizzle-orm';
import { loggedIn, TestMember } from './support/factories';
import { parseCalendarFeed, ParsedEvent } from './support/ical';
import { calendarOf } from './support/meeting-mail';
import { useStack } from './support/stack';

const DAY = 86_400_000;

/**
 * A member's private calendar feed, read as a calendar program reads it (ical.js): the meetings
 * they are invited to with their reply, updates and cancellations, the emails' UIDs, and an
 * address that a reset or the end of the membership kills.
 */
describe('calendar feed', () => {
  const stack = useStack({ smtp: true, worker: true, env: { MAIL_FROM: 'SEG Network <seg@seg.example>' } });
  let secretariat: Record<string, string>;

  beforeAll(async () => {
    secretariat = (await loggedIn(stack.db, stack.config, { role: 'secretariat' })).auth;
  });

  const feedPath = (url: string) => new URL(url).pathname;
  const linksOf = async (auth: Record<string, string>) =>
    (await stack.http().get('/me/calendar').set(auth).expect(200)).body as {
      httpsUrl: string;
      webcalUrl: string;
      createdAt: string;
    };
  const readFeed = async (url: string) => {
    const res = await stack.http().get(feedPath(url)).expect(200);
    return { res, feed: parseCalendarFeed(res.text) };
  };
  const eventOf = (events: ParsedEvent[], meetingId: string) =>
    events.find((e) => e.uid === `meeting-${meetingId}@seg.example`);

  /** A meeting to come, with these members invited through the API (their invitations emailed). */
  async function meetingWith(title: string, who: TestMember[], startsAt = '2031-05-14T10:00'): Promise<string> {
    const { body } = await stack
      .http()
      .post('/meetings')
      .set(secretariat)
      .send({ title, kind: 'hub', startsAt, endsAt: startsAt.replace('T10', 'T12'), venue: 'RCGP, London' })
      .expect(201);
    await stack
      .http()
      .post(`/meetings/${body.id}/invitations`)
      .set(secretariat)
      .send({ audience: { memberIds: who.map((m) => m.id) } })
      .expect(202);
    return body.id;
  }

  /** A meeting that ended `daysAgo` days ago, with the member invited (written as the past left it). */
  async function pastMeetingWith(member: TestMember, daysAgo: number, title: string): Promise<string> {
    const endsAt = new Date(Date.now() - daysAgo * DAY);
    const [meeting] = await stack.db
      .insert(meetings)
      .values({
        title,
        kind: 'hub',
        status: 'scheduled',
        startsAt: new Date(endsAt.getTime() - 2 * 3600_000),
        endsAt,
      })
      .returning();
    await stack.db.insert(invitations).values({ meetingId: meeting.id, memberId: member.id, rsvp: 'accepted' });
    return meeting.id;
  }

  it('lists the meetings the member is invited to with their reply, as the emailed invitations name them', async () => {
    const { member, auth } = await loggedIn(stack.db, stack.config, { name: 'Ffion Feed', region: 'wales' });
    const colleague = (await loggedIn(stack.db, stack.config, { name: 'Cai Colleague', region: 'wales' })).member;
    const spring = await meetingWith('Spring hub meeting', [member, colleague]);
    const summer = await meetingWith('Summer hub meeting', [member], '2031-07-09T10:00');
    const notMine = await meetingWith('Not for Ffion', [colleague]);
    const lastSpring = await pastMeetingWith(member, 200, 'Last spring');
    const longAgo = await pastMeetingWith(member, 400, 'Two springs ago');
    await stack.http().put(`/meetings/${spring}/rsvp`).set(auth).send({ response: 'accepted' }).expect(200);

    const links = await linksOf(auth);
    expect(links.httpsUrl).toMatch(new RegExp(`^${stack.config.publicUrl}/calendar/[A-Za-z0-9_-]{43}\\.ics$`));
    expect(links.webcalUrl).toBe(links.httpsUrl.replace(/^https?:/, 'webcal:'));
    expect(await linksOf(auth)).toEqual(links);
    // Only the seed and the token's hash are kept: the link itself is nowhere in the database.
    const [stored] = await stack.db.select().from(calendarFeeds).where(eq(calendarFeeds.memberId, member.id));
    const token = /\/calendar\/(.+)\.ics$/.exec(links.httpsUrl)![1];
    expect(JSON.stringify(stored)).not.toContain(token);

    const { res, feed } = await readFeed(links.httpsUrl);
    expect(res.headers['content-type']).toBe('text/calendar; charset=utf-8');
    expect(res.headers['cache-control']).toMatch(/\bprivate\b/);
    expect(res.headers.etag).toMatch(/^"[A-Za-z0-9_-]+"$/);
    expect(feed.name).toBe('SEG Network meetings');
    // Calendar data, not an iTIP message: a program subscribes and asks nothing.
    expect(feed.method).toBeNull();
    expect(feed.events.map((e) => e.summary)).toEqual(['Last spring', 'Spring hub meeting', 'Summer hub meeting']);
    expect(eventOf(feed.events, notMine)).toBeUndefined();
    expect(eventOf(feed.events, longAgo)).toBeUndefined();
    expect(eventOf(feed.events, lastSpring)!.attendees[0].partstat).toBe('ACCEPTED');

    const springEvent = eventOf(feed.events, spring)!;
    expect(springEvent).toMatchObject({ sequence: 0, status: 'CONFIRMED', startTzid: 'Europe/London' });
    expect(springEvent.start.toISOString()).toBe('2031-05-14T09:00:00.000Z');
    // The organizer their emailed invitation names: their own reply address.
    expect(springEvent.organizer).toMatch(/^mailto:seg\+i\.[0-9a-f]{32}\.[0-9a-f]{10}@seg\.example$/);
    expect(springEvent.attendees).toEqual([
      { value: `mailto:${member.email}`, partstat: 'ACCEPTED', rsvp: 'TRUE', cn: 'Ffion Feed' },
    ]);
    expect(eventOf(feed.events, summer)!.attendees[0].partstat).toBe('NEEDS-ACTION');
    // The feed names nobody else: not the colleague invited to the same meeting.
    expect(res.text).not.toContain(colleague.email);
    expect(res.text).not.toContain('Cai Colleague');

    // The same UID as the emailed invitations, so a calendar shows each meeting once.
    await stack.sink.waitFor(() => stack.sink.to(member.email).length >= 2);
    const emailed = stack.sink.to(member.email).map((mail) => calendarOf(mail).uid);
    expect(emailed.sort()).toEqual([springEvent.uid, eventOf(feed.events, summer)!.uid].sort());
  });

  it('carries updates (SEQUENCE and time) and cancellations as they happen, and answers 304 while nothing changed', async () => {
    const { member, auth } = await loggedIn(stack.db, stack.config, { name: 'Gethin Feed', region: 'wales' });
    const moved = await meetingWith('Autumn hub meeting', [member], '2031-10-08T10:00');
    const dropped = await meetingWith('Winter hub meeting', [member], '2031-12-03T10:00');
    const { httpsUrl } = await linksOf(auth);
    const first = await readFeed(httpsUrl);
    const etag = first.res.headers.etag as string;
    const again = await stack.http().get(feedPath(httpsUrl)).set('If-None-Match', etag).expect(304);
    expect(again.text).toBe('');
    expect(again.headers.etag).toBe(etag);
    await stack.http().get(feedPath(httpsUrl)).set('If-None-Match', `"other", W/${etag}`).expect(304);

    await stack
      .http()
      .patch(`/meetings/${moved}`)
      .set(secretariat)
      .send({ startsAt: '2031-10-29T10:00', endsAt: '2031-10-29T12:00' })
      .expect(200);
    await stack.http().post(`/meetings/${dropped}/cancel`).set(secretariat).expect(200);

    const changed = await stack.http().get(feedPath(httpsUrl)).set('If-None-Match', etag).expect(200);
    expect(changed.headers.etag).not.toBe(etag);
    const events = parseCalendarFeed(changed.text).events;
    const before = eventOf(first.feed.events, moved)!;
    const after = eventOf(events, moved)!;
    expect(after.sequence).toBe(before.sequence + 1);
    // 29 October 2031 is after the clocks go back: 10:00 in London is 10:00 UTC.
    expect(after.start.toISOString()).toBe('2031-10-29T10:00:00.000Z');
    expect(after.status).toBe('CONFIRMED');
    const cancelled = eventOf(events, dropped)!;
    expect(cancelled.status).toBe('CANCELLED');
    expect(cancelled.sequence).toBeGreaterThan(eventOf(first.feed.events, dropped)!.sequence);
  });

  it('kills the old address at once on a reset, and audits it', async () => {
    const { member, auth } = await loggedIn(stack.db, stack.config, { name: 'Heledd Feed', region: 'wales' });
    const old = await linksOf(auth);
    await stack.http().get(feedPath(old.httpsUrl)).expect(200);
    const fresh = (await stack.http().post('/me/calendar/reset').set(auth).expect(200)).body;
    expect(fresh.httpsUrl).not.toBe(old.httpsUrl);
    await stack.http().get(feedPath(old.httpsUrl)).expect(404);
    await stack.http().get(feedPath(fresh.httpsUrl)).expect(200);
    expect(await linksOf(auth)).toEqual(fresh);
    const audited = await stack.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.entityId, member.id), eq(auditLog.action, 'calendar-feed-reset')));
    expect(audited).toHaveLength(1);
    expect(audited[0].actorId).toBe(member.id);
  });

  it('dies with suspension and stays dead after reinstatement; leaving ends it too', async () => {
    const { member, auth } = await loggedIn(stack.db, stack.config, { name: 'Iolo Feed', region: 'wales' });
    const { httpsUrl } = await linksOf(auth);
    await stack.http().get(feedPath(httpsUrl)).expect(200);
    await stack.http().patch(`/members/${member.id}`).set(secretariat).send({ status: 'suspended' }).expect(200);
    await stack.http().get(feedPath(httpsUrl)).expect(404);
    await stack.http().patch(`/members/${member.id}`).set(secretariat).send({ status: 'active' }).expect(200);
    await stack.http().get(feedPath(httpsUrl)).expect(404);

    const leaver = await loggedIn(stack.db, stack.config, { name: 'Jac Feed', region: 'wales' });
    const theirs = await linksOf(leaver.auth);
    await stack.http().patch(`/members/${leaver.member.id}`).set(secretariat).send({ status: 'left' }).expect(200);
    await stack.http().get(feedPath(theirs.httpsUrl)).expect(404);
    expect(await stack.db.select().from(calendarFeeds).where(eq(calendarFeeds.memberId, leaver.member.id))).toEqual([]);
  });

  it('answers 404 to addresses it never gave', async () => {
    await stack
      .http()
      .get(`/calendar/${'A'.repeat(43)}.ics`)
      .expect(404);
    await stack.http().get('/calendar/short.ics').expect(404);
    await stack.http().get('/me/calendar').expect(401);
  });
});
