import { AdapterRequest, nodeRequest } from '@seg/http';
import type { IncomingMessage } from 'node:http';

/** The one field of an RFC 8058 one-click POST, and its one value. */
export const ONE_CLICK_FIELD = 'List-Unsubscribe';
const ONE_CLICK_VALUE = 'One-Click';
// The body is one short field; anything much longer is not a one-click request.
const MAX_BODY_BYTES = 16 * 1024;

/**
 * Whether a POST carries `List-Unsubscribe=One-Click`. RFC 8058 asks mail programs to send it as
 * multipart/form-data (or application/x-www-form-urlencoded, which the API's form parser has
 * read already); the API parses no multipart bodies elsewhere, so this reads that one field from
 * the request's stream, which no body parser has read.
 */
export async function isOneClickPost(req: AdapterRequest & { body?: unknown }): Promise<boolean> {
  const parsed = req.body as Record<string, unknown> | undefined;
  if (parsed && typeof parsed === 'object' && parsed[ONE_CLICK_FIELD] !== undefined)
    return parsed[ONE_CLICK_FIELD] === ONE_CLICK_VALUE;
  const stream = nodeRequest(req);
  const type = stream.headers['content-type'] ?? '';
  const boundary = /^multipart\/form-data;.*\bboundary=(?:"([^"]+)"|([^;\s]+))/i.exec(type);
  if (!boundary || stream.readableEnded) return false;
  const raw = await readBody(stream);
  return raw !== null && multipartField(raw, boundary[1] ?? boundary[2]) === ONE_CLICK_VALUE;
}

function readBody(req: IncomingMessage): Promise<string | null> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        req.removeAllListeners('data');
        req.resume();
        resolve(null);
      } else chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

/** The value of the one-click field in a multipart/form-data body (RFC 7578), or null. */
export function multipartField(body: string, boundary: string): string | null {
  for (const part of body.split(`--${boundary}`)) {
    const split = part.indexOf('\r\n\r\n');
    if (split < 0) continue;
    const head = part.slice(0, split);
    const name = /content-disposition:\s*form-data;[^\r\n]*\bname="([^"]*)"/i.exec(head)?.[1];
    if (name === ONE_CLICK_FIELD) return part.slice(split + 4).replace(/\r\n$/, '');
  }
  return null;
}
