import type { IncomingMessage } from 'node:http';

/** A request as a Nest HTTP adapter hands it over: Express's is Node's own, Fastify's keeps Node's as `raw`. */
export type AdapterRequest = IncomingMessage | { raw: IncomingMessage };

/** Node's request under the adapter's: its body stream, and the request id the logger's middleware put on it. */
export function nodeRequest(req: AdapterRequest): IncomingMessage & { id?: unknown } {
  return 'raw' in req ? req.raw : req;
}

/** The id of the request in the logs (x-request-id), or null before the logger has seen it. */
export function requestIdOf(req: AdapterRequest): string | null {
  const { id } = nodeRequest(req);
  return id === undefined || id === '' ? null : String(id);
}
