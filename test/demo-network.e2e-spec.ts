import { AppConfig } from '@seg/config';
import { establishments, memberEstablishments, members } from '@seg/db';
import { eq } from 'drizzle-orm';
import { execFile } from 'node:child_process';
import * as path from 'node:path';
import { promisify } from 'node:util';
import { DEMO_LOGINS } from '../apps/api/src/demo/demo-network.data';
import { DemoNetworkService } from '../apps/api/src/demo/demo-network.service';
import { accessTokenFor } from './support/factories';
import { useStack } from './support/stack';

describe('the demo network', () => {
  const stack = useStack({ env: { SEED_DEMO: 'true' } });

  it('loads a realistic network on an empty database, with gaps', async () => {
    const rep = await stack.db.query.members.findFirst({ where: eq(members.email, DEMO_LOGINS[1].email) });
    const auth = { Authorization: `Bearer ${await accessTokenFor(stack.db, stack.config, rep!.id)}` };
    const network = (await stack.http().get('/directory/network').set(auth).expect(200)).body;
    const filled = network.spokes.filter((s: { reps: unknown[] }) => s.reps.length > 0);
    expect(filled.length).toBeGreaterThanOrEqual(9);
    expect(network.spokes.length - filled.length).toBeGreaterThanOrEqual(2);
    expect(network.hub.reps.length).toBeGreaterThanOrEqual(3);

    const categories = (await stack.http().get('/categories').set(auth).expect(200)).body.items.map(
      (c: { code: string }) => c.code,
    );
    for (const category of categories) {
      const res = await stack.http().get(`/directory/members?category=${category}`).set(auth).expect(200);
      expect(res.body.total).toBeGreaterThan(0);
    }
    const usedTypes = await stack.db
      .selectDistinct({ type: establishments.typeCode })
      .from(memberEstablishments)
      .innerJoin(establishments, eq(establishments.id, memberEstablishments.establishmentId));
    expect(usedTypes.map((t) => t.type).sort()).toEqual([
      'immigration-removal-centre',
      'police-custody',
      'prison',
      'secure-hospital',
      'secure-training-centre',
      'young-offender-institution',
    ]);
  });

  it('gives working logins for a secretariat, a representative and an ordinary member', async () => {
    const service = stack.api.app.get(DemoNetworkService);
    for (const login of DEMO_LOGINS) {
      expect(login.password.length).toBeGreaterThanOrEqual(12);
      const m = await stack.db.query.members.findFirst({ where: eq(members.email, login.email) });
      expect(m?.status).toBe('active');
      const session = await stack
        .http()
        .post('/auth/login')
        .send({ email: login.email, password: login.password })
        .expect(200);
      expect(session.body.accessToken).toEqual(expect.any(String));
    }
    const roles = await stack.db
      .select({ role: members.role })
      .from(members)
      .where(eq(members.email, DEMO_LOGINS[0].email));
    expect(roles).toEqual([{ role: 'secretariat' }]);
    const repRow = await stack.db.query.members.findFirst({ where: eq(members.email, DEMO_LOGINS[1].email) });
    const rep = (
      await stack
        .http()
        .get('/me')
        .set({ Authorization: `Bearer ${await accessTokenFor(stack.db, stack.config, repRow!.id)}` })
        .expect(200)
    ).body;
    expect(rep.posts.some((p: { current: boolean }) => p.current)).toBe(true);
    // An ordinary member too, so a newcomer sees the member's view at once.
    const memberLogin = DEMO_LOGINS.find((l) => l.role === 'member')!;
    const memberRow = await stack.db.query.members.findFirst({ where: eq(members.email, memberLogin.email) });
    const member = (
      await stack
        .http()
        .get('/me')
        .set({ Authorization: `Bearer ${await accessTokenFor(stack.db, stack.config, memberRow!.id)}` })
        .expect(200)
    ).body;
    expect(member).toMatchObject({
      role: 'member',
      posts: [],
      category: expect.objectContaining({ code: 'prison-gp' }),
    });
    // Names are stored without honorifics, and the title field holds a job title: an honorific
    // there showed as a line of its own ("Dr") on every card.
    const names = await stack.db.select({ name: members.name, title: members.title }).from(members);
    const honorific = /^(Dr|Prof|Mr|Mrs|Ms|Miss)\.?( |$)/;
    expect(names.filter((n) => honorific.test(n.name) || honorific.test(n.title ?? ''))).toEqual([]);
    expect(member.title).toBe('Head of healthcare');
    // A database with members is left alone; the start banner still gets the logins...
    expect(await service.seedIfEmpty()).toBeNull();
    expect((await service.availableLogins()).map((l) => l.email)).toEqual(DEMO_LOGINS.map((l) => l.email));
    // ...but not one whose password was changed since.
    const repLogin = (
      await stack
        .http()
        .post('/auth/login')
        .send({ email: DEMO_LOGINS[1].email, password: DEMO_LOGINS[1].password })
        .expect(200)
    ).body;
    await stack
      .http()
      .put('/auth/password')
      .set('Authorization', `Bearer ${repLogin.accessToken}`)
      .send({ currentPassword: DEMO_LOGINS[1].password, newPassword: 'my own passphrase now' })
      .expect(204);
    expect((await service.availableLogins()).map((l) => l.email)).toEqual(
      DEMO_LOGINS.filter((l) => l !== DEMO_LOGINS[1]).map((l) => l.email),
    );
  });

  it('never seeds in production', async () => {
    const production = { ...stack.config, isProduction: true, seedDemo: true } as AppConfig;
    const service = new DemoNetworkService(
      production,
      undefined as never,
      undefined as never,
      undefined as never,
      undefined as never,
    );
    expect(await service.seedIfEmpty()).toBeNull();
  });
});

describe("compose's demo profile (the built seed-demo script)", () => {
  const stack = useStack();
  const script = path.resolve(__dirname, '../dist/apps/api/src/demo/seed-demo.js');
  const seedDemo = (env: Record<string, string>) =>
    promisify(execFile)(process.execPath, [script], {
      env: { PATH: process.env.PATH ?? '', DATABASE_URL: stack.config.databaseUrl, LOG_LEVEL: 'warn', ...env },
    });

  it('loads the demo network into a database holding only the admin, once, and its logins work', async () => {
    const first = await seedDemo({ NODE_ENV: 'development' });
    expect(first.stdout).toContain('Demo network loaded');
    for (const login of DEMO_LOGINS) {
      expect(first.stdout).toContain(login.email);
      await stack.http().post('/auth/login').send({ email: login.email, password: login.password }).expect(200);
    }
    const seeded = await stack.db.$count(members);
    const again = await seedDemo({ NODE_ENV: 'development' });
    expect(again.stdout).toContain('was not loaded');
    expect(await stack.db.$count(members)).toBe(seeded);
  });

  it('refuses to run in production', async () => {
    await expect(
      seedDemo({
        NODE_ENV: 'production',
        JWT_SECRET: 'k'.repeat(40),
        PUBLIC_URL: 'https://seg.example.org',
        SMTP_URL: 'smtp://127.0.0.1:1',
      }),
    ).rejects.toMatchObject({ stderr: expect.stringContaining('never loaded in production') });
  });
});
