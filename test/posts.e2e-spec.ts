import { posts } from '@seg/db';
import { eq } from 'drizzle-orm';
import { createMember, loggedIn } from './support/factories';
import { useStack } from './support/stack';

describe('representative posts', () => {
  const stack = useStack();
  let secretariat: { Authorization: string };

  beforeAll(async () => {
    secretariat = (await loggedIn(stack.db, stack.config, { role: 'secretariat' })).auth;
  });

  const give = (body: object) => stack.http().post('/posts').set(secretariat).send(body);

  it('answers 409 when the member already holds the same post, even when both requests come at once', async () => {
    const rep = await createMember(stack.db, { region: 'london' });
    const post = { memberId: rep.id, regionCode: 'london', role: 'Regional lead', startsOn: '2025-01-01' };
    const answers = await Promise.all([give(post), give(post)]);
    expect(answers.map((a) => a.status).sort()).toEqual([201, 409]);
    const conflict = answers.find((a) => a.status === 409)!;
    expect(conflict.body.details).toEqual([expect.objectContaining({ field: 'role' })]);
    // The same role in other words of case is the same post; another role or the hub is not.
    await give({ ...post, role: 'regional LEAD', startsOn: '2026-02-01' }).expect(409);
    await give({ ...post, role: 'Deputy' }).expect(201);
    await give({ memberId: rep.id, hub: true, role: 'Regional lead', startsOn: '2025-01-01' }).expect(201);
    await expect(stack.db.select().from(posts).where(eq(posts.memberId, rep.id))).resolves.toHaveLength(3);
  });

  it('gives the post again once the first has ended, but not over the dates it was held', async () => {
    const rep = await createMember(stack.db, { region: 'wales' });
    const first = await give({
      memberId: rep.id,
      regionCode: 'wales',
      role: 'Deputy',
      startsOn: '2020-01-01',
      endsOn: '2022-01-01',
    }).expect(201);
    expect(first.body.id).toBeDefined();
    await give({ memberId: rep.id, regionCode: 'wales', role: 'Deputy', startsOn: '2021-06-01' }).expect(409);
    await give({ memberId: rep.id, regionCode: 'wales', role: 'Deputy', startsOn: '2022-01-01' }).expect(201);
  });

  it('asks to choose a member when none is given', async () => {
    const res = await give({ memberId: '', regionCode: 'wales', role: 'Deputy', startsOn: '2024-01-01' }).expect(400);
    expect(res.body.details).toEqual([{ field: 'memberId', message: 'choose a member' }]);
  });
});
