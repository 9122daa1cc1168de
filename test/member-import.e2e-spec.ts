import { auditLog, establishments, memberEstablishments, members, notices } from '@seg/db';
import { eq, inArray } from 'drizzle-orm';
import { loggedIn, uniqueEmail } from './support/factories';
import { useStack } from './support/stack';

describe('member import', () => {
  const stack = useStack();
  let secretariat: { Authorization: string };

  beforeAll(async () => {
    secretariat = (await loggedIn(stack.db, stack.config, { role: 'secretariat' })).auth;
  });

  const upload = (csv: string, query = '') =>
    stack.http().post(`/members/import${query}`).set(secretariat).set('Content-Type', 'text/csv').send(csv);

  it('reads region, category and establishment by code or by name, in any case, with or without accents and prefixes', async () => {
    const [a, b, c, d] = [uniqueEmail('names'), uniqueEmail('names'), uniqueEmail('names'), uniqueEmail('names')];
    const csv = [
      'email,name,category,region,establishments',
      `${a},Ann Names,Prison GP,London,HMP Brixton`,
      `${b},Bea Names,prison-gp,LONDON,brixton (hmp); Wandsworth`,
      `${c},Cai Names,prison_gp,yorkshire and the humber,BXI`,
      // Type words are the search's (seg_place_words): "prison", "HMP & YOI", "Hospital".
      `${d},Dee Names,prison-gp,london,Brixton Prison; HMP & YOI Altcourse; broadmoor`,
    ].join('\n');
    const res = await upload(csv).expect(201);
    expect(res.body).toMatchObject({ dryRun: false, created: 4, failed: 0, activationEmails: 4 });
    const saved = await stack.db
      .select()
      .from(members)
      .where(inArray(members.email, [a, b, c, d]));
    const places = await stack.db
      .select()
      .from(memberEstablishments)
      .where(
        inArray(
          memberEstablishments.memberId,
          saved.map((m) => m.id),
        ),
      );
    expect(places).toHaveLength(7);
    const dee = saved.find((m) => m.email === d)!;
    const named = await stack.db
      .select({ code: establishments.code, name: establishments.name })
      .from(memberEstablishments)
      .innerJoin(establishments, eq(establishments.id, memberEstablishments.establishmentId))
      .where(eq(memberEstablishments.memberId, dee.id));
    expect(named.map((e) => e.code ?? e.name).sort()).toEqual(['ACI', 'BROADMOOR', 'BXI']);
  });

  it('names the accepted values of an unknown region or category, and the nearest establishments', async () => {
    const csv = [
      'email,name,category,region,establishments',
      `${uniqueEmail('unknown')},Dai Unknown,Astronaut,Narnia,HMP Brixtn`,
    ].join('\n');
    const res = await upload(csv).expect(201);
    const errors = Object.fromEntries(
      res.body.rows[0].errors.map((e: { field: string; message: string }) => [e.field, e.message]),
    );
    expect(errors.category).toMatch(/^"Astronaut" is not a category; use one of: .*Prison GP \(prison-gp\)/);
    expect(errors.region).toMatch(/^"Narnia" is not a region; use one of: .*London \(london\)/);
    expect(errors.establishments).toMatch(
      /^"HMP Brixtn" is not an establishment; the nearest are Brixton \(HMP\) \(BXI\)/,
    );
  });

  it('reports a row with a NUL byte as that row, and saves and mails the others', async () => {
    const [before, bad, after] = [uniqueEmail('nul'), uniqueEmail('nul'), uniqueEmail('nul')];
    const csv = [
      'email,name,category,region',
      `${before},Eve Before,prison-gp,wales`,
      `${bad},Nul\u0000Name,prison-gp,wales`,
      `${after},Fay After,prison-gp,wales`,
    ].join('\n');
    const res = await upload(csv).expect(201);
    expect(res.body).toMatchObject({ created: 2, failed: 1, activationEmails: 2 });
    expect(res.body.rows.map((r: { row: number; status: string }) => [r.row, r.status])).toEqual([
      [2, 'created'],
      [3, 'error'],
      [4, 'created'],
    ]);
    expect(res.body.rows[1].errors).toEqual([
      { field: 'name', message: 'contains a control character; check the file' },
    ]);
    const saved = await stack.db
      .select({ email: members.email })
      .from(members)
      .where(inArray(members.email, [before, bad, after]));
    expect(saved.map((m) => m.email).sort()).toEqual([before, after].sort());
    const mailed = await stack.db
      .select({ to: notices.toEmail })
      .from(notices)
      .where(inArray(notices.toEmail, [before, bad, after]));
    expect(mailed.map((n) => n.to).sort()).toEqual([before, after].sort());
  });

  it('a dry run answers the report saving would give, and saves nothing', async () => {
    const [one, two] = [uniqueEmail('dry'), uniqueEmail('dry')];
    const csv = [
      'email,name,category,region',
      `${one},Gil Dry,Prison GP,Wales`,
      `${two},Hal Dry,prison-gp,nowhere`,
      `${one},Gil Dry Again,,`,
    ].join('\n');
    const audited = async () => (await stack.db.select({ id: auditLog.id }).from(auditLog)).length;
    const auditBefore = await audited();
    const dry = await upload(csv, '?dryRun=true').expect(201);
    expect(dry.body).toMatchObject({ dryRun: true, created: 1, updated: 1, failed: 1, activationEmails: 1 });
    expect(dry.body.rows[0].id).toBeUndefined();
    await expect(stack.db.select().from(members).where(eq(members.email, one))).resolves.toEqual([]);
    await expect(stack.db.select().from(notices).where(eq(notices.toEmail, one))).resolves.toEqual([]);
    await expect(audited()).resolves.toBe(auditBefore);

    const real = await upload(csv).expect(201);
    const strip = (rows: { id?: string }[]) => rows.map(({ id: _id, ...rest }) => rest);
    expect(strip(real.body.rows)).toEqual(strip(dry.body.rows));
    expect(real.body).toMatchObject({ dryRun: false, created: 1, updated: 1, failed: 1, activationEmails: 1 });
  });

  it('refuses a dryRun that is not true or false', async () => {
    const res = await upload('email\nx@example.org\n', '?dryRun=maybe').expect(400);
    expect(res.body.details).toEqual([{ field: 'dryRun', message: 'must be true or false' }]);
  });
});
