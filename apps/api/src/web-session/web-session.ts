import { ForbiddenException } from '@nestjs/common';
import type { Request, Response } from 'express';
import { TokenPairDto } from '../auth/dto/token-pair.dto';
import { WebSession } from './web-session.dto';

/** The web app's refresh token: readable by the API only, sent only to the web session routes. */
export const SESSION_COOKIE = 'seg_refresh';
export const SESSION_COOKIE_PATH = '/auth/web';
/** Sent by the web app on every session call; a form on another site cannot set a header. */
export const WEB_CLIENT_HEADER = 'x-seg-web';

export function requireWebClient(req: Request): void {
  if (req.headers[WEB_CLIENT_HEADER] !== '1')
    throw new ForbiddenException(`Send the header ${WEB_CLIENT_HEADER}: 1 from the web app`);
}

/** The refresh token from the Cookie header (no cookie parser for one cookie). */
export function readSessionCookie(req: Request): string | null {
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

/**
 * Puts the refresh token in the cookie, kept until the login ends, and answers the rest, so page
 * scripts never see it.
 */
export function startSession(res: Response, pair: TokenPairDto): WebSession {
  res.cookie(SESSION_COOKIE, pair.refreshToken, {
    httpOnly: true,
    // Browsers also keep Secure cookies on http://localhost, so this holds in development too.
    secure: true,
    sameSite: 'strict',
    path: SESSION_COOKIE_PATH,
    maxAge: pair.refreshExpiresIn * 1000,
  });
  res.setHeader('Cache-Control', 'no-store');
  return { accessToken: pair.accessToken, expiresIn: pair.expiresIn, user: pair.user };
}

export function endSession(res: Response): void {
  res.clearCookie(SESSION_COOKIE, { httpOnly: true, secure: true, sameSite: 'strict', path: SESSION_COOKIE_PATH });
}
