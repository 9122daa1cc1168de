import { NotFoundException } from '@nestjs/common';
import type { IncomingMessage } from 'node:http';

/**
 * Node middleware, first in line: a path whose %-escapes are not UTF-8 (`/meetings/%E0%A4%A`,
 * a lone surrogate's bytes) names nothing here, so it is a 404 in API.md's shape before any
 * router or the web app's file lookup tries to decode it.
 */
export function refuseUndecodablePaths(req: IncomingMessage, _res: unknown, next: (err?: unknown) => void): void {
  const path = (req.url ?? '/').split('?')[0];
  try {
    decodeURIComponent(path);
  } catch {
    next(undecodablePath());
    return;
  }
  next();
}

/** The 404 of a path whose %-escapes are not UTF-8. */
export function undecodablePath(): NotFoundException {
  return new NotFoundException('Nothing is at this address: it has a %-escape that is not UTF-8 text');
}
