import { inboundMessages, invitations, meetings, members, posts } from '@seg/db';
import { writeBackupDone, writeBackupFailure } from '@seg/queue';
import { parse } from 'csv-parse/sync';
import { eq, sql } from 'drizzle-orm';
import IORedis from 'ioredis';
import { readFileSync } from 'node:fs';
import { Browser, Page } from 'playwright-core';
import { accessibilityIssues, launchBrowser, PASSWORD, Person, screenshot, settled, signInAs } from './support/browser';
import { accessTokenFor, categoryIdOf, createMember, MemberInput, regionIdOf } from './support/factories';
import { rsvpTokenOf } from './support/meeting-mail';
import { eventually } from './support/poll';
import { useStack } from './support/stack';
import { uniqueName } from './support/test-config';

/**
 * The secretariat's working day in real Chromium, against the real API, worker, PostgreSQL,
 * Redis and a loopback SMTP server: each test clicks through one task as an officer would.
 */

jest.setTimeout(300_000);

describe("the secretariat's working day", () => {
  const stack = useStack({ smtp: true, worker: true });
  let browser: Browser;
  const run = uniqueName('sec').slice(-8);
  const email = (who: string) => `${who}.${run}@example.nhs.uk`;
  let officer: Person;

  /** A prison GP who can sign in (an invited member cannot), unless told otherwise. */
  const addMember = (input: MemberInput): Promise<Person> =>
    createMember(stack.db, {
      category: 'prison-gp',
      ...(input.status === 'invited' ? {} : { password: PASSWORD }),
      ...input,
    });

  const signIn = (who: Person): Promise<Page> => signInAs(browser, stack.api.baseUrl, who);

  async function go(page: Page, path: string): Promise<void> {
    await page.goto(`${stack.api.baseUrl}${path}`);
    await settled(page);
  }

  beforeAll(async () => {
    browser = await launchBrowser();
    officer = await addMember({
      name: 'Olu Officer',
      email: email('officer'),
      role: 'secretariat',
      category: undefined,
    });
  });

  afterAll(async () => {
    await browser?.close();
  });

  it('Members asks once per filter change, and "Show more" keeps the pages it added', async () => {
    const regionId = await regionIdOf(stack.api.db, 'east-midlands');
    const categoryId = await categoryIdOf(stack.api.db, 'prison-gp');
    await stack.api.db.insert(members).values(
      Array.from({ length: 55 }, (_, i) => ({
        name: `Paging Person ${String(i).padStart(2, '0')}`,
        email: email(`paging${i}`),
        status: 'active' as const,
        regionId,
        categoryId,
      })),
    );
    const page = await signIn(officer);
    const asked: string[] = [];
    page.on('request', (request) => {
      if (new URL(request.url()).pathname === '/directory/members') asked.push(request.url());
    });
    await go(page, '/secretariat/members');
    const rows = page.getByRole('table').getByRole('row');
    await eventually('the first 50 members', async () => (await rows.count()) === 51);
    const total = Number(/^(\d+) members$/.exec(await page.locator('.result-count').innerText())?.[1]);
    expect(total).toBeGreaterThan(55);
    await page.getByRole('button', { name: 'Show more' }).click();
    await eventually('every member listed', async () => (await rows.count()) === total + 1);
    expect(asked).toHaveLength(2);

    // One filter change, one request; its answer replaces the list.
    await page.getByLabel('Region').selectOption('east-midlands');
    await page.getByText('55 members').waitFor();
    await eventually('the region filter answered', () => asked.length === 3);
    await page.getByRole('button', { name: 'Show more' }).click();
    await eventually('the region listed in full', async () => (await rows.count()) === 56);
    // Near misses rank after the matches, so the count is the search's; the list shows its first page.
    await page.getByLabel('Name', { exact: true }).fill('Paging Person 07');
    await eventually('the name filter answered', () => asked.length === 5);
    await eventually('the first match listed first', async () =>
      (await rows.nth(1).innerText()).includes('Paging Person 07'),
    );
    const found = Number(/^(\d+) members?$/.exec(await page.locator('.result-count').innerText())?.[1]);
    await expect(rows.count()).resolves.toBe(Math.min(found, 50) + 1);
    // Typing is debounced into one request; nothing was asked again since, and the list stayed.
    expect(asked).toHaveLength(5);
    await screenshot(page, 'members-paging');
    await page.context().close();
  });

  it('Members filters by email status, and the address carries every filter so a list can be shared', async () => {
    const bouncing = await addMember({ name: 'Bea Bounce', email: email('bea'), region: 'wales' });
    await addMember({ name: 'Dai Delivered', email: email('dai'), region: 'wales' });
    await stack.api.db.update(members).set({ emailStatus: 'bouncing' }).where(eq(members.id, bouncing.id));
    const page = await signIn(officer);
    await go(page, '/secretariat/members?emailStatus=bouncing&region=wales');
    const rows = page.getByRole('table').getByRole('row');
    await eventually('only the bouncing member of Wales', async () => (await rows.count()) === 2);
    await expect(rows.nth(1).innerText()).resolves.toMatch(/Bea Bounce[\s\S]*\(bounces\)/);
    await expect(page.getByLabel('Email', { exact: true }).inputValue()).resolves.toBe('bouncing');
    await expect(page.getByLabel('Region').inputValue()).resolves.toBe('wales');

    await page.getByLabel('Email', { exact: true }).selectOption('');
    await page.getByLabel('Status').selectOption('active');
    await eventually('the address follows the filters', () => {
      const query = new URL(page.url()).searchParams;
      return query.get('region') === 'wales' && query.get('status') === 'active' && !query.has('emailStatus');
    });
    await page.reload();
    await settled(page);
    await page.getByRole('link', { name: 'Dai Delivered' }).waitFor();
    await expect(page.getByLabel('Status').inputValue()).resolves.toBe('active');
    expect(await accessibilityIssues(page, 'members-filters')).toEqual([]);
    await page.setViewportSize({ width: 375, height: 800 });
    await screenshot(page, 'members-filters-375');
    await page.context().close();
  });

  it('Assign a post: a member is required, another region asks first, the form clears, and the same post twice is refused', async () => {
    const lead = await addMember({ name: 'Lowenna Lead', email: email('lead'), region: 'london' });
    const page = await signIn(officer);
    await go(page, '/secretariat/posts');
    const form = page.getByRole('region', { name: 'Assign a post' });
    await form.getByLabel('For').selectOption('north-west');
    await form.getByLabel('Role').fill('Regional lead');
    await form.getByRole('button', { name: 'Assign the post' }).click();
    await form.getByRole('alert').getByText('Member: Choose a member').waitFor();

    async function choose(): Promise<void> {
      await form.getByLabel('Member').fill('Lowenna');
      await form.getByRole('button', { name: 'Choose Lowenna Lead (London)' }).click();
    }
    await choose();
    const asked: string[] = [];
    page.once('dialog', (dialog) => {
      asked.push(dialog.message());
      void dialog.dismiss();
    });
    await form.getByRole('button', { name: 'Assign the post' }).click();
    await eventually('the confirmation', () => asked.length === 1);
    expect(asked[0]).toBe('Lowenna Lead is a member in London. Appoint them for North West?');
    await expect(stack.api.db.select().from(posts).where(eq(posts.memberId, lead.id))).resolves.toEqual([]);

    page.once('dialog', (dialog) => void dialog.accept());
    await form.getByRole('button', { name: 'Assign the post' }).click();
    await form.getByText('Lowenna Lead now holds the post "Regional lead" for North West.').waitFor();
    await expect(form.getByLabel('Role').inputValue()).resolves.toBe('');
    await expect(form.getByLabel('For').inputValue()).resolves.toBe('');
    await screenshot(page, 'posts-assigned');

    // The same post again is the API's 409, shown against the role.
    await choose();
    await form.getByLabel('For').selectOption('north-west');
    await form.getByLabel('Role').fill('Regional lead');
    page.once('dialog', (dialog) => void dialog.accept());
    await form.getByRole('button', { name: 'Assign the post' }).click();
    await form
      .getByRole('alert')
      .getByText(/Role: is a post the member already holds/)
      .waitFor();
    await expect(stack.api.db.select().from(posts).where(eq(posts.memberId, lead.id))).resolves.toHaveLength(1);
    await page.context().close();
  });

  it("Import members: the page's own example is checked first, then saved once the officer agrees", async () => {
    const page = await signIn(officer);
    await go(page, '/secretariat/members/import');
    await page.getByText('Example', { exact: true }).click();
    const example = await page.locator('details pre').innerText();
    const broken = `${email('broken')},Bad Row,,prison-gp,nowhere,,`;
    await page.getByLabel('Or paste the CSV').fill(`${example}\n${broken}`);
    await page.getByRole('button', { name: 'Check the file' }).click();
    await page.getByRole('heading', { name: 'What importing would do' }).waitFor();
    const table = page.getByRole('table', { name: 'Each row of the file' });
    await expect(table.getByRole('row').nth(1).innerText()).resolves.toMatch(/created/);
    await expect(table.getByRole('row').nth(2).innerText()).resolves.toMatch(
      /error[\s\S]*"nowhere" is not a region; use one of: .*London \(london\)/,
    );
    await page.getByText('Save 1 member and send 1 activation email?').waitFor();
    await screenshot(page, 'members-import-check');
    // Checking saved nothing.
    await expect(
      stack.api.db.select().from(members).where(eq(members.email, 'ann.lee@example.nhs.uk')),
    ).resolves.toEqual([]);

    await page.getByRole('button', { name: 'Save and send 1 activation email' }).click();
    await page.getByRole('heading', { name: 'Result' }).waitFor();
    await page.getByText(/1 created, 0 updated, 1 with errors/).waitFor();
    await screenshot(page, 'members-import-result');
    const [saved] = await stack.api.db.select().from(members).where(eq(members.email, 'ann.lee@example.nhs.uk'));
    expect(saved).toMatchObject({ name: 'Ann Lee', status: 'invited' });
    await stack.sink.waitForMailTo('ann.lee@example.nhs.uk');
    await page.context().close();
  });

  it('Every invitee by name: the table shows region and category names, and downloads as CSV', async () => {
    const invitee = await addMember({
      name: 'Iolo Invitee',
      email: email('invitee'),
      region: 'wales',
      category: 'forensic-medical-examiner',
    });
    const [meeting] = await stack.api.db
      .insert(meetings)
      .values({
        title: `Wales meeting ${run}`,
        kind: 'regional',
        venue: 'Cardiff',
        startsAt: new Date('2031-02-03T10:00:00Z'),
        endsAt: new Date('2031-02-03T12:00:00Z'),
      })
      .returning({ id: meetings.id });
    const auth = { Authorization: `Bearer ${await accessTokenFor(stack.api.db, stack.config, officer.id)}` };
    await stack.api
      .http()
      .post(`/meetings/${meeting.id}/invitations`)
      .set(auth)
      .send({ audience: { memberIds: [invitee.id] } })
      .expect(202);
    await stack.sink.waitForMailTo(invitee.email);

    // The Accept header alone asks for the CSV.
    const byHeader = await stack.api
      .http()
      .get(`/meetings/${meeting.id}/invitations`)
      .set(auth)
      .set('Accept', 'text/csv')
      .expect(200);
    expect(byHeader.headers['content-type']).toMatch(/^text\/csv/);
    const rows = parse(byHeader.text, { columns: true }) as Record<string, string>[];
    expect(rows).toEqual([
      {
        name: 'Iolo Invitee',
        email: invitee.email,
        category: 'Forensic medical examiner',
        region: 'Wales',
        reply: 'No reply yet',
        replied: '',
        'reply came by': '',
        'answered an earlier version': '',
        'last notice': expect.stringMatching(/^invite (queued|sent)$/),
      },
    ]);

    const page = await signIn(officer);
    await go(page, `/secretariat/meetings/${meeting.id}`);
    await page.getByText('All 1 emails handled: 1 sent, 0 failed.').waitFor({ timeout: 60_000 });
    // The per-person list is open on the page, not folded away.
    await page.getByRole('heading', { name: 'Every invitee (1)' }).waitFor();
    const table = page.getByRole('table', { name: 'Every invitee' });
    await expect(table.getByRole('row').nth(1).innerText()).resolves.toMatch(
      /^Iolo Invitee\tForensic medical examiner\tWales\tNo reply yet/,
    );
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Download every invitee (CSV)' }).click(),
    ]);
    const downloaded = parse(readFileSync((await download.path())!, 'utf8'), { columns: true }) as Record<
      string,
      string
    >[];
    expect(downloaded).toEqual([
      expect.objectContaining({
        name: 'Iolo Invitee',
        region: 'Wales',
        reply: 'No reply yet',
        'last notice': 'invite sent',
      }),
    ]);

    // Each person's reply says how it came and whether it answered an earlier version of the meeting.
    await stack.api
      .http()
      .post(`/rsvp/${rsvpTokenOf(stack.sink.to(invitee.email)[0])}`)
      .send({ response: 'accepted' })
      .expect(200);
    await stack.api.http().patch(`/meetings/${meeting.id}`).set(auth).send({ venue: 'Cardiff Bay' }).expect(200);
    await page.reload();
    await settled(page);
    const [replies] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: "Download each person's reply (CSV)" }).click(),
    ]);
    expect(parse(readFileSync((await replies.path())!, 'utf8'), { columns: true })).toEqual([
      expect.objectContaining({
        name: 'Iolo Invitee',
        reply: 'Going',
        'reply came by': 'the link in an email',
        'answered an earlier version': 'yes',
      }),
    ]);
    await screenshot(page, 'meeting-invitees');
    await page.context().close();
  });

  it('Sending is deliberate: the officer confirms each send with its count, and reads the agenda and how often it changed', async () => {
    const guest = await addMember({ name: 'Gwen Guest', email: email('guest'), region: 'south-west' });
    const [meeting] = await stack.api.db
      .insert(meetings)
      .values({
        title: `South West meeting ${run}`,
        kind: 'regional',
        agenda: '1. Welcome\n2. Winter pressures',
        venue: 'Exeter',
        startsAt: new Date('2031-04-01T09:00:00Z'),
        endsAt: new Date('2031-04-01T11:00:00Z'),
      })
      .returning({ id: meetings.id });
    const page = await signIn(officer);
    await go(page, `/secretariat/meetings/${meeting.id}`);
    await page.getByRole('heading', { name: 'Agenda' }).waitFor();
    await page.getByText('2. Winter pressures').waitFor();
    await page.getByText('Not sent yet').waitFor();
    await expect(page.getByText('Revision').count()).resolves.toBe(0);

    const dialogs: string[] = [];
    const answer = (accept: boolean) =>
      page.once('dialog', (dialog) => {
        dialogs.push(dialog.message());
        void (accept ? dialog.accept() : dialog.dismiss());
      });
    await page.getByRole('checkbox', { name: /^South West/ }).check();
    await page.getByText(/1 member\s+will be invited/).waitFor();
    answer(false);
    await page.getByRole('button', { name: 'Send invitations' }).click();
    await eventually('the question', () => dialogs.length === 1);
    expect(dialogs[0]).toBe(
      "Send the invitation to 1 member? 1 invitation: less than a minute at your provider's 3,000 a minute.",
    );
    await expect(stack.api.db.select().from(invitations).where(eq(invitations.meetingId, meeting.id))).resolves.toEqual(
      [],
    );
    answer(true);
    await page.getByRole('button', { name: 'Send invitations' }).click();
    await page.getByText(/^1 invited\./).waitFor();
    await page.getByText('Not changed since it was sent').waitFor();
    await stack.sink.waitForMailTo(guest.email);

    await page.getByRole('link', { name: 'Change details' }).click();
    await page.getByLabel('Venue').fill('Plymouth');
    answer(true);
    await page.getByRole('button', { name: /^Save/ }).click();
    await page.getByText('Changed once since it was sent').waitFor();
    expect(dialogs[2]).toBe('Save the change and email 1 invitee about it?');
    await stack.sink.waitFor(() => stack.sink.to(guest.email).length === 2);
    await screenshot(page, 'meeting-changed');
    await page.context().close();
  });

  it("Erase, from the member's page: the officer says why, and the record becomes anonymous", async () => {
    const leaver = await addMember({ name: 'Perpetua Quillfeather', email: email('quillfeather') });
    const [named] = await stack.api.db
      .insert(meetings)
      .values({
        title: `Spring spoke ${run}`,
        kind: 'hub',
        agenda: '1. Welcome\n2. Perpetua Quillfeather on transfers',
        startsAt: new Date('2031-04-03T10:00:00Z'),
        endsAt: new Date('2031-04-03T12:00:00Z'),
      })
      .returning({ id: meetings.id });
    const page = await signIn(officer);
    await go(page, `/secretariat/members/${leaver.id}`);
    const dialogs: string[] = [];
    page.on('dialog', (dialog) => {
      dialogs.push(dialog.message());
      void dialog.dismiss();
    });
    await page.getByRole('button', { name: 'Erase' }).click();
    // Asked in the page, as every form: an empty reason is refused with the field named beside it.
    const form = page.getByRole('region', { name: 'Erase Perpetua Quillfeather' });
    await form.getByRole('button', { name: 'Erase Perpetua Quillfeather for good' }).click();
    await form
      .getByRole('alert')
      .getByText(/^Why they are erased: .+/)
      .waitFor();
    expect(await accessibilityIssues(page, 'erase-form')).toEqual([]);
    await form.getByLabel('Why they are erased').fill('Their request of 2 November');
    await form.getByRole('button', { name: 'Erase Perpetua Quillfeather for good' }).click();
    await page.getByText('Erased: nothing that identifies them is kept').waitFor();
    await page.getByRole('heading', { name: /^Former member \d+$/ }).waitFor();
    // History only: no retention clock of a leaver, nothing to suspend or erase again.
    await expect(page.getByText(/erased \d+ months after that/).count()).resolves.toBe(0);
    await expect(page.getByRole('button', { name: /^(Suspend|Erase)/ }).count()).resolves.toBe(0);
    expect(dialogs).toEqual([]);
    // Where staff still named them, to edit.
    const mentions = page.getByRole('region', { name: "Still named in meetings' text" });
    await expect(mentions.getByRole('link', { name: "The meeting's agenda" }).getAttribute('href')).resolves.toBe(
      `/secretariat/meetings/${named.id}/edit`,
    );
    const [row] = await stack.db.select().from(members).where(eq(members.id, leaver.id));
    expect(row.erasedAt).not.toBeNull();
    expect(row.name).toMatch(/^Former member \d+$/);
    await page.setViewportSize({ width: 375, height: 800 });
    expect(await accessibilityIssues(page, 'erased-record-375')).toEqual([]);
    await page.context().close();
  });

  it('the establishments page offers to "Add an establishment"', async () => {
    const page = await signIn(officer);
    await go(page, '/secretariat/establishments');
    await page.getByRole('heading', { name: 'Add an establishment' }).waitFor();
    await page.context().close();
  });

  it('a reference list says what was added or saved until the next edit', async () => {
    const page = await signIn(officer);
    await go(page, '/secretariat/categories');
    const name = `Visiting ${run}`;
    await page.getByLabel('Code', { exact: true }).fill(`visiting-${run}`);
    await page.getByLabel('Name', { exact: true }).fill(name);
    await page.getByRole('button', { name: 'Add category' }).click();
    const said = page.locator('#list-form').getByRole('status');
    await said.filter({ hasText: `${name} added.` }).waitFor();
    // The form is empty for the next one, and the list shows the new row: the message stays.
    await page.getByRole('button', { name: `Change ${name}` }).waitFor();
    expect(await page.getByLabel('Name', { exact: true }).inputValue()).toBe('');
    await settled(page);
    expect(await said.textContent()).toBe(`${name} added.`);

    await page.getByRole('button', { name: `Change ${name}` }).click();
    expect(await said.count()).toBe(0);
    await page.getByLabel('Name', { exact: true }).fill(`${name} clinicians`);
    await page.getByRole('button', { name: 'Save changes' }).click();
    await said.filter({ hasText: `${name} clinicians saved.` }).waitFor();
    await page.getByRole('button', { name: `Change ${name} clinicians` }).waitFor();
    await settled(page);
    expect(await said.textContent()).toBe(`${name} clinicians saved.`);
    // Typing the next one is the next edit.
    await page.getByLabel('Code', { exact: true }).fill('x');
    expect(await said.count()).toBe(0);
    await page.context().close();
  });

  it('The audit trail reads as English and is filtered by person, without pasting an id', async () => {
    const kwame = await addMember({
      name: 'Kwame Trail',
      email: email('kwame'),
      region: 'london',
      phone: '020 7946 0101',
    });
    const token = await accessTokenFor(stack.api.db, stack.config, officer.id);
    await stack.api
      .http()
      .patch(`/members/${kwame.id}`)
      .set({ Authorization: `Bearer ${token}` })
      .send({ phone: '020 7946 0202', region: 'wales' })
      .expect(200);

    const page = await signIn(officer);
    await go(page, '/secretariat/audit');
    await page.getByLabel('Involving a person').fill('Kwame Tr');
    await page.getByRole('button', { name: /^Choose Kwame Trail/ }).click();
    await page.getByText('Everything involving Kwame Trail').waitFor();
    const row = page.getByRole('row').filter({ hasText: "Kwame Trail's phone and region changed" });
    await row.waitFor();
    expect(await row.innerText()).toContain('020 7946 0101 → 020 7946 0202');
    expect(await row.innerText()).not.toMatch(/[0-9a-f]{8}-[0-9a-f]{4}-/);
    expect(await accessibilityIssues(page, 'audit')).toEqual([]);
    // On a phone each change is a card: who first, then what happened; nothing scrolls sideways.
    await page.setViewportSize({ width: 375, height: 800 });
    expect(await accessibilityIssues(page, 'audit on a phone')).toEqual([]);
    const wrap = page.getByRole('region', { name: 'Changes' });
    expect(await wrap.evaluate((el) => el.scrollWidth - el.clientWidth)).toBeLessThanOrEqual(0);
    const top = async (n: number) => (await row.getByRole('cell').nth(n).boundingBox())!.y;
    const [when, who, what] = [await top(0), await top(1), await top(2)];
    expect(who).toBeLessThan(what);
    expect(what).toBeLessThan(when);
    await screenshot(page, 'audit-375');
    await page.context().close();
  });

  it('Reported messages come 50 at a time, the older ones on asking', async () => {
    const [from, to] = await Promise.all([
      addMember({ name: 'Rex Reported', email: email('rex') }),
      addMember({ name: 'Rhea Reporter', email: email('rhea') }),
    ]);
    // 51 reports, a minute apart, the oldest noted so it can be found.
    await stack.db.execute(
      sql`insert into member_messages (sender_id, recipient_id, sent_at, reported_at, report_note)
        select ${from.id}::uuid, ${to.id}::uuid, now(), now() - make_interval(mins => n),
               case when n = 51 then ${`oldest ${run}`} end
        from generate_series(1, 51) n`,
    );
    const page = await signIn(officer);
    await go(page, '/secretariat/reported-messages');
    const rows = page.getByRole('row').filter({ hasText: 'Rex Reported' });
    await rows.first().waitFor();
    expect(await rows.count()).toBe(50);
    await page.getByRole('button', { name: 'Show older reports' }).click();
    await page
      .getByRole('row')
      .filter({ hasText: `oldest ${run}` })
      .waitFor();
    expect(await rows.count()).toBe(51);
    expect(await page.getByRole('button', { name: 'Show older reports' }).count()).toBe(0);
    await page.context().close();
  });

  it('Unmatched mail says why each message changed nothing, and which meeting it was about', async () => {
    const token = await accessTokenFor(stack.api.db, stack.config, officer.id);
    const meeting = await stack.api
      .http()
      .post('/meetings')
      .set({ Authorization: `Bearer ${token}` })
      .send({ title: 'Autumn hub meeting', kind: 'hub', startsAt: '2031-10-01T10:00', endsAt: '2031-10-01T12:00' })
      .expect(201);
    const messageId = `<forged-${run}-0123456789abcdef0123456789abcdef@evil.test>`;
    await stack.db.insert(inboundMessages).values({
      messageId,
      outcome: 'unmatched',
      detail: { reason: 'the reply was not sent to the address this invitee was given', meetingId: meeting.body.id },
    });

    const page = await signIn(officer);
    await go(page, '/secretariat');
    await page.getByRole('link', { name: 'Unmatched mail' }).click();
    const row = page.getByRole('row').filter({ hasText: messageId });
    await row.waitFor();
    expect(await row.innerText()).toContain('the reply was not sent to the address this invitee was given');
    expect(await row.getByRole('link', { name: 'Autumn hub meeting' }).getAttribute('href')).toBe(
      `/secretariat/meetings/${meeting.body.id}`,
    );
    expect(await accessibilityIssues(page, 'unmatched mail')).toEqual([]);
    await page.setViewportSize({ width: 375, height: 800 });
    expect(await accessibilityIssues(page, 'unmatched mail on a phone')).toEqual([]);
    // The long Message-ID wraps: the page itself does not scroll sideways.
    expect(await page.evaluate<number>('document.documentElement.scrollWidth')).toBeLessThanOrEqual(375);
    await page.context().close();
  });

  it('The overview says when the last backup was taken, and a failure since in words', async () => {
    const redis = new IORedis(stack.config.redisUrl);
    try {
      const file = 'seg-2031-03-04T023000Z.dump';
      await writeBackupDone(redis, stack.config.queuePrefix, {
        at: new Date('2031-03-04T02:30:00Z'),
        file,
        sizeBytes: 2_345_678,
      });
      const page = await signIn(officer);
      await go(page, '/secretariat');
      const section = page.getByRole('region', { name: 'Backups' });
      await section.getByText(file).waitFor();
      const said = await section.innerText();
      expect(said).toContain('2.3 MB');
      expect(said).toContain('every night at 02:30, UK time, and kept 35 days');
      expect(await section.getByRole('alert').count()).toBe(0);

      await writeBackupFailure(redis, stack.config.queuePrefix, {
        at: new Date('2031-03-05T02:30:00Z'),
        error: 'pg_dump failed: could not connect to server',
      });
      await go(page, '/secretariat');
      const alert = section.getByRole('alert');
      await alert.waitFor();
      expect(await alert.innerText()).toMatch(
        /^The last backup failed \(.+\): pg_dump failed: could not connect to server/,
      );
      expect(await section.innerText()).toContain(file);
      expect(await accessibilityIssues(page, 'overview with a failed backup')).toEqual([]);
      await page.setViewportSize({ width: 375, height: 800 });
      expect(await accessibilityIssues(page, 'overview with a failed backup on a phone')).toEqual([]);
      expect(await page.evaluate<number>('document.documentElement.scrollWidth')).toBeLessThanOrEqual(375);
      await page.context().close();
    } finally {
      redis.disconnect();
    }
  });

  it('Field errors say what to do, dates are typed as day, month and year and read as "1 July 2019"', async () => {
    const page = await signIn(officer);
    await go(page, '/secretariat/members/new');
    await page.getByRole('button', { name: 'Add member and send invitation' }).click();
    const summary = page.getByRole('alert');
    await summary.getByText('Enter the full name, like Amara Okafor').waitFor();
    await summary.getByText('Enter an email address, like amara.okafor@nhs.net').waitFor();
    expect(await summary.innerText()).not.toMatch(/should not be empty|is required/);

    const holder = await addMember({ name: 'Dafydd Dates', email: email('dates'), region: 'wales' });
    await go(page, `/secretariat/posts?memberId=${holder.id}`);
    const form = page.getByRole('region', { name: 'Assign a post' });
    await form.getByText('Member: Dafydd Dates').waitFor();
    await form.getByLabel('For').selectOption('wales');
    await form.getByLabel('Role').fill('Deputy');
    const from = form.getByRole('group', { name: 'From' });
    await from.getByLabel('Day').fill('31');
    await from.getByLabel('Month').fill('2');
    await from.getByLabel('Year').fill('2019');
    await form.getByRole('button', { name: 'Assign the post' }).click();
    await form.getByRole('alert').getByText('From: Enter a real date, like 27 3 2026').waitFor();
    await expect(stack.api.db.select().from(posts).where(eq(posts.memberId, holder.id))).resolves.toEqual([]);

    await from.getByLabel('Day').fill('1');
    await from.getByLabel('Month').fill('7');
    await form.getByRole('button', { name: 'Assign the post' }).click();
    await form.getByText('Dafydd Dates now holds the post "Deputy" for Wales.').waitFor();
    await page.getByRole('row').filter({ hasText: 'Dafydd Dates' }).getByText('1 July 2019').waitFor();
    expect(await accessibilityIssues(page, 'posts with date input')).toEqual([]);
    await page.context().close();
  });
});
