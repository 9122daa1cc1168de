import fc from 'fast-check';
import { createRsvpToken } from '@seg/links';
import { invitations, members, refreshTokens } from '@seg/db';
import { eq } from 'drizzle-orm';
import { createMember, createPost, loggedIn, openSession, uniqueEmail } from './support/factories';
import { takeContractMismatches } from './support/openapi-contract';
import {
  errorShapeProblem,
  hostileValue,
  loadOperations,
  Operation,
  queryString,
  RAW_QUERY_PIECES,
  SchemaArbitraries,
  STACK_TRACE,
} from './support/route-fuzz';
import { useStack } from './support/stack';

/**
 * Every route of the OpenAPI document, driven with generated requests as each role: never a
 * 5xx, never a stack trace, every 4xx in the error shape of API.md, a successful answer as
 * documented, and no member or representative ever shown a contact detail kept for the
 * secretariat. `npm test` runs FUZZ_RUNS cases per route from a fixed seed; `npm run fuzz` runs
 * many more from a new seed, printed so that a failure can be replayed with FUZZ_SEED.
 */

const LONG = process.env.FUZZ_RUNS !== undefined;
const RUNS = Number(process.env.FUZZ_RUNS ?? 200);
// A fixed seed in npm test; a new one for each long run unless FUZZ_SEED replays one.
const SEED = Number(process.env.FUZZ_SEED ?? (LONG ? Math.floor(Math.random() * 2 ** 31) : 20261128));
if (LONG)
  console.log(
    `Route fuzz: seed ${SEED}, ${RUNS} cases a route (replay with FUZZ_SEED=${SEED} FUZZ_RUNS=${RUNS} npm run fuzz)`,
  );
const ROLES = ['anonymous', 'member', 'representative', 'secretariat', 'admin'] as const;
type RoleName = (typeof ROLES)[number];

// Codes the seeded reference data has, so valid cases filter by something that exists.
const QUERY_VALUES: Record<string, string[]> = {
  region: ['london', 'wales', 'hub'],
  category: ['prison-gp', 'patient-rep'],
};

// Logging out would end the login the next cases use: those routes run without one.
const ANONYMOUS_ONLY = new Set(['POST /auth/logout', 'POST /auth/web/logout']);

/** A member import naming the accounts of the sequence by email (an admin's among them), or new ones. */
const importCsv = fc
  .array(
    fc.record({
      account: fc.option(fc.nat(), { nil: null }),
      name: fc.constantFrom('Import Name', 'Ann Lee', ''),
      category: fc.constantFrom('prison-gp', 'patient-rep', ''),
    }),
    { minLength: 1, maxLength: 3 },
  )
  .map(
    (rows) => (accounts: { email: string }[]) =>
      'email,name,category\n' +
      rows
        .map(
          (r) =>
            `${r.account === null ? uniqueEmail('imported') : accounts[r.account % accounts.length].email},${r.name},${r.category}`,
        )
        .join('\n'),
  );

jest.setTimeout(Math.max(600_000, RUNS * 64 * 200));

describe(`every route, fuzzed (seed ${SEED}, ${RUNS} cases a route)`, () => {
  const stack = useStack();
  const { document, operations } = loadOperations();
  const arbitraries = new SchemaArbitraries(document);
  const auth = new Map<RoleName, Record<string, string>>();
  // Values that only the hidden member has, searched for in every answer to a member or representative.
  const secretPhone = '020 7946 0777';
  const secretEmail = uniqueEmail('hidden-contact');
  const known: Record<string, string[]> = { id: [], code: ['london', 'wales', 'no-such-region'], token: [] };

  beforeAll(async () => {
    await createMember(stack.db, {
      name: 'Hidden Contact',
      email: secretEmail,
      phone: secretPhone,
      region: 'london',
      category: 'prison-gp',
      emailVisibility: 'secretariat',
      phoneVisibility: 'secretariat',
    });
    const member = await loggedIn(stack.db, stack.config, { category: 'prison-gp', region: 'london' });
    const rep = await loggedIn(stack.db, stack.config, { category: 'prison-gp', region: 'london' });
    await createPost(stack.db, { memberId: rep.member.id, region: 'london' });
    const secretariat = await loggedIn(stack.db, stack.config, { role: 'secretariat' });
    const admin = await loggedIn(stack.db, stack.config, { role: 'admin' });
    auth
      .set('member', member.auth)
      .set('representative', rep.auth)
      .set('secretariat', secretariat.auth)
      .set('admin', admin.auth);

    // Records the cases may act on (never the accounts making the requests, nor the hidden member).
    const target = await createMember(stack.db, { category: 'prison-gp', region: 'wales' });
    const meeting = await stack
      .http()
      .post('/meetings')
      .set(secretariat.auth)
      .send({ title: 'Fuzzed meeting', kind: 'hub', startsAt: '2031-01-10T10:00', endsAt: '2031-01-10T12:00' })
      .expect(201);
    const [invitation] = await stack.db
      .insert(invitations)
      .values({ meetingId: meeting.body.id, memberId: target.id })
      .returning();
    const region = await stack
      .http()
      .post('/regions')
      .set(secretariat.auth)
      .send({ code: 'fuzzland', name: 'Fuzzland', nation: 'England' });
    known.id.push(target.id, meeting.body.id, ...(region.body.id ? [region.body.id] : []));
    known.token.push(createRsvpToken(stack.config.auth.jwtSecret, invitation.id));
    takeContractMismatches();
  });

  function pathValue(name: string, mode: 'valid' | 'mixed'): fc.Arbitrary<string> {
    const pool = fc.constantFrom(...(known[name] ?? known.id));
    if (mode === 'valid') return fc.oneof({ arbitrary: pool, weight: 3 }, { arbitrary: fc.uuid(), weight: 1 });
    return fc.oneof(
      { arbitrary: pool, weight: 2 },
      { arbitrary: fc.uuid(), weight: 1 },
      { arbitrary: fc.constantFrom('%00', '%E0%A4%A', 'x'.repeat(300), '..', '%2e%2e', 'null'), weight: 1 },
    );
  }

  /**
   * A third of the cases keep to the documented shapes, to reach the handlers; a third mix in
   * hostile values; a third (with a body) spoil one field of an otherwise valid body.
   */
  function caseOf(op: Operation) {
    return fc
      .constantFrom('valid' as const, 'mixed' as const, 'spoiled' as const)
      .chain((kind) => casesIn(op, kind === 'spoiled' ? 'valid' : kind, kind === 'spoiled'));
  }

  function casesIn(op: Operation, mode: 'valid' | 'mixed', spoiled: boolean) {
    const pathParams = op.parameters.filter((p) => p.in === 'path');
    // No valid cursor can be made up: in valid cases the first page is asked for.
    const queryParams = op.parameters.filter((p) => p.in === 'query' && (mode === 'mixed' || p.name !== 'cursor'));
    const anonymousOnly = ANONYMOUS_ONLY.has(`${op.method.toUpperCase()} ${op.template}`);
    return fc.record({
      mode: fc.constant(mode),
      role: anonymousOnly ? fc.constant<RoleName>('anonymous') : fc.constantFrom(...ROLES),
      path: fc.tuple(...pathParams.map((p) => pathValue(p.name, mode))),
      query: fc.record(
        Object.fromEntries(
          queryParams.map((p) => [
            p.name,
            mode === 'valid' && QUERY_VALUES[p.name]
              ? fc.constantFrom(...QUERY_VALUES[p.name])
              : arbitraries.of(p.schema, mode),
          ]),
        ),
        { requiredKeys: [] },
      ),
      raw:
        mode === 'mixed' ? fc.option(fc.constantFrom(...RAW_QUERY_PIECES), { freq: 3, nil: null }) : fc.constant(null),
      body: op.body
        ? op.body.type === 'application/json'
          ? spoiled
            ? arbitraries.spoiled(op.body.schema)
            : mode === 'valid'
              ? arbitraries.of(op.body.schema, mode)
              : fc.option(arbitraries.of(op.body.schema, mode), { freq: 8, nil: undefined })
          : fc.oneof(fc.string(), hostileValue)
        : fc.constant(undefined),
    });
  }

  /** Sends one generated request; answers the URL, the response and its body as text. */
  async function send(
    op: Operation,
    pathValues: string[],
    query: Record<string, unknown>,
    raw: string | null,
    body: unknown,
    headers: Record<string, string> | undefined,
  ) {
    let i = 0;
    const path = op.template.replace(/\{[^}]+\}/g, () => encodeURI(pathValues[i++]));
    const url = `${path}${queryString(query, raw)}`;
    let request = stack.http()[op.method as 'get'](url).set('x-seg-web', '1');
    if (headers) request = request.set(headers);
    if (body !== undefined) {
      const type = op.body!.type;
      request = request
        .set('Content-Type', type)
        .send(typeof body === 'string' && type !== 'application/json' ? body : JSON.stringify(body));
    }
    const res = await request.buffer(true).parse((response, done) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () => done(null, Buffer.concat(chunks)));
    });
    return { url, res, text: (res.body as Buffer).toString('utf8') };
  }

  for (const op of operations) {
    const name = `${op.method.toUpperCase()} ${op.template}`;
    it(name, async () => {
      await fc.assert(
        fc.asyncProperty(caseOf(op), async (c) => {
          const { url, res, text } = await send(op, c.path, c.query, c.raw, c.body, auth.get(c.role));
          const said = `${name} as ${c.role}: ${op.method.toUpperCase()} ${url.slice(0, 300)} ${c.body === undefined ? '' : JSON.stringify(c.body).slice(0, 300)} answered ${res.status} ${text.slice(0, 300)}`;
          if (process.env.FUZZ_DEBUG) console.log(`${name} ${c.role} ${res.status} ${text.slice(0, 120)}`);
          if (res.status >= 500) throw new Error(`a server error: ${said}`);
          if (STACK_TRACE.test(text)) throw new Error(`a stack trace in the answer: ${said}`);
          if (res.status >= 400 && (res.headers['content-type'] ?? '').includes('json')) {
            const problem = errorShapeProblem(res.status, JSON.parse(text));
            if (problem) throw new Error(`an error not in the shape of API.md (${problem}): ${said}`);
          }
          if (
            (c.role === 'member' || c.role === 'representative') &&
            (text.includes(secretEmail) || text.includes(secretPhone))
          ) {
            throw new Error(`a contact detail kept for the secretariat shown to a ${c.role}: ${said}`);
          }
          // Successful answers are held to the document; refusals are held to the error shape above.
          const undocumented = takeContractMismatches().filter((m) => /answered [23]\d\d/.test(m));
          if (undocumented.length)
            throw new Error(`an answer outside the OpenAPI document: ${undocumented.join('; ')}`);
        }),
        { seed: SEED, numRuns: RUNS },
      );
    });
  }

  /**
   * Roles only go where the actor stands: whatever the secretariat sends, in whatever order, to
   * whichever accounts (its own, another secretariat's, a member's, an admin's, those it creates
   * on the way), no account ends up above secretariat and no admin is demoted, suspended,
   * re-addressed or signed out.
   */
  it('no sequence of calls made as the secretariat yields an account above secretariat', async () => {
    const writes = operations.filter(
      (op) => op.method !== 'get' && op.secured && !ANONYMOUS_ONLY.has(`${op.method.toUpperCase()} ${op.template}`),
    );
    // Calls on members come up more often: they are where a role is given or taken.
    const weighted = writes.map((op) => ({
      arbitrary: fc.constant(op),
      weight: op.template.startsWith('/members') ? 4 : 1,
    }));
    const step = fc.oneof(...weighted).chain((op) =>
      fc.record({
        op: fc.constant(op),
        // Indexes into the accounts known when the step runs, so later steps reach those made earlier.
        targets: fc.array(fc.nat(), { minLength: 4, maxLength: 4 }),
        body: op.body
          ? op.body.type === 'application/json'
            ? arbitraries.of(op.body.schema, 'valid')
            : importCsv
          : fc.constant(undefined),
      }),
    );
    const admins = () =>
      stack.db
        .select({ id: members.id, status: members.status, email: members.email })
        .from(members)
        .where(eq(members.role, 'admin'))
        .orderBy(members.id);
    await fc.assert(
      fc.asyncProperty(fc.array(step, { minLength: 1, maxLength: 8 }), async (steps) => {
        // Fresh accounts each time: a sequence may suspend or sign out its own secretariat.
        const actor = await loggedIn(stack.db, stack.config, { role: 'secretariat' });
        const admin = await createMember(stack.db, { role: 'admin', status: 'active' });
        const adminSession = await openSession(stack.db, admin.id);
        const others = await Promise.all([
          createMember(stack.db, { role: 'secretariat' }),
          createMember(stack.db, { role: 'member', status: 'invited', category: 'prison-gp' }),
        ]);
        const accounts = [actor.member, admin, ...others].map((m) => ({ id: m.id, email: m.email }));
        const before = await admins();
        const said: string[] = [];
        for (const { op, targets, body } of steps) {
          const pathValues = targets.map((t) => accounts[t % accounts.length].id);
          const sent = typeof body === 'function' ? body(accounts) : body;
          const { url, res, text } = await send(op, pathValues, {}, null, sent, actor.auth);
          said.push(
            `${op.method.toUpperCase()} ${url} ${sent === undefined ? '' : JSON.stringify(sent).slice(0, 200)} → ${res.status}`,
          );
          if (res.status >= 500) throw new Error(`a server error: ${said.join('; ')} ${text.slice(0, 300)}`);
          const made = res.status === 201 && JSON.parse(text || '{}');
          if (made?.id && made.email) accounts.push({ id: made.id, email: made.email });
        }
        const after = new Map((await admins()).map((a) => [a.id, JSON.stringify(a)]));
        const changed = [
          ...before.filter((a) => after.get(a.id) !== JSON.stringify(a)).map((a) => `${a.id} was ${JSON.stringify(a)}`),
          ...[...after].filter(([id]) => !before.some((a) => a.id === id)).map(([, a]) => `${a} is new`),
        ];
        if (changed.length) throw new Error(`the admins changed (${changed.join(', ')}) after ${said.join('; ')}`);
        const [session] = await stack.db
          .select({ revokedAt: refreshTokens.revokedAt })
          .from(refreshTokens)
          .where(eq(refreshTokens.familyId, adminSession));
        if (session.revokedAt) throw new Error(`the admin was signed out by ${said.join('; ')}`);
        takeContractMismatches();
      }),
      { seed: SEED, numRuns: Math.max(20, Math.round(RUNS / 4)) },
    );
  });

  it('paths the web app is asked for: malformed escapes and climbs out of its folder are never a server error', async () => {
    for (const path of [
      '/%E0%A4%A.js',
      '/assets/%ZZ.css',
      '/%00.js',
      '/..%2f..%2fetc%2fpasswd.js',
      '/%E0%A4%A',
      '/directory/%FF',
    ]) {
      const res = await stack.http().get(path).set('Accept', 'text/html');
      expect([path, res.status < 500]).toEqual([path, true]);
      expect(res.text ?? '').not.toMatch(STACK_TRACE);
    }
  });
});
