import { Browser, Page } from 'playwright-core';
import { LOGIN_LIMITS } from '../apps/api/src/auth/login-throttle';
import { accessibilityIssues, launchBrowser, newContext, PASSWORD, screenshot, settled } from './support/browser';
import { createMember } from './support/factories';
import { useStack } from './support/stack';
import { uniqueName } from './support/test-config';

jest.setTimeout(300_000);

/**
 * Issue 19, item 4 in real Chromium: while a stranger's guesses pause password sign-in to an
 * account, the sign-in page offers its owner a sign-in link by email, and the link's page signs
 * them in once; each screen at 1280 px and 375 px, with axe.
 */
describe('web: a sign-in link for the owner of a throttled account', () => {
  const stack = useStack({ smtp: true, worker: true, env: { TRUST_PROXY: '1' } });
  let browser: Browser;

  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });

  /** axe at the desktop width and on a phone, with a screenshot of each. */
  async function checkBothWidths(page: Page, name: string): Promise<void> {
    await screenshot(page, `${name}-1280`);
    expect(await accessibilityIssues(page, name)).toEqual([]);
    await page.setViewportSize({ width: 375, height: 800 });
    await screenshot(page, `${name}-375`);
    expect(await accessibilityIssues(page, `${name} at 375 px`)).toEqual([]);
    // Nothing wider than the phone's screen.
    expect(await page.evaluate('document.documentElement.scrollWidth')).toBeLessThanOrEqual(375);
    await page.setViewportSize({ width: 1280, height: 900 });
  }

  it('offers the link when sign-in is paused; the link signs in once', async () => {
    const owner = await createMember(stack.db, {
      email: `${uniqueName('owner')}@example.nhs.uk`.toLowerCase(),
      name: 'Olwen Owner',
      category: 'prison-gp',
      password: PASSWORD,
    });
    // A stranger guesses from twenty addresses: the account's ceiling of failures.
    for (let a = 0; a < LOGIN_LIMITS.perAccount / LOGIN_LIMITS.perAccountAndAddress; a++)
      for (let i = 0; i < LOGIN_LIMITS.perAccountAndAddress; i++)
        await stack
          .http()
          .post('/auth/login')
          .set('X-Forwarded-For', `198.51.100.${a}`)
          .send({ email: owner.email, password: 'a stranger guessing' })
          .expect(401);

    const page = await (await newContext(browser)).newPage();
    await page.goto(`${stack.api.baseUrl}/sign-in`);
    await settled(page);
    // Offered quietly before anything goes wrong.
    await page.getByRole('button', { name: 'Email me a sign-in link' }).waitFor();
    await page.getByLabel('Work email').fill(owner.email);
    await page.getByLabel('Password', { exact: true }).fill(PASSWORD);
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    const paused = page.getByRole('status').filter({ hasText: 'Signing in with a password is paused' });
    await paused.waitFor();
    await checkBothWidths(page, 'sign-in-paused');

    await paused.getByRole('button', { name: 'Email me a sign-in link' }).click();
    await page.getByText(`If ${owner.email} belongs to a member, a sign-in link is on its way`).waitFor();
    await checkBothWidths(page, 'sign-in-link-sent');

    const mail = await stack.sink.waitForMailTo(owner.email);
    expect(mail.parsed.subject).toBe('Your link to sign in to SEG Network');
    const link = new URL(/https?:\/\/\S+\/sign-in-link\?token=[A-Za-z0-9_-]+/.exec(mail.parsed.text ?? '')![0]);

    const linkPage = await (await newContext(browser)).newPage();
    await linkPage.goto(`${stack.api.baseUrl}${link.pathname}${link.search}`);
    await settled(linkPage);
    await linkPage.getByRole('heading', { level: 1, name: 'Sign in with your link' }).waitFor();
    await checkBothWidths(linkPage, 'sign-in-link-page');
    // Opening the page spent nothing: the link still works.
    const status = await stack
      .http()
      .post('/auth/link-status')
      .send({ token: link.searchParams.get('token'), purpose: 'sign-in' })
      .expect(200);
    expect(status.body).toEqual({ usable: true });

    await linkPage.getByRole('button', { name: 'Sign me in' }).click();
    await linkPage.getByRole('heading', { level: 1, name: 'Hello, Olwen Owner' }).waitFor();
    // The same web session as a password login: a reload keeps the member signed in.
    await linkPage.reload();
    await linkPage.getByRole('heading', { level: 1, name: 'Hello, Olwen Owner' }).waitFor();

    const again = await (await newContext(browser)).newPage();
    await again.goto(`${stack.api.baseUrl}${link.pathname}${link.search}`);
    await settled(again);
    await again.getByText('This link has expired or was already used').waitFor();
    await checkBothWidths(again, 'sign-in-link-used');
  });
});
