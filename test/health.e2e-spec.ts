import { useStack } from './support/stack';

describe('health and docs', () => {
  const stack = useStack();

  it('reports the database and Redis up', async () => {
    const res = await stack.http().get('/health').expect(200);
    expect(res.body).toEqual({
      status: 'ok',
      db: 'up',
      redis: 'up',
      inbound: 'off',
      mail: 'up',
      backup: { status: 'none', lastAt: null, sizeBytes: null, failedAt: null },
    });
    expect(res.headers['x-request-id']).toMatch(/.+/);
  });

  it('says how to reach the secretariat, what a password needs and how long data is kept, to anyone', async () => {
    const res = await stack.http().get('/about').expect(200);
    expect(res.body).toEqual({
      secretariatEmail: stack.config.secretariatEmail,
      passwordRules:
        'At least 12 characters, at least 5 of them different; not one of the most common passwords, nor your email address or name.',
      retention: {
        ...stack.config.retention,
        detailsConfirmMonths: stack.config.detailsConfirm.months,
        backupKeepDays: stack.config.backup.keepDays,
      },
    });
    expect(stack.config.secretariatEmail).toMatch(/^[^@\s]+@[^@\s]+$/);
  });

  it('serves the OpenAPI document', async () => {
    const res = await stack.http().get('/docs-json').expect(200);
    expect(res.body.paths['/health']).toBeDefined();
  });

  it('seeded the reference data', async () => {
    const regions = await stack.db.query.regions.findMany();
    expect(regions.map((r) => r.code)).toHaveLength(13);
    const establishments = await stack.db.query.establishments.findMany();
    expect(establishments).toHaveLength(154);
    const summits = await stack.db.query.meetings.findMany();
    expect(summits.filter((m) => m.kind === 'summit')).toHaveLength(11);
  });
});
