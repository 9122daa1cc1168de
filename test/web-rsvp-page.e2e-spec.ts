import type { Browser } from 'playwright-core';
import type { InvitationContext } from '../apps/api/src/meetings/meetings.service';
import { rsvpPage } from '../apps/api/src/rsvp/rsvp-page';
import { accessibilityIssues, launchBrowser, screenshot } from './support/browser';

const invitation = {
  invitationId: 'i',
  memberId: 'm',
  memberName: 'Siân O’Brien',
  rsvp: 'accepted',
  respondedAt: null,
  meeting: {
    id: 'x',
    title: 'London regional meeting',
    startsAt: new Date('2027-06-09T09:00:00Z'),
    endsAt: new Date('2027-06-09T11:00:00Z'),
    venue: 'HMP Brixton',
    onlineUrl: null,
    status: 'scheduled',
  },
} as unknown as InvitationContext;

/** The RSVP page an email's "Not going" opens for a member who had said Going, as Chromium draws it. */
describe('the RSVP page opened from an email', () => {
  let browser: Browser;

  beforeAll(async () => {
    browser = await launchBrowser();
  });

  afterAll(() => browser.close());

  it.each([1280, 375])('tells the reply asked for from the reply so far at %i px', async (width) => {
    const page = await browser.newPage({ viewport: { width, height: 800 } });
    await page.setContent(rsvpPage({ state: 'open', invitation }, { chosen: 'declined' }).html);
    const button = (value: string) => page.locator(`button[value="${value}"]`);
    const background = (value: string) =>
      page.evaluate(`getComputedStyle(document.querySelector('button[value="${value}"]')).backgroundColor`);

    // Only the reply to confirm is filled; the reply so far says so in words.
    expect(await background('declined')).toBe('rgb(0, 89, 79)');
    expect(await background('accepted')).toBe('rgb(255, 255, 255)');
    expect(await background('tentative')).toBe('rgb(255, 255, 255)');
    expect((await button('accepted').innerText()).replace(/\s+/g, ' ')).toBe('Going (your reply now)');
    expect(await button('declined').innerText()).toBe('Not going');
    expect(await page.getByText('Confirm your reply: press “Not going”').count()).toBe(1);
    expect(await accessibilityIssues(page, 'rsvp')).toEqual([]);
    await screenshot(page, `rsvp-confirm-${width}`);
    await page.close();
  });
});
