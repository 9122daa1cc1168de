import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { DECORATORS } from '@nestjs/swagger';
import type { IncomingHttpHeaders } from 'node:http';
import { is as typeIs } from 'type-is';
import { BodyProblemException } from './request-body';

/** What a route takes when its OpenAPI operation names nothing else. */
const DEFAULT_BODY_TYPES = ['application/json'];

/**
 * A request body of a type its route does not take is a 415, on every route: a JSON route sent
 * XML or plain text would otherwise run with an empty body and answer 200 having changed
 * nothing. A route takes what its `@ApiConsumes` says (the CSV imports, the RSVP form), so the
 * OpenAPI document and this check cannot disagree; JSON otherwise. The last of the global
 * guards (AuthGuardsModule binds it after the login and role guards), so a member refused a
 * route by role hears 403 whatever they sent, and before validation. A guard, not an
 * interceptor: with no global interceptor, a request skips Nest's interceptor chain.
 */
@Injectable()
export class BodyTypeGuard implements CanActivate {
  constructor(private readonly reflector: Reflector) {}

  canActivate(context: ExecutionContext): boolean {
    if (context.getType() !== 'http') return true;
    const req = context.switchToHttp().getRequest<{ headers: IncomingHttpHeaders }>();
    if (!hasBody(req)) return true;
    const accepted =
      this.reflector.getAllAndOverride<string[] | undefined>(DECORATORS.API_CONSUMES, [
        context.getHandler(),
        context.getClass(),
      ]) ?? DEFAULT_BODY_TYPES;
    // type-is, as Express's req.is: the media type named, parameters and case aside.
    if (typeIs(req.headers['content-type'] ?? '', accepted)) return true;
    const sent = req.headers['content-type'] ? `not ${req.headers['content-type'].split(';')[0]}` : 'with its type';
    throw new BodyProblemException(415, `The body must be sent as ${accepted.join(' or ')} (Content-Type), ${sent}`);
  }
}

/** Whether the request carries body bytes; an empty POST (Content-Length: 0) has none to type. */
function hasBody(req: { headers: IncomingHttpHeaders }): boolean {
  if (req.headers['transfer-encoding'] !== undefined) return true;
  const length = Number(req.headers['content-length']);
  return Number.isFinite(length) && length > 0;
}
