import {
  createHash,
  createHmac,
  createPublicKey,
  generateKeyPairSync,
  KeyObject,
  randomBytes,
  timingSafeEqual,
  verify,
  constants,
  X509Certificate,
} from 'node:crypto';
import { createServer, IncomingMessage, Server, ServerResponse } from 'node:http';
import { AddressInfo } from 'node:net';

/** An app registered with a secret or a certificate, allowed to act on one mailbox (Exchange's mailbox permission). */
interface ClientApp {
  clientId: string;
  secret?: string;
  certificate?: X509Certificate;
  mailbox: string;
  revoked: boolean;
}

/** A service account with domain-wide delegation: it may act as any mailbox of the domain. */
interface ServiceAccount {
  clientEmail: string;
  publicKey: KeyObject;
  domain: string;
}

interface TokenClaims {
  sub: string;
  client: string;
  scope: string;
  exp: number;
}

const decode = (part: string) => JSON.parse(Buffer.from(part, 'base64url').toString('utf8'));

/**
 * A local OAuth 2.0 authorisation server over real HTTP, for the mail's OAuth tests:
 * - POST /token: the client-credentials grant (a client secret, or a client assertion signed
 *   PS256 or RS256 with a registered certificate's key) and the JWT-bearer grant (RFC 7523, an
 *   assertion signed RS256 by a registered service account, `sub` the mailbox);
 * - POST /introspect (RFC 7662): whether a token is active, and for which mailbox, as Dovecot's
 *   oauth2 passdb and the SMTP sink ask.
 * Its tokens are HMAC-signed, live `tokenLifetimeSeconds` by the server's own clock (which a test
 * moves on with `advance`), and a client's secret can be revoked and restored.
 */
export class OAuthServer {
  private server: Server | null = null;
  private readonly clients = new Map<string, ClientApp>();
  private readonly serviceAccounts = new Map<string, ServiceAccount>();
  private readonly signingKey = randomBytes(32);
  private offsetMs = 0;
  port = 0;
  tokenLifetimeSeconds = 60;
  /** Tokens issued, by grant. */
  readonly issued = { clientCredentials: 0, jwtBearer: 0 };
  /** What each refused token request was told. */
  readonly refusals: string[] = [];

  static async start(): Promise<OAuthServer> {
    const server = new OAuthServer();
    server.server = createServer((req, res) => void server.handle(req, res));
    await new Promise<void>((resolve) => server.server!.listen(0, '127.0.0.1', () => resolve()));
    server.port = (server.server.address() as AddressInfo).port;
    return server;
  }

  get tokenUrl(): string {
    return `http://127.0.0.1:${this.port}/token`;
  }

  get introspectionUrl(): string {
    return `http://127.0.0.1:${this.port}/introspect`;
  }

  /** The server's time: the real time moved on by `advance`. */
  now(): number {
    return Date.now() + this.offsetMs;
  }

  /** Moves the server's clock on, so tokens it issued expire by its own reckoning. */
  advance(ms: number): void {
    this.offsetMs += ms;
  }

  addClientWithSecret(clientId: string, secret: string, mailbox: string): void {
    this.clients.set(clientId, { clientId, secret, mailbox, revoked: false });
  }

  addClientWithCertificate(clientId: string, certificatePem: string, mailbox: string): void {
    this.clients.set(clientId, { clientId, certificate: new X509Certificate(certificatePem), mailbox, revoked: false });
  }

  addServiceAccount(clientEmail: string, privateKeyPem: string, domain: string): void {
    this.serviceAccounts.set(clientEmail, { clientEmail, publicKey: createPublicKey(privateKeyPem), domain });
  }

  /** The secret or certificate stops working (as deleting it in the portal does); tokens already issued live on. */
  revoke(clientId: string): void {
    this.clients.get(clientId)!.revoked = true;
  }

  restore(clientId: string): void {
    this.clients.get(clientId)!.revoked = false;
  }

  /** The mailbox a token lets its bearer act as, or null when it is forged, expired or unknown. */
  check(token: string): string | null {
    const [payload, mac] = token.split('.');
    if (!payload || !mac) return null;
    const expected = createHmac('sha256', this.signingKey).update(payload).digest();
    const given = Buffer.from(mac, 'base64url');
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
    const claims = decode(payload) as TokenClaims;
    return claims.exp * 1000 > this.now() ? claims.sub : null;
  }

  async stop(): Promise<void> {
    const server = this.server;
    this.server = null;
    if (server) {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const form = new URLSearchParams(Buffer.concat(chunks).toString('utf8'));
    const send = (status: number, body: unknown) => {
      res.writeHead(status, { 'content-type': 'application/json', 'cache-control': 'no-store' });
      res.end(JSON.stringify(body));
    };
    if (req.method === 'POST' && req.url === '/introspect') {
      const mailbox = this.check(form.get('token') ?? '');
      return send(200, mailbox ? { active: true, username: mailbox } : { active: false });
    }
    if (req.method !== 'POST' || req.url !== '/token') return send(404, { error: 'not_found' });
    const result = this.grant(form);
    if ('error' in result) {
      this.refusals.push(`${result.error}: ${result.description}`);
      return send(result.status, { error: result.error, error_description: result.description });
    }
    send(200, { access_token: result.token, token_type: 'Bearer', expires_in: this.tokenLifetimeSeconds });
  }

  private grant(form: URLSearchParams): { token: string } | { status: number; error: string; description: string } {
    const refuse = (status: number, error: string, description: string) => ({ status, error, description });
    const grantType = form.get('grant_type');
    if (grantType === 'client_credentials') {
      const client = this.clients.get(form.get('client_id') ?? '');
      if (!client) return refuse(400, 'unauthorized_client', 'no such application');
      if (client.revoked) return refuse(401, 'invalid_client', 'the client credentials were revoked');
      if (client.secret !== undefined) {
        if (form.get('client_secret') !== client.secret) return refuse(401, 'invalid_client', 'wrong client secret');
      } else {
        const problem = this.checkClientAssertion(client, form);
        if (problem) return refuse(401, 'invalid_client', problem);
      }
      this.issued.clientCredentials += 1;
      return { token: this.issue({ sub: client.mailbox, client: client.clientId, scope: form.get('scope') ?? '' }) };
    }
    if (grantType === 'urn:ietf:params:oauth:grant-type:jwt-bearer') {
      const assertion = form.get('assertion') ?? '';
      const claims = this.readAssertion(assertion, (iss) => this.serviceAccounts.get(iss)?.publicKey, ['RS256']);
      if (typeof claims === 'string') return refuse(400, 'invalid_grant', claims);
      const account = this.serviceAccounts.get(claims.iss as string)!;
      const sub = String(claims.sub ?? '');
      if (!sub.endsWith(`@${account.domain}`))
        return refuse(401, 'unauthorized_client', 'not delegated for that mailbox');
      this.issued.jwtBearer += 1;
      return { token: this.issue({ sub, client: account.clientEmail, scope: String(claims.scope ?? '') }) };
    }
    return refuse(400, 'unsupported_grant_type', String(grantType));
  }

  private checkClientAssertion(client: ClientApp, form: URLSearchParams): string | null {
    if (form.get('client_assertion_type') !== 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer')
      return 'no client secret or assertion';
    const claims = this.readAssertion(form.get('client_assertion') ?? '', () => client.certificate?.publicKey, [
      'PS256',
      'RS256',
    ]);
    if (typeof claims === 'string') return claims;
    // The header names the certificate by its SHA-256 thumbprint, as Microsoft's endpoint expects.
    const header = decode(form.get('client_assertion')!.split('.')[0]) as Record<string, unknown>;
    const thumbprint = createHash('sha256').update(client.certificate!.raw).digest('base64url');
    if (header['x5t#S256'] !== thumbprint) return 'x5t#S256 does not name the certificate';
    if (claims.iss !== client.clientId || claims.sub !== client.clientId) return 'iss and sub must be the client id';
    if (!claims.jti) return 'the assertion has no jti';
    return null;
  }

  /** The claims of a signed assertion meant for this server and still in date, or what is wrong with it. */
  private readAssertion(
    jwt: string,
    keyFor: (iss: string) => KeyObject | undefined,
    algorithms: string[],
  ): Record<string, unknown> | string {
    const [head, body, signature] = jwt.split('.');
    if (!head || !body || !signature) return 'the assertion is not a JWT';
    const header = decode(head) as { alg?: string };
    const claims = decode(body) as Record<string, unknown>;
    const key = keyFor(String(claims.iss));
    if (!key) return 'unknown issuer';
    if (!header.alg || !algorithms.includes(header.alg)) return `algorithm ${header.alg} not accepted`;
    const data = Buffer.from(`${head}.${body}`);
    const sig = Buffer.from(signature, 'base64url');
    const good =
      header.alg === 'PS256'
        ? verify('sha256', data, { key, padding: constants.RSA_PKCS1_PSS_PADDING, saltLength: 32 }, sig)
        : verify('sha256', data, key, sig);
    if (!good) return 'bad signature';
    if (claims.aud !== this.tokenUrl) return 'wrong audience';
    const now = this.now() / 1000;
    if (typeof claims.exp !== 'number' || claims.exp < now - 60) return 'the assertion expired';
    return claims;
  }

  private issue(claims: Omit<TokenClaims, 'exp'>): string {
    const payload = Buffer.from(
      JSON.stringify({
        ...claims,
        exp: Math.floor(this.now() / 1000) + this.tokenLifetimeSeconds,
        n: randomBytes(6).toString('hex'),
      }),
    ).toString('base64url');
    return `${payload}.${createHmac('sha256', this.signingKey).update(payload).digest('base64url')}`;
  }
}

/** Asks an RFC 7662 endpoint whose mailbox a token is for (null: not active), as a mail server does. */
export function introspectAt(introspectionUrl: string): (accessToken: string) => Promise<string | null> {
  return async (accessToken) => {
    const response = await fetch(introspectionUrl, {
      method: 'POST',
      body: new URLSearchParams({ token: accessToken }),
    });
    const body = (await response.json()) as { active?: boolean; username?: string };
    return body.active && body.username ? body.username : null;
  };
}

/** An RSA key pair as PEM, for a test's service account. */
export function rsaKeyPair(): { privateKeyPem: string; publicKeyPem: string } {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  return {
    privateKeyPem: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
    publicKeyPem: publicKey.export({ type: 'spki', format: 'pem' }).toString(),
  };
}
