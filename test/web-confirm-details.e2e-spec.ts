import { members } from '@seg/db';
import { DailyJobs } from '@seg/queue';
import { eq } from 'drizzle-orm';
import { Browser, Page } from 'playwright-core';
import { accessibilityIssues, launchBrowser, PASSWORD, settled } from './support/browser';
import { createMember, createPost } from './support/factories';
import { eventually } from './support/poll';
import { useStack } from './support/stack';

jest.setTimeout(180_000);

const monthsAgo = (months: number) => {
  const at = new Date();
  at.setUTCMonth(at.getUTCMonth() - months);
  return at;
};
const monthOf = (at: Date) =>
  new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/London', month: 'long', year: 'numeric' }).format(at);

/** Confirming one's details from the email link, and the date on representatives' cards, in real Chromium. */
describe('web: confirm your details', () => {
  const stack = useStack({ smtp: true, worker: true });
  let browser: Browser;

  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });

  const newPage = async (): Promise<Page> =>
    (
      await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'en-GB', timezoneId: 'Europe/London' })
    ).newPage();

  it('a member confirms their details from the email link; the page alone changes nothing', async () => {
    const member = await createMember(stack.db, {
      name: 'Cara Confirm',
      category: 'prison-gp',
      region: 'london',
      phone: '020 7946 0101',
      password: PASSWORD,
    });
    const lastYear = monthsAgo(13);
    await stack.db.update(members).set({ detailsConfirmedAt: lastYear }).where(eq(members.id, member.id));
    const daily = stack.api.app.get(DailyJobs);
    const job = await daily.runAt('confirm-details', new Date());
    await eventually('the daily run', async () => (await daily.queue.getJobState(job)) === 'completed');
    const mail = await stack.sink.waitForMailTo(member.email);
    const link = /https?:\/\/\S+\/confirm-details\?token=[A-Za-z0-9_.-]+/.exec(mail.parsed.text ?? '')![0];

    const page = await newPage();
    const { pathname, search } = new URL(link);
    await page.goto(`${stack.api.baseUrl}${pathname}${search}`);
    await settled(page);
    await page.getByRole('heading', { level: 1, name: 'Are your details still right?' }).waitFor();
    const card = page.getByRole('article', { name: 'What other members see' });
    await expect(card.innerText()).resolves.toContain('Cara Confirm');
    await expect(card.innerText()).resolves.toContain('020 7946 0101');
    await page.getByText(`You last confirmed them in ${monthOf(lastYear)}.`).waitFor();
    expect(await accessibilityIssues(page, 'confirm-details')).toEqual([]);
    // Opened and read: nothing recorded yet.
    const [opened] = await stack.db.select().from(members).where(eq(members.id, member.id));
    expect(opened.detailsConfirmedAt).toEqual(lastYear);

    await page.getByRole('button', { name: 'My details are still right' }).click();
    await page.getByText('Your details are confirmed').waitFor();
    const [confirmed] = await stack.db.select().from(members).where(eq(members.id, member.id));
    expect(Date.now() - confirmed.detailsConfirmedAt!.getTime()).toBeLessThan(60_000);
    expect(confirmed.detailsRequestedAt).toBeNull();

    // Signed in, My details shows the date.
    await page.goto(`${stack.api.baseUrl}/`);
    await page.getByLabel('Work email').fill(member.email);
    await page.getByLabel('Password', { exact: true }).fill(PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { level: 1, name: 'Hello, Cara Confirm' }).waitFor();
    await page.goto(`${stack.api.baseUrl}/my/details`);
    await settled(page);
    await page.getByText(`Details confirmed in ${monthOf(new Date())}.`).waitFor();
    await page.context().close();
  });

  it("a representative's card says when they confirmed their details, with a quiet warning once that has run out", async () => {
    const viewer = await createMember(stack.db, {
      name: 'Vic Viewer',
      category: 'prison-gp',
      region: 'wales',
      password: PASSWORD,
    });
    const fresh = await createMember(stack.db, { name: 'Freya Fresh', category: 'prison-gp', region: 'wales' });
    const stale = await createMember(stack.db, { name: 'Stan Stale', category: 'prison-gp', region: 'wales' });
    for (const rep of [fresh, stale])
      await createPost(stack.db, { memberId: rep.id, region: 'wales', role: 'Regional lead' });
    const [freshAt, staleAt] = [monthsAgo(2), monthsAgo(8)];
    await stack.db.update(members).set({ detailsConfirmedAt: freshAt }).where(eq(members.id, fresh.id));
    await stack.db.update(members).set({ detailsConfirmedAt: staleAt }).where(eq(members.id, stale.id));

    const page = await newPage();
    await page.goto(`${stack.api.baseUrl}/`);
    await page.getByLabel('Work email').fill(viewer.email);
    await page.getByLabel('Password', { exact: true }).fill(PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { level: 1, name: 'Hello, Vic Viewer' }).waitFor();
    await settled(page);
    const cardOf = (name: string) => page.locator('article.rep-card', { hasText: name });
    await expect(cardOf('Freya Fresh').locator('.muted', { hasText: 'Details confirmed' }).innerText()).resolves.toBe(
      `Details confirmed in ${monthOf(freshAt)}`,
    );
    await expect(cardOf('Stan Stale').locator('.details-overdue').innerText()).resolves.toBe(
      `Details confirmed in ${monthOf(staleAt)}: they may have changed since`,
    );
    await page.context().close();
  });

  it('the secretariat lists the members who have not confirmed their details', async () => {
    const staff = await createMember(stack.db, { name: 'Sol Secretariat', role: 'secretariat', password: PASSWORD });
    const quiet = await createMember(stack.db, { name: 'Quinn Quiet', category: 'prison-gp', region: 'london' });
    const asked = await createMember(stack.db, { name: 'Asa Asked', category: 'prison-gp', region: 'london' });
    await stack.db
      .update(members)
      .set({ detailsRequestedAt: new Date(Date.now() - 31 * 24 * 3600_000) })
      .where(eq(members.id, quiet.id));
    await stack.db
      .update(members)
      .set({ detailsRequestedAt: new Date(Date.now() - 5 * 24 * 3600_000) })
      .where(eq(members.id, asked.id));

    const page = await newPage();
    await page.goto(`${stack.api.baseUrl}/`);
    await page.getByLabel('Work email').fill(staff.email);
    await page.getByLabel('Password', { exact: true }).fill(PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { level: 1, name: 'Hello, Sol Secretariat' }).waitFor();
    await page.goto(`${stack.api.baseUrl}/secretariat/members`);
    await settled(page);
    await page.getByRole('link', { name: 'Asa Asked' }).waitFor();
    await page.getByLabel('Not confirmed their details (asked 30 days ago or more)').check();
    await eventually(
      'the list to hold only the member asked 31 days ago',
      async () => (await page.locator('tbody tr').allInnerTexts()).length === 1,
    );
    await expect(page.locator('tbody tr').first().innerText()).resolves.toContain('Quinn Quiet');
    expect(await accessibilityIssues(page, 'members-not-confirmed')).toEqual([]);
    await page.context().close();
  });
});
