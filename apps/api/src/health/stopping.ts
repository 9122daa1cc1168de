import { Injectable, OnModuleDestroy } from '@nestjs/common';
import type { IncomingMessage, ServerResponse } from 'node:http';

/**
 * Whether the API has begun to stop (SIGTERM, or any close of the app). From then on /health
 * answers 503 and every answer, those under way included, closes its connection: the server
 * stops listening at once, but a client (a load balancer, a proxy's pool) could otherwise go on
 * sending requests on a connection it keeps open, and be answered until the grace period ends.
 */
@Injectable()
export class Stopping implements OnModuleDestroy {
  private begun = false;
  private readonly answering = new Set<ServerResponse>();

  get isStopping(): boolean {
    return this.begun;
  }

  /** Node middleware (either HTTP adapter): an answer given once stopping has begun closes its connection. */
  readonly closeConnections = (_req: IncomingMessage, res: ServerResponse, next: () => void): void => {
    if (this.begun) res.setHeader('Connection', 'close');
    else {
      this.answering.add(res);
      res.once('close', () => this.answering.delete(res));
    }
    next();
  };

  /** The first of the app's shutdown hooks: the answers under way close their connections too. */
  onModuleDestroy(): void {
    this.begun = true;
    for (const res of this.answering) if (!res.headersSent) res.setHeader('Connection', 'close');
    this.answering.clear();
  }
}
