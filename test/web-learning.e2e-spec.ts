import { readFileSync } from 'node:fs';
import { Browser, Page } from 'playwright-core';
import { todayInLondon } from '@seg/rules';
import {
  accessibilityIssues,
  launchBrowser,
  newContext,
  PASSWORD,
  Person,
  screenshot,
  settled,
  signInAs,
} from './support/browser';
import { accessTokenFor, createMember } from './support/factories';
import { pdfText } from './support/pdf-text';
import { useStack } from './support/stack';
import { uniqueName } from './support/test-config';

/**
 * Learning that counts in real Chromium: My learning with its certificates, notes, own entries
 * and downloads, the registration in My details, and the public verification page; each screen
 * at 1280 px and 375 px, with axe.
 */

jest.setTimeout(300_000);

describe('web app: learning that counts', () => {
  const stack = useStack();
  let browser: Browser;
  const run = uniqueName('learn').slice(-8);
  let member: Person;
  let number: string;

  async function go(page: Page, path: string): Promise<void> {
    await page.goto(`${stack.api.baseUrl}${path}`);
    await settled(page);
  }

  /** Clicks a button that downloads a file, and answers its bytes. */
  async function downloaded(page: Page, click: () => Promise<void>): Promise<{ name: string; body: Buffer }> {
    const [file] = await Promise.all([page.waitForEvent('download'), click()]);
    return { name: file.suggestedFilename(), body: readFileSync((await file.path())!) };
  }

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
    member = await createMember(stack.db, {
      name: 'Lowri Learner',
      email: `learner.${run}@example.nhs.uk`,
      category: 'prison-gp',
      region: 'wales',
      password: PASSWORD,
    });
    const staff = await createMember(stack.db, { role: 'secretariat' });
    // This year's summit, imported as the secretariat does with the summits' past.
    const year = Number(todayInLondon().slice(0, 4));
    await stack
      .http()
      .post('/attendance/import')
      .set('Authorization', `Bearer ${await accessTokenFor(stack.db, stack.config, staff.id)}`)
      .set('Content-Type', 'text/csv')
      .send(`email,summit,year,title,hours\n${member.email},${700 + (year % 100)},${year},Summit of the year,6\n`)
      .expect(201);
  });

  afterAll(async () => {
    await browser?.close();
  });

  it('My learning: the registration from My details on the certificate, a note, an own entry, the statement', async () => {
    const page = await signInAs(browser, stack.api.baseUrl, member, { from: '/' });
    await go(page, '/my/details');
    await page.getByLabel('Professional registration (optional)').fill('GMC 7012345');
    await page.getByRole('button', { name: 'Save my details' }).click();
    await page.getByText('Your details are saved.').waitFor();

    await page.getByRole('link', { name: 'My learning' }).click();
    await settled(page);
    const line = page.getByRole('listitem').filter({ has: page.getByRole('heading', { name: 'Summit of the year' }) });
    await line.getByText('6 hours').waitFor();
    const certificate = await downloaded(page, () =>
      line.getByRole('button', { name: 'Download the certificate of Summit of the year' }).click(),
    );
    number = /certificate-(SEG-[\w-]+)\.pdf/.exec(certificate.name)![1];
    const text = (await pdfText(certificate.body)).replace(/\s+/g, ' ');
    expect(text).toContain('Lowri Learner');
    expect(text).toContain('Professional registration: GMC 7012345');
    expect(text).toContain(number);

    await line.getByLabel('What I learnt').fill('Naloxone kits on release');
    await line.getByRole('button', { name: 'Save my note' }).click();
    await line.getByText('Your note is saved').waitFor();

    await page.getByLabel('What it was').fill('Safeguarding level 3');
    await page.getByLabel('Date').fill(todayInLondon());
    await page.getByLabel('Hours').fill('1.5');
    await page.getByRole('button', { name: 'Add to my learning' }).click();
    await page.getByRole('heading', { name: 'Safeguarding level 3' }).waitFor();
    await page.getByText('7.5 hours').first().waitFor();
    await checkBothWidths(page, 'my-learning');

    const statement = await downloaded(page, () =>
      page.getByRole('button', { name: 'Download the year’s statement (PDF)' }).click(),
    );
    const statementText = (await pdfText(statement.body)).replace(/\s+/g, ' ');
    for (const field of [
      'Lowri Learner',
      'Total: 7.5 hours',
      'What I learnt: Naloxone kits on release',
      'Safeguarding level 3',
    ])
      expect(statementText).toContain(field);
    await page.context().close();
  });

  it('anyone checks a certificate without signing in; a made-up number is not found', async () => {
    const page = await (await newContext(browser)).newPage();
    await go(page, `/verify/${number}`);
    await page.getByRole('heading', { name: 'A genuine certificate' }).waitFor();
    await page.getByText('Lowri Learner').waitFor();
    await page.getByText('Summit of the year').waitFor();
    await checkBothWidths(page, 'verify-certificate');
    await page.getByLabel('Certificate number').fill('SEG-0000-0000-0000');
    await page.getByRole('button', { name: 'Check' }).click();
    await page.getByText('No SEG Network certificate has the number SEG-0000-0000-0000').waitFor();
    expect(await accessibilityIssues(page, 'verify not found')).toEqual([]);
    await page.context().close();
  });
});
