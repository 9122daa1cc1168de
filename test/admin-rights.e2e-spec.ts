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
      });
      expect(res.body.details).toEqual([
        { field: Object.keys(change)[0], message: expect.stringMatching(/^Only an admin may/) },
      ]);
      expect(res.body.message).toBe(res.body.details[0].message);
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

  it('the secretariat creates members up to its own role, never an admin, and nothing is saved', async () => {
    const email = uniqueEmail('made-admin');
    const res = await stack
      .http()
      .post('/members')
      .set(secretariat)
      .send({ email, name: 'Made Admin', category: 'prison-gp', role: 'admin' })
      .expect(403);
    expect(res.body.details).toEqual([{ field: 'role', message: 'Only an admin may give the admin role' }]);
    expect(await stack.db.select().from(members).where(eq(members.email, email))).toEqual([]);
    const made = await stack
      .http()
      .post('/members')
      .set(secretariat)
      .send({
        email: uniqueEmail('made-secretariat'),
        name: 'Made Secretariat',
        category: 'prison-gp',
        role: 'secretariat',
      })
      .expect(201);
    expect(made.body.role).toBe('secretariat');
    await stack
      .http()
      .post('/members')
      .set(admin)
      .send({ email: uniqueEmail('admin-made'), name: 'Admin Made', category: 'prison-gp', role: 'admin' })
      .expect(201);
  });

  it("the secretariat cannot end an admin's sessions or resend an invited admin's activation; an admin can", async () => {
    const other = await loggedIn(stack.db, stack.config, { name: 'Signed In Admin', role: 'admin', status: 'active' });
    const res = await stack.http().delete(`/members/${other.member.id}/sessions`).set(secretariat).expect(403);
    expect(res.body.details).toEqual([{ field: 'id', message: "Only an admin may end an admin's sessions" }]);
    await stack.http().get('/me').set(other.auth).expect(200);
    await stack.http().delete(`/members/${other.member.id}/sessions`).set(admin).expect(204);
    await stack.http().get('/me').set(other.auth).expect(401);

    const invited = await createMember(stack.db, { name: 'Invited Admin', role: 'admin', status: 'invited' });
    const resend = await stack.http().post(`/members/${invited.id}/activation`).set(secretariat).expect(403);
    expect(resend.body.details).toEqual([
      { field: 'id', message: 'Only an admin may send an admin a new activation link' },
    ]);
    await stack.http().post(`/members/${invited.id}/activation`).set(admin).expect(202);
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
