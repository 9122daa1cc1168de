import type { Role } from '@seg/db';

/**
 * Roles stand in order: an admin is also secretariat, the secretariat stands above members. A
 * member of staff acts only on accounts at or below their own role and gives roles only up to
 * their own, so the secretariat never makes an admin (who could then demote the real one), nor
 * takes an admin's account over by changing its email, status or logins.
 */
const RANK: Record<Role, number> = { member: 0, secretariat: 1, admin: 2 };

/** What a change does to an account, each checked against the actor's role. */
export type AccountAct =
  | { give: Role }
  | { take: Role }
  | { change: 'status' | 'email' }
  | { endSessions: true }
  | { resendActivation: true }
  | { erase: true };

const WHO: Record<Role, string> = { member: 'a member', secretariat: 'the secretariat', admin: 'an admin' };
const WHOM: Record<Role, string> = {
  member: 'a member',
  secretariat: 'a member of the secretariat',
  admin: 'an admin',
};
const WHOSE: Record<Role, string> = {
  member: "a member's",
  secretariat: "a member of the secretariat's",
  admin: "an admin's",
};

/**
 * Why an actor of `actor`'s role may not do this to an account whose role is `target` (null for
 * an account not made yet), or null when they may. Every write that sets or changes a role, or
 * acts on another account, asks this.
 */
export function accountActRefusal(actor: Role, target: Role | null, act: AccountAct): string | null {
  if ('give' in act) return RANK[act.give] > RANK[actor] ? `Only ${WHO[act.give]} may give the ${act.give} role` : null;
  if (target === null || RANK[target] <= RANK[actor]) return null;
  const only = `Only ${WHO[target]} may`;
  if ('take' in act) return `${only} take the ${act.take} role away`;
  if ('change' in act) return `${only} change ${WHOSE[target]} ${act.change}`;
  if ('endSessions' in act) return `${only} end ${WHOSE[target]} sessions`;
  if ('resendActivation' in act) return `${only} send ${WHOM[target]} a new activation link`;
  return `${only} erase ${WHOM[target]}`;
}

/**
 * Why an actor may not change these fields of an account, with the field named, or null when
 * they may: the role given and the one taken away, a changed status, a changed email (compared
 * without letter case, as logins do).
 */
export function accountChangeRefusal(
  actor: Role,
  before: { role: Role; status: string; email: string },
  change: { role?: Role | null; status?: string | null; email?: string | null },
): { field: 'role' | 'status' | 'email'; message: string } | null {
  const acts: { field: 'role' | 'status' | 'email'; act: AccountAct }[] = [];
  if (change.role != null && change.role !== before.role)
    acts.push({ field: 'role', act: { take: before.role } }, { field: 'role', act: { give: change.role } });
  if (change.status != null && change.status !== before.status)
    acts.push({ field: 'status', act: { change: 'status' } });
  if (change.email != null && change.email.trim().toLowerCase() !== before.email.toLowerCase())
    acts.push({ field: 'email', act: { change: 'email' } });
  for (const { field, act } of acts) {
    const message = accountActRefusal(actor, before.role, act);
    if (message) return { field, message };
  }
  return null;
}
