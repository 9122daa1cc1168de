import { members } from '@seg/db';
import { createUnsubscribeToken } from '@seg/links';
import { eq } from 'drizzle-orm';
import { Browser, Page } from 'playwright-core';
import { accessibilityIssues, launchBrowser, PASSWORD, Person, screenshot, settled, signInAs } from './support/browser';
import { createMember, MemberInput } from './support/factories';
import { useStack } from './support/stack';
import { uniqueName } from './support/test-config';

/**
 * Meeting emails a member chooses, in real Chromium against the real API: My details, the
 * secretariat's members list and member page, and the page an email's unsubscribe link opens;
 * each at 1280 px and 375 px, with axe.
 */

jest.setTimeout(300_000);

describe('web app: meeting emails a member chooses', () => {
  const stack = useStack({ smtp: true, worker: true });
  let browser: Browser;
  const run = uniqueName('choices').slice(-8);
  const email = (who: string) => `${who}.${run}@example.nhs.uk`;
  let member: Person;
  let secretariat: Person;

  const addMember = (input: MemberInput): Promise<Person> =>
    createMember(stack.db, { category: 'prison-gp', password: PASSWORD, ...input });
  const noticesOffOf = async (who: Person) =>
    (await stack.db.select({ off: members.noticesOff }).from(members).where(eq(members.id, who.id)))[0].off;

  async function go(page: Page, path: string): Promise<void> {
    await page.goto(`${stack.api.baseUrl}${path}`);
    await settled(page);
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
    member = await addMember({ name: 'Tegwen Choices', email: email('member'), region: 'wales' });
    secretariat = await addMember({ name: 'Sian Secretariat', email: email('secretariat'), role: 'secretariat' });
  });

  afterAll(async () => {
    await browser?.close();
  });

  it('My details shows the three kinds of meeting email, each on until the member turns it off and saves', async () => {
    const page = await signInAs(browser, stack.api.baseUrl, member, { from: '/' });
    await go(page, '/my/details');
    const section = page.getByRole('region', { name: 'Meeting emails' });
    const hub = section.getByRole('checkbox', { name: 'Hub meetings and national events' });
    const regional = section.getByRole('checkbox', { name: 'Regional meetings' });
    const reminders = section.getByRole('checkbox', { name: 'Reminders' });
    for (const box of [hub, regional, reminders]) expect(await box.isChecked()).toBe(true);
    expect(await section.textContent()).toContain('Emails about your account');
    await checkBothWidths(page, 'my-meeting-emails');

    await regional.uncheck();
    await reminders.uncheck();
    expect(await noticesOffOf(member)).toEqual([]);
    await section.getByRole('button', { name: 'Save my meeting emails' }).click();
    await section.getByText('Your meeting email choices are saved.').waitFor();
    expect(await noticesOffOf(member)).toEqual(['regional-meetings', 'reminders']);

    await page.reload();
    await settled(page);
    expect(await page.getByRole('checkbox', { name: 'Reminders' }).isChecked()).toBe(false);
    expect(await page.getByRole('checkbox', { name: 'Hub meetings and national events' }).isChecked()).toBe(true);
  });

  it('the secretariat lists who turned off reminders and sees it on the member’s page', async () => {
    await stack.db
      .update(members)
      .set({ noticesOff: ['reminders'] })
      .where(eq(members.id, member.id));
    const page = await signInAs(browser, stack.api.baseUrl, secretariat, { from: '/' });
    await go(page, '/secretariat/members');
    await page.getByLabel('Region').selectOption('wales');
    await page.getByLabel('Meeting emails').selectOption('reminders');
    const row = page.getByRole('row', { name: /Tegwen Choices/ });
    await row.waitFor();
    await checkBothWidths(page, 'members-notices-off');
    await page.getByLabel('Meeting emails').selectOption('hub-meetings');
    await row.waitFor({ state: 'detached' });

    await go(page, `/secretariat/members/${member.id}`);
    const note = page.getByTestId('notices-off');
    await note.waitFor();
    expect(await note.textContent()).toContain('Reminders: those notices are not sent to them');
    await checkBothWidths(page, 'member-notices-off');
  });

  it('the page of an email’s unsubscribe link asks first, then turns that kind off', async () => {
    await stack.db.update(members).set({ noticesOff: [] }).where(eq(members.id, member.id));
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    const token = createUnsubscribeToken(stack.config.auth.jwtSecret, member.id, 'hub-meetings');
    await go(page, `/unsubscribe/${token}`);
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe(
      'Stop emails about hub meetings and national events?',
    );
    await checkBothWidths(page, 'unsubscribe-page');
    expect(await noticesOffOf(member)).toEqual([]);

    await page.getByRole('button', { name: 'Stop emails about hub meetings and national events' }).click();
    await page.getByRole('status').waitFor();
    expect(await page.getByRole('status').textContent()).toContain('you will no longer get');
    expect(await noticesOffOf(member)).toEqual(['hub-meetings']);
    await checkBothWidths(page, 'unsubscribe-done');
    await context.close();
  });
});
