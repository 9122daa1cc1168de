import { establishments, invitations, meetings, posts, regions } from '@seg/db';
import { and, eq, like } from 'drizzle-orm';
import { readFileSync } from 'node:fs';
import { Browser, BrowserContext, Page } from 'playwright-core';
import {
  accessibilityIssues,
  launchBrowser,
  newContext as newBrowserContext,
  PASSWORD,
  Person,
  screenshot,
  fillDateTime,
  settled,
  signInAs,
} from './support/browser';
import { parseCalendar } from './support/ical';
import { calendarOf } from './support/meeting-mail';
import { eventually } from './support/poll';
import { accessTokenFor, createMember, MemberInput } from './support/factories';
import { useStack } from './support/stack';
import { uniqueName } from './support/test-config';

/**
 * The web app in real Chromium (Debian's, never a downloaded build) against the real API,
 * worker, PostgreSQL, Redis and a loopback SMTP server. `npm test` builds the app first.
 */

jest.setTimeout(300_000);

describe('web app', () => {
  const stack = useStack({ smtp: true, worker: true });
  let browser: Browser;
  const run = uniqueName('web').slice(-8);
  const email = (who: string) => `${who}.${run}@example.nhs.uk`;

  let secretariat: Person;
  let member: Person;
  let londonRep: Person;
  let northWestRep: Person;
  let northWestPrison: { id: string; name: string };
  let otherPrison: { id: string; name: string; region: string };

  /** A prison GP who can sign in, unless told otherwise. */
  const addMember = (input: MemberInput): Promise<Person> =>
    createMember(stack.db, { category: 'prison-gp', password: PASSWORD, ...input });

  async function addPost(person: Person, regionCode: string | null, role: string): Promise<void> {
    const [region] = regionCode ? await stack.api.db.select().from(regions).where(eq(regions.code, regionCode)) : [];
    await stack.api.db
      .insert(posts)
      .values({ memberId: person.id, regionId: region?.id ?? null, role, startsOn: '2024-01-01' });
  }

  const newContext = (): Promise<BrowserContext> => newBrowserContext(browser);
  const signIn = (who: Person, password = PASSWORD): Promise<Page> =>
    signInAs(browser, stack.api.baseUrl, who, { password, from: '/' });

  async function go(page: Page, path: string): Promise<void> {
    await page.goto(`${stack.api.baseUrl}${path}`);
    await settled(page);
  }

  async function checkAccessibility(page: Page, name: string): Promise<void> {
    expect(await accessibilityIssues(page, name)).toEqual([]);
  }

  beforeAll(async () => {
    browser = await launchBrowser();

    secretariat = await addMember({ name: 'Sasha Secretariat', email: email('secretariat'), role: 'secretariat' });
    member = await addMember({ name: 'Mina Member', email: email('member'), region: 'london', phone: '020 7946 0011' });
    londonRep = await addMember({
      name: 'Rhiannon Regional',
      email: email('london.rep'),
      region: 'london',
      phone: '020 7946 0022',
    });
    northWestRep = await addMember({
      name: 'Ned Northwest',
      email: email('nw.rep'),
      region: 'north-west',
      phone: '0161 496 0033',
    });
    await addPost(londonRep, 'london', 'Regional lead');
    await addPost(northWestRep, 'north-west', 'Regional lead');
    const hubChair = await addMember({ name: 'Hana Hub', email: email('chair'), region: 'wales' });
    await addPost(hubChair, null, 'Chair');

    const [nw] = await stack.api.db
      .select({ id: establishments.id, name: establishments.name })
      .from(establishments)
      .innerJoin(regions, eq(regions.id, establishments.regionId))
      .where(eq(regions.code, 'north-west'))
      .orderBy(establishments.name)
      .limit(1);
    northWestPrison = nw;
    const [scottish] = await stack.api.db
      .select({ id: establishments.id, name: establishments.name, region: regions.name })
      .from(establishments)
      .innerJoin(regions, eq(regions.id, establishments.regionId))
      .where(like(establishments.name, 'Barlinnie (%'));
    otherPrison = scottish;
  });

  afterAll(async () => {
    await browser?.close();
  });

  it('serves the app at / with the built JavaScript, and leaves the API routes to the API', async () => {
    const page = await stack.api.http().get('/').set('Accept', 'text/html').expect(200);
    expect(page.text).toContain('<div id="root">');
    const script = /src="(\/assets\/[^"]+\.js)"/.exec(page.text)?.[1];
    expect(script).toBeDefined();
    const js = await stack.api.http().get(script!).expect(200);
    expect(js.headers['cache-control']).toContain('immutable');
    await stack.api.http().get('/health').set('Accept', 'text/html').expect(200).expect('Content-Type', /json/);
    // Browsers ask for /favicon.ico wherever a page names no icon (the RSVP page, the API docs).
    const icon = await stack.api.http().get('/favicon.ico').expect(200);
    expect(icon.headers['content-type']).toMatch(/icon/);
    expect((icon.body as Buffer).readUInt16LE(2)).toBe(1);
    await stack.api.http().get('/directory/network').set('Accept', 'application/json').expect(401);
  });

  it('a member signs in and finds their regional rep and the rep for an establishment', async () => {
    const page = await signIn(member);
    const contacts = page.getByRole('region', { name: 'Your contacts' });
    await contacts.getByRole('link', { name: londonRep.name }).waitFor();
    await expect(contacts.getByRole('link', { name: /020 7946 0022/ }).getAttribute('href')).resolves.toBe(
      'tel:02079460022',
    );
    await contacts.getByRole('link', { name: 'Hana Hub' }).waitFor();
    const network = page.getByRole('img', { name: /13 regions/ });
    await network.waitFor();
    await settled(page);
    await screenshot(page, 'home');

    await page.getByRole('link', { name: 'Where is my patient going?' }).click();
    await page.getByLabel('Type part of the name, town or postcode').fill(northWestPrison.name.slice(0, 8));
    await page.getByLabel('Establishment', { exact: true }).selectOption(northWestPrison.id);
    const answer = page.getByRole('region', { name: northWestPrison.name });
    await answer.getByText('North West', { exact: true }).waitFor();
    await answer.getByRole('link', { name: northWestRep.name }).waitFor();
    await expect(answer.getByRole('link', { name: /0161 496 0033/ }).count()).resolves.toBe(1);
    await screenshot(page, 'where');

    // A changed filter never leaves the old choice's contacts on screen: typed as people say it
    // ("HMP Barlinnie"), a single match is the answer at once, as on a fresh page.
    await page.getByLabel('Type part of the name, town or postcode').fill(`HMP ${otherPrison.name.split(' (')[0]}`);
    await page.getByRole('region', { name: otherPrison.name }).getByText(otherPrison.region, { exact: true }).waitFor();
    await expect(page.getByRole('link', { name: northWestRep.name }).count()).resolves.toBe(0);
    await expect(page.getByLabel('Establishment', { exact: true }).inputValue()).resolves.toBe(otherPrison.id);

    await page.getByLabel('Type part of the name, town or postcode').fill(`HMP ${northWestPrison.name.split(' (')[0]}`);
    await page
      .getByRole('region', { name: northWestPrison.name })
      .getByRole('link', { name: northWestRep.name })
      .waitFor();
    await page.context().close();
  });

  it('a directory card shows availability, wraps an email only at its parts, and says how to reach a private member', async () => {
    await addMember({
      name: 'Ffion Private',
      email: email('private'),
      region: 'wales',
      emailVisibility: 'secretariat',
      phoneVisibility: 'secretariat',
      phone: '029 2018 0101',
    });
    await addMember({
      name: 'Bethan Available',
      email: email('available.with.a.long.address'),
      region: 'wales',
      availability: 'Tuesdays and Thursdays',
    });
    const page = await signIn(member);
    await go(page, '/directory');
    await page.getByLabel('Name').fill('Ffion Private');
    const hidden = page
      .getByRole('list', { name: 'Members' })
      .getByRole('article')
      .filter({ hasText: 'Ffion Private' });
    await hidden.getByText(`Contact through the secretariat: ${stack.config.secretariatEmail}`).waitFor();
    await expect(hidden.getByRole('link', { name: stack.config.secretariatEmail }).getAttribute('href')).resolves.toBe(
      `mailto:${stack.config.secretariatEmail}`,
    );
    expect(await hidden.innerText()).not.toContain('029 2018 0101');

    await page.getByLabel('Name').fill('Bethan Available');
    const card = page
      .getByRole('list', { name: 'Members' })
      .getByRole('article')
      .filter({ hasText: 'Bethan Available' });
    await card.getByText('Available: Tuesdays and Thursdays').waitFor();
    expect(await accessibilityIssues(page, 'directory', 'moderate')).toEqual([]);
    // On a phone the address breaks after the @ or before a dot, never inside a word.
    await page.setViewportSize({ width: 320, height: 700 });
    const link = card.getByRole('link', { name: /^Email / });
    expect(await link.innerHTML()).toMatch(/@<wbr>/);
    // Runs in the page: the browser's own getComputedStyle.
    await expect(
      link.evaluate(
        (a) =>
          (globalThis as unknown as { getComputedStyle(e: unknown): { overflowWrap: string } }).getComputedStyle(a)
            .overflowWrap,
      ),
    ).resolves.toBe('break-word');
    await page.context().close();
  });

  it('the network picture goes round the map with no circle over another, and gives way to the list on a phone', async () => {
    const page = await signIn(member);
    const picture = page.locator('svg.network-picture');
    await picture.waitFor();
    const spokes = await picture.locator('circle[data-region]').evaluateAll((circles) =>
      circles.map((c) => ({
        code: c.getAttribute('data-region')!,
        x: Number(c.getAttribute('cx')),
        y: Number(c.getAttribute('cy')),
        r: Number(c.getAttribute('r')),
      })),
    );
    expect(spokes.map((s) => s.code)).toEqual([
      'scotland',
      'north-east',
      'yorkshire-humber',
      'east-midlands',
      'east-of-england',
      'london',
      'south-east-coast',
      'south-central',
      'south-west',
      'wales',
      'west-midlands',
      'north-west',
      'northern-ireland',
    ]);
    for (const [i, a] of spokes.entries()) {
      for (const b of spokes.slice(i + 1)) expect(Math.hypot(a.x - b.x, a.y - b.y)).toBeGreaterThan(a.r + b.r);
    }
    await page.setViewportSize({ width: 375, height: 800 });
    await expect(picture.isVisible()).resolves.toBe(false);
    await page.getByRole('heading', { name: 'Regions and their representatives' }).waitFor();
    await page.getByRole('link', { name: 'Northern Ireland' }).waitFor();
    await page.context().close();
  });

  it('a rep changes their phone and sees it in the directory', async () => {
    const page = await signIn(londonRep);
    await page.getByRole('link', { name: 'My details' }).click();
    await settled(page);
    const phone = page.getByLabel('Phone', { exact: true });
    await phone.fill('not a phone');
    await page.getByRole('button', { name: 'Save my details' }).click();
    // The API's field error shows next to the field, and in the summary at the top.
    await page.locator('.field-error #field-phone').waitFor();
    await expect(page.getByRole('alert').first().innerText()).resolves.toMatch(/phone/i);
    await screenshot(page, 'my-details-error');

    await phone.fill('020 7946 0999');
    const save = page.getByRole('button', { name: 'Save my details' });
    await save.click();
    // Said where the person is looking: beside the button, with focus, not 900 px above it.
    const saved = page.getByRole('status').filter({ hasText: 'Your details are saved.' });
    await saved.waitFor();
    await expect(saved.evaluate((el) => el === el.ownerDocument.activeElement)).resolves.toBe(true);
    const [noteBox, buttonBox] = [await saved.boundingBox(), await save.boundingBox()];
    expect(Math.abs(noteBox!.y - buttonBox!.y)).toBeLessThan(100);
    await screenshot(page, 'my-details');

    await page.getByRole('link', { name: 'Directory' }).click();
    await page.getByLabel('Name').fill('Rhiannon');
    const card = page.getByRole('list', { name: 'Members' }).getByRole('article').filter({ hasText: londonRep.name });
    await card.getByRole('link', { name: /020 7946 0999/ }).waitFor();
    await screenshot(page, 'directory');

    // Whom the phone reaches is the API's answer (phoneShownTo): the preview follows the saved choice.
    await page.getByRole('link', { name: 'My details' }).click();
    const preview = page.getByRole('complementary', { name: 'What other members see' });
    await preview.getByRole('link', { name: /020 7946 0999/ }).waitFor();
    await page.getByRole('group', { name: 'Who sees your phone' }).getByLabel('Only the secretariat').check();
    await preview.getByText('Save to apply your choice of who sees your contacts.').waitFor();
    await page.getByRole('button', { name: 'Save my details' }).click();
    await page.getByRole('status').filter({ hasText: 'Your details are saved.' }).waitFor();
    await expect(preview.getByRole('link', { name: /020 7946 0999/ }).count()).resolves.toBe(0);
    await page.context().close();
  });

  it('the secretariat creates a meeting, invites a region, watches delivery finish, and a member answers from the email', async () => {
    const page = await signIn(secretariat);
    await go(page, '/secretariat/meetings/new');
    await page.getByLabel('Title').fill(`London regional meeting ${run}`);
    await page.getByLabel('Kind').selectOption('regional');
    await fillDateTime(page, 'Starts', '2031-03-04T14:00');
    await fillDateTime(page, 'Ends', '2031-03-04T16:00');
    await page.getByLabel('Venue').fill('RCGP, 30 Euston Square, London');
    await page.getByLabel('Agenda').fill('1. Welcome\n2. Transfers between establishments');
    await page.getByRole('button', { name: 'Create draft' }).click();
    await page.getByRole('heading', { level: 1, name: `London regional meeting ${run}` }).waitFor();
    const meetingId = page.url().split('/').pop()!;

    await page.getByRole('checkbox', { name: /^London/ }).check();
    // The audience preview counts the region's active members: Mina and Rhiannon.
    await page.getByText(/2 members\s+will be invited/).waitFor();
    // With every rep too it counts Rhiannon once: the union is 4, where the parts add up to 5.
    await page.getByRole('checkbox', { name: /^Every current representative/ }).check();
    await page.getByText(/4 members\s+will be invited/).waitFor();
    await expect(page.getByText(/at most/).count()).resolves.toBe(0);
    await page.getByRole('checkbox', { name: /^Every current representative/ }).uncheck();
    await page.getByText(/2 members\s+will be invited/).waitFor();
    // A part's size counts the people the invitation would: the secretariat's account is in neither.
    const everyone = page.getByRole('checkbox', { name: /^Every member \(\d+\)/ });
    await everyone.waitFor();
    const size = Number(/\((\d+)\)/.exec(await page.locator('label[for="aud-all"]').innerText())![1]);
    await page.getByRole('checkbox', { name: /^London/ }).uncheck();
    await everyone.check();
    await page.getByText(new RegExp(`^${size} members\\s+will be invited`)).waitFor();
    await everyone.uncheck();
    await page.getByRole('checkbox', { name: /^London/ }).check();
    await page.getByText(/2 members\s+will be invited/).waitFor();
    // Previewing wrote nothing.
    await expect(stack.api.db.select().from(invitations).where(eq(invitations.meetingId, meetingId))).resolves.toEqual(
      [],
    );
    // Sending asks first, naming how many will be emailed.
    const asked = new Promise<string>((resolve) =>
      page.once('dialog', (dialog) => {
        resolve(dialog.message());
        void dialog.accept();
      }),
    );
    await page.getByRole('button', { name: 'Send invitations' }).click();
    await expect(asked).resolves.toBe(
      "Send the invitation to 2 members? 2 invitations: less than a minute at your provider's 3,000 a minute.",
    );
    await page.getByText(/^2 invited\./).waitFor();
    // Those two again: nobody new, both already invited.
    await page.getByRole('checkbox', { name: /^London/ }).check();
    await page.getByText(/0 members\s+will be invited\. 2 already invited are not invited twice\./).waitFor();
    await page.getByText('All 2 emails handled: 2 sent, 0 failed.').waitFor({ timeout: 60_000 });
    await expect(page.getByRole('progressbar').getAttribute('aria-valuenow')).resolves.toBe('2');
    await screenshot(page, 'meeting-delivery');

    const mail = await stack.sink.waitForMailTo(member.email);
    const link = /\/rsvp\/[^\s"'<>?]+/.exec(mail.parsed.text ?? '')?.[0];
    expect(link).toBeDefined();

    // The link opens a page that asks; opening it records nothing.
    const stranger = await (await newContext()).newPage();
    await stranger.goto(`${stack.api.baseUrl}${link}`);
    const [before] = await stack.api.db
      .select()
      .from(invitations)
      .where(and(eq(invitations.meetingId, meetingId), eq(invitations.memberId, member.id)));
    expect(before.rsvp).toBe('needs-action');
    await checkAccessibility(stranger, 'rsvp');
    await screenshot(stranger, 'rsvp');
    await stranger.locator('button[name="response"][value="accepted"]').click();
    await eventually('the reply to be recorded', async () => {
      const [after] = await stack.api.db
        .select()
        .from(invitations)
        .where(and(eq(invitations.meetingId, meetingId), eq(invitations.memberId, member.id)));
      return after.rsvp === 'accepted';
    });
    await stranger.context().close();

    await page.reload();
    await settled(page);
    const going = page
      .getByRole('list', { name: 'Replies' })
      .getByRole('listitem')
      .filter({ hasText: /^\s*1\s+going\s*$/ });
    await going.waitFor();
    await screenshot(page, 'meeting-replies');

    // The member sees the invitation, with the reply they gave.
    const memberPage = await signIn(member);
    await go(memberPage, '/my/meetings');
    await memberPage.getByText('Your reply: Going').waitFor();
    await screenshot(memberPage, 'my-meetings');
    await go(memberPage, `/my/meetings/${meetingId}`);
    const [download] = await Promise.all([
      memberPage.waitForEvent('download'),
      memberPage.getByRole('button', { name: 'Add to calendar (.ics)' }).click(),
    ]);
    // The API's copy of the invitation: the emailed UID and SEQUENCE, the member as attendee with their reply.
    const downloaded = parseCalendar(readFileSync((await download.path())!, 'utf8'));
    const emailed = calendarOf(mail);
    expect(downloaded).toMatchObject({
      method: 'REQUEST',
      uid: emailed.uid,
      sequence: emailed.sequence,
      summary: `London regional meeting ${run}`,
      startLocal: '2031-03-04T14:00:00',
    });
    expect(downloaded.attendees).toEqual([
      { value: `mailto:${member.email}`, partstat: 'ACCEPTED', rsvp: 'TRUE', cn: member.name },
    ]);
    // A change of mind from the meeting page.
    await memberPage.getByRole('button', { name: 'Maybe' }).click();
    await memberPage.getByText('Reply saved: Maybe.').waitFor();
    const [changed] = await stack.api.db
      .select()
      .from(invitations)
      .where(and(eq(invitations.meetingId, meetingId), eq(invitations.memberId, member.id)));
    expect(changed.rsvp).toBe('tentative');
    await screenshot(memberPage, 'meeting');
    await memberPage.context().close();
    await page.context().close();
  });

  it('the secretariat sees a refused email fail, and re-sends it once the mail server takes it', async () => {
    const [meeting] = await stack.api.db
      .insert(meetings)
      .values({
        title: `North West meeting ${run}`,
        kind: 'regional',
        venue: 'HMP Altcourse',
        startsAt: new Date('2031-06-03T09:00:00Z'),
        endsAt: new Date('2031-06-03T11:00:00Z'),
      })
      .returning({ id: meetings.id });
    stack.sink.refuse.set(northWestRep.email.toLowerCase(), 550);
    const page = await signIn(secretariat);
    await go(page, `/secretariat/meetings/${meeting.id}`);
    await page.getByRole('checkbox', { name: /^North West/ }).check();
    page.once('dialog', (dialog) => void dialog.accept());
    await page.getByRole('button', { name: 'Send invitations' }).click();
    await page.getByText('All 1 emails handled: 0 sent, 1 failed.').waitFor({ timeout: 60_000 });
    const failed = page.getByRole('table', { name: 'Failed emails' });
    await expect(failed.getByRole('row').nth(1).innerText()).resolves.toContain(northWestRep.email);
    await screenshot(page, 'meeting-failed');

    stack.sink.refuse.delete(northWestRep.email.toLowerCase());
    await page.getByRole('button', { name: 'Re-send the 1 failed email' }).click();
    await page.getByText('1 email queued again.').waitFor();
    await page.getByText('All 1 emails handled: 1 sent, 0 failed.').waitFor({ timeout: 60_000 });
    await stack.sink.waitForMailTo(northWestRep.email);
    await page.context().close();
  });

  it('the secretariat adds a member, who sets a password from the email link and lands signed in', async () => {
    const page = await signIn(secretariat);
    await go(page, '/secretariat/members/new');
    const newcomer = { name: 'Nia Newcomer', email: email('newcomer') };
    await page.getByLabel('Work email').fill(newcomer.email);
    await page.getByLabel('Name').fill(newcomer.name);
    await page.getByLabel('Category').selectOption('prison-gp');
    await page.getByLabel('Region').selectOption('london');
    await page.getByRole('button', { name: 'Add member and send invitation' }).click();
    await page.getByText('Member added; the activation email is on its way.').waitFor();
    await page.getByRole('heading', { level: 1, name: newcomer.name }).waitFor();
    // The first email is lost: the secretariat sends another, and only its link works.
    const lost = await stack.sink.waitForMailTo(newcomer.email);
    await page.getByRole('button', { name: 'Send the activation email again' }).click();
    await page.getByText(`A new activation email is on its way to ${newcomer.email}.`, { exact: false }).waitFor();
    const memberPage = page.url();

    // The same email again: the API's 409 shows against the email field.
    await go(page, '/secretariat/members/new');
    await page.getByLabel('Work email').fill(newcomer.email.toUpperCase());
    await page.getByLabel('Name').fill('Someone Else');
    await page.getByLabel('Category').selectOption('prison-gp');
    await page.getByRole('button', { name: 'Add member and send invitation' }).click();
    await page.getByRole('alert').first().waitFor();
    await expect(page.getByRole('alert').first().innerText()).resolves.toMatch(/email|taken|already/i);

    await stack.sink.waitFor(() => stack.sink.to(newcomer.email).length === 2);
    const [lostLink, link] = [lost, stack.sink.to(newcomer.email)[1]].map(
      (mail) => /\/activate\?token=[^\s"'<>]+/.exec(mail.parsed.text ?? '')?.[0],
    );
    expect(link).toBeDefined();
    expect(link).not.toBe(lostLink);
    const invited = await (await newContext()).newPage();
    // The replaced link says so as the page opens, before a password is typed.
    await invited.goto(`${stack.api.baseUrl}${lostLink}`);
    await invited.getByText('This link has expired or was already used').waitFor();
    await expect(invited.getByLabel('New password', { exact: true }).count()).resolves.toBe(0);
    await invited.goto(`${stack.api.baseUrl}${link}`);
    // The API's policy judges the password and says which rule it breaks.
    await invited.getByLabel('New password', { exact: true }).fill('too short');
    await invited.getByLabel('New password again').fill('too short');
    await invited.getByRole('button', { name: 'Activate my account' }).click();
    await invited.locator('.field-error #field-password').waitFor();
    await invited.getByRole('alert').getByText('New password: must be at least 12 characters').waitFor();
    await invited.getByLabel('New password', { exact: true }).fill(PASSWORD);
    await invited.getByLabel('New password again').fill(PASSWORD);
    await invited.getByRole('button', { name: 'Activate my account' }).click();
    await invited.getByRole('heading', { level: 1, name: `Hello, ${newcomer.name}` }).waitFor();
    await invited.getByText('Your account is ready').waitFor();
    await invited.context().close();
    // Once active, there is nothing to send again.
    await page.goto(memberPage);
    await page.getByRole('heading', { level: 1, name: newcomer.name }).waitFor();
    await expect(page.getByRole('button', { name: 'Send the activation email again' }).count()).resolves.toBe(0);
    await page.context().close();
  });

  it('every page passes an accessibility check with no serious or critical issue', async () => {
    const signedOut = await (await newContext()).newPage();
    for (const [name, path] of [
      ['sign-in', '/sign-in'],
      ['reset-password', '/reset-password'],
      ['choose-password', '/reset-password?token=not-a-real-token'],
      ['activate', '/activate?token=not-a-real-token'],
    ]) {
      await go(signedOut, path);
      await checkAccessibility(signedOut, name);
      await screenshot(signedOut, name);
    }
    // A field error as the sign-in page shows it.
    await signedOut
      .getByRole('button', { name: 'Sign in' })
      .click()
      .catch(() => undefined);
    await go(signedOut, '/sign-in');
    await signedOut.getByRole('button', { name: 'Sign in' }).click();
    await signedOut.getByText('Enter your work email').first().waitFor();
    await checkAccessibility(signedOut, 'sign-in-errors');
    await signedOut.context().close();

    const page = await signIn(secretariat);
    const [meeting] = await stack.api.db
      .insert(meetings)
      .values({
        title: 'Hub meeting for the accessibility check',
        kind: 'hub',
        startsAt: new Date('2031-05-01T09:00:00Z'),
        endsAt: new Date('2031-05-01T11:00:00Z'),
      })
      .returning({ id: meetings.id });
    const pages: [string, string][] = [
      ['home-secretariat', '/'],
      ['directory-all', '/directory'],
      ['person', `/people/${londonRep.id}`],
      ['where-answer', `/where?establishment=${northWestPrison.id}`],
      ['my-details-secretariat', '/my/details'],
      ['my-meetings-secretariat', '/my/meetings'],
      ['secretariat', '/secretariat'],
      ['members', '/secretariat/members'],
      ['member-new', '/secretariat/members/new'],
      ['member-edit', `/secretariat/members/${londonRep.id}`],
      ['members-import', '/secretariat/members/import'],
      ['posts', '/secretariat/posts'],
      ['regions', '/secretariat/regions'],
      ['categories', '/secretariat/categories'],
      ['establishments', '/secretariat/establishments'],
      ['meetings', '/secretariat/meetings'],
      ['meeting-new', '/secretariat/meetings/new'],
      ['meeting-admin', `/secretariat/meetings/${meeting.id}`],
      ['meeting-edit', `/secretariat/meetings/${meeting.id}/edit`],
      ['audit', '/secretariat/audit'],
      ['not-found', '/no-such-page'],
    ];
    for (const [name, path] of pages) {
      await go(page, path);
      await checkAccessibility(page, name);
      await screenshot(page, name);
    }

    // The phone layout: the menu folds away behind a button.
    await page.setViewportSize({ width: 390, height: 844 });
    await go(page, '/');
    await page.getByRole('button', { name: 'Menu' }).click();
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Directory' }).waitFor();
    await checkAccessibility(page, 'home-phone');
    await screenshot(page, 'home-phone');
    // The longest form, with the password and sign-in sections below it.
    await go(page, '/my/details');
    await checkAccessibility(page, 'my-details-phone');
    await screenshot(page, 'my-details-phone');
    await page.context().close();
  });

  it('works by keyboard alone: skip link, sign-in, navigation with focus on each new page', async () => {
    const page = await (await newContext()).newPage();
    const focused = () =>
      page.evaluate(
        'document.activeElement && (document.activeElement.id || document.activeElement.textContent)',
      ) as Promise<string>;
    /** Tabs (forward, or back with Shift+Tab) until the focused element's id or text is `target`. */
    async function tabTo(target: string, key = 'Tab'): Promise<void> {
      for (let i = 0; i < 25; i++) {
        await page.keyboard.press(key);
        if ((await focused()).trim() === target) return;
      }
      throw new Error(`Tab never reached ${target}; focus is on ${await focused()}`);
    }

    await page.goto(`${stack.api.baseUrl}/sign-in`);
    await page.getByRole('heading', { level: 1, name: 'Sign in' }).waitFor();
    await page.keyboard.press('Tab');
    await expect(focused()).resolves.toBe('Skip to main content');
    await tabTo('field-email');
    await page.keyboard.type(member.email);
    await page.keyboard.press('Tab');
    await expect(focused()).resolves.toBe('field-password');
    await page.keyboard.type(PASSWORD);
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { level: 1, name: `Hello, ${member.name}` }).waitFor();

    // Focus is on the home page's heading: the menu is back up the page.
    await tabTo('Directory', 'Shift+Tab');
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { level: 1, name: 'Directory' }).waitFor();
    // Focus moves to the new page's heading, so a screen reader announces it.
    await expect(focused()).resolves.toBe('Directory');
    await page.keyboard.press('Tab');
    await expect(focused()).resolves.toBe('q');
    await page.keyboard.type('Ned');
    await page.getByRole('list', { name: 'Members' }).getByRole('link', { name: northWestRep.name }).waitFor();
    await tabTo(northWestRep.name);
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { level: 1, name: northWestRep.name }).waitFor();
    await page.getByRole('link', { name: /0161 496 0033/ }).waitFor();
    await page.context().close();
  });

  it('keeps the refresh token out of reach of page scripts and survives a reload', async () => {
    const page = await signIn(member);
    const cookies = await page.context().cookies();
    const session = cookies.find((c) => c.name === 'seg_refresh');
    expect(session).toMatchObject({ httpOnly: true, secure: true, sameSite: 'Strict' });
    await expect(page.evaluate('document.cookie')).resolves.not.toContain('seg_refresh');
    await expect(page.evaluate('JSON.stringify(localStorage) + JSON.stringify(sessionStorage)')).resolves.toBe('{}{}');
    await page.reload();
    await page.getByRole('heading', { level: 1, name: `Hello, ${member.name}` }).waitFor();
    // Two tabs renewing around the same time both stay signed in.
    const tab = await page.context().newPage();
    await Promise.all([page.reload(), tab.goto(`${stack.api.baseUrl}/directory`)]);
    await page.getByRole('heading', { level: 1, name: `Hello, ${member.name}` }).waitFor();
    await tab.getByRole('heading', { level: 1, name: 'Directory' }).waitFor();
    await tab.reload();
    await tab.getByRole('heading', { level: 1, name: 'Directory' }).waitFor();
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByRole('heading', { level: 1, name: 'Sign in' }).waitFor();
    await page.goto(`${stack.api.baseUrl}/directory`);
    await page.getByRole('heading', { level: 1, name: 'Sign in' }).waitFor();
    await page.context().close();
  });

  it('a member signs out a login left open elsewhere, which is signed out at its next step; one device is one row', async () => {
    const shared = await signIn(member);
    const library = await signIn(member);
    const own = await signIn(member);
    await go(own, '/my/details');
    const logins = own.getByRole('region', { name: 'Where you are signed in' });
    // Headless Chromium on this machine, as the User-Agent says: every sign-in of this test is one device.
    const device = logins.getByRole('row').filter({ hasText: /^Chrome on Linux/ });
    await eventually('the device listed once with its sign-ins', async () =>
      (await device.count()) === 1 && /\((\d+) sign-ins\)/.test(await device.innerText()) ? true : undefined,
    );
    await expect(logins.getByText('This browser').count()).resolves.toBe(1);
    await logins.getByRole('button', { name: /^Sign out the other \d+ on Chrome on Linux$/ }).click();
    await own.getByText('Signed out of Chrome on Linux.').waitFor();
    await eventually('only this sign-in left', async () =>
      (await device.innerText()).includes('sign-ins') ? undefined : true,
    );
    await screenshot(own, 'my-sessions');

    // The shared computer's page still shows, but its next request finds the login ended.
    await shared.getByRole('link', { name: 'Directory' }).first().click();
    await shared.getByRole('heading', { level: 1, name: 'Sign in' }).waitFor();
    await shared.getByText('Your session ended. Sign in again to carry on.').waitFor();
    await library.getByRole('link', { name: 'Directory' }).first().click();
    await library.getByRole('heading', { level: 1, name: 'Sign in' }).waitFor();

    // "Sign out everywhere else" in one click, and this login carries on.
    const again = await signIn(member);
    await own.reload();
    await own.getByRole('button', { name: 'Sign out everywhere else' }).click();
    await own.getByText('Signed out everywhere else. You are still signed in here.').waitFor();
    await again.getByRole('link', { name: 'Directory' }).first().click();
    await again.getByRole('heading', { level: 1, name: 'Sign in' }).waitFor();
    await own.reload();
    await own.getByRole('heading', { level: 1, name: 'My details' }).waitFor();

    // On a phone, what other members see comes before the sign-in settings.
    await own.setViewportSize({ width: 375, height: 800 });
    const preview = await own.getByRole('heading', { name: 'What other members see' }).boundingBox();
    const signedIn = await own.getByRole('heading', { name: 'Where you are signed in' }).boundingBox();
    expect(preview!.y).toBeLessThan(signedIn!.y);
    for (const p of [shared, library, again, own]) await p.context().close();
  });

  it('the secretariat signs a member out everywhere (a lost laptop), who can sign in again', async () => {
    const owner = await addMember({ name: 'Lowri Laptop', email: email('laptop'), region: 'wales' });
    const laptop = await signIn(owner);
    const page = await signIn(secretariat);
    await go(page, `/secretariat/members/${owner.id}`);
    page.once('dialog', (dialog) => void dialog.accept());
    await page.getByRole('button', { name: 'Sign out everywhere' }).click();
    await page.getByText(`${owner.name} is signed out everywhere.`).waitFor();

    await laptop.getByRole('link', { name: 'Directory' }).first().click();
    await laptop.getByRole('heading', { level: 1, name: 'Sign in' }).waitFor();
    await laptop.context().close();
    await page.context().close();
    await (await signIn(owner)).context().close();
  });

  it('a member changes their password: field errors first, then every other login ends', async () => {
    const changer = await addMember({ name: 'Cai Changer', email: email('changer'), region: 'wales' });
    const elsewhere = await signIn(changer);
    const page = await signIn(changer);
    await go(page, '/my/details');
    const form = page.getByRole('region', { name: 'Change your password' });
    const newPassword = 'otters under the Menai bridge';

    await form.getByLabel('Current password').fill('not my password at all');
    await form.getByLabel('New password', { exact: true }).fill(newPassword);
    await form.getByLabel('New password again').fill(newPassword);
    await form.getByRole('button', { name: 'Change password' }).click();
    await form.getByRole('alert').getByText('Current password: is not your current password').waitFor();
    await screenshot(page, 'my-password-wrong');
    await expect(form.getByLabel('Current password').getAttribute('aria-invalid')).resolves.toBe('true');

    // The API's policy names the rule a refused password breaks; the page only says so.
    await form.getByLabel('Current password').fill(PASSWORD);
    await form.getByLabel('New password', { exact: true }).fill('abcdabcdabcd');
    await form.getByLabel('New password again').fill('abcdabcdabcd');
    await form.getByRole('button', { name: 'Change password' }).click();
    await form.getByRole('alert').getByText('New password: must use at least 5 different characters').waitFor();

    await form.getByLabel('New password', { exact: true }).fill(newPassword);
    await form.getByLabel('New password again').fill(newPassword);
    await form.getByRole('button', { name: 'Change password' }).click();
    await form.getByText('Your password is changed.', { exact: false }).waitFor();
    await expect(form.getByLabel('Current password').inputValue()).resolves.toBe('');

    await elsewhere.getByRole('link', { name: 'Directory' }).first().click();
    await elsewhere.getByRole('heading', { level: 1, name: 'Sign in' }).waitFor();
    await elsewhere.getByLabel('Work email').fill(changer.email);
    await elsewhere.getByLabel('Password', { exact: true }).fill(PASSWORD);
    await elsewhere.getByRole('button', { name: 'Sign in' }).click();
    await elsewhere.getByRole('alert').waitFor();
    await elsewhere.context().close();
    await page.context().close();
    await (await signIn(changer, newPassword)).context().close();
  });

  it('a member confirms a new email address from the link sent to it, and signs in with it', async () => {
    const mover = await addMember({ name: 'Mererid Move', email: email('mererid'), region: 'wales' });
    const moved = email('mererid.new');
    const token = await accessTokenFor(stack.api.db, stack.config, secretariat.id);
    await stack.api
      .http()
      .patch(`/members/${mover.id}`)
      .set({ Authorization: `Bearer ${token}` })
      .send({ email: moved })
      .expect(200);
    const mail = await stack.sink.waitForMailTo(moved);
    const link = /\/confirm-email\?token=[^\s"'<>]+/.exec(mail.parsed.text ?? '')![0];
    const page = await (await newContext()).newPage();
    await page.goto(`${stack.api.baseUrl}${link}`);
    await page.getByRole('button', { name: 'Confirm my new address' }).click();
    await page.getByText('Your email address is changed').waitFor();
    expect(await accessibilityIssues(page, 'confirm-email')).toEqual([]);
    await page.context().close();
    await (await signIn({ ...mover, email: moved })).context().close();
  });
});
