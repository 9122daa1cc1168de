import { AppConfig } from '@seg/config';
import { Database, notices } from '@seg/db';
import { NoticeQueue } from '@seg/queue';
import { eq } from 'drizzle-orm';
import IORedis from 'ioredis';
import { ApiHarness, startApi } from './api-harness';
import { OwnImap } from './imap-server';
import { introspectAt, OAuthServer, rsaKeyPair } from './oauth-server';
import { eventually } from './poll';
import { OwnRedis } from './redis-server';
import { SmtpSink, startOAuthSmtpSink, startSmtpSink } from './smtp-sink';
import { dropDatabase, testConfig } from './test-config';
import { SpawnedWorker, spawnWorker, startWorker, WorkerHarness, workerEnv } from './worker-harness';

export interface StackOptions {
  /** Environment on top of the test defaults (see test-config.ts). */
  env?: Record<string, string>;
  /** A loopback SMTP server; SMTP_URL points at it. */
  smtp?: boolean;
  /** The real worker in this process (mail goes to the SMTP server if there is one). */
  worker?: boolean;
  /** A Redis server of the file's own, which its tests may stop or flush; the shared one otherwise. */
  ownRedis?: boolean;
  /** False to start no API: the test starts its own with `startApi()` (first boot of an empty database). */
  api?: boolean;
  /** An IMAP server of the file's own (Dovecot), which its tests may stop; IMAP_URL points at it. */
  imap?: boolean;
  /**
   * Mail signed in to with OAuth alone, as Microsoft 365 and Google have it: a local token
   * server with the app `OAUTH_APP` registered for MAIL_FROM's mailbox (microsoft365, the
   * default) or a service account delegated for its domain (google), and the SMTP and IMAP
   * servers (as asked) taking only its tokens. MAIL_AUTH=oauth2 with every server and the token
   * endpoint on loopback.
   */
  oauth?: { mailbox: string; provider?: 'microsoft365' | 'google' };
}

/** The app registration an OAuth stack's worker signs in as (Microsoft 365). */
export const OAUTH_APP = { clientId: 'seg-network-app', clientSecret: 'app-secret-value' };

let serviceAccountKey: string | undefined;

/** The service account an OAuth stack's worker acts as the mailbox with (Google); its key is made when first used. */
export const OAUTH_SERVICE_ACCOUNT = {
  clientEmail: 'seg-mail@seg-network.iam.example',
  get privateKeyPem(): string {
    return (serviceAccountKey ??= rsaKeyPair().privateKeyPem);
  },
};

/**
 * What one e2e file runs against: its own database and Redis prefix, the real API, and as asked
 * an SMTP server, the worker and a Redis of its own. Everything it started is stopped and the
 * database dropped after the file, whatever the tests did.
 */
export class Stack {
  private ownRedis: OwnRedis | null = null;
  private ownImap: OwnImap | null = null;
  private oauthServer: OAuthServer | null = null;
  private smtpSink: SmtpSink | null = null;
  private appConfig: AppConfig | null = null;
  private mainApi: ApiHarness | null = null;
  private currentWorker: WorkerHarness | null = null;
  private readonly extraApis: ApiHarness[] = [];
  private readonly spawned: SpawnedWorker[] = [];

  constructor(private readonly options: StackOptions = {}) {}

  get config(): AppConfig {
    if (!this.appConfig) throw new Error(NOT_RUNNING);
    return this.appConfig;
  }

  get api(): ApiHarness {
    if (!this.mainApi)
      throw new Error(this.appConfig ? 'This stack started no API: useStack({ api: false })' : NOT_RUNNING);
    return this.mainApi;
  }

  get db(): Database {
    return this.api.db;
  }

  /** A supertest agent on the API. */
  http(): ReturnType<ApiHarness['http']> {
    return this.api.http();
  }

  get sink(): SmtpSink {
    if (!this.smtpSink) throw new Error('This stack has no SMTP server: useStack({ smtp: true })');
    return this.smtpSink;
  }

  get worker(): WorkerHarness {
    if (!this.currentWorker) throw new Error('No worker is running: useStack({ worker: true }), or startWorker()');
    return this.currentWorker;
  }

  get redis(): OwnRedis {
    if (!this.ownRedis)
      throw new Error('This stack shares the machine Redis: useStack({ ownRedis: true }) for one to stop or flush');
    return this.ownRedis;
  }

  get oauth(): OAuthServer {
    if (!this.oauthServer) throw new Error('This stack has no token server: useStack({ oauth: { mailbox } })');
    return this.oauthServer;
  }

  get imap(): OwnImap {
    if (!this.ownImap) throw new Error('This stack has no IMAP server: useStack({ imap: true })');
    return this.ownImap;
  }

  async start(): Promise<void> {
    if (this.options.ownRedis) this.ownRedis = await OwnRedis.start();
    const oauth = this.options.oauth;
    if (oauth) {
      this.oauthServer = await OAuthServer.start();
      // An hour, as Microsoft's: within a test the worker never renews one early by its own clock,
      // so a token is replaced only when a server refuses it (the test moves the server's clock).
      this.oauthServer.tokenLifetimeSeconds = 3600;
      this.oauthServer.addClientWithSecret(OAUTH_APP.clientId, OAUTH_APP.clientSecret, oauth.mailbox);
      this.oauthServer.addServiceAccount(
        OAUTH_SERVICE_ACCOUNT.clientEmail,
        OAUTH_SERVICE_ACCOUNT.privateKeyPem,
        oauth.mailbox.split('@')[1],
      );
    }
    const oauthImap = oauth && { introspectionUrl: this.oauthServer!.introspectionUrl, mailbox: oauth.mailbox };
    if (this.options.imap) this.ownImap = await OwnImap.start(oauthImap);
    if (this.options.smtp)
      this.smtpSink = oauth
        ? await startOAuthSmtpSink(introspectAt(this.oauthServer!.introspectionUrl))
        : await startSmtpSink();
    this.appConfig = testConfig({
      ...this.options.env,
      ...(this.smtpSink ? { SMTP_URL: this.smtpSink.url } : {}),
      ...(this.ownRedis ? { REDIS_URL: this.ownRedis.url } : {}),
      ...(this.ownImap ? { IMAP_URL: oauth ? this.ownImap.oauthUrl : this.ownImap.url } : {}),
      ...(oauth ? { MAIL_FROM: `SEG Network <${oauth.mailbox}>`, MAIL_AUTH: 'oauth2' } : {}),
      ...(oauth && oauth.provider !== 'google'
        ? {
            MAIL_PROVIDER: 'microsoft365',
            OAUTH_TENANT_ID: 'group.test',
            OAUTH_CLIENT_ID: OAUTH_APP.clientId,
            OAUTH_CLIENT_SECRET: OAUTH_APP.clientSecret,
            OAUTH_TOKEN_URL: this.oauthServer!.tokenUrl,
          }
        : {}),
      ...(oauth?.provider === 'google'
        ? {
            MAIL_PROVIDER: 'google',
            // The key file as Google's console gives it; its token_uri names the endpoint.
            OAUTH_SERVICE_ACCOUNT_KEY: JSON.stringify({
              type: 'service_account',
              client_email: OAUTH_SERVICE_ACCOUNT.clientEmail,
              private_key: OAUTH_SERVICE_ACCOUNT.privateKeyPem,
              token_uri: this.oauthServer!.tokenUrl,
            }),
          }
        : {}),
    });
    if (this.options.api !== false) this.mainApi = await startApi(this.appConfig);
    if (this.options.worker) await this.startWorker();
  }

  /** Starts the in-process worker (after `stopWorker`, or in a stack made without one). */
  async startWorker(): Promise<WorkerHarness> {
    if (this.currentWorker) throw new Error('A worker is already running');
    this.currentWorker = await startWorker(this.config);
    return this.currentWorker;
  }

  async stopWorker(): Promise<void> {
    const worker = this.currentWorker;
    this.currentWorker = null;
    await worker?.close();
  }

  /** The built worker as a child process on this stack's config; killed after the file. */
  spawnWorker(env: Record<string, string> = {}): SpawnedWorker {
    const worker = spawnWorker(workerEnv(this.config, { LOG_LEVEL: 'warn', ...env }));
    this.spawned.push(worker);
    return worker;
  }

  /** Kills every worker process started with spawnWorker (for afterEach, so the next test starts clean). */
  async killSpawnedWorkers(): Promise<void> {
    await Promise.all(this.spawned.splice(0).map(killWorker));
  }

  /** Another API on the same database and Redis (a second process, as far as the app can tell); closed after the file. */
  async startApi(): Promise<ApiHarness> {
    const started = await startApi(this.config);
    let closing: Promise<void> | null = null;
    // A test may close it early; the stack's own close then does nothing.
    const api = { ...started, close: () => (closing ??= started.close()) };
    this.extraApis.push(api);
    return api;
  }

  /**
   * Waits until no notice is left to send: no row still queued and no notice job waiting, active
   * or delayed. Past this point no further mail can arrive until something new is queued.
   */
  async noticesSettled(timeoutMs = 30_000): Promise<void> {
    const queue = this.api.app.get(NoticeQueue).notices;
    await eventually(
      'every notice to be sent or failed, and the notice queue idle',
      async () => {
        const queued = await this.db
          .select({ id: notices.id })
          .from(notices)
          .where(eq(notices.status, 'queued'))
          .limit(1);
        if (queued.length) return false;
        const counts = await queue.getJobCounts('waiting', 'active', 'delayed', 'prioritized', 'waiting-children');
        return Object.values(counts).every((n) => n === 0);
      },
      timeoutMs,
    );
  }

  /** Deletes this stack's Redis keys that match a pattern (which should start with the queue prefix). */
  async forgetRedisKeys(pattern: string): Promise<void> {
    if (!pattern.startsWith(`${this.config.queuePrefix}:`))
      throw new Error(`${pattern} is not under this stack's prefix`);
    await deleteKeys(this.config.redisUrl, pattern);
  }

  /** Stops whatever was started, each part even if another fails, and drops the database. */
  async stop(): Promise<void> {
    const { appConfig: config, mainApi: api, smtpSink: sink, ownRedis: redis, ownImap: imap, oauthServer } = this;
    const steps: (() => Promise<unknown>)[] = [
      ...this.spawned.splice(0).map((w) => () => killWorker(w)),
      () => this.stopWorker(),
      ...this.extraApis.splice(0).map((a) => () => a.close()),
      async () => api?.close(),
      async () => sink?.stop(),
      async () => imap?.destroy(),
      async () => oauthServer?.stop(),
      async () => (redis ? redis.stop() : config && deleteKeys(config.redisUrl, `${config.queuePrefix}:*`)),
      async () => config && dropDatabase(config.databaseUrl),
    ];
    this.mainApi = null;
    this.smtpSink = null;
    this.ownRedis = null;
    this.ownImap = null;
    this.oauthServer = null;
    const failures: unknown[] = [];
    for (const step of steps) await step().catch((error: unknown) => failures.push(error));
    if (failures.length) throw failures[0];
  }
}

const NOT_RUNNING = 'The stack is not running: use it inside a test or a hook after useStack()';

async function killWorker(worker: SpawnedWorker): Promise<void> {
  if (worker.child.exitCode !== null || worker.child.signalCode !== null) return;
  worker.child.kill('SIGKILL');
  await worker.exited;
}

async function deleteKeys(redisUrl: string, pattern: string): Promise<void> {
  const redis = new IORedis(redisUrl);
  try {
    const keys: string[] = [];
    for await (const batch of redis.scanStream({ match: pattern, count: 1000 })) keys.push(...(batch as string[]));
    for (let i = 0; i < keys.length; i += 1000) await redis.del(...keys.slice(i, i + 1000));
  } finally {
    redis.disconnect();
  }
}

/** Starts a stack before the tests of the enclosing `describe` (or file) and stops it after them. */
export function useStack(options: StackOptions = {}): Stack {
  const stack = new Stack(options);
  beforeAll(() => stack.start());
  afterAll(() => stack.stop());
  return stack;
}
