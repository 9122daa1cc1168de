import { createParamDecorator, ExecutionContext } from '@nestjs/common';
import type { Actor } from '@seg/audit';
import type { AuthenticatedMember } from '@seg/auth';

/** Who is making a change, for the audit log: the signed-in member and the request id of the logs. */
export const CurrentActor = createParamDecorator((_data: unknown, ctx: ExecutionContext): Actor => {
  const request = ctx.switchToHttp().getRequest<{ user: AuthenticatedMember; id?: unknown }>();
  return { memberId: request.user.id, requestId: requestIdOf(request) };
});

/** The request id of the logs, for changes made without a login (activation, reset, RSVP links). */
export const RequestId = createParamDecorator((_data: unknown, ctx: ExecutionContext): string | null =>
  requestIdOf(ctx.switchToHttp().getRequest()),
);

function requestIdOf(request: { id?: unknown }): string | null {
  return request.id === undefined ? null : String(request.id);
}
