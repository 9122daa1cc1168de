import { establishments, members } from '@seg/db';
import { eq } from 'drizzle-orm';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setClock } from './support/clock';
import { createPost, loggedIn, regionIdOf } from './support/factories';
import { pdfText } from './support/pdf-text';
import { qrCodeOnFirstPage } from './support/qr-reader';
import { useStack } from './support/stack';

/**
 * A region's contact sheet for the office wall, as JSON for the web's printable page, as a page
 * to print (HTML) and as a PDF read back as a reader's viewer extracts it: what the person printing may see and no more,
 * the day from the injected clock, and a QR code that a camera reads as the sheet's own link.
 */
describe('the region contact sheet', () => {
  // A built web app of one page: the sheet's path is the web app's page too.
  const webDir = mkdtempSync(join(tmpdir(), 'seg-region-sheet-web-'));
  writeFileSync(join(webDir, 'index.html'), '<!doctype html><title>The web app</title>');
  const stack = useStack({ env: { WEB_DIR: webDir } });
  let viewer: Record<string, string>;
  let secretariat: Record<string, string>;
  let lead: { id: string; email: string };
  let deputy: { id: string; email: string };
  let worker: { id: string; email: string };
  let durham: { id: string; name: string };
  let northEastPlaces: string[];

  const HIDDEN_DEPUTY_PHONE = '0191 498 0999';
  const HIDDEN_WORKER_PHONE = '0191 498 0777';

  beforeAll(async () => {
    const regionId = await regionIdOf(stack.db, 'north-east');
    const places = await stack.db
      .select({ id: establishments.id, name: establishments.name })
      .from(establishments)
      .where(eq(establishments.regionId, regionId));
    northEastPlaces = places.map((p) => p.name);
    durham = places.find((p) => p.name.startsWith('Durham'))!;
    viewer = (await loggedIn(stack.db, stack.config, { name: 'Vera Viewer', region: 'north-east' })).auth;
    secretariat = (await loggedIn(stack.db, stack.config, { role: 'secretariat' })).auth;
    ({ member: lead } = await loggedIn(stack.db, stack.config, {
      name: 'Rhiannon Lead',
      category: 'prison-gp',
      region: 'north-east',
      phone: '0191 498 0111',
      emailVisibility: 'secretariat',
    }));
    ({ member: deputy } = await loggedIn(stack.db, stack.config, {
      name: 'Dafydd Deputy',
      category: 'prison-gp',
      region: 'north-east',
      phone: HIDDEN_DEPUTY_PHONE,
      phoneVisibility: 'secretariat',
    }));
    await createPost(stack.db, { memberId: lead.id, region: 'north-east', role: 'Regional lead' });
    await createPost(stack.db, {
      memberId: deputy.id,
      region: 'north-east',
      role: 'Deputy lead',
      startsOn: '2024-01-01',
    });
    ({ member: worker } = await loggedIn(stack.db, stack.config, {
      name: 'Wilf Worker',
      title: 'Healthcare manager',
      category: 'offender-healthcare-manager',
      region: 'yorkshire-humber',
      phone: HIDDEN_WORKER_PHONE,
      phoneVisibility: 'secretariat',
      establishmentIds: [durham.id],
    }));
    const { member: unlisted } = await loggedIn(stack.db, stack.config, {
      name: 'Una Unlisted',
      category: 'prison-gp',
      region: 'north-east',
      establishmentIds: [durham.id],
    });
    await stack.db.update(members).set({ listed: false }).where(eq(members.id, unlisted.id));
  });

  afterEach(() => jest.restoreAllMocks());
  afterAll(() => rmSync(webDir, { recursive: true, force: true }));

  it('answers the representatives with their posts and who works at each establishment, as the viewer may see them', async () => {
    setClock(stack.api.app, '2027-03-15T09:00:00Z');
    const sheet = (await stack.http().get('/regions/north-east/sheet').set(viewer).expect(200)).body;
    expect(sheet.region).toEqual({ code: 'north-east', name: 'North East', nation: 'England' });
    expect(sheet.reps.map((r: { role: string; member: { name: string } }) => [r.role, r.member.name])).toEqual([
      ['Regional lead', 'Rhiannon Lead'],
      ['Deputy lead', 'Dafydd Deputy'],
    ]);
    // A representative's work email is shown whatever they chose; a phone kept for the secretariat is not.
    expect(sheet.reps[0].member).toMatchObject({ email: lead.email, phone: '0191 498 0111' });
    expect(sheet.reps[1].member).toMatchObject({ email: deputy.email, phone: null });
    expect(sheet.establishments.map((e: { establishment: { name: string } }) => e.establishment.name)).toEqual(
      [...northEastPlaces].sort((a, b) => (a < b ? -1 : 1)),
    );
    const atDurham = sheet.establishments.find(
      (e: { establishment: { id: string } }) => e.establishment.id === durham.id,
    );
    // The unlisted member is not on it; the worker from another region is, at the place they work.
    expect(atDurham.people.map((p: { name: string; phone: string | null }) => [p.name, p.phone])).toEqual([
      ['Wilf Worker', null],
    ]);
    expect(sheet).toMatchObject({
      secretariatEmail: stack.config.secretariatEmail,
      printedOn: '2027-03-15',
      printedOnText: '15 March 2027',
      link: `${stack.config.publicUrl}/regions/north-east/sheet`,
    });
    expect(sheet.qrCodeSvg).toMatch(/^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg"/);
    expect(JSON.stringify(sheet)).not.toContain(HIDDEN_DEPUTY_PHONE);
    expect(JSON.stringify(sheet)).not.toContain(HIDDEN_WORKER_PHONE);

    const full = (await stack.http().get('/regions/north-east/sheet').set(secretariat).expect(200)).body;
    expect(full.reps[1].member.phone).toBe(HIDDEN_DEPUTY_PHONE);
  });

  it('prints the PDF with the representatives, establishments, secretariat, day and link, and no hidden phone', async () => {
    setClock(stack.api.app, '2027-03-15T09:00:00Z');
    const res = await stack
      .http()
      .get('/regions/north-east/sheet.pdf')
      .set(viewer)
      .buffer(true)
      .parse((response, done) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () => done(null, Buffer.concat(chunks)));
      })
      .expect(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    expect(res.headers['content-disposition']).toBe(
      `attachment; filename="SEG contacts, North East.pdf"; filename*=UTF-8''SEG%20contacts%2C%20North%20East.pdf`,
    );
    const pdf = res.body as Buffer;
    const text = await pdfText(pdf);
    // One A4 page: pdftotext ends each page with a form feed.
    expect(text.split('\f').filter((page) => page.trim())).toHaveLength(1);
    expect(text).toContain('North East: who to contact');
    // Who on the left, their contacts on the right, one to a line.
    expect(text).toMatch(new RegExp(`Regional lead: Rhiannon Lead, Prison GP +${lead.email}\n +0191 498 0111\n`));
    expect(text).toMatch(new RegExp(`Deputy lead: Dafydd Deputy, Prison GP +${deputy.email}\n`));
    for (const place of northEastPlaces) expect(text).toContain(place);
    expect(text).toMatch(
      new RegExp(
        `Durham \\(HMP & YOI\\) +Prison, Durham DH1 3HU\n +Wilf Worker, Offender healthcare manager +${worker.email}\n`,
      ),
    );
    expect(text).not.toContain('Una Unlisted');
    expect(text).toContain(stack.config.secretariatEmail);
    expect(text).toContain('Printed on 15 March 2027.');
    const link = `${stack.config.publicUrl}/regions/north-east/sheet`;
    expect(text).toContain(`Check current details at ${link}`);
    expect(text).not.toContain(HIDDEN_DEPUTY_PHONE);
    expect(text).not.toContain(HIDDEN_WORKER_PHONE);

    // The code printed on the page, read back from its pixels, is the link.
    expect(await qrCodeOnFirstPage(pdf)).toBe(link);
  });

  it('answers a page to print when asked for HTML first, as a browser asks, with the same words as the PDF', async () => {
    setClock(stack.api.app, '2027-03-15T09:00:00Z');
    const res = await stack
      .http()
      .get('/regions/north-east/sheet')
      .set(viewer)
      .set('Accept', 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8')
      .expect(200);
    expect(res.headers['content-type']).toBe('text/html; charset=utf-8');
    const html = res.text;
    expect(html).toMatch(/^<!doctype html>/);
    expect(html).toContain('@page{size:A4');
    expect(html).not.toMatch(/<script|<link|src=/i);
    expect(html).toMatch(/<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg"/);
    // The words a reader sees, without the markup.
    const text = html
      .replace(/<style>[\s\S]*?<\/style>|<svg[\s\S]*?<\/svg>/g, '')
      .replace(/<[^>]+>/g, ' ')
      .replace(/\s+/g, ' ');
    expect(text).toContain('North East: who to contact');
    expect(text).toContain(`Regional lead: Rhiannon Lead, Prison GP ${lead.email} 0191 498 0111`);
    expect(text).toContain(
      `Durham (HMP &amp; YOI) Prison, Durham DH1 3HU Wilf Worker, Offender healthcare manager ${worker.email}`,
    );
    expect(text).toContain('Printed on 15 March 2027.');
    expect(text).toContain(`Check current details at ${stack.config.publicUrl}/regions/north-east/sheet`);
    expect(text).toContain(stack.config.secretariatEmail);
    expect(text).not.toContain('Una Unlisted');
    expect(text).not.toContain(HIDDEN_DEPUTY_PHONE);
    expect(text).not.toContain(HIDDEN_WORKER_PHONE);

    // A browser opening the address (no token) gets the web app, whose page prints the sheet.
    const pageLoad = await stack
      .http()
      .get('/regions/north-east/sheet')
      .set('Accept', 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8')
      .expect(200);
    expect(pageLoad.text).toBe('<!doctype html><title>The web app</title>');
    // The web app's own calls ask for JSON and get the facts.
    const json = await stack.http().get('/regions/north-east/sheet').set(viewer).set('Accept', 'application/json');
    expect(json.headers['content-type']).toMatch(/^application\/json/);
    expect(json.body.region.code).toBe('north-east');
  });

  it('says 404 for a region that does not exist, and 401 without a login', async () => {
    await stack.http().get('/regions/atlantis/sheet').set(viewer).expect(404);
    await stack.http().get('/regions/atlantis/sheet.pdf').set(viewer).expect(404);
    await stack.http().get('/regions/north-east/sheet').expect(401);
  });
});
