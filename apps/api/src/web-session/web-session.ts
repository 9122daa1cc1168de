import { ForbiddenException } from '@nestjs/common';
import type { IncomingHttpHeaders } from 'node:http';
import { TokenPairDto } from '../auth/dto/token-pair.dto';
import { WebSession } from './web-session.dto';

/** The web app's refresh token: readable by the API only, sent only to the web session routes. */
export const SESSION_COOKIE = 'seg_refresh';
export const SESSION_COOKIE_PATH = '/auth/web';
/** Sent by the web app on every session call; a form on another site cannot set a header. */
export const WEB_CLIENT_HEADER = 'x-seg-web';

/** Sets a header of the answer, through whichever HTTP adapter runs. */
export type SetHeader = (name: string, value: string) => void;

/** What the session routes read of a request, under either HTTP adapter. */
export type WebRequest = { headers: IncomingHttpHeaders };

export function requireWebClient(req: WebRequest): void {
  if (req.headers[WEB_CLIENT_HEADER] !== '1')
    throw new ForbiddenException(`Send the header ${WEB_CLIENT_HEADER}: 1 from the web app`);
}

/** The refresh token from the Cookie header (no cookie parser for one cookie). */
export function readSessionCookie(req: WebRequest): string | null {
  for (const part of (req.headers.cookie ?? '').split(';')) {
    const at = part.indexOf('=');
    if (at > 0 && part.slice(0, at).trim() === SESSION_COOKIE) {
      const value = part.slice(at + 1).trim();
      try {
        return value ? decodeURIComponent(value) : null;
      } catch {
        return null;
      }
    }
  }
  return null;
}

// Browsers also keep Secure cookies on http://localhost, so this holds in development too.
const COOKIE_ATTRIBUTES = `Path=${SESSION_COOKIE_PATH}; HttpOnly; Secure; SameSite=Strict`;

/**
 * Puts the refresh token in the cookie, kept until the login ends (Max-Age, which needs no
 * clock), and answers the rest, so page scripts never see it.
 */
export function startSession(setHeader: SetHeader, pair: TokenPairDto): WebSession {
  const value = encodeURIComponent(pair.refreshToken);
  setHeader('Set-Cookie', `${SESSION_COOKIE}=${value}; Max-Age=${pair.refreshExpiresIn}; ${COOKIE_ATTRIBUTES}`);
  setHeader('Cache-Control', 'no-store');
  return { accessToken: pair.accessToken, expiresIn: pair.expiresIn, user: pair.user };
}

export function endSession(setHeader: SetHeader): void {
  setHeader('Set-Cookie', `${SESSION_COOKIE}=; Expires=Thu, 01 Jan 1970 00:00:00 GMT; ${COOKIE_ATTRIBUTES}`);
}
