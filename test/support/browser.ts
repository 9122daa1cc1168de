import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { delimiter, join, resolve } from 'node:path';
import { Browser, BrowserContext, chromium, Page } from 'playwright-core';
import { eventually } from './poll';

/** Debian's Chromium from PATH, never a downloaded build; CHROMIUM_PATH points elsewhere. */
export function findChromium(): string {
  if (process.env.CHROMIUM_PATH) return process.env.CHROMIUM_PATH;
  const found = (process.env.PATH ?? '')
    .split(delimiter)
    .map((dir) => join(dir, 'chromium'))
    .find((file) => existsSync(file));
  if (!found) throw new Error("No chromium on PATH: install Debian's chromium package, or set CHROMIUM_PATH");
  return found;
}

/** The password of every test member who signs in through the browser. */
export const PASSWORD = 'a long and unguessable passphrase 42';

/** A member as the browser tests refer to them. */
export interface Person {
  id: string;
  email: string;
  name: string;
}

const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];
export const ARTIFACTS = resolve(__dirname, '../../test-results/web');
const AXE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

export async function launchBrowser(): Promise<Browser> {
  if (!existsSync(resolve(__dirname, '../../dist/web/index.html')))
    throw new Error('The web app is not built: run npm run build:web (npm test does)');
  mkdirSync(ARTIFACTS, { recursive: true });
  return chromium.launch({ executablePath: findChromium(), args: CHROMIUM_ARGS });
}

/** A desktop browser in London, as the group's members use one. */
export function newContext(browser: Browser): Promise<BrowserContext> {
  return browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'en-GB', timezoneId: 'Europe/London' });
}

/** Signs a member in through the sign-in page (reached from `from`) and waits for their home page. */
export async function signInAs(
  browser: Browser,
  baseUrl: string,
  who: Person,
  { password = PASSWORD, from = '/sign-in' } = {},
): Promise<Page> {
  const page = await (await newContext(browser)).newPage();
  await page.goto(`${baseUrl}${from}`);
  await page.getByRole('heading', { level: 1, name: 'Sign in' }).waitFor();
  await page.getByLabel('Work email').fill(who.email);
  await page.getByLabel('Password', { exact: true }).fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('heading', { level: 1, name: `Hello, ${who.name}` }).waitFor();
  return page;
}

/** Types `2031-03-04T14:00` into a date-and-time group (day, month, year and time boxes) as a person would. */
export async function fillDateTime(page: Page, legend: string, value: string): Promise<void> {
  const [, year, month, day, time] = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}:\d{2})$/.exec(value)!;
  const group = page.getByRole('group', { name: legend });
  await group.getByLabel('Day').fill(String(Number(day)));
  await group.getByLabel('Month').fill(String(Number(month)));
  await group.getByLabel('Year').fill(year);
  await group.getByLabel('Time').fill(time);
}

/** Waits until the page has a heading and nothing is still loading. */
export async function settled(page: Page): Promise<void> {
  await page.locator('h1').first().waitFor();
  // Polled from here: the page's CSP rightly refuses the string evaluation waitForFunction uses.
  await eventually('the page to finish loading', async () => (await page.locator('.loading').count()) === 0);
}

export async function screenshot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: join(ARTIFACTS, `${name}.png`), fullPage: true });
}

/**
 * axe-core on the page as it stands: the serious or critical WCAG 2.x A/AA issues, as lines.
 * `moderate` adds moderate issues and axe's best practices, such as heading order.
 */
export async function accessibilityIssues(
  page: Page,
  name: string,
  least: 'serious' | 'moderate' = 'serious',
): Promise<string[]> {
  await page.evaluate(AXE);
  const tags = [
    'wcag2a',
    'wcag2aa',
    'wcag21a',
    'wcag21aa',
    'wcag22aa',
    ...(least === 'moderate' ? ['best-practice'] : []),
  ];
  const result = (await page.evaluate(
    `axe.run(document, { runOnly: { type: 'tag', values: ${JSON.stringify(tags)} } })`,
  )) as {
    violations: { id: string; impact: string; help: string; nodes: { target: string[] }[] }[];
  };
  return result.violations
    .filter(
      (v) => v.impact === 'serious' || v.impact === 'critical' || (least === 'moderate' && v.impact === 'moderate'),
    )
    .map(
      (v) =>
        `${name}: ${v.id} (${v.impact}) ${v.help} at ${v.nodes
          .slice(0, 3)
          .map((n) => n.target.join(' '))
          .join(', ')}`,
    );
}
