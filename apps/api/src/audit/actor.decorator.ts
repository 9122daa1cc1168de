import { createParamDecorator, ExecutionContext } from '@nestjs/common';
import type { Actor } from '@seg/audit';
import type { AuthenticatedMember } from '@seg/auth';
import { AdapterRequest, requestIdOf } from '@seg/http';

/** Who is making a change, for the audit log: the signed-in member and the request id of the logs. */
export const CurrentActor = createParamDecorator((_data: unknown, ctx: ExecutionContext): Actor => {
  const request = ctx.switchToHttp().getRequest<AdapterRequest & { user: AuthenticatedMember }>();
  return { memberId: request.user.id, requestId: requestIdOf(request) };
});

/** The request id of the logs, for changes made without a login (activation, reset, RSVP links). */
export const RequestId = createParamDecorator((_data: unknown, ctx: ExecutionContext): string | null =>
  requestIdOf(ctx.switchToHttp().getRequest<AdapterRequest>()),
);
