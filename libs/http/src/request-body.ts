import { STATUS_CODES, type IncomingMessage, type ServerResponse } from 'node:http';
import { HttpException } from '@nestjs/common';
import bodyParser from 'body-parser';
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

/** A body that cannot be taken as sent: API.md's shape naming the field `body`, the message in our words. */
export class BodyProblemException extends HttpException {
  constructor(status: number, message: string) {
    const body: ApiErrorBody = {
      statusCode: status,
      error: STATUS_CODES[status] ?? 'Bad Request',
      message,
      details: [{ field: 'body', message: message.replace(/^The body /, '') }],
    };
    super(body, status);
  }
}

/** A body that could not be read, answered with its own status in API.md's shape and our words, not the parser's. */
export class BodyReadException extends BodyProblemException {
  constructor(e: BodyReadError) {
    const known = e.type ? BODY_PROBLEMS[e.type] : undefined;
    // Anything else (a corrupt gzip stream, a length that does not match) is a body we could not read.
    const { status, message } = known ?? { status: e.status, message: 'The body could not be read' };
    super(status, message);
  }
}

/** Text bodies (the CSV imports) arrive as bytes and are decoded here, where the encoding is known. */
export const TEXT_BODY_TYPES = ['text/csv'];

const BYTE_ORDER_MARKS: [number[], string][] = [
  [[0xef, 0xbb, 0xbf], 'utf-8'],
  [[0xff, 0xfe], 'utf-16le'],
  [[0xfe, 0xff], 'utf-16be'],
];

const NOT_UTF8 =
  'The body is not UTF-8 text: save the file as "CSV UTF-8" (Excel: Save As), or name its encoding in the Content-Type, e.g. text/csv; charset=windows-1252';

/**
 * The text of a body in the encoding its byte order mark says, else its declared charset, else
 * UTF-8. Bytes that are not valid in that encoding are a 415, never replaced by U+FFFD: a
 * Latin-1 "Zoë" would otherwise be saved as "Zo�".
 */
export function decodeTextBody(raw: Buffer, charset: string | undefined): string {
  const marked = BYTE_ORDER_MARKS.find(([bytes]) => bytes.every((b, i) => raw[i] === b));
  const encoding = marked?.[1] ?? charset ?? 'utf-8';
  let decoder: InstanceType<typeof TextDecoder>;
  try {
    // The decoder drops the byte order mark of its own encoding from the text.
    decoder = new TextDecoder(encoding, { fatal: true });
  } catch {
    throw new BodyProblemException(415, BODY_PROBLEMS['charset.unsupported'].message);
  }
  try {
    return decoder.decode(raw);
  } catch {
    if (!marked && !charset) throw new BodyProblemException(415, NOT_UTF8);
    throw new BodyProblemException(
      415,
      `The body is not valid ${encoding} text: send it in the encoding its Content-Type names (UTF-8 is best)`,
    );
  }
}

function charsetOf(contentType: string | undefined): string | undefined {
  const match = /;\s*charset\s*=\s*"?([^";\s]+)"?/i.exec(contentType ?? '');
  return match?.[1].toLowerCase();
}

type BodyRequest = IncomingMessage & { body?: unknown };
type NodeMiddleware = (req: BodyRequest, res: ServerResponse, next: (error?: unknown) => void) => void;

/**
 * Reads the request body the way the API takes it, as Node middleware that runs the same under
 * either HTTP adapter (body-parser, which Express itself uses): JSON up to JSON_BODY_LIMIT and
 * JSON_DEPTH_LIMIT deep, forms of at most FORM_PARAMETER_LIMIT fields, and the CSV imports as
 * bytes up to 5 MB, decoded by their encoding (decodeTextBody); gzip, deflate and br bodies are
 * inflated. Any other type is left unread, for BodyTypeGuard to refuse after the login and role
 * guards, or for its route to read (the one-click unsubscribe). A body that cannot be read is a
 * BodyReadException, answered by the exceptions filter in our words, not the parser's.
 */
export function readRequestBodies(): NodeMiddleware {
  const parsers: NodeMiddleware[] = [
    bodyParser.json({ limit: JSON_BODY_LIMIT, verify: refuseDeepJson }),
    bodyParser.urlencoded({ extended: false, parameterLimit: FORM_PARAMETER_LIMIT }),
    bodyParser.raw({ type: TEXT_BODY_TYPES, limit: '5mb' }),
  ];
  return (req, res, next) => {
    const step = (index: number) => (error?: unknown) => {
      if (error) return next(isBodyReadError(error) ? new BodyReadException(error) : error);
      if (index < parsers.length) return parsers[index](req, res, step(index + 1));
      // Only the raw parser leaves bytes: those of a text body.
      if (!Buffer.isBuffer(req.body)) return next();
      try {
        req.body = decodeTextBody(req.body, charsetOf(req.headers['content-type']));
        next();
      } catch (decodeError) {
        next(decodeError);
      }
    };
    step(0)();
  };
}
