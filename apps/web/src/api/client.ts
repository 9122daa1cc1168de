/**
 * The one way the app talks to the API: `client`, typed by the API document's generated `paths`
 * (openapi-fetch), with the access token kept in memory only.
 */

import createClient, { type ClientOptions } from 'openapi-fetch';
import { type FieldError, withAdvice } from './field-advice';
import type { DirectoryMemberPage, paths } from './openapi.generated';

export type { FieldError };

/**
 * An API error body ({statusCode, error, message, details}) or a network failure (status 0);
 * `body` is the whole answer, for the facts some routes add (a throttled sign-in's
 * `signInLinkAvailable`).
 */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly details: FieldError[] = [],
    readonly body: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = 'ApiError';
  }

  /** Errors keyed by field, for showing each next to its input. */
  get byField(): Record<string, string> {
    const out: Record<string, string> = {};
    for (const d of this.details) if (!(d.field in out)) out[d.field] = d.message;
    return out;
  }
}

/** The directory counts long lists only roughly: `{ estimate }` past a thousand members. */
export type DirectoryTotal = DirectoryMemberPage['total'];

/** The number behind a directory total, exact or estimated. */
export function totalCount(total: DirectoryTotal): number {
  return typeof total === 'number' ? total : total.estimate;
}

/** "1 member", "12 members", "about 7,700 members". */
export function membersText(total: DirectoryTotal): string {
  if (typeof total !== 'number')
    return `about ${(Math.round(total.estimate / 100) * 100).toLocaleString('en-GB')} members`;
  return `${total.toLocaleString('en-GB')} ${total === 1 ? 'member' : 'members'}`;
}

/** Header that marks the web app's own session calls; a cross-site form cannot set it. */
export const WEB_CLIENT_HEADER = { 'X-SEG-Web': '1' };

const UNREACHABLE = 'Could not reach SEG Network. Check your connection and try again.';

let accessToken: string | null = null;
let refreshInFlight: Promise<boolean> | null = null;
let refresher: (() => Promise<boolean>) | null = null;
let onSignedOut: (() => void) | null = null;

export function setAccessToken(token: string | null): void {
  accessToken = token;
}

/** The session provider tells the client how to renew the token and what to do when it cannot. */
export function configureSession(options: { refresh: () => Promise<boolean>; signedOut: () => void }): void {
  refresher = options.refresh;
  onSignedOut = options.signedOut;
}

/** A query as the API reads it: empty, false and missing values are left out, lists repeat the key. */
export function queryString(query: Record<string, unknown>): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined || value === null || value === '' || value === false) continue;
    if (Array.isArray(value)) value.forEach((v) => params.append(key, String(v)));
    else params.set(key, String(value));
  }
  return params.toString();
}

async function reach(request: Request): Promise<Response> {
  try {
    return await fetch(request);
  } catch {
    throw new ApiError(0, UNREACHABLE);
  }
}

async function renew(): Promise<boolean> {
  if (!refresher) return false;
  refreshInFlight ??= refresher().finally(() => {
    refreshInFlight = null;
  });
  return refreshInFlight;
}

/** Sends with the access token; on a 401 renews it once (from the cookie) and tries again. */
async function sendSignedIn(request: Request): Promise<Response> {
  // Kept before sending: a body can be read once, and the retry needs it again.
  const again = request.clone();
  if (accessToken) request.headers.set('Authorization', `Bearer ${accessToken}`);
  const res = await reach(request);
  if (res.status !== 401 || !request.headers.has('Authorization')) return res;
  if (!(await renew())) {
    onSignedOut?.();
    return res;
  }
  if (accessToken) again.headers.set('Authorization', `Bearer ${accessToken}`);
  return reach(again);
}

const options: ClientOptions = {
  credentials: 'same-origin',
  headers: { Accept: 'application/json', ...WEB_CLIENT_HEADER },
  querySerializer: queryString,
};

/**
 * Every call but the session's own. It asks for JSON, so an answer is typed as its JSON form even
 * where a route also offers another (the region's sheet as a page to print, CSV lists); a file
 * (PDF, CSV, vCard, iCalendar) is asked for with `asFile` and read as bytes.
 */
export const client = createClient<paths, 'application/json'>({ ...options, fetch: sendSignedIn });

/**
 * Sign-in, activation and renewal (/auth/web/*): they carry no access token and are never
 * renewed, since renewing is one of them.
 */
export const sessionClient = createClient<paths, 'application/json'>({ ...options, fetch: reach });

/** The ApiError for an answer that is not a success, from the body openapi-fetch read. */
export function errorFrom(response: Response, body: unknown): ApiError {
  let message = response.statusText || 'Something went wrong';
  let details: FieldError[] = [];
  let answer: Record<string, unknown> = {};
  // Not JSON (a proxy error page, say): the status text will do.
  if (body && typeof body === 'object') {
    answer = body as Record<string, unknown>;
    if (Array.isArray(answer.message)) message = answer.message.join('. ');
    else if (typeof answer.message === 'string') message = answer.message;
    if (Array.isArray(answer.details))
      details = withAdvice(answer.details.filter((d: FieldError) => d && typeof d.field === 'string'));
  }
  if (response.status === 429) message = 'Too many attempts. Wait a minute and try again.';
  if (response.status >= 500)
    message =
      'SEG Network had a problem with that request. Try again in a moment; if it keeps happening, tell the secretariat.';
  return new ApiError(response.status, message, details, answer);
}

/**
 * The answer of a call, or its ApiError thrown: `await answer(client.GET('/me'))`. A 204 is
 * `undefined`, as its type says.
 */
export async function answer<T>(call: Promise<{ data?: T; error?: unknown; response: Response }>): Promise<T> {
  const { data, error, response } = await call;
  if (!response.ok) throw errorFrom(response, error);
  return data as T;
}

/**
 * A form's values sent as they stand, a field left empty as null: the API names what is missing
 * or wrong, every field at once, rather than the web deciding what it requires.
 */
export function asEntered<T>(form: { [K in keyof T]?: T[K] | null }): T {
  return form as T;
}

/**
 * A CSV sent as the request body as it stands: typed text, or a chosen file's own bytes, whose
 * encoding the API reads. The document types the body as text; a file is sent the same way.
 */
export function asCsv(csv: string | Blob) {
  return {
    body: csv as string,
    bodySerializer: (body: string | Blob) => body,
    headers: { 'Content-Type': 'text/csv' },
  };
}

/** How to ask for a file: its type, read as bytes. */
export function asFile(type: string) {
  return { parseAs: 'blob', headers: { Accept: type } } as const;
}

/**
 * A file the API answers (CSV, PDF, vCard, iCalendar, JSON export), asked for with `asFile`,
 * handed to the browser as a download. (openapi-fetch's types do not carry `parseAs` through
 * the generated paths, so the Blob is checked here.)
 */
export async function download(
  call: Promise<{ data?: unknown; error?: unknown; response: Response }>,
  filename: string,
) {
  const file = await answer(call);
  if (!(file instanceof Blob)) throw new ApiError(0, 'The file could not be read. Try again.');
  saveFile(file, filename);
}

export function saveFile(blob: Blob, filename: string): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = filename;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

export function messageOf(error: unknown): string {
  if (error instanceof ApiError) return error.message;
  return 'Something went wrong. Try again.';
}
