import type { OAuthGrant } from '@seg/config';
import { createHash, randomUUID, sign, constants, X509Certificate } from 'node:crypto';

export interface AccessToken {
  accessToken: string;
  expiresAt: Date;
}

/** The token endpoint turned our credentials down (a revoked secret, a withdrawn consent): asking again will not help until someone fixes them. */
export class TokenRefusedError extends Error {
  constructor(readonly reason: string) {
    super(`The token endpoint refused the mail credentials: ${reason}`);
    this.name = 'TokenRefusedError';
  }
}

const base64url = (data: Buffer | string) => Buffer.from(data).toString('base64url');

/** A compact JWT signed with RS256 (PKCS#1 v1.5) or PS256 (PSS, as Microsoft now asks for). */
export function signJwt(
  header: Record<string, unknown>,
  claims: Record<string, unknown>,
  privateKeyPem: string,
  alg: 'RS256' | 'PS256',
): string {
  const input = `${base64url(JSON.stringify({ ...header, alg, typ: 'JWT' }))}.${base64url(JSON.stringify(claims))}`;
  const signature = sign(
    'sha256',
    Buffer.from(input),
    alg === 'PS256'
      ? { key: privateKeyPem, padding: constants.RSA_PKCS1_PSS_PADDING, saltLength: constants.RSA_PSS_SALTLEN_DIGEST }
      : privateKeyPem,
  );
  return `${input}.${base64url(signature)}`;
}

/** Assertions are used at once: a few minutes covers clock skew between us and the endpoint. */
const ASSERTION_LIFETIME_S = 5 * 60;

/** The form the token endpoint is sent for a grant, with a fresh signed assertion where it takes one. */
export function tokenRequestBody(grant: OAuthGrant, now: Date): URLSearchParams {
  const iat = Math.floor(now.getTime() / 1000);
  if (grant.kind === 'serviceAccount') {
    // RFC 7523 JWT-bearer: Google issues a token for `sub`, the mailbox, under domain-wide delegation.
    const assertion = signJwt(
      {},
      {
        iss: grant.clientEmail,
        sub: grant.subject,
        scope: grant.scope,
        aud: grant.tokenUrl,
        iat,
        exp: iat + ASSERTION_LIFETIME_S,
      },
      grant.privateKeyPem,
      'RS256',
    );
    return new URLSearchParams({ grant_type: 'urn:ietf:params:oauth:grant-type:jwt-bearer', assertion });
  }
  const body = new URLSearchParams({ grant_type: 'client_credentials', client_id: grant.clientId, scope: grant.scope });
  if ('clientSecret' in grant.secret) {
    body.set('client_secret', grant.secret.clientSecret);
    return body;
  }
  // A certificate signs a client assertion (private_key_jwt), named by its SHA-256 thumbprint.
  const der = new X509Certificate(grant.secret.certificatePem).raw;
  const assertion = signJwt(
    { 'x5t#S256': base64url(createHash('sha256').update(der).digest()) },
    {
      aud: grant.tokenUrl,
      iss: grant.clientId,
      sub: grant.clientId,
      jti: randomUUID(),
      nbf: iat,
      iat,
      exp: iat + ASSERTION_LIFETIME_S,
    },
    grant.secret.privateKeyPem,
    'PS256',
  );
  body.set('client_assertion_type', 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer');
  body.set('client_assertion', assertion);
  return body;
}

export interface OAuthTokensOptions {
  /** The time now; tests pass their own clock. */
  clock?: { now(): Date };
  /** How long a token endpoint may take to answer. */
  timeoutMs?: number;
}

/** A token is replaced this long before it expires (a tenth of its life, at most five minutes). */
function refreshMarginMs(lifetimeMs: number): number {
  return Math.min(5 * 60_000, lifetimeMs / 10);
}

/**
 * Access tokens for the mailbox, got from the grant's token endpoint. Each is kept until shortly
 * before it expires and shared by every connection opened meanwhile; callers asking at once share
 * one request. Tokens never appear in an error or a log line.
 */
export class OAuthTokens {
  private current: (AccessToken & { renewAt: number }) | null = null;
  private pending: Promise<AccessToken> | null = null;
  private readonly clock: { now(): Date };
  private readonly timeoutMs: number;
  /** Requests made to the token endpoint: how often tokens were really fetched. */
  requests = 0;

  constructor(
    private readonly grant: OAuthGrant,
    options: OAuthTokensOptions = {},
  ) {
    this.clock = options.clock ?? { now: () => new Date() };
    this.timeoutMs = options.timeoutMs ?? 15_000;
  }

  /** A token good for a new connection: the kept one, or a new one once it is near its expiry. */
  async token(): Promise<AccessToken> {
    if (this.current && this.clock.now().getTime() < this.current.renewAt) return this.current;
    return this.fetchShared();
  }

  /**
   * A server refused `accessToken` (revoked early, or expired by its clock): forget it, so the
   * next `token()` asks for a new one, unless a newer one has already replaced it.
   */
  discard(accessToken: string): void {
    if (this.current?.accessToken === accessToken) this.current = null;
  }

  /** A new token, the kept one having been refused (requests already under way are shared). */
  renew(): Promise<AccessToken> {
    this.current = null;
    return this.fetchShared();
  }

  private fetchShared(): Promise<AccessToken> {
    this.pending ??= this.fetchToken().finally(() => (this.pending = null));
    return this.pending;
  }

  private async fetchToken(): Promise<AccessToken> {
    const now = this.clock.now();
    this.requests += 1;
    const response = await fetch(this.grant.tokenUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
      body: tokenRequestBody(this.grant, now),
      signal: AbortSignal.timeout(this.timeoutMs),
    });
    const text = await response.text();
    let body: { access_token?: unknown; expires_in?: unknown; error?: unknown; error_description?: unknown } = {};
    try {
      body = JSON.parse(text);
    } catch {
      // Described below from the status alone.
    }
    if (!response.ok || typeof body.access_token !== 'string') {
      const reason =
        [body.error, body.error_description].filter((part) => typeof part === 'string').join(': ') ||
        `HTTP ${response.status}`;
      // 400 and 401 are the endpoint's word on our credentials (RFC 6749 5.2); anything else may pass.
      if (response.status === 400 || response.status === 401) throw new TokenRefusedError(reason.slice(0, 500));
      throw new Error(`The token endpoint did not answer with a token: ${reason.slice(0, 500)}`);
    }
    const lifetimeMs = Math.max(Number(body.expires_in) || 3600, 1) * 1000;
    const expiresAt = new Date(now.getTime() + lifetimeMs);
    this.current = {
      accessToken: body.access_token,
      expiresAt,
      renewAt: expiresAt.getTime() - refreshMarginMs(lifetimeMs),
    };
    return this.current;
  }
}
