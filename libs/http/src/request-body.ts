import { STATUS_CODES, type IncomingMessage } from 'node:http';
import { HttpException } from '@nestjs/common';
import { ApiErrorBody } from './api-error';

/** Deeper JSON than any request of ours needs; walking a deeper one would risk the stack. */
export const JSON_DEPTH_LIMIT = 32;
/** Form fields in one urlencoded body (the RSVP form sends one or two). */
export const FORM_PARAMETER_LIMIT = 100;
export const JSON_BODY_LIMIT = '100kb';

const OPENERS = 0x5b; // [
const OPEN_BRACE = 0x7b; // {
const CLOSERS = new Set([0x5d, 0x7d]); // ] }
const QUOTE = 0x22;
const BACKSLASH = 0x5c;

/** The deepest nesting of arrays and objects in raw JSON, read in one pass without parsing it. */
export function jsonDepth(raw: Buffer): number {
  let depth = 0;
  let deepest = 0;
  let inString = false;
  for (let i = 0; i < raw.length; i++) {
    const byte = raw[i];
    if (inString) {
      if (byte === BACKSLASH) i++;
      else if (byte === QUOTE) inString = false;
    } else if (byte === QUOTE) inString = true;
    else if (byte === OPENERS || byte === OPEN_BRACE) deepest = Math.max(deepest, ++depth);
    else if (CLOSERS.has(byte)) depth--;
  }
  return deepest;
}

/** body-parser's `verify`: refuses JSON nested deeper than JSON_DEPTH_LIMIT before it is parsed. */
export function refuseDeepJson(_req: IncomingMessage, _res: unknown, raw: Buffer): void {
  if (jsonDepth(raw) > JSON_DEPTH_LIMIT) {
    throw Object.assign(new Error('JSON nested too deeply'), { status: 400, type: 'entity.too.deep' });
  }
}

interface BodyReadError {
  status: number;
  type?: string;
  expose?: boolean;
}

/** An error raised while reading or parsing a request body (body-parser's http-errors). */
function isBodyReadError(e: unknown): e is BodyReadError {
  if (!(e instanceof Error)) return false;
  const { status, expose } = e as { status?: unknown; expose?: unknown };
  return typeof status === 'number' && status >= 400 && status < 500 && expose === true;
}

const BODY_PROBLEMS: Record<string, { status: number; message: string }> = {
  'entity.parse.failed': { status: 400, message: 'The body is not valid JSON' },
  'entity.too.deep': { status: 400, message: `The body is nested deeper than ${JSON_DEPTH_LIMIT} levels` },
  'entity.too.large': { status: 413, message: 'The body is too large' },
  'parameters.too.many': { status: 413, message: `The body has more than ${FORM_PARAMETER_LIMIT} form fields` },
  'encoding.unsupported': {
    status: 415,
    message: 'The body has a Content-Encoding this API does not read (use gzip, deflate or br, or none)',
  },
  'charset.unsupported': { status: 415, message: 'The body has a charset this API does not read (use utf-8)' },
};

/** A body that could not be read, answered with its own status in API.md's shape and our words, not the parser's. */
export class BodyReadException extends HttpException {
  constructor(e: BodyReadError) {
    const known = e.type ? BODY_PROBLEMS[e.type] : undefined;
    // Anything else (a corrupt gzip stream, a length that does not match) is a body we could not read.
    const { status, message } = known ?? { status: e.status, message: 'The body could not be read' };
    const body: ApiErrorBody = {
      statusCode: status,
      error: STATUS_CODES[status] ?? 'Bad Request',
      message,
      details: [{ field: 'body', message: message.replace(/^The body /, '') }],
    };
    super(body, status);
  }
}

/**
 * Express error middleware placed after the body parsers: their errors become BodyReadExceptions,
 * which the exceptions filter answers like any other, instead of Nest's mapping that passes the
 * JSON parser's own message through.
 */
export function answerBodyReadErrors(err: unknown, _req: unknown, _res: unknown, next: (err?: unknown) => void): void {
  next(isBodyReadError(err) ? new BodyReadException(err) : err);
}
