import { ApiHarness, startApi } from './support/api-harness';
import { dropDatabase, testConfig } from './support/test-config';

describe('health and docs', () => {
  const config = testConfig();
  let api: ApiHarness;

  beforeAll(async () => {
    api = await startApi(config);
  });
  afterAll(async () => {
    await api?.close();
    await dropDatabase(config.databaseUrl);
  });

  it('reports the database and Redis up', async () => {
    const res = await api.http().get('/health').expect(200);
    expect(res.body).toEqual({ status: 'ok', db: 'up', redis: 'up' });
    expect(res.headers['x-request-id']).toMatch(/.+/);
  });

  it('serves the OpenAPI document', async () => {
    const res = await api.http().get('/docs-json').expect(200);
    expect(res.body.paths['/health']).toBeDefined();
  });

  it('seeded the reference data', async () => {
    const regions = await api.db.query.regions.findMany();
    expect(regions.map((r) => r.code)).toHaveLength(13);
    const establishments = await api.db.query.establishments.findMany();
    expect(establishments).toHaveLength(154);
    const summits = await api.db.query.meetings.findMany();
    expect(summits.filter((m) => m.kind === 'summit')).toHaveLength(11);
  });
});
