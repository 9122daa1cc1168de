import { members } from '@seg/db';
import { and, eq, ne } from 'drizzle-orm';
import { createMember, loggedIn, uniqueEmail } from './support/factories';
import { useStack } from './support/stack';

type Auth = { Authorization: string };

describe('admins above the secretariat', () => {
  const stack = useStack();
  let secretariat: Auth;
  let secretariatId: string;
  let admin: Auth;
  let adminId: string;

  beforeAll(async () => {
    const s = await loggedIn(stack.db, stack.config, { name: 'Secretariat Person', role: 'secretariat' });
    secretariat = s.auth;
    secretariatId = s.member.id;
    const a = await loggedIn(stack.db, stack.config, { name: 'Admin Person', role: 'admin', status: 'active' });
    admin = a.auth;
    adminId = a.member.id;
  });

  it('a secretariat user cannot demote, suspend or re-address an admin, and nothing changes', async () => {
    const other = await createMember(stack.db, { name: 'Other Admin', role: 'admin', status: 'active' });
    for (const change of [
      { role: 'member' },
      { role: 'secretariat' },
      { status: 'suspended' },
      { status: 'left' },
      { email: uniqueEmail('takeover') },
    ]) {
      const res = await stack.http().patch(`/members/${other.id}`).set(secretariat).send(change).expect(403);
      expect(res.body).toMatchObject({
        statusCode: 403,
        error: 'Forbidden',
        message: "Only an admin may grant or remove admin, or change an admin's status or email",
      });
      expect(res.body.details).toEqual([
        { field: Object.keys(change)[0], message: expect.stringMatching(/^Only an admin may/) },
      ]);
    }
    const [row] = await stack.db.select().from(members).where(eq(members.id, other.id));
    expect(row).toMatchObject({ role: 'admin', status: 'active', email: other.email });
    // The rest of an admin's record stays the secretariat's to edit.
    await stack
      .http()
      .patch(`/members/${other.id}`)
      .set(secretariat)
      .send({ phone: '020 7000 0000', role: 'admin', email: other.email.toUpperCase() })
      .expect(200);
  });

  it('a secretariat user cannot erase an admin; an admin can', async () => {
    const other = await createMember(stack.db, { name: 'Erasable Admin', role: 'admin', status: 'active' });
    const res = await stack
      .http()
      .post(`/members/${other.id}/erase`)
      .set(secretariat)
      .send({ reason: 'asked to' })
      .expect(403);
    expect(res.body.message).toBe('Only an admin may erase an admin');
    const [row] = await stack.db.select().from(members).where(eq(members.id, other.id));
    expect(row).toMatchObject({ role: 'admin', name: 'Erasable Admin', erasedAt: null });
    await stack.http().post(`/members/${other.id}/erase`).set(admin).send({}).expect(200);
  });

  it('a secretariat user cannot make anyone admin, themselves included', async () => {
    const m = await createMember(stack.db, { name: 'Would Be Admin' });
    await stack.http().patch(`/members/${m.id}`).set(secretariat).send({ role: 'admin' }).expect(403);
    const self = await stack
      .http()
      .patch(`/members/${secretariatId}`)
      .set(secretariat)
      .send({ role: 'admin' })
      .expect(403);
    expect(self.body.details).toEqual([{ field: 'role', message: expect.stringMatching(/^Only an admin may/) }]);
    const rows = await stack.db.select({ role: members.role }).from(members).where(eq(members.id, secretariatId));
    expect(rows).toEqual([{ role: 'secretariat' }]);
    // Giving the secretariat role stays theirs.
    await stack.http().patch(`/members/${m.id}`).set(secretariat).send({ role: 'secretariat' }).expect(200);
  });

  it('an admin grants and removes admin and changes an admin’s status', async () => {
    const m = await createMember(stack.db, { name: 'New Admin', status: 'active' });
    await stack.http().patch(`/members/${m.id}`).set(admin).send({ role: 'admin' }).expect(200);
    await stack.http().patch(`/members/${m.id}`).set(admin).send({ status: 'suspended' }).expect(200);
    await stack.http().patch(`/members/${m.id}`).set(admin).send({ status: 'active', role: 'secretariat' }).expect(200);
    const [row] = await stack.db.select().from(members).where(eq(members.id, m.id));
    expect(row).toMatchObject({ role: 'secretariat', status: 'active' });
  });

  it('the last active admin cannot be demoted or suspended', async () => {
    // Every other admin steps aside, so the signed-in admin is the last one.
    await stack.db
      .update(members)
      .set({ status: 'suspended' })
      .where(and(eq(members.role, 'admin'), ne(members.id, adminId)));
    for (const [change, field] of [
      [{ role: 'secretariat' }, 'role'],
      [{ status: 'suspended' }, 'status'],
      [{ status: 'left' }, 'status'],
    ] as const) {
      const res = await stack.http().patch(`/members/${adminId}`).set(admin).send(change).expect(409);
      expect(res.body.details).toEqual([
        { field, message: 'is the last active admin: make another member admin first' },
      ]);
    }
    const [row] = await stack.db.select().from(members).where(eq(members.id, adminId));
    expect(row).toMatchObject({ role: 'admin', status: 'active' });
    // With a second active admin, the first may step down.
    const second = await createMember(stack.db, { name: 'Second Admin', status: 'active' });
    await stack.http().patch(`/members/${second.id}`).set(admin).send({ role: 'admin' }).expect(200);
    await stack.http().patch(`/members/${adminId}`).set(admin).send({ role: 'secretariat' }).expect(200);
  });
});
