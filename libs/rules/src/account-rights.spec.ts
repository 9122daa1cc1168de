import type { Role } from '@seg/db';
import { accountActRefusal, accountChangeRefusal } from './account-rights';

describe('who may give or take which role', () => {
  const roles: Role[] = ['member', 'secretariat', 'admin'];

  it('gives roles up to the actor’s own', () => {
    const given = roles.flatMap((actor) =>
      roles.filter((role) => accountActRefusal(actor, null, { give: role }) === null).map((role) => `${actor}→${role}`),
    );
    expect(given).toEqual([
      'member→member',
      'secretariat→member',
      'secretariat→secretariat',
      'admin→member',
      'admin→secretariat',
      'admin→admin',
    ]);
    expect(accountActRefusal('secretariat', null, { give: 'admin' })).toBe('Only an admin may give the admin role');
  });

  it('acts only on accounts at or below the actor’s role', () => {
    for (const act of [
      { take: 'admin' as const },
      { change: 'status' as const },
      { change: 'email' as const },
      { endSessions: true as const },
      { resendActivation: true as const },
      { erase: true as const },
    ]) {
      expect(accountActRefusal('admin', 'admin', act)).toBeNull();
      expect(accountActRefusal('secretariat', 'secretariat', act)).toBeNull();
      expect(accountActRefusal('secretariat', 'member', act)).toBeNull();
      expect(accountActRefusal('secretariat', 'admin', act)).toMatch(/^Only an admin may /);
      expect(accountActRefusal('member', 'secretariat', act)).toMatch(/^Only the secretariat may /);
    }
    expect(accountActRefusal('secretariat', 'admin', { endSessions: true })).toBe(
      "Only an admin may end an admin's sessions",
    );
    expect(accountActRefusal('secretariat', 'admin', { erase: true })).toBe('Only an admin may erase an admin');
  });

  it('names the field of a change the actor may not make', () => {
    const admin = { role: 'admin' as const, status: 'active', email: 'ann@example.org' };
    const member = { role: 'member' as const, status: 'active', email: 'bob@example.org' };
    expect(accountChangeRefusal('secretariat', member, { role: 'admin' })).toEqual({
      field: 'role',
      message: 'Only an admin may give the admin role',
    });
    expect(accountChangeRefusal('secretariat', admin, { role: 'member' })).toEqual({
      field: 'role',
      message: 'Only an admin may take the admin role away',
    });
    expect(accountChangeRefusal('secretariat', admin, { status: 'suspended' })?.field).toBe('status');
    expect(accountChangeRefusal('secretariat', admin, { email: 'x@example.org' })?.field).toBe('email');
    // What changes nothing is no act: the same role, status, or email in other letters.
    expect(
      accountChangeRefusal('secretariat', admin, { role: 'admin', status: 'active', email: 'ANN@example.org ' }),
    ).toBeNull();
    expect(accountChangeRefusal('secretariat', member, { role: 'secretariat', status: 'left' })).toBeNull();
    expect(accountChangeRefusal('admin', admin, { role: 'member', email: 'new@example.org' })).toBeNull();
  });
});
