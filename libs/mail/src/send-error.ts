import { TokenRefusedError } from './oauth-tokens';

/**
 * What a failed send means for the notice, in one place:
 * - `auth-refused`: the server or the token endpoint will not let us in (a refused password or
 *   token, revoked app credentials). No notice can go until someone fixes the credentials: all
 *   sending pauses, the notice stays queued, and it never counts as an attempt.
 * - `throttled`: the provider asks us to slow down (`421`, `4.7.x`, too many connections). All
 *   workers pause, longer each time, and the notice is tried again; it never counts as an attempt.
 * - `over-day-limit`: the provider's own count of the day is full (the mailbox also sends by
 *   hand, or its cap is lower than ours). All sending waits an hour; the notice stays queued.
 * - `permanent`: any other 5xx; recorded as failed, not retried.
 * - `temporary`: anything else (4xx, connection refused); retried with backoff, counted.
 */
export type SendErrorClass = 'auth-refused' | 'throttled' | 'over-day-limit' | 'permanent' | 'temporary';

interface SmtpError {
  responseCode?: number;
  response?: string;
  code?: string;
  message?: string;
}

// Exchange Online: "554 5.2.0 ... SubmissionQuotaExceededException", "550 5.1.90 ... reached your
// daily limit for message recipients"; Google: "550 5.4.5 Daily user sending limit exceeded",
// "550 5.7.1 Daily SMTP relay limit exceeded for user".
const OVER_DAY_LIMIT =
  /SubmissionQuotaExceeded|daily (user )?(sending|smtp relay) (quota|limit)|reached your daily limit/i;
// Exchange Online: "432 4.3.2 STOREDRV.ClientSubmit; sender thread limit exceeded",
// "4.3.2 ... concurrent connections limit exceeded"; Google: "421 4.7.0 Try again later".
const SLOW_DOWN =
  /concurrent connections limit exceeded|thread limit exceeded|too many (messages|connections)|rate limit/i;

/**
 * A refused sign-in: SMTP's EAUTH (nodemailer's code for a refused AUTH, and for a token it could
 * not get), IMAP's failed AUTHENTICATE (imapflow), or the token endpoint's refusal itself.
 */
export function isAuthRefused(error: unknown): boolean {
  const e = (error ?? {}) as SmtpError & { authenticationFailed?: boolean };
  return error instanceof TokenRefusedError || e.code === 'EAUTH' || e.authenticationFailed === true;
}

export function classifySendError(error: unknown): SendErrorClass {
  if (isAuthRefused(error)) return 'auth-refused';
  const e = (error ?? {}) as SmtpError;
  const code = typeof e.responseCode === 'number' ? e.responseCode : null;
  const text = `${e.response ?? ''} ${e.message ?? ''}`;
  if (OVER_DAY_LIMIT.test(text)) return 'over-day-limit';
  if (code === 421 || (code !== null && code >= 400 && code < 500 && /\b4\.7\.\d{1,3}\b/.test(text)))
    return 'throttled';
  if (SLOW_DOWN.test(text) && (code === null || code < 500)) return 'throttled';
  if (code !== null && code >= 500 && code < 600) return 'permanent';
  return 'temporary';
}

/** The server's reply as it gave it, or the network error. */
export function describeMailError(error: unknown): string {
  const e = error as SmtpError;
  if (e?.response) return e.response;
  return [e?.code, e?.message].filter(Boolean).join(': ') || String(error);
}
