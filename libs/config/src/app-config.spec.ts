import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { ConfigError, loadConfig, SECRET_SETTINGS } from './app-config';

const PRODUCTION = {
  NODE_ENV: 'production',
  PUBLIC_URL: 'https://seg.example.org',
  DATABASE_URL: 'postgres://seg@db.example.org:5432/seg',
  REDIS_URL: 'redis://cache.example.org:6379',
  SMTP_URL: 'smtp://mailer:secret@smtp.example.org:587',
  JWT_SECRET: 'k'.repeat(32),
  SEG_ADMIN_EMAIL: 'chair@seg.example.org',
  SEG_ADMIN_PASSWORD: 'a long and unusual passphrase',
};

function problemsOf(env: Record<string, string | undefined>): string[] {
  try {
    loadConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  throw new Error('expected the config to be refused');
}

describe('loadConfig', () => {
  it('gives working defaults outside production', () => {
    const config = loadConfig({});
    expect(config.env).toBe('development');
    expect(config.port).toBe(3000);
    expect(config.publicUrl).toBe('http://localhost:3000');
    expect(config.queuePrefix).toBe('seg');
    expect(config.admin).toEqual({ email: expect.any(String), password: expect.any(String) });
    expect(config.auth.accessTtlSeconds).toBe(900);
    expect(config.auth.refreshTtlSeconds).toBe(30 * 24 * 3600);
    expect(config.worker).toMatchObject({ relayIntervalMs: 5000, relayGraceMs: 5000 });
    expect(loadConfig({ RELAY_GRACE_MS: '250' }).worker.relayGraceMs).toBe(250);
  });

  it('names a malformed variable in the message', () => {
    expect(() => loadConfig({ DATABASE_URL: 'mysql://db/seg' })).toThrow(
      /DATABASE_URL: must be a URL starting with postgres:/,
    );
    expect(() => loadConfig({ PORT: 'eighty' })).toThrow(/PORT/);
    expect(() => loadConfig({ QUEUE_PREFIX: 'has space' })).toThrow(/QUEUE_PREFIX/);
  });

  it('names every bad variable at once', () => {
    const problems = problemsOf({ PORT: '70000', REDIS_URL: 'http://nope', SEED_DEMO: 'maybe' });
    expect(problems.map((p) => p.split(':')[0]).sort()).toEqual(['PORT', 'REDIS_URL', 'SEED_DEMO']);
  });

  it('reads how many proxies to trust, none by default', () => {
    expect(loadConfig({}).trustProxyHops).toBe(0);
    expect(loadConfig({ TRUST_PROXY: '1' }).trustProxyHops).toBe(1);
    expect(() => loadConfig({ TRUST_PROXY: 'yes' })).toThrow(/TRUST_PROXY/);
  });

  it('sizes the SMTP pool and the worker concurrency to it', () => {
    expect(loadConfig({}).mail.poolSize).toBe(5);
    expect(loadConfig({}).worker.concurrency).toBe(10);
    expect(loadConfig({ MAIL_POOL_SIZE: '8' }).worker.concurrency).toBe(16);
    expect(loadConfig({ MAIL_POOL_SIZE: '8', WORKER_CONCURRENCY: '30' }).worker.concurrency).toBe(30);
    expect(problemsOf({ MAIL_POOL_SIZE: '0' })).toEqual([expect.stringMatching(/^MAIL_POOL_SIZE:/)]);
    expect(problemsOf({ MAIL_POOL_SIZE: 'ten' })).toEqual([expect.stringMatching(/^MAIL_POOL_SIZE:/)]);
    expect(problemsOf({ MAIL_POOL_SIZE: '8', WORKER_CONCURRENCY: '4' })).toEqual([
      'WORKER_CONCURRENCY: must be at least MAIL_POOL_SIZE (8), or SMTP connections sit idle',
    ]);
  });

  it("keeps to the mail provider's limits unless told otherwise", () => {
    const limits = (env: Record<string, string>) => {
      const { provider, ratePerMinute, dailyLimit } = loadConfig(env).mail;
      return { provider, ratePerMinute, dailyLimit };
    };
    expect(limits({})).toEqual({ provider: 'smtp', ratePerMinute: 3000, dailyLimit: null });
    expect(limits({ MAIL_PROVIDER: 'microsoft365' })).toEqual({
      provider: 'microsoft365',
      ratePerMinute: 30,
      dailyLimit: 9500,
    });
    expect(limits({ MAIL_PROVIDER: 'google' })).toEqual({ provider: 'google', ratePerMinute: 60, dailyLimit: 1900 });
    expect(limits({ MAIL_PROVIDER: 'microsoft365', MAIL_RATE_PER_MINUTE: '20', MAIL_DAILY_LIMIT: '5000' })).toEqual({
      provider: 'microsoft365',
      ratePerMinute: 20,
      dailyLimit: 5000,
    });
    expect(problemsOf({ MAIL_PROVIDER: 'exchange', MAIL_DAILY_LIMIT: '0' })).toEqual([
      expect.stringMatching(/^MAIL_PROVIDER:/),
      expect.stringMatching(/^MAIL_DAILY_LIMIT:/),
    ]);
  });

  it('refuses the old MAIL_RATE_PER_SECOND, naming what replaced it, rather than drop the rate silently', () => {
    expect(problemsOf({ MAIL_RATE_PER_SECOND: '50' })).toEqual([
      'MAIL_RATE_PER_SECOND: replaced by MAIL_RATE_PER_MINUTE (60 times the old value: MAIL_RATE_PER_MINUTE=3000)',
    ]);
  });

  it('treats an empty variable as unset', () => {
    expect(loadConfig({ PORT: '' }).port).toBe(3000);
  });

  it('names the missing half of the admin pair', () => {
    expect(problemsOf({ SEG_ADMIN_EMAIL: 'a@b.org' })).toEqual(['SEG_ADMIN_PASSWORD: must be set with the other']);
    expect(problemsOf({ SEG_ADMIN_PASSWORD: 'long enough password' })).toEqual([
      'SEG_ADMIN_EMAIL: must be set with the other',
    ]);
  });

  describe('in production', () => {
    it('accepts a complete configuration and turns off the development defaults', () => {
      const config = loadConfig(PRODUCTION);
      expect(config.isProduction).toBe(true);
      expect(config.auth.jwtSecret).toBe('k'.repeat(32));
      expect(config.publicUrl).toBe('https://seg.example.org');
      expect(config.mail.smtpUrl).toBe(PRODUCTION.SMTP_URL);
      expect(config.seedDemo).toBe(false);
      expect(config.admin).toEqual({ email: PRODUCTION.SEG_ADMIN_EMAIL, password: PRODUCTION.SEG_ADMIN_PASSWORD });
    });

    it('has no demo admin when none is configured', () => {
      expect(loadConfig({ ...PRODUCTION, SEG_ADMIN_EMAIL: undefined, SEG_ADMIN_PASSWORD: undefined }).admin).toBeNull();
    });

    it('refuses a missing JWT_SECRET', () => {
      expect(problemsOf({ ...PRODUCTION, JWT_SECRET: undefined })).toEqual(['JWT_SECRET: is required in production']);
      expect(problemsOf({ ...PRODUCTION, JWT_SECRET: '' })).toEqual(['JWT_SECRET: is required in production']);
    });

    it('refuses the development JWT_SECRET', () => {
      const devSecret = loadConfig({}).auth.jwtSecret;
      expect(problemsOf({ ...PRODUCTION, JWT_SECRET: devSecret })).toEqual(['JWT_SECRET: is the development default']);
    });

    it('refuses a JWT_SECRET of 31 bytes and accepts one of 32', () => {
      expect(problemsOf({ ...PRODUCTION, JWT_SECRET: 'k'.repeat(31) })).toEqual([
        'JWT_SECRET: must be at least 32 bytes',
      ]);
      // Counted in bytes, not characters: 16 two-byte characters are 32 bytes.
      expect(loadConfig({ ...PRODUCTION, JWT_SECRET: 'é'.repeat(16) }).auth.jwtSecret).toBe('é'.repeat(16));
    });

    it('refuses a PUBLIC_URL on plain http to anything but a loopback address, saying why', () => {
      for (const host of ['seg.example.org', '192.168.1.20', '[2001:db8::1]']) {
        expect(problemsOf({ ...PRODUCTION, PUBLIC_URL: `http://${host}:3000` })).toEqual([
          expect.stringMatching(/^PUBLIC_URL: must be https in production .*Secure session cookie/),
        ]);
      }
      for (const host of ['localhost', '127.0.0.1', '[::1]'])
        expect(loadConfig({ ...PRODUCTION, PUBLIC_URL: `http://${host}:3000` }).publicUrl).toBe(`http://${host}:3000`);
    });

    it('refuses missing SMTP_URL and PUBLIC_URL, naming both', () => {
      expect(problemsOf({ ...PRODUCTION, SMTP_URL: undefined, PUBLIC_URL: undefined }).sort()).toEqual([
        'PUBLIC_URL: is required in production',
        'SMTP_URL: is required in production (or MAIL_AUTH=oauth2 with a MAIL_PROVIDER)',
      ]);
    });

    it('refuses the demo admin password', () => {
      const demo = loadConfig({}).admin!.password;
      expect(problemsOf({ ...PRODUCTION, SEG_ADMIN_PASSWORD: demo })).toEqual([
        'SEG_ADMIN_PASSWORD: is the demo default',
      ]);
    });

    it('puts every problem in one error message', () => {
      expect(() => loadConfig({ NODE_ENV: 'production' })).toThrow(/JWT_SECRET[\s\S]*SMTP_URL[\s\S]*PUBLIC_URL/);
    });
  });

  it('reads the inbound mailbox, and bounces go to MAIL_FROM unless BOUNCE_ADDRESS says otherwise', () => {
    const none = loadConfig({ MAIL_FROM: 'SEG Network <seg@example.org>' });
    expect(none.inbound).toEqual({
      imapUrl: null,
      pollSeconds: 60,
      doneFolder: 'Processed',
      unmatchedFolder: 'Unmatched',
    });
    expect(none.mail.bounceAddress).toBe('seg@example.org');
    const set = loadConfig({
      IMAP_URL: 'imaps://seg:pw@imap.example.org/INBOX',
      IMAP_POLL_SECONDS: '5',
      BOUNCE_ADDRESS: 'bounces@example.org',
    });
    expect(set.inbound.imapUrl).toBe('imaps://seg:pw@imap.example.org/INBOX');
    expect(set.inbound.pollSeconds).toBe(5);
    expect(set.mail.bounceAddress).toBe('bounces@example.org');
    expect(none.secretariatEmail).toBe('seg@example.org');
    expect(loadConfig({ SECRETARIAT_EMAIL: 'secretariat@example.org' }).secretariatEmail).toBe(
      'secretariat@example.org',
    );
    expect(problemsOf({ SECRETARIAT_EMAIL: 'the office' }).map((p) => p.split(':')[0])).toEqual(['SECRETARIAT_EMAIL']);
    expect(
      problemsOf({ IMAP_URL: 'pop3://mail.example.org', IMAP_DONE_FOLDER: 'INBOX', MAIL_FROM: 'no address' })
        .map((p) => p.split(':')[0])
        .sort(),
    ).toEqual(['IMAP_URL']);
    expect(
      problemsOf({ IMAP_DONE_FOLDER: 'Unmatched', MAIL_FROM: 'no address' })
        .map((p) => p.split(':')[0])
        .sort(),
    ).toEqual(['IMAP_DONE_FOLDER', 'MAIL_FROM']);
  });

  it('in production reads mail without a mailbox (only warns at start)', () => {
    expect(loadConfig(PRODUCTION).inbound.imapUrl).toBeNull();
  });

  it('asks members to confirm their details yearly and representatives every six months, unless told otherwise', () => {
    expect(loadConfig({}).detailsConfirm).toEqual({ months: 12, repMonths: 6 });
    expect(loadConfig({ DETAILS_CONFIRM_MONTHS: '24', DETAILS_CONFIRM_REP_MONTHS: '3' }).detailsConfirm).toEqual({
      months: 24,
      repMonths: 3,
    });
    expect(problemsOf({ DETAILS_CONFIRM_MONTHS: '0' })).toEqual([expect.stringMatching(/^DETAILS_CONFIRM_MONTHS:/)]);
  });

  it('keeps backups 35 days in var/backups by default, and gives a stopping process 30 s', () => {
    expect(loadConfig({}).backup).toEqual({ dir: 'var/backups', keepDays: 35 });
    expect(loadConfig({ BACKUP_DIR: '/srv/backups', BACKUP_KEEP_DAYS: '7' }).backup).toEqual({
      dir: '/srv/backups',
      keepDays: 7,
    });
    expect(problemsOf({ BACKUP_KEEP_DAYS: '0' })).toEqual([expect.stringMatching(/^BACKUP_KEEP_DAYS:/)]);
    expect(loadConfig({}).shutdownGraceMs).toBe(30_000);
    expect(loadConfig({ SHUTDOWN_GRACE_SECONDS: '5' }).shutdownGraceMs).toBe(5_000);
  });

  it('reads the times of the daily jobs, the nudges at 09:00, the backup at 02:30 and the retention run at 03:30 UK time by default', () => {
    expect(loadConfig({}).daily).toEqual({
      nudgeTime: { hour: 9, minute: 0 },
      retentionTime: { hour: 3, minute: 30 },
      backupTime: { hour: 2, minute: 30 },
      timeZone: 'Europe/London',
    });
    expect(loadConfig({ NUDGE_TIME: '17:45', RETENTION_TIME: '01:05' }).daily).toMatchObject({
      nudgeTime: { hour: 17, minute: 45 },
      retentionTime: { hour: 1, minute: 5 },
    });
    expect(loadConfig({ BACKUP_TIME: '23:15' }).daily.backupTime).toEqual({ hour: 23, minute: 15 });
    for (const bad of ['9:00', '24:00', '09:60', 'nine']) {
      expect(problemsOf({ BACKUP_TIME: bad })).toEqual([expect.stringMatching(/^BACKUP_TIME: must be a time of day/)]);
      expect(problemsOf({ NUDGE_TIME: bad })).toEqual([
        expect.stringMatching(/^NUDGE_TIME: must be a time of day as HH:MM/),
      ]);
      expect(problemsOf({ RETENTION_TIME: bad })).toEqual([
        expect.stringMatching(/^RETENTION_TIME: must be a time of day as HH:MM/),
      ]);
    }
  });

  describe('secrets from files (<NAME>_FILE, as Docker secrets are mounted)', () => {
    let dir: string;
    beforeAll(() => (dir = mkdtempSync(path.join(tmpdir(), 'seg-config-'))));
    afterAll(() => rmSync(dir, { recursive: true, force: true }));

    const secretFile = (name: string, content: string) => {
      const file = path.join(dir, name);
      writeFileSync(file, content, { mode: 0o600 });
      return file;
    };

    it('reads each secret from its file, less the final line break', () => {
      const config = loadConfig({
        ...PRODUCTION,
        JWT_SECRET: undefined,
        SMTP_URL: undefined,
        SEG_ADMIN_PASSWORD: undefined,
        DATABASE_URL: undefined,
        REDIS_URL: undefined,
        JWT_SECRET_FILE: secretFile('jwt', `${'s'.repeat(40)}\n`),
        SMTP_URL_FILE: secretFile('smtp', 'smtps://mailer:p%40ss@smtp.example.org:465\r\n'),
        SEG_ADMIN_PASSWORD_FILE: secretFile('admin', 'a long and unusual passphrase'),
        DATABASE_URL_FILE: secretFile('db', 'postgres://seg:secret@db:5432/seg\n'),
        REDIS_URL_FILE: secretFile('redis', 'redis://:secret@cache:6379\n'),
        IMAP_URL_FILE: secretFile('imap', 'imaps://seg:secret@imap.example.org/INBOX\n'),
      });
      expect(config.auth.jwtSecret).toBe('s'.repeat(40));
      expect(config.mail.smtpUrl).toBe('smtps://mailer:p%40ss@smtp.example.org:465');
      expect(config.admin!.password).toBe('a long and unusual passphrase');
      expect(config.databaseUrl).toBe('postgres://seg:secret@db:5432/seg');
      expect(config.redisUrl).toBe('redis://:secret@cache:6379');
      expect(config.inbound.imapUrl).toBe('imaps://seg:secret@imap.example.org/INBOX');
    });

    it('checks a value from a file as it checks the variable', () => {
      expect(
        problemsOf({ ...PRODUCTION, JWT_SECRET: undefined, JWT_SECRET_FILE: secretFile('short', 'short\n') }),
      ).toEqual(['JWT_SECRET: must be at least 32 bytes']);
    });

    it('names the file it cannot read, an empty file, and a secret set both ways', () => {
      const missing = path.join(dir, 'missing');
      expect(
        problemsOf({
          JWT_SECRET_FILE: missing,
          SMTP_URL_FILE: secretFile('empty', '\n'),
          IMAP_URL: 'imap://seg:pw@imap.example.org/INBOX',
          IMAP_URL_FILE: secretFile('imap2', 'imap://seg:pw@imap.example.org/INBOX'),
        }).sort(),
      ).toEqual([
        'IMAP_URL_FILE: set either IMAP_URL or IMAP_URL_FILE, not both',
        `JWT_SECRET_FILE: cannot read ${missing} (ENOENT)`,
        `SMTP_URL_FILE: ${path.join(dir, 'empty')} is empty`,
      ]);
    });

    it('takes the file form only for secrets', () => {
      expect(SECRET_SETTINGS).toEqual(expect.arrayContaining(['JWT_SECRET', 'SMTP_URL', 'IMAP_URL']));
      expect(loadConfig({ PORT_FILE: secretFile('port', '4000') }).port).toBe(3000);
    });
  });

  describe('MAIL_AUTH=oauth2', () => {
    const MICROSOFT = {
      MAIL_FROM: 'SEG Network <seg@group.example.org>',
      MAIL_AUTH: 'oauth2',
      MAIL_PROVIDER: 'microsoft365',
      OAUTH_TENANT_ID: 'group.example.org',
      OAUTH_CLIENT_ID: '00000000-1111-2222-3333-444444444444',
      OAUTH_CLIENT_SECRET: 'app secret',
    };
    const serviceAccountKey = () =>
      JSON.stringify({
        type: 'service_account',
        client_email: 'seg-mail@group-project.iam.gserviceaccount.com',
        private_key: generateKeyPairSync('rsa', { modulusLength: 2048 })
          .privateKey.export({ type: 'pkcs8', format: 'pem' })
          .toString(),
        token_uri: 'https://oauth2.googleapis.com/token',
      });

    it('stays with passwords by default', () => {
      const config = loadConfig({ SMTP_URL: 'smtp://u:p@smtp.example.org' });
      expect(config.mail.auth).toEqual({ kind: 'password' });
      expect(config.mail.provider).toBe('smtp');
      expect(config.mail.smtpUrl).toBe('smtp://u:p@smtp.example.org');
    });

    it("fills in Microsoft 365's servers and token endpoint, signing in as MAIL_FROM's mailbox", () => {
      const config = loadConfig(MICROSOFT);
      expect(config.mail.smtpUrl).toBe('smtp://seg%40group.example.org@smtp.office365.com:587');
      expect(config.inbound.imapUrl).toBe('imaps://seg%40group.example.org@outlook.office365.com:993/INBOX');
      expect(config.mail.auth).toEqual({
        kind: 'oauth2',
        grant: {
          kind: 'clientCredentials',
          tokenUrl: 'https://login.microsoftonline.com/group.example.org/oauth2/v2.0/token',
          scope: 'https://outlook.office365.com/.default',
          clientId: MICROSOFT.OAUTH_CLIENT_ID,
          secret: { clientSecret: 'app secret' },
        },
      });
      // Production needs no SMTP_URL when the provider names the server.
      expect(() => loadConfig({ ...PRODUCTION, ...MICROSOFT, SMTP_URL: undefined })).not.toThrow();
    });

    it('keeps the servers the URLs name, and the token endpoint OAUTH_TOKEN_URL names', () => {
      const config = loadConfig({
        ...MICROSOFT,
        SMTP_URL: 'smtp://127.0.0.1:2525',
        IMAP_URL: 'imap://archive%40group.example.org@127.0.0.1:1143/INBOX',
        OAUTH_TOKEN_URL: 'http://127.0.0.1:9000/token',
      });
      expect(config.mail.smtpUrl).toBe('smtp://seg%40group.example.org@127.0.0.1:2525');
      expect(config.inbound.imapUrl).toBe('imap://archive%40group.example.org@127.0.0.1:1143/INBOX');
      expect(config.mail.auth.kind === 'oauth2' && config.mail.auth.grant.tokenUrl).toBe('http://127.0.0.1:9000/token');
    });

    it("acts as MAIL_FROM's mailbox through a Google service account", () => {
      const config = loadConfig({
        MAIL_FROM: 'seg@group.example.org',
        MAIL_AUTH: 'oauth2',
        MAIL_PROVIDER: 'google',
        OAUTH_SERVICE_ACCOUNT_KEY: serviceAccountKey(),
      });
      expect(config.mail.smtpUrl).toBe('smtps://seg%40group.example.org@smtp.gmail.com:465');
      expect(config.inbound.imapUrl).toBe('imaps://seg%40group.example.org@imap.gmail.com:993/INBOX');
      expect(config.mail.auth).toEqual({
        kind: 'oauth2',
        grant: expect.objectContaining({
          kind: 'serviceAccount',
          tokenUrl: 'https://oauth2.googleapis.com/token',
          scope: 'https://mail.google.com/',
          clientEmail: 'seg-mail@group-project.iam.gserviceaccount.com',
          subject: 'seg@group.example.org',
        }),
      });
    });

    it('names what each provider still needs, and refuses a password it would never use', () => {
      expect(
        problemsOf({ MAIL_AUTH: 'oauth2', MAIL_PROVIDER: 'microsoft365' })
          .map((p) => p.split(':')[0])
          .sort(),
      ).toEqual(['OAUTH_CLIENT_ID', 'OAUTH_CLIENT_SECRET', 'OAUTH_TENANT_ID']);
      expect(problemsOf({ MAIL_AUTH: 'oauth2', MAIL_PROVIDER: 'google' }).map((p) => p.split(':')[0])).toEqual([
        'OAUTH_SERVICE_ACCOUNT_KEY',
      ]);
      expect(
        problemsOf({ MAIL_AUTH: 'oauth2', OAUTH_CLIENT_ID: 'app', OAUTH_CLIENT_SECRET: 's' })
          .map((p) => p.split(':')[0])
          .sort(),
      ).toEqual(['OAUTH_SCOPE', 'OAUTH_TOKEN_URL']);
      expect(problemsOf({ ...MICROSOFT, SMTP_URL: 'smtp://seg:password@smtp.example.org' })).toEqual([
        expect.stringMatching(/^SMTP_URL: has a password, but MAIL_AUTH=oauth2 signs in with a token/),
      ]);
      expect(problemsOf({ ...MICROSOFT, OAUTH_SERVICE_ACCOUNT_KEY: serviceAccountKey() })).toEqual([
        expect.stringMatching(/^OAUTH_SERVICE_ACCOUNT_KEY: is for Google/),
      ]);
      expect(problemsOf({ MAIL_AUTH: 'oauth2', OAUTH_SERVICE_ACCOUNT_KEY: '{not json', OAUTH_SCOPE: 's' })).toEqual([
        expect.stringMatching(/^OAUTH_SERVICE_ACCOUNT_KEY: must be the service account key file/),
        'OAUTH_TOKEN_URL: is required with MAIL_PROVIDER=smtp',
      ]);
    });

    it('takes a certificate instead of a client secret, and checks both halves are PEM', () => {
      expect(
        problemsOf({
          ...MICROSOFT,
          OAUTH_CLIENT_SECRET: undefined,
          OAUTH_CLIENT_CERTIFICATE: 'not a certificate',
          OAUTH_CLIENT_KEY: 'not a key',
        }).map((p) => p.split(':')[0]),
      ).toEqual(['OAUTH_CLIENT_CERTIFICATE', 'OAUTH_CLIENT_KEY']);
      expect(problemsOf({ ...MICROSOFT, OAUTH_CLIENT_KEY: 'k' }).map((p) => p.split(':')[0])).toEqual([
        'OAUTH_CLIENT_SECRET',
      ]);
    });

    it('reads the client secret and the service account key from files', () => {
      const dir = mkdtempSync(path.join(tmpdir(), 'seg-config-'));
      try {
        writeFileSync(path.join(dir, 'secret'), 'from a file\n');
        writeFileSync(path.join(dir, 'key.json'), serviceAccountKey());
        const ms = loadConfig({
          ...MICROSOFT,
          OAUTH_CLIENT_SECRET: undefined,
          OAUTH_CLIENT_SECRET_FILE: path.join(dir, 'secret'),
        });
        expect(ms.mail.auth.kind === 'oauth2' && ms.mail.auth.grant).toMatchObject({
          secret: { clientSecret: 'from a file' },
        });
        const google = loadConfig({
          MAIL_FROM: 'seg@group.example.org',
          MAIL_AUTH: 'oauth2',
          MAIL_PROVIDER: 'google',
          OAUTH_SERVICE_ACCOUNT_KEY_FILE: path.join(dir, 'key.json'),
        });
        expect(google.mail.auth.kind === 'oauth2' && google.mail.auth.grant.kind).toBe('serviceAccount');
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    });
  });
});

describe('loadConfig: List-Id and DKIM', () => {
  const pem = (bits: number) =>
    generateKeyPairSync('rsa', { modulusLength: bits }).privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();

  it("names meeting notices' list after MAIL_FROM unless MAIL_LIST_ID says otherwise", () => {
    expect(loadConfig({ MAIL_FROM: 'SEG Network <seg@seg.example.org>' }).mail.listId).toBe(
      'SEG Network meetings <meetings.seg.example.org>',
    );
    expect(loadConfig({ MAIL_FROM: 'seg@Example.org' }).mail.listId).toBe(
      'SEG Network meetings <meetings.example.org>',
    );
    expect(loadConfig({ MAIL_FROM: '"SEG, the network" <seg@example.org>' }).mail.listId).toBe(
      '"SEG, the network meetings" <meetings.example.org>',
    );
    expect(loadConfig({ MAIL_LIST_ID: 'Hub notices <hub.seg.example.org>' }).mail.listId).toBe(
      'Hub notices <hub.seg.example.org>',
    );
    expect(loadConfig({ MAIL_LIST_ID: 'hub.seg.example.org' }).mail.listId).toBe('<hub.seg.example.org>');
    for (const bad of ['meetings', 'Hub <no dots>', 'Hub <a..b>'])
      expect(problemsOf({ MAIL_LIST_ID: bad })).toEqual([expect.stringMatching(/^MAIL_LIST_ID: /)]);
  });

  it('signs with DKIM only when all three settings are given, and refuses half of them or a bad key', () => {
    expect(loadConfig({}).mail.dkim).toBeNull();
    const key = pem(2048);
    expect(
      loadConfig({ DKIM_DOMAIN: 'Example.org', DKIM_SELECTOR: 'seg2026', DKIM_PRIVATE_KEY: key }).mail.dkim,
    ).toEqual({
      domainName: 'example.org',
      keySelector: 'seg2026',
      privateKey: key,
    });
    expect(problemsOf({ DKIM_DOMAIN: 'example.org' })).toEqual([
      'DKIM_SELECTOR, DKIM_PRIVATE_KEY: must be set with DKIM_DOMAIN (DKIM signing needs all three)',
    ]);
    expect(problemsOf({ DKIM_DOMAIN: 'example.org', DKIM_PRIVATE_KEY: key })).toEqual([
      'DKIM_SELECTOR: must be set with DKIM_DOMAIN and DKIM_PRIVATE_KEY (DKIM signing needs all three)',
    ]);
    const three = { DKIM_DOMAIN: 'example.org', DKIM_SELECTOR: 'seg2026' };
    expect(problemsOf({ ...three, DKIM_PRIVATE_KEY: 'not a key' })).toEqual([
      expect.stringMatching(/^DKIM_PRIVATE_KEY: is not a private key/),
    ]);
    expect(problemsOf({ ...three, DKIM_PRIVATE_KEY: pem(512) })).toEqual([expect.stringMatching(/at least 1024 bits/)]);
    const ed25519 = generateKeyPairSync('ed25519').privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
    expect(problemsOf({ ...three, DKIM_PRIVATE_KEY: ed25519 })).toEqual([expect.stringMatching(/must be an RSA/)]);
    expect(problemsOf({ ...three, DKIM_SELECTOR: 'bad selector', DKIM_PRIVATE_KEY: key })).toEqual([
      expect.stringMatching(/^DKIM_SELECTOR: /),
    ]);
  });

  it('reads the DKIM key from a file (DKIM_PRIVATE_KEY_FILE), as a Docker secret', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'seg-dkim-'));
    try {
      const key = pem(1024);
      writeFileSync(path.join(dir, 'dkim.pem'), key);
      const config = loadConfig({
        DKIM_DOMAIN: 'example.org',
        DKIM_SELECTOR: 'seg2026',
        DKIM_PRIVATE_KEY_FILE: path.join(dir, 'dkim.pem'),
      });
      expect(config.mail.dkim?.privateKey).toBe(key.replace(/\n$/, ''));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
