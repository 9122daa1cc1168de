import SwaggerParser from '@apidevtools/swagger-parser';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { ContractChecker, DOCUMENT_FILE } from './support/openapi-contract';

const committed = () => JSON.parse(readFileSync(DOCUMENT_FILE, 'utf8'));

describe('the OpenAPI document', () => {
  it('is a valid OpenAPI document', async () => {
    await expect(SwaggerParser.validate(committed())).resolves.toBeDefined();
  });

  it('gives every operation a success answer with its schema, and the error body to every error answer', () => {
    const problems: string[] = [];
    type Schema = { properties?: Record<string, unknown>; required?: string[] };
    const schemas: Record<string, Schema> = committed().components.schemas;
    const errorBody = schemas.ApiErrorBody;
    // The error body, or one that adds documented facts to it (a throttled sign-in's offer of a link).
    const isErrorBody = (ref: string | undefined) => {
      const schema = ref?.startsWith('#/components/schemas/') ? schemas[ref.slice(21)] : undefined;
      return (
        !!schema &&
        Object.entries(errorBody.properties!).every(([name, property]) =>
          isDeepStrictEqual(schema.properties?.[name], property),
        ) &&
        errorBody.required!.every((name) => schema.required?.includes(name))
      );
    };
    for (const [path, item] of Object.entries<
      Record<string, { responses: Record<string, { content?: Record<string, { schema?: unknown }> }> }>
    >(committed().paths)) {
      for (const [method, operation] of Object.entries(item)) {
        const statuses = Object.keys(operation.responses);
        const successes = statuses.filter((s) => /^[23]/.test(s));
        if (!successes.length) problems.push(`${method} ${path}: no success answer`);
        for (const status of statuses) {
          const content = operation.responses[status].content;
          const bodiless = status === '204' || status.startsWith('3') || (status === '202' && !content);
          if (!bodiless && !Object.values(content ?? {}).some((media) => media.schema))
            problems.push(`${method} ${path} ${status}: no schema`);
          const json = content?.['application/json']?.schema as { $ref?: string } | undefined;
          if (/^4/.test(status) && json && !isErrorBody(json.$ref))
            problems.push(`${method} ${path} ${status}: not the error body`);
        }
      }
    }
    expect(problems).toEqual([]);
  });

  it('is the one the code gives, and the web app has the types generated from it (else run npm run api:types)', () => {
    // The generator reads the built API (`npm test` builds first), as `npm run api:types` does.
    const run = spawnSync(process.execPath, [join(__dirname, '../scripts/api-types.js'), '--check'], {
      encoding: 'utf8',
    });
    expect(run.stderr).toBe('');
    expect(run.stdout).toBe('Up to date\n');
    expect(run.status).toBe(0);
  });
});

describe('the contract check of the e2e tests', () => {
  const checker = new ContractChecker(committed());
  const json = (body: unknown) => Buffer.from(JSON.stringify(body));
  const region = { id: 'a1', code: 'london', name: 'London', nation: 'England', mergedInto: null };

  it('lets a documented answer through', () => {
    expect(
      checker.check(
        'GET',
        '/regions?limit=5',
        200,
        'application/json; charset=utf-8',
        json({ items: [region], nextCursor: null, total: 1 }),
      ),
    ).toBeNull();
    expect(
      checker.check(
        'GET',
        '/regions',
        401,
        'application/json',
        json({ statusCode: 401, error: 'Unauthorized', message: 'No token' }),
      ),
    ).toBeNull();
  });

  it('names a status the route does not document', () => {
    expect(checker.check('GET', '/regions', 418, 'application/json', json({}))).toMatch(
      /GET \/regions \(\/regions\) answered 418, which is not documented/,
    );
  });

  it('names a missing, mistyped or undocumented field', () => {
    const { nation: _left, ...noNation } = region;
    expect(
      checker.check(
        'GET',
        '/regions',
        200,
        'application/json',
        json({ items: [noNation], nextCursor: null, total: 1 }),
      ),
    ).toMatch(/\/items\/0 must have required property 'nation'/);
    expect(
      checker.check('GET', '/regions', 200, 'application/json', json({ items: [region], nextCursor: 7, total: 1 })),
    ).toMatch(/\/nextCursor must be string,null/);
    expect(
      checker.check(
        'GET',
        '/regions',
        200,
        'application/json',
        json({ items: [{ ...region, extra: 1 }], nextCursor: null, total: 1 }),
      ),
    ).toMatch(/must NOT have additional properties "extra"/);
  });

  it('prefers a literal path over a parameter, and names a content type the route does not give', () => {
    expect(checker.check('GET', '/members/export', 200, 'text/csv; charset=utf-8', Buffer.from('email\n'))).toBeNull();
    expect(checker.check('GET', '/members/export', 200, 'text/html', Buffer.from('<p>'))).toMatch(/text\/html body/);
  });
});
