import { createMembers, loggedIn } from './support/factories';
import { useStack } from './support/stack';
import {
  ESTABLISHMENT_CASES,
  FIRST_PLACE_AIM,
  MEMBER_CASES,
  MEMBER_NAMES,
  RelevanceCase,
  TOP_THREE_AIM,
} from './relevance/relevance-set';

type Auth = { Authorization: string };

/**
 * The relevance set (test/relevance/relevance-set.ts) through the API, as the web's pickers and
 * the directory ask: the share of queries whose expected answer comes first, and of those whose
 * expected answers are all in the top three.
 */
describe('search relevance', () => {
  const stack = useStack();
  let viewer: Auth;

  beforeAll(async () => {
    viewer = (await loggedIn(stack.db, stack.config, { name: 'Relevance Viewer' })).auth;
    await createMembers(
      stack.db,
      MEMBER_NAMES.map((name) => ({ name })),
    );
  });

  async function score(cases: RelevanceCase[], path: string) {
    const misses: string[] = [];
    let first = 0;
    let top3 = 0;
    for (const c of cases) {
      const res = await stack.http().get(path).query({ q: c.q, limit: 10 }).set(viewer).expect(200);
      const names: string[] = res.body.items.map((i: { name: string }) => i.name);
      if (names[0] === c.first) first++;
      else misses.push(`"${c.q}": expected ${c.first} first, got ${names.slice(0, 3).join(', ') || 'nothing'}`);
      if ([c.first, ...(c.top3 ?? [])].every((n) => names.slice(0, 3).includes(n))) top3++;
      else
        misses.push(
          `"${c.q}": expected ${[c.first, ...(c.top3 ?? [])].join(', ')} in the top 3, got ${names.slice(0, 3).join(', ')}`,
        );
    }
    return { first, top3, misses };
  }

  it(`puts the expected answer first for ${FIRST_PLACE_AIM * 100} % of queries and in the top three for all`, async () => {
    const members = await score(MEMBER_CASES, '/directory/members');
    const places = await score(ESTABLISHMENT_CASES, '/establishments');
    const total = MEMBER_CASES.length + ESTABLISHMENT_CASES.length;
    const firstShare = (members.first + places.first) / total;
    const top3Share = (members.top3 + places.top3) / total;
    process.stdout.write(
      `Relevance set: ${total} queries (${MEMBER_CASES.length} members, ${ESTABLISHMENT_CASES.length} establishments): ` +
        `first place ${(firstShare * 100).toFixed(1)} %, top three ${(top3Share * 100).toFixed(1)} %\n` +
        [...members.misses, ...places.misses].map((m) => `  ${m}\n`).join(''),
    );
    expect(total).toBeGreaterThanOrEqual(60);
    expect(firstShare).toBeGreaterThanOrEqual(FIRST_PLACE_AIM);
    expect(top3Share).toBeGreaterThanOrEqual(TOP_THREE_AIM);
  });
});
