import { readFileSync } from 'node:fs';
import { Browser, Page } from 'playwright-core';
import { accessibilityIssues, launchBrowser, PASSWORD, Person, screenshot, settled, signInAs } from './support/browser';
import { createMember, createPost, MemberInput } from './support/factories';
import { parseCalendarFeed } from './support/ical';
import { parseCards } from './support/vcard';
import { useStack } from './support/stack';
import { uniqueName } from './support/test-config';

/**
 * A member's own tools in real Chromium against the real API and worker: the calendar feed in
 * My details, contact cards, the region's printable sheet and messages to colleagues whose
 * address is hidden; each screen at 1280 px and 375 px, with axe.
 */

jest.setTimeout(300_000);

describe('web app: a member’s own tools', () => {
  const stack = useStack({ smtp: true, worker: true });
  let browser: Browser;
  const run = uniqueName('tools').slice(-8);
  const email = (who: string) => `${who}.${run}@example.nhs.uk`;
  let member: Person;
  let quiet: Person;
  let lead: Person;

  const addMember = (input: MemberInput): Promise<Person> =>
    createMember(stack.db, { category: 'prison-gp', password: PASSWORD, ...input });
  const signIn = (who: Person): Promise<Page> => signInAs(browser, stack.api.baseUrl, who, { from: '/' });

  async function go(page: Page, path: string): Promise<void> {
    await page.goto(`${stack.api.baseUrl}${path}`);
    await settled(page);
  }

  /** Clicks a button that downloads a file, and answers the file's text. */
  async function downloaded(page: Page, click: () => Promise<void>): Promise<{ name: string; text: string }> {
    const [file] = await Promise.all([page.waitForEvent('download'), click()]);
    const path = await file.path();
    return { name: file.suggestedFilename(), text: readFileSync(path!, 'utf8') };
  }

  /** axe at the desktop width and on a phone, with a screenshot of each. */
  async function checkBothWidths(page: Page, name: string): Promise<void> {
    await screenshot(page, `${name}-1280`);
    expect(await accessibilityIssues(page, name)).toEqual([]);
    await page.setViewportSize({ width: 375, height: 800 });
    await screenshot(page, `${name}-375`);
    expect(await accessibilityIssues(page, `${name} at 375 px`)).toEqual([]);
    await page.setViewportSize({ width: 1280, height: 900 });
  }

  beforeAll(async () => {
    browser = await launchBrowser();
    member = await addMember({ name: 'Morwenna Member', email: email('member'), region: 'south-west' });
    quiet = await addMember({
      name: 'Quentin Quiet',
      email: email('quiet'),
      region: 'south-west',
      phone: '0117 496 0222',
      emailVisibility: 'secretariat',
    });
    lead = await addMember({
      name: 'Lowenna Lead',
      email: email('lead'),
      region: 'south-west',
      phone: '0117 496 0333',
    });
    await createPost(stack.db, { memberId: lead.id, region: 'south-west', role: 'Regional lead' });
  });

  afterAll(async () => {
    await browser?.close();
  });

  it('My details gives the private calendar link, and a reset replaces it at once', async () => {
    const page = await signIn(member);
    await go(page, '/my/details');
    const section = page.getByRole('region', { name: 'Meetings in your own calendar' });
    const address = section.getByLabel(/paste this link/);
    const first = await address.inputValue();
    expect(first).toMatch(/\/calendar\/[A-Za-z0-9_-]{43}\.ics$/);
    const subscribe = section.getByRole('link', { name: 'Subscribe in my calendar program' });
    expect(await subscribe.getAttribute('href')).toBe(first.replace(/^https?:/, 'webcal:'));
    const path = (url: string) => new URL(url).pathname;
    const feed = await stack.http().get(path(first)).expect(200);
    expect(parseCalendarFeed(feed.text).events).toEqual([]);
    await checkBothWidths(page, 'my-calendar-feed');

    page.once('dialog', (dialog) => void dialog.accept());
    await section.getByRole('button', { name: 'Reset my calendar link' }).click();
    await section.getByText('Your calendar has a new link').waitFor();
    const second = await address.inputValue();
    expect(second).not.toBe(first);
    await stack.http().get(path(first)).expect(404);
    await stack.http().get(path(second)).expect(200);
    await page.context().close();
  });

  it("a colleague's page and the home page give contact cards with what the member may see", async () => {
    const page = await signIn(member);
    const home = await downloaded(page, () =>
      page.getByRole('button', { name: 'Save these contacts to my phone' }).click(),
    );
    expect(home.name).toBe('SEG contacts.vcf');
    expect(parseCards(home.text).map((c) => c.fn)).toEqual(['Lowenna Lead']);

    await go(page, `/people/${quiet.id}`);
    const card = await downloaded(page, () => page.getByRole('button', { name: 'Save to my contacts' }).click());
    expect(card.name).toBe('Quentin Quiet.vcf');
    const [parsed] = parseCards(card.text);
    expect(parsed).toMatchObject({ version: '4.0', fn: 'Quentin Quiet', emails: [] });
    expect(parsed.phones.map((p) => p.value)).toEqual(['tel:+441174960222']);
    const outlook = await downloaded(page, () => page.getByRole('button', { name: 'For Outlook' }).click());
    expect(parseCards(outlook.text)[0].version).toBe('3.0');
    await checkBothWidths(page, 'person-tools');
    await page.context().close();
  });

  it('sends a message to a colleague whose address is hidden, and shows no button once they opt out', async () => {
    const page = await signIn(member);
    await go(page, `/people/${quiet.id}`);
    const section = page.getByRole('region', { name: 'Send a message' });
    await section.getByRole('button', { name: 'Send a message' }).click();
    await section.getByRole('button', { name: 'Send to Quentin Quiet' }).click();
    await section.getByRole('alert').getByText('Check what you entered').waitFor();
    await checkBothWidths(page, 'send-message-errors');
    await section.getByLabel('Subject').fill('Prescribing at HMP Bristol');
    await section.getByLabel('Your message').fill('Could we speak about a patient moving to you?');
    await section.getByRole('button', { name: 'Send to Quentin Quiet' }).click();
    await section.getByText('Your message is on its way').waitFor();
    await checkBothWidths(page, 'send-message-sent');
    const mail = await stack.sink.waitForMailTo(quiet.email);
    expect(mail.parsed.replyTo?.value).toEqual([{ name: 'Morwenna Member', address: member.email }]);
    expect(mail.parsed.text).toContain('Could we speak about a patient moving to you?');
    await page.context().close();

    const own = await signIn(quiet);
    await go(own, '/my/details');
    const choice = own.getByRole('region', { name: 'Messages from members' });
    await choice.getByLabel('Members may send me messages through SEG Network').uncheck();
    await choice.getByRole('button', { name: 'Save this choice' }).click();
    await choice.getByText('Members can no longer send you messages.').waitFor();
    expect(await accessibilityIssues(own, 'my messages choice')).toEqual([]);
    await own.context().close();

    const again = await signIn(member);
    await go(again, `/people/${quiet.id}`);
    await again.getByRole('button', { name: 'Save to my contacts' }).waitFor();
    expect(await again.getByRole('button', { name: 'Send a message' }).count()).toBe(0);
    expect(await again.getByRole('region', { name: 'Send a message' }).count()).toBe(0);
    await again.context().close();
  });
});
