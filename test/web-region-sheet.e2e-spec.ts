import { members } from '@seg/db';
import { eq } from 'drizzle-orm';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Browser } from 'playwright-core';
import { DEMO_LOGINS, DEMO_PEOPLE } from '../apps/api/src/demo/demo-network.data';
import { accessibilityIssues, ARTIFACTS, launchBrowser, screenshot, settled, signInAs } from './support/browser';
import { setClock } from './support/clock';
import { pdfText } from './support/pdf-text';
import { qrCodeOnFirstPage } from './support/qr-reader';
import { useStack } from './support/stack';

/**
 * The region's contact sheet printed from the web app in real Chromium, on the demo network's
 * London: printed to PDF at A4 as the browser's own Print does, its text read back, on one page,
 * its QR code read back as the sheet's address; the page axe-clean at 1280 and 375 px.
 */

jest.setTimeout(300_000);

describe('web app: the printed region sheet', () => {
  const stack = useStack({ env: { SEED_DEMO: 'true' } });
  let browser: Browser;
  const member = DEMO_LOGINS.find((l) => l.role === 'member')!;

  beforeAll(async () => {
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
  });

  afterEach(() => jest.restoreAllMocks());

  it("prints London's contacts on one A4 page, with only what the member may see", async () => {
    setClock(stack.api.app, '2026-12-07T10:00:00Z');
    const row = await stack.db.query.members.findFirst({ where: eq(members.email, member.email) });
    const page = await signInAs(
      browser,
      stack.api.baseUrl,
      { id: row!.id, email: member.email, name: row!.name },
      {
        password: member.password,
        from: '/',
      },
    );
    await page.getByRole('link', { name: 'Print London’s contacts for the office wall' }).click();
    await settled(page);
    await page.getByRole('heading', { name: 'London: who to contact' }).waitFor();
    await page.getByRole('button', { name: 'Print this sheet' }).waitFor();

    await page.emulateMedia({ media: 'print' });
    const pdf = await page.pdf({ format: 'A4', preferCSSPageSize: true, printBackground: false });
    writeFileSync(join(ARTIFACTS, 'region-sheet-london.pdf'), pdf);
    await page.emulateMedia({ media: 'screen' });
    const text = await pdfText(pdf);
    expect(text.split('\f').filter((p) => p.trim())).toHaveLength(1);
    expect(text).toContain('London: who to contact');
    expect(text).toContain('Printed on 7 December 2026.');
    const link = `${stack.config.publicUrl}/regions/london/sheet`;
    expect(text).toContain(`Check current details at ${link}`);
    const londonReps = DEMO_PEOPLE.filter((p) => p.region === 'london' && p.post);
    for (const rep of londonReps) expect(text).toContain(rep.post!.role);
    expect(text).toMatch(/Regional lead +Seán O'Brien, Prison GP/);
    expect(text).toContain('020 7946 0101');
    expect(text).toContain('Belmarsh (HMP & YOI)');
    expect(text).toContain('Charing Cross Police Station custody suite');
    expect(text).toContain(stack.config.secretariatEmail);
    // The buttons and the site's header are not printed.
    expect(text).not.toContain('Print this sheet');
    expect(text).not.toContain('Sign out');
    // A patient representative's details follow their own choice: hidden from members.
    const patientRep = await stack.db.query.members.findFirst({ where: eq(members.name, 'Dele Okafor') });
    expect(text).not.toContain(patientRep!.email);
    expect(await qrCodeOnFirstPage(pdf)).toBe(link);

    await screenshot(page, 'region-sheet-1280');
    expect(await accessibilityIssues(page, 'region sheet')).toEqual([]);
    await page.setViewportSize({ width: 375, height: 800 });
    await screenshot(page, 'region-sheet-375');
    expect(await accessibilityIssues(page, 'region sheet at 375 px')).toEqual([]);
    await page.context().close();
  });
});
