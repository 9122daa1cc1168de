/** The one way the app talks to the API: JSON in and out, the access token kept in memory only. */

import { type FieldError, withAdvice } from './field-advice';

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

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
  total: number;
}

/** The directory counts long lists only roughly: `{ estimate }` past a thousand members. */
export type DirectoryTotal = number | { estimate: number };

export interface DirectoryPage<T> {
  items: T[];
  nextCursor: string | null;
  total: DirectoryTotal;
}

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

type Query = Record<string, string | number | boolean | undefined | null | string[]>;

interface RequestOptions {
  query?: Query;
  body?: unknown;
  /** Sent as is with this content type (CSV import). */
  rawBody?: { type: string; text: string | Blob };
  accept?: string;
}

/** Header that marks the web app's own session calls; a cross-site form cannot set it. */
export const WEB_CLIENT_HEADER = { 'X-SEG-Web': '1' };

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

export function buildUrl(path: string, query?: Query): string {
  if (!query) return path;
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined || value === null || value === '' || value === false) continue;
    if (Array.isArray(value)) value.forEach((v) => params.append(key, v));
    else params.set(key, String(value));
  }
  const text = params.toString();
  return text ? `${path}?${text}` : path;
}

async function send(method: string, path: string, options: RequestOptions): Promise<Response> {
  const headers: Record<string, string> = { Accept: options.accept ?? 'application/json', ...WEB_CLIENT_HEADER };
  if (accessToken) headers.Authorization = `Bearer ${accessToken}`;
  let body: BodyInit | undefined;
  if (options.rawBody) {
    headers['Content-Type'] = options.rawBody.type;
    body = options.rawBody.text;
  } else if (options.body !== undefined) {
    headers['Content-Type'] = 'application/json';
    body = JSON.stringify(options.body);
  }
  try {
    return await fetch(buildUrl(path, options.query), { method, headers, body, credentials: 'same-origin' });
  } catch {
    throw new ApiError(0, 'Could not reach SEG Network. Check your connection and try again.');
  }
}

export async function errorFrom(res: Response): Promise<ApiError> {
  let message = res.statusText || 'Something went wrong';
  let details: FieldError[] = [];
  let answer: Record<string, unknown> = {};
  try {
    const body = await res.json();
    if (body && typeof body === 'object') {
      answer = body;
      if (Array.isArray(body.message)) message = body.message.join('. ');
      else if (typeof body.message === 'string') message = body.message;
      if (Array.isArray(body.details))
        details = withAdvice(body.details.filter((d: FieldError) => d && typeof d.field === 'string'));
    }
  } catch {
    // Not JSON (a proxy error page, say): the status text will do.
  }
  if (res.status === 429) message = 'Too many attempts. Wait a minute and try again.';
  if (res.status >= 500)
    message =
      'SEG Network had a problem with that request. Try again in a moment; if it keeps happening, tell the secretariat.';
  return new ApiError(res.status, message, details, answer);
}

async function renew(): Promise<boolean> {
  if (!refresher) return false;
  refreshInFlight ??= refresher().finally(() => {
    refreshInFlight = null;
  });
  return refreshInFlight;
}

/** Sends a request; on a 401 renews the access token once (from the cookie) and tries again. */
export async function call(method: string, path: string, options: RequestOptions = {}): Promise<Response> {
  let res = await send(method, path, options);
  if (res.status === 401 && accessToken !== null) {
    if (await renew()) res = await send(method, path, options);
    else onSignedOut?.();
  }
  if (!res.ok) throw await errorFrom(res);
  return res;
}

async function json<T>(method: string, path: string, options?: RequestOptions): Promise<T> {
  const res = await call(method, path, options);
  if (res.status === 204 || res.headers.get('content-length') === '0') return undefined as T;
  const type = res.headers.get('content-type') ?? '';
  return (type.includes('json') ? res.json() : res.text()) as Promise<T>;
}

export const api = {
  get: <T>(path: string, query?: Query) => json<T>('GET', path, { query }),
  post: <T>(path: string, body?: unknown) => json<T>('POST', path, { body: body ?? {} }),
  patch: <T>(path: string, body: unknown) => json<T>('PATCH', path, { body }),
  put: <T>(path: string, body: unknown) => json<T>('PUT', path, { body }),
  delete: <T>(path: string) => json<T>('DELETE', path),
  postText: <T>(path: string, type: string, text: string | Blob) => json<T>('POST', path, { rawBody: { type, text } }),
  /** Fetches a file with the token and hands it to the browser as a download. */
  async download(path: string, filename: string, accept: string, query?: Query): Promise<void> {
    const res = await call('GET', path, { accept, query });
    saveFile(await res.blob(), filename);
  },
};

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
