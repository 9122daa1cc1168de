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
    // Her appraisal year is the calendar year: this year's summit and today's entry fall in it whatever the date.
    await stack
      .http()
      .patch('/me/learning')
      .set('Authorization', `Bearer ${await accessTokenFor(stack.db, stack.config, member.id)}`)
      .send({ appraisalMonth: 1 })
      .expect(200);
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
    const number = /certificate-(SEG-[\w-]+)\.pdf/.exec(certificate.name)![1];
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
    const learning = await stack
      .http()
      .get('/me/learning')
      .set('Authorization', `Bearer ${await accessTokenFor(stack.db, stack.config, member.id)}`)
      .expect(200);
    const number = learning.body.items.find(
      (i: { title: string }) => i.title === 'Summit of the year',
    ).certificateNumber;
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

  it("the organiser's screen: learning, the check-in code, everyone going, a correction, a walk-in; a member checks in", async () => {
    const staff = await createMember(stack.db, {
      role: 'secretariat',
      name: 'Seren Secretariat',
      email: `staff.${run}@example.nhs.uk`,
      password: PASSWORD,
    });
    const [going, late, checker] = await Promise.all(
      ['Gwen Going', 'Lew Late', 'Cai Checkin', 'Wil Walkin'].map((name, i) =>
        createMember(stack.db, {
          name,
          email: `m${i}.${run}@example.nhs.uk`,
          category: 'prison-gp',
          region: 'wales',
          password: PASSWORD,
        }),
      ),
    );
    const token = async (who: Person) => `Bearer ${await accessTokenFor(stack.db, stack.config, who.id)}`;
    // Under way now: started half an hour ago, ends in an hour and a half.
    const now = Date.now();
    const meeting = await stack
      .http()
      .post('/meetings')
      .set('Authorization', await token(staff))
      .send({
        title: 'Wales spoke, winter',
        kind: 'hub',
        startsAt: new Date(now - 30 * 60_000).toISOString(),
        endsAt: new Date(now + 90 * 60_000).toISOString(),
        venue: 'Cardiff',
      })
      .expect(201);
    const id = meeting.body.id;
    await stack
      .http()
      .post(`/meetings/${id}/invitations`)
      .set('Authorization', await token(staff))
      .send({ audience: { memberIds: [going.id, late.id, checker.id] } })
      .expect(202);
    for (const who of [going, late])
      await stack
        .http()
        .put(`/meetings/${id}/rsvp`)
        .set('Authorization', await token(who))
        .send({ response: 'accepted' })
        .expect(200);

    const page = await signInAs(browser, stack.api.baseUrl, staff, { from: '/' });
    await go(page, `/secretariat/meetings/${id}`);
    await page.getByLabel('Hours of learning').fill('2');
    await page.getByLabel('Learning outcomes').fill('Prescribing on release\nSharing records with the community');
    await page.getByRole('button', { name: 'Save the learning' }).click();
    await page.getByText('The learning is saved.').waitFor();
    await page.getByRole('button', { name: 'Show the check-in code' }).click();
    const code = (await page.locator('.big-code').textContent())!.trim();
    expect(code).toMatch(/^[0-9A-Z]{6}$/);
    await page.getByRole('button', { name: 'Mark everyone who replied Going as came' }).click();
    await page.getByText('2 marked as came; 0 already were.').waitFor();
    await page.getByRole('button', { name: 'Did not come Lew Late' }).click();
    await page.getByRole('cell', { name: 'No (corrected)' }).waitFor();
    await page.getByLabel('Add someone who came without an invitation').fill('Wil Walk');
    await page.getByRole('button', { name: /Choose Wil Walkin/ }).click();
    await page.getByRole('cell', { name: 'Wil Walkin', exact: true }).waitFor();
    await page.getByText('2 came, of 4 invited or recorded').waitFor();
    await checkBothWidths(page, 'meeting-attendance');
    await page.context().close();

    // Cai, invited and in the room, types the code on his phone: lower case, with a space.
    const invitee = await signInAs(browser, stack.api.baseUrl, checker, { from: '/' });
    await go(invitee, `/my/meetings/${id}`);
    await invitee.getByLabel('Check-in code').fill('nothing');
    await invitee.getByRole('button', { name: 'Check me in' }).click();
    await invitee.getByText("is not this meeting's check-in code").first().waitFor();
    await checkBothWidths(invitee, 'meeting-check-in');
    await invitee.getByLabel('Check-in code').fill(`${code.slice(0, 3).toLowerCase()} ${code.slice(3).toLowerCase()}`);
    await invitee.getByRole('button', { name: 'Check me in' }).click();
    await invitee.getByText('You are checked in').waitFor();
    await invitee.context().close();
  });

  it('the secretariat imports past attendance, checked first, then saved', async () => {
    const staff = await createMember(stack.db, {
      role: 'secretariat',
      name: 'Ifan Importer',
      email: `importer.${run}@example.nhs.uk`,
      password: PASSWORD,
    });
    const page = await signInAs(browser, stack.api.baseUrl, staff, { from: '/' });
    await go(page, '/secretariat/meetings');
    await page.getByRole('link', { name: 'Import past attendance' }).click();
    await settled(page);
    await page
      .getByLabel('Paste the CSV')
      .fill(`email,summit,hours\n${member.email},3,5\nnobody.${run}@example.org,3,\n`);
    await page.getByRole('button', { name: 'Check the file' }).click();
    await page.getByText(/Nothing is saved yet\. 1 would be recorded/).waitFor();
    await checkBothWidths(page, 'attendance-import');
    await page.getByRole('button', { name: 'Save 1 attendances' }).click();
    await page.getByText(/^1 recorded, 0 already there, 1 with errors/).waitFor();
    const mine = await stack
      .http()
      .get('/me/learning?year=2013')
      .set('Authorization', `Bearer ${await accessTokenFor(stack.db, stack.config, member.id)}`)
      .expect(200);
    expect(mine.body.items).toEqual([expect.objectContaining({ title: '3rd Health and Justice Summit', hours: 5 })]);
    await page.context().close();
  });
});
