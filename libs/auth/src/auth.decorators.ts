import { createParamDecorator, ExecutionContext, SetMetadata } from '@nestjs/common';
import type { Role } from '@seg/db';

export const IS_PUBLIC = 'seg:isPublic';
export const ROLES = 'seg:roles';

/** The member behind a request's access token, as loaded fresh from the database. */
export interface AuthenticatedMember {
  id: string;
  email: string;
  role: Role;
  /** The login the access token belongs to. */
  sessionId: string;
}

/** Opens a route to callers without a token (login, RSVP links, health). */
export const Public = () => SetMetadata(IS_PUBLIC, true);

/** Restricts a route to these roles; `admin` always passes where `secretariat` does. */
export const Roles = (...roles: Role[]) => SetMetadata(ROLES, roles);

/** The roles that act as the secretariat: an admin can do all the secretariat can. */
export const SECRETARIAT_ROLES: readonly Role[] = ['secretariat', 'admin'];

/** Shorthand for the secretariat's routes. */
export const Secretariat = () => Roles(...SECRETARIAT_ROLES);

export const CurrentMember = createParamDecorator((_data: unknown, ctx: ExecutionContext): AuthenticatedMember => {
  return ctx.switchToHttp().getRequest().user;
});

export function isSecretariat(member: Pick<AuthenticatedMember, 'role'>): boolean {
  return SECRETARIAT_ROLES.includes(member.role);
}
