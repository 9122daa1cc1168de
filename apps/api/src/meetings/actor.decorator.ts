import { createParamDecorator, ExecutionContext } from '@nestjs/common';
import type { Actor } from './meetings.service';

/** The member making the request and the request id, for the audit log. */
export const CurrentActor = createParamDecorator((_data: unknown, ctx: ExecutionContext): Actor => {
  const req = ctx.switchToHttp().getRequest<{ user?: { id: string }; id?: unknown }>();
  return { id: req.user?.id ?? null, requestId: req.id ? String(req.id) : undefined };
});
