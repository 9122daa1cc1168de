import { OAuthGrant } from '@seg/config';
import { OAuthTokens, TokenRefusedError } from '@seg/mail';
import { execFileSync } from 'node:child_process';
import { OAuthServer, rsaKeyPair } from './support/oauth-server';

/** A self-signed certificate and its key, as an administrator uploads to an app registration. */
function selfSignedCertificate(): { certificatePem: string; privateKeyPem: string } {
  const out = execFileSync(
    'openssl',
    [
      'req',
      '-x509',
      '-newkey',
      'rsa:2048',
      '-nodes',
      '-keyout',
      '-',
      '-out',
      '-',
      '-subj',
      '/CN=seg-mail',
      '-days',
      '2',
    ],
    { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] },
  );
  return {
    certificatePem: /-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----\n/.exec(out)![0],
    privateKeyPem: /-----BEGIN PRIVATE KEY-----[\s\S]+?-----END PRIVATE KEY-----\n/.exec(out)![0],
  };
}

/** A clock the test moves by hand. */
class TestClock {
  private at = Date.now();
  now(): Date {
    return new Date(this.at);
  }
  advance(ms: number): void {
    this.at += ms;
  }
}

describe('OAuth tokens for the mailbox (a local token server over HTTP)', () => {
  let server: OAuthServer;
  const mailbox = 'seg@group.test';

  beforeAll(async () => {
    server = await OAuthServer.start();
    server.tokenLifetimeSeconds = 30;
  });
  afterAll(() => server.stop());

  const secretGrant = (clientId: string, clientSecret: string): Extract<OAuthGrant, { kind: 'clientCredentials' }> => ({
    kind: 'clientCredentials',
    tokenUrl: server.tokenUrl,
    scope: 'https://outlook.office365.com/.default',
    clientId,
    secret: { clientSecret },
  });

  it('gets a token with a client secret, keeps it until shortly before it expires, then gets another', async () => {
    server.addClientWithSecret('app-secret', 'right secret', mailbox);
    const clock = new TestClock();
    const tokens = new OAuthTokens(secretGrant('app-secret', 'right secret'), { clock });

    const first = await tokens.token();
    expect(server.check(first.accessToken)).toBe(mailbox);
    expect(first.expiresAt.getTime() - clock.now().getTime()).toBe(30_000);

    clock.advance(26_000);
    expect((await tokens.token()).accessToken).toBe(first.accessToken);
    expect(tokens.requests).toBe(1);

    // A tenth of its life before it expires, a new connection gets a new token.
    clock.advance(1_500);
    const second = await tokens.token();
    expect(second.accessToken).not.toBe(first.accessToken);
    expect(tokens.requests).toBe(2);
  });

  it('shares one request among callers asking at once', async () => {
    server.addClientWithSecret('app-shared', 'shared secret', mailbox);
    const tokens = new OAuthTokens(secretGrant('app-shared', 'shared secret'));
    const got = await Promise.all(Array.from({ length: 8 }, () => tokens.token()));
    expect(new Set(got.map((t) => t.accessToken)).size).toBe(1);
    expect(tokens.requests).toBe(1);
  });

  it('asks for a new token when a server refused the kept one', async () => {
    server.addClientWithSecret('app-renew', 'renew secret', mailbox);
    const tokens = new OAuthTokens(secretGrant('app-renew', 'renew secret'));
    const first = await tokens.token();
    const renewed = await tokens.renew();
    expect(renewed.accessToken).not.toBe(first.accessToken);
    expect((await tokens.token()).accessToken).toBe(renewed.accessToken);
  });

  it("signs a client assertion with the app's certificate (PS256, x5t#S256) instead of a secret", async () => {
    const { certificatePem, privateKeyPem } = selfSignedCertificate();
    server.addClientWithCertificate('app-cert', certificatePem, mailbox);
    const issued = server.issued.clientCredentials;
    const tokens = new OAuthTokens({
      ...secretGrant('app-cert', ''),
      secret: { certificatePem, privateKeyPem },
    });
    expect(server.check((await tokens.token()).accessToken)).toBe(mailbox);
    expect(server.issued.clientCredentials).toBe(issued + 1);

    // Signed with another key, the assertion is refused.
    const impostor = new OAuthTokens({
      ...secretGrant('app-cert', ''),
      secret: { certificatePem, privateKeyPem: rsaKeyPair().privateKeyPem },
    });
    await expect(impostor.token()).rejects.toThrow(TokenRefusedError);
    expect(server.refusals.at(-1)).toBe('invalid_client: bad signature');
  });

  it('acts as the mailbox through a service account (JWT-bearer grant, sub = the mailbox)', async () => {
    const { privateKeyPem } = rsaKeyPair();
    server.addServiceAccount('seg-mail@project.iam.example', privateKeyPem, 'group.test');
    const grant: OAuthGrant = {
      kind: 'serviceAccount',
      tokenUrl: server.tokenUrl,
      scope: 'https://mail.google.com/',
      clientEmail: 'seg-mail@project.iam.example',
      privateKeyPem,
      subject: mailbox,
    };
    expect(server.check((await new OAuthTokens(grant).token()).accessToken)).toBe(mailbox);
    expect(server.issued.jwtBearer).toBe(1);

    await expect(new OAuthTokens({ ...grant, subject: 'seg@elsewhere.test' }).token()).rejects.toThrow(
      'unauthorized_client: not delegated for that mailbox',
    );
  });

  it("says the credentials were refused, with the endpoint's reason and no token, and works again once restored", async () => {
    server.addClientWithSecret('app-revoked', 'revoked secret', mailbox);
    const tokens = new OAuthTokens(secretGrant('app-revoked', 'revoked secret'));
    server.revoke('app-revoked');
    const refused = await tokens.token().catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(TokenRefusedError);
    expect((refused as Error).message).toBe(
      'The token endpoint refused the mail credentials: invalid_client: the client credentials were revoked',
    );

    server.restore('app-revoked');
    expect(server.check((await tokens.token()).accessToken)).toBe(mailbox);

    const wrong = new OAuthTokens(secretGrant('app-revoked', 'not the secret'));
    await expect(wrong.token()).rejects.toThrow('invalid_client: wrong client secret');
  });
});
