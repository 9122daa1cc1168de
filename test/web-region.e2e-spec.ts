import { invitations, meetings } from '@seg/db';
import { eq } from 'drizzle-orm';
import { Browser, Page } from 'playwright-core';
import {
  accessibilityIssues,
  fillDateTime,
  launchBrowser,
  PASSWORD,
  Person,
  screenshot,
  settled,
  signInAs,
} from './support/browser';
import { createMember, createPost, MemberInput } from './support/factories';
import { rsvpTokenOf } from './support/meeting-mail';
import { eventually } from './support/poll';
import { useStack } from './support/stack';
import { uniqueName } from './support/test-config';

/** "My region" in real Chromium: a regional lead calls a meeting of their region and follows the replies. */

jest.setTimeout(300_000);

describe('a representative organises their spoke', () => {
  const stack = useStack({ smtp: true, worker: true });
  let browser: Browser;
  const run = uniqueName('reg').slice(-8);
  const email = (who: string) => `${who}.${run}@example.nhs.uk`;

  const addMember = (input: MemberInput): Promise<Person> =>
    createMember(stack.db, {
      category: 'prison-gp',
      region: 'north-west',
      ...(input.status === 'invited' ? {} : { password: PASSWORD }),
      ...input,
    });

  const signIn = (who: Person): Promise<Page> => signInAs(browser, stack.api.baseUrl, who);

  beforeAll(async () => {
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
  });

  it('a regional lead calls a meeting of their region from "My region", invites the region and follows the replies', async () => {
    const lead = await addMember({ name: 'Rhiannon Lead', email: email('lead') });
    await createPost(stack.db, {
      memberId: lead.id,
      region: 'north-west',
      role: 'Regional lead',
      startsOn: '2024-04-01',
    });
    const colleague = await addMember({ name: 'Cyril Colleague', email: email('colleague') });
    const newcomer = await addMember({ name: 'Nell Newcomer', email: email('newcomer'), status: 'invited' });
    const private_ = await addMember({
      name: 'Piers Private',
      email: email('private'),
      emailVisibility: 'secretariat',
      phone: '0161 496 0123',
      phoneVisibility: 'secretariat',
    });
    const londoner = await addMember({ name: 'Lulu Londoner', email: email('londoner'), region: 'london' });

    const page = await signIn(lead);
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'My region' }).click();
    await page.getByRole('heading', { level: 1, name: 'My region: North West' }).waitFor();
    await settled(page);
    await page.getByText('You represent North West as Regional lead.').waitFor();
    // The region's members, with what the secretariat sees but the contact details a member keeps for it.
    const members = page.getByRole('table', { name: 'Members of the region' });
    await expect(members.getByRole('row', { name: /Nell Newcomer/ }).innerText()).resolves.toContain(
      'Not activated yet',
    );
    await expect(members.getByRole('row', { name: /Piers Private/ }).innerText()).resolves.toMatch(
      /Kept for the secretariat\tKept for the secretariat$/,
    );
    await expect(members.getByRole('row', { name: /Lulu Londoner/ }).count()).resolves.toBe(0);
    await page.getByRole('heading', { name: 'Representatives', exact: true }).waitFor();
    await page.getByText(/Rhiannon Lead, Regional lead, since 1 April 2024/).waitFor();
    expect(await accessibilityIssues(page, 'my-region')).toEqual([]);
    await screenshot(page, 'my-region');

    await page.getByRole('link', { name: 'Call a meeting' }).click();
    await page.getByRole('heading', { level: 1, name: 'New meeting of North West' }).waitFor();
    await expect(page.getByLabel('Kind').count()).resolves.toBe(0);
    await page.getByLabel('Title').fill(`North West spoke ${run}`);
    await fillDateTime(page, 'Starts', '2031-05-12T14:00');
    await fillDateTime(page, 'Ends', '2031-05-12T16:00');
    await page.getByLabel('Venue').fill('HMP Manchester');
    await page.getByRole('button', { name: 'Create draft' }).click();
    await page.getByRole('heading', { level: 1, name: `North West spoke ${run}` }).waitFor();
    expect(page.url()).toMatch(/\/my\/region\/meetings\/[0-9a-f-]{36}$/);
    await page.getByText(/Regional meeting of North West/).waitFor();
    const [meeting] = await stack.db
      .select()
      .from(meetings)
      .where(eq(meetings.title, `North West spoke ${run}`));
    expect(meeting).toMatchObject({ kind: 'regional', createdById: lead.id });

    // Only their region to invite: no "every member", no other region.
    await expect(page.getByRole('checkbox', { name: /Every member/ }).count()).resolves.toBe(0);
    await expect(page.getByRole('checkbox', { name: /^London/ }).count()).resolves.toBe(0);
    await page.getByRole('checkbox', { name: /^North West/ }).check();
    await page.getByText(/4 members\s+will be invited/).waitFor();
    // How long the emails take, at the provider's rate (the test default: 3,000 a minute).
    await page.getByText("4 invitations: less than a minute at your provider's 3,000 a minute.").waitFor();
    const asked: string[] = [];
    page.once('dialog', (dialog) => {
      asked.push(dialog.message());
      void dialog.accept();
    });
    await page.getByRole('button', { name: 'Send invitations' }).click();
    await eventually('the confirmation', () => asked.length === 1);
    expect(asked[0]).toBe(
      "Send the invitation to 4 members? 4 invitations: less than a minute at your provider's 3,000 a minute.",
    );
    await page.getByText(/^4 invited\./).waitFor();
    await page.getByText('All 4 emails handled: 4 sent, 0 failed.').waitFor({ timeout: 60_000 });
    for (const m of [lead, colleague, newcomer, private_]) await stack.sink.waitForMailTo(m.email);
    expect(stack.sink.to(londoner.email)).toHaveLength(0);
    await expect(
      stack.db.select().from(invitations).where(eq(invitations.meetingId, meeting.id)),
    ).resolves.toHaveLength(4);

    // Replies come in by the emailed link, from a member not yet activated too; the lead follows them.
    await stack
      .http()
      .post(`/rsvp/${rsvpTokenOf(stack.sink.to(colleague.email)[0])}`)
      .send({ response: 'accepted' })
      .expect(200);
    await stack
      .http()
      .post(`/rsvp/${rsvpTokenOf(stack.sink.to(newcomer.email)[0])}`)
      .send({ response: 'declined' })
      .expect(200);
    await page.reload();
    await settled(page);
    const replies = page.getByRole('list', { name: 'Replies' });
    await eventually('the replies shown', async () =>
      /4\s*invited\s*1\s*going\s*0\s*maybe\s*1\s*not going\s*2\s*no reply/i.test(await replies.innerText()),
    );
    // Each person's reply is on the page, not folded away.
    const invitees = page.getByRole('table', { name: 'Every invitee' });
    await expect(invitees.getByRole('row', { name: /Cyril Colleague/ }).innerText()).resolves.toContain('Going');
    await screenshot(page, 'my-region-meeting');
    // On a phone each invitee is a card, the name first and the reply before category and region.
    await page.setViewportSize({ width: 375, height: 800 });
    const row = invitees.getByRole('row', { name: /Cyril Colleague/ });
    const top = async (n: number) => (await row.getByRole('cell').nth(n).boundingBox())!.y;
    const [name, category, reply] = [await top(0), await top(1), await top(3)];
    expect(name).toBeLessThan(reply);
    expect(reply).toBeLessThan(category);
    expect(await page.evaluate<number>('document.documentElement.scrollWidth')).toBeLessThanOrEqual(375);
    expect(await invitees.evaluate((el) => el.parentElement!.scrollWidth - el.parentElement!.clientWidth)).toBe(0);
    await page.setViewportSize({ width: 1280, height: 800 });

    // Changing it asks first and emails those who have not declined.
    await page.getByRole('link', { name: 'Change details' }).click();
    await page.getByLabel('Venue').fill('HMP Risley');
    page.once('dialog', (dialog) => void dialog.accept());
    await page.getByRole('button', { name: /^Save/ }).click();
    await page.getByText('Changed once since it was sent').waitFor();
    await stack.sink.waitFor(() => stack.sink.to(colleague.email).length === 2);
    await page.context().close();

    // A member with no post has no "My region".
    const other = await signIn(colleague);
    await expect(
      other.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'My region' }).count(),
    ).resolves.toBe(0);
    await other.goto(`${stack.api.baseUrl}/my/region/meetings/${meeting.id}`);
    await other
      .getByText('Only the secretariat and the representatives of North West run this meeting.', { exact: false })
      .waitFor();
    await expect(other.getByRole('button', { name: 'Send invitations' }).count()).resolves.toBe(0);
    await other.context().close();
  });
});
