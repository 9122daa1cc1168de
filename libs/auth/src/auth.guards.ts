import { CanActivate, ExecutionContext, ForbiddenException, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Role } from '@seg/db';
import type { IncomingHttpHeaders } from 'node:http';
import { AccessTokenCheck } from './access-token-check';
import { AuthenticatedMember, IS_PUBLIC, ROLES } from './auth.decorators';

/** Global: every route needs a valid access token unless marked @Public(); the member is `request.user`. */
@Injectable()
export class JwtAuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly tokens: AccessTokenCheck,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const isPublic = this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, [context.getHandler(), context.getClass()]);
    if (isPublic) return true;
    const request = context.switchToHttp().getRequest<{ headers: IncomingHttpHeaders; user?: AuthenticatedMember }>();
    request.user = await this.tokens.memberOf(request.headers.authorization);
    return true;
  }
}

/** Global: @Roles() narrows a route; without it any logged-in member may call it. */
@Injectable()
export class RolesGuard implements CanActivate {
  constructor(private readonly reflector: Reflector) {}

  canActivate(context: ExecutionContext): boolean {
    const roles = this.reflector.getAllAndOverride<Role[] | undefined>(ROLES, [
      context.getHandler(),
      context.getClass(),
    ]);
    if (!roles?.length) return true;
    const member = context.switchToHttp().getRequest().user as AuthenticatedMember | undefined;
    if (member && (roles.includes(member.role) || (member.role === 'admin' && roles.includes('secretariat'))))
      return true;
    throw new ForbiddenException('This needs the ' + roles.join(' or ') + ' role');
  }
}
