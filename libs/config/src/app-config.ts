import { createPrivateKey, X509Certificate } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { z } from 'zod';
// The one file of @seg/rules: its index reaches libs that read this config.
import { LONDON_TZID } from '@seg/rules/london-time';

/** Browsers keep Secure cookies on https, and on plain http only for loopback hosts. */
function servesSecureCookies(publicUrl: string): boolean {
  const url = new URL(publicUrl);
  return url.protocol === 'https:' || ['localhost', '127.0.0.1', '[::1]'].includes(url.hostname);
}

const DEV_JWT_SECRET = 'development-only-secret-change-me-in-production';
const DEV_ADMIN_EMAIL = 'admin@seg.localhost';
const DEV_ADMIN_PASSWORD = 'demo-admin-passphrase';

/** Where the inbound reader moves messages it could not match to a meeting or a notice. */
const UNMATCHED_FOLDER = 'Unmatched';

/** Each provider's servers, as its own documentation names them. */
const PROVIDER_SERVERS: Record<Exclude<MailProvider, 'smtp'>, { smtp: string; imap: string }> = {
  microsoft365: { smtp: 'smtp://smtp.office365.com:587', imap: 'imaps://outlook.office365.com:993/INBOX' },
  google: { smtp: 'smtps://smtp.gmail.com:465', imap: 'imaps://imap.gmail.com:993/INBOX' },
};

const MICROSOFT_SCOPE = 'https://outlook.office365.com/.default';
const GOOGLE_TOKEN_URL = 'https://oauth2.googleapis.com/token';
const GOOGLE_SCOPE = 'https://mail.google.com/';

/**
 * How the worker gets an access token for the mailbox. `clientCredentials`: the app signs in as
 * itself, with a secret or a certificate (Microsoft 365's app-only access); `serviceAccount`: a
 * signed JWT asks for a token acting as the mailbox (Google's domain-wide delegation).
 */
export type OAuthGrant =
  | {
      kind: 'clientCredentials';
      tokenUrl: string;
      scope: string;
      clientId: string;
      secret: { clientSecret: string } | { certificatePem: string; privateKeyPem: string };
    }
  | {
      kind: 'serviceAccount';
      tokenUrl: string;
      scope: string;
      clientEmail: string;
      privateKeyPem: string;
      /** The mailbox the service account acts as. */
      subject: string;
    };

const bool = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'], { message: 'must be true or false' })
  .transform((v) => v === 'true' || v === '1' || v === 'yes');

const url = (protocols: string[]) =>
  z.string().refine(
    (v) => {
      try {
        return protocols.includes(new URL(v).protocol);
      } catch {
        return false;
      }
    },
    { message: `must be a URL starting with ${protocols.map((p) => `${p}//`).join(' or ')}` },
  );

/** Who carries our mail: sets the defaults of the sending limits (and, with OAuth, the servers). */
export const MAIL_PROVIDERS = ['smtp', 'microsoft365', 'google'] as const;
export type MailProvider = (typeof MAIL_PROVIDERS)[number];

/**
 * Each provider's caps, with room left for what people send by hand from the same mailbox.
 * Exchange Online: 30 messages a minute and 10,000 recipients a day per mailbox. Google
 * Workspace: 2,000 messages a day per user (one recipient each, as we send), no per-minute cap
 * published. Any other server: no day limit, and the 50 a second this worker always kept to.
 */
export const MAIL_PROVIDER_LIMITS: Record<MailProvider, { ratePerMinute: number; dailyLimit: number | null }> = {
  microsoft365: { ratePerMinute: 30, dailyLimit: 9_500 },
  google: { ratePerMinute: 60, dailyLimit: 1_900 },
  smtp: { ratePerMinute: 3_000, dailyLimit: null },
};

const timeOfDay = z
  .string()
  .regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'must be a time of day as HH:MM (24-hour, Europe/London)');

const schema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  PUBLIC_URL: url(['http:', 'https:']).optional(),
  DATABASE_URL: url(['postgres:', 'postgresql:']).default('postgres://postgres@127.0.0.1:5432/seg'),
  REDIS_URL: url(['redis:', 'rediss:']).default('redis://127.0.0.1:6379'),
  QUEUE_PREFIX: z
    .string()
    .regex(/^[A-Za-z0-9_.:-]+$/, 'may hold only letters, digits and _ . : -')
    .default('seg'),
  SMTP_URL: url(['smtp:', 'smtps:']).optional(),
  MAIL_PROVIDER: z.enum(MAIL_PROVIDERS).default('smtp'),
  MAIL_AUTH: z.enum(['password', 'oauth2']).default('password'),
  MAIL_AUTH_RETRY_SECONDS: z.coerce.number().int().min(1).max(3600).default(60),
  OAUTH_TOKEN_URL: url(['https:', 'http:']).optional(),
  OAUTH_SCOPE: z.string().min(1).optional(),
  OAUTH_TENANT_ID: z
    .string()
    .regex(/^[A-Za-z0-9.-]+$/, 'must be the directory (tenant) ID or its domain')
    .optional(),
  OAUTH_CLIENT_ID: z.string().min(1).optional(),
  OAUTH_CLIENT_SECRET: z.string().min(1).optional(),
  OAUTH_CLIENT_CERTIFICATE: z.string().min(1).optional(),
  OAUTH_CLIENT_KEY: z.string().min(1).optional(),
  OAUTH_SERVICE_ACCOUNT_KEY: z.string().min(1).optional(),
  MAIL_FROM: z.string().min(3).default('SEG Network <seg@localhost>'),
  MAIL_RATE_PER_MINUTE: z.coerce.number().int().min(1).max(600_000).optional(),
  MAIL_DAILY_LIMIT: z.coerce.number().int().min(1).max(10_000_000).optional(),
  MAIL_POOL_SIZE: z.coerce.number().int().min(1).max(50).default(5),
  MAIL_CATCHER_PORT: z.coerce.number().int().min(0).max(65535).default(1025),
  MAIL_DIR: z.string().min(1).default('var/mail'),
  BOUNCE_ADDRESS: z.string().email().optional(),
  MAIL_LIST_ID: z.string().max(200).optional(),
  DKIM_DOMAIN: z
    .string()
    .regex(/^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/i, 'must be a domain, like example.org')
    .optional(),
  DKIM_SELECTOR: z
    .string()
    .regex(
      /^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?(\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)*$/i,
      'must be a DNS label, like seg2026',
    )
    .optional(),
  DKIM_PRIVATE_KEY: z.string().optional(),
  SECRETARIAT_EMAIL: z.string().email().optional(),
  IMAP_URL: url(['imap:', 'imaps:']).optional(),
  IMAP_POLL_SECONDS: z.coerce.number().int().min(1).max(3600).default(60),
  IMAP_DONE_FOLDER: z.string().min(1).max(200).default('Processed'),
  WEB_DIR: z.string().min(1).default('dist/web'),
  JWT_SECRET: z.string().min(1).default(DEV_JWT_SECRET),
  SEG_ADMIN_EMAIL: z.string().email().optional(),
  SEG_ADMIN_PASSWORD: z.string().min(12).max(128).optional(),
  SEED_DEMO: bool.optional(),
  CORS_ORIGINS: z.string().default(''),
  TRUST_PROXY: z.coerce.number().int().min(0).max(10).default(0),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  WORKER_CONCURRENCY: z.coerce.number().int().min(1).max(200).optional(),
  RELAY_INTERVAL_MS: z.coerce.number().int().min(100).max(600000).default(5000),
  RELAY_GRACE_MS: z.coerce.number().int().min(0).max(600000).default(5000),
  REMINDER_HOURS_BEFORE: z.coerce
    .number()
    .min(0)
    .max(24 * 14)
    .default(24),
  DETAILS_CONFIRM_MONTHS: z.coerce.number().int().min(1).max(60).default(12),
  DETAILS_CONFIRM_REP_MONTHS: z.coerce.number().int().min(1).max(60).default(6),
  RETENTION_LEFT_MONTHS: z.coerce.number().int().min(1).max(240).default(24),
  RETENTION_NOTICE_MONTHS: z.coerce.number().int().min(1).max(240).default(24),
  RETENTION_ATTENDANCE_YEARS: z.coerce.number().int().min(1).max(50).default(5),
  NUDGE_TIME: timeOfDay.default('09:00'),
  RETENTION_TIME: timeOfDay.default('03:30'),
  BACKUP_DIR: z.string().min(1).default('var/backups'),
  BACKUP_TIME: timeOfDay.default('02:30'),
  BACKUP_KEEP_DAYS: z.coerce.number().int().min(1).max(3650).default(35),
  SHUTDOWN_GRACE_SECONDS: z.coerce.number().int().min(1).max(3600).default(30),
  METRICS_TOKEN: z.string().min(16, 'must be at least 16 characters (openssl rand -hex 24)').optional(),
});

export type RawConfig = z.infer<typeof schema>;

/**
 * Settings that may instead be read from a file named by `<NAME>_FILE` (Docker or Kubernetes
 * secrets): the file's content, less a final line break, is the value.
 */
export const SECRET_SETTINGS = [
  'JWT_SECRET',
  'DATABASE_URL',
  'REDIS_URL',
  'SMTP_URL',
  'IMAP_URL',
  'SEG_ADMIN_PASSWORD',
  'METRICS_TOKEN',
  'OAUTH_CLIENT_SECRET',
  'OAUTH_CLIENT_CERTIFICATE',
  'OAUTH_CLIENT_KEY',
  'OAUTH_SERVICE_ACCOUNT_KEY',
  'DKIM_PRIVATE_KEY',
] as const satisfies readonly (keyof RawConfig)[];

/** Every environment variable the apps read: each setting, and the file form of each secret. */
export const SETTING_NAMES: readonly string[] = [
  ...Object.keys(schema.shape),
  ...SECRET_SETTINGS.map((name) => `${name}_FILE`),
];

/** Reads a secret file's text; tests pass their own. */
export type SecretFileReader = (path: string) => string;

const readSecretFile: SecretFileReader = (path) => readFileSync(path, 'utf8');

/**
 * Replaces each `<NAME>_FILE` by the file's content as `<NAME>`. Setting both is refused: one of
 * them would be silently ignored.
 */
function withSecretFiles(
  env: Record<string, string>,
  read: SecretFileReader,
  problems: string[],
): Record<string, string> {
  const resolved = { ...env };
  for (const name of SECRET_SETTINGS) {
    const file = env[`${name}_FILE`];
    delete resolved[`${name}_FILE`];
    if (file === undefined) continue;
    if (env[name] !== undefined) {
      problems.push(`${name}_FILE: set either ${name} or ${name}_FILE, not both`);
      continue;
    }
    let content: string;
    try {
      content = read(file);
    } catch (error) {
      problems.push(`${name}_FILE: cannot read ${file} (${(error as NodeJS.ErrnoException).code ?? String(error)})`);
      continue;
    }
    const value = content.replace(/\r?\n$/, '');
    if (!value) problems.push(`${name}_FILE: ${file} is empty`);
    else resolved[name] = value;
  }
  return resolved;
}

export interface AppConfig {
  env: 'development' | 'production' | 'test';
  isProduction: boolean;
  port: number;
  publicUrl: string;
  databaseUrl: string;
  redisUrl: string;
  queuePrefix: string;
  corsOrigins: string[];
  /** Reverse proxies in front of the API, whose X-Forwarded-For gives the client address. */
  trustProxyHops: number;
  logLevel: RawConfig['LOG_LEVEL'];
  auth: { jwtSecret: string; accessTtlSeconds: number; refreshTtlSeconds: number };
  admin: { email: string; password: string } | null;
  seedDemo: boolean;
  mail: {
    smtpUrl: string | null;
    /**
     * How the worker signs in to SMTP and IMAP: the password in each URL, or an OAuth 2.0 access
     * token for the URL's user name (the mailbox), got with `grant`.
     */
    auth: { kind: 'password' } | { kind: 'oauth2'; grant: OAuthGrant };
    /** While the provider refuses our credentials, sending (and signing in to read) is tried again this often. */
    authRetryMs: number;
    from: string;
    /** MAIL_FROM's address alone: the ORGANIZER of every calendar object, and the inbound mailbox. */
    fromAddress: string;
    provider: MailProvider;
    /** Emails a minute across all workers together (MAIL_RATE_PER_MINUTE, or the provider's). */
    ratePerMinute: number;
    /** Recipients in any rolling 24 hours across all workers; null: no limit. */
    dailyLimit: number | null;
    /** Parallel SMTP connections of the worker's pool. */
    poolSize: number;
    catcherPort: number;
    dir: string;
    /** Where bounces go: each notice's envelope sender is this address plus a tag (VERP). */
    bounceAddress: string;
    /** The List-Id header of meeting notices (RFC 2919): `SEG Network meetings <meetings.example.org>`. */
    listId: string;
    /** DKIM signing of every message (groups sending through their own relay); null: not signed. */
    dkim: { domainName: string; keySelector: string; privateKey: string } | null;
  };
  /** Where members write to reach the secretariat: shown wherever a contact detail is kept private. */
  secretariatEmail: string;
  /**
   * The mailbox the worker reads (MAIL_FROM's mailbox): calendar replies and bounces. Null
   * without IMAP_URL; outside production the mail catcher then takes mail to MAIL_FROM.
   */
  inbound: { imapUrl: string | null; pollSeconds: number; doneFolder: string; unmatchedFolder: string };
  worker: {
    concurrency: number;
    relayIntervalMs: number;
    /** The API queues a notice right after its commit; only rows queued longer ago than this are the relay's. */
    relayGraceMs: number;
  };
  meetings: { reminderHoursBefore: number };
  /** How often members are asked to confirm their details; representatives holding a post today more often. */
  detailsConfirm: { months: number; repMonths: number };
  /**
   * Storage limitation: members who left are erased after `leftMonths`; notices are stripped of
   * bodies and addresses after `noticeMonths`; attendance (with its certificates and reflections)
   * goes `attendanceYears` after its meeting.
   */
  retention: { leftMonths: number; noticeMonths: number; attendanceYears: number };
  /** The worker's daily jobs, each at a time of day in `timeZone`: the nudges, the backup and the retention run (at night, when nobody is signed in). */
  daily: { nudgeTime: TimeOfDay; retentionTime: TimeOfDay; backupTime: TimeOfDay; timeZone: string };
  /** The nightly database backup: where the dumps are written and how many days each is kept. */
  backup: { dir: string; keepDays: number };
  /** How long a process, once told to stop (SIGTERM), lets the work in hand finish before it exits anyway. */
  shutdownGraceMs: number;
  /** The built web app that the API serves at `/`. */
  web: { dir: string };
  /** The bearer token GET /metrics asks for; null: no metrics page. */
  metricsToken: string | null;
}

export interface TimeOfDay {
  hour: number;
  minute: number;
}

/** An HH:MM the schema has checked. */
function readTimeOfDay(time: string): TimeOfDay {
  return { hour: Number(time.slice(0, 2)), minute: Number(time.slice(3)) };
}

/** A URL's user name, or the mailbox when it names none: providers sign in as the mailbox. */
function withMailboxUser(value: string, mailbox: string): string {
  const u = new URL(value);
  if (!u.username) u.username = encodeURIComponent(mailbox);
  return u.toString();
}

function readServiceAccountKey(
  json: string,
  problems: string[],
): { clientEmail: string; privateKeyPem: string; tokenUri?: string } | null {
  let key: { client_email?: unknown; private_key?: unknown; token_uri?: unknown };
  try {
    key = JSON.parse(json);
  } catch {
    problems.push('OAUTH_SERVICE_ACCOUNT_KEY: must be the service account key file (JSON) as downloaded');
    return null;
  }
  if (typeof key.client_email !== 'string' || typeof key.private_key !== 'string') {
    problems.push('OAUTH_SERVICE_ACCOUNT_KEY: must hold client_email and private_key (a service account key)');
    return null;
  }
  if (!isPrivateKey(key.private_key)) {
    problems.push('OAUTH_SERVICE_ACCOUNT_KEY: its private_key is not a PEM private key');
    return null;
  }
  return {
    clientEmail: key.client_email,
    privateKeyPem: key.private_key,
    tokenUri: typeof key.token_uri === 'string' ? key.token_uri : undefined,
  };
}

function isPrivateKey(pem: string): boolean {
  try {
    createPrivateKey(pem);
    return true;
  } catch {
    return false;
  }
}

function isCertificate(pem: string): boolean {
  try {
    new X509Certificate(pem);
    return true;
  } catch {
    return false;
  }
}

/** The token grant MAIL_AUTH=oauth2 uses, from the provider's defaults and the OAUTH_* settings. */
function readOAuthGrant(raw: RawConfig, mailbox: string, problems: string[]): OAuthGrant | null {
  const before = problems.length;
  const provider = raw.MAIL_PROVIDER;
  const scope =
    raw.OAUTH_SCOPE ??
    (provider === 'microsoft365' ? MICROSOFT_SCOPE : provider === 'google' ? GOOGLE_SCOPE : undefined);
  if (!scope) problems.push('OAUTH_SCOPE: is required with MAIL_AUTH=oauth2 and MAIL_PROVIDER=smtp');

  if (raw.OAUTH_SERVICE_ACCOUNT_KEY) {
    if (provider === 'microsoft365') {
      problems.push(
        'OAUTH_SERVICE_ACCOUNT_KEY: is for Google; Microsoft 365 signs in with OAUTH_CLIENT_ID and a secret or certificate',
      );
      return null;
    }
    for (const name of [
      'OAUTH_CLIENT_ID',
      'OAUTH_CLIENT_SECRET',
      'OAUTH_CLIENT_CERTIFICATE',
      'OAUTH_CLIENT_KEY',
    ] as const)
      if (raw[name]) problems.push(`${name}: set either a service account key or client credentials, not both`);
    const key = readServiceAccountKey(raw.OAUTH_SERVICE_ACCOUNT_KEY, problems);
    const tokenUrl = raw.OAUTH_TOKEN_URL ?? key?.tokenUri ?? (provider === 'google' ? GOOGLE_TOKEN_URL : undefined);
    if (!tokenUrl) problems.push('OAUTH_TOKEN_URL: is required with MAIL_PROVIDER=smtp');
    if (problems.length > before || !key || !tokenUrl || !scope) return null;
    return {
      kind: 'serviceAccount',
      tokenUrl,
      scope,
      clientEmail: key.clientEmail,
      privateKeyPem: key.privateKeyPem,
      subject: mailbox,
    };
  }

  if (provider === 'google') {
    problems.push('OAUTH_SERVICE_ACCOUNT_KEY: is required with MAIL_PROVIDER=google');
    return null;
  }
  if (!raw.OAUTH_CLIENT_ID) problems.push('OAUTH_CLIENT_ID: is required with MAIL_AUTH=oauth2');
  const tokenUrl =
    raw.OAUTH_TOKEN_URL ??
    (provider === 'microsoft365' && raw.OAUTH_TENANT_ID
      ? `https://login.microsoftonline.com/${raw.OAUTH_TENANT_ID}/oauth2/v2.0/token`
      : undefined);
  if (!tokenUrl)
    problems.push(
      provider === 'microsoft365'
        ? 'OAUTH_TENANT_ID: is required with MAIL_PROVIDER=microsoft365 (the directory ID of the app registration)'
        : 'OAUTH_TOKEN_URL: is required with MAIL_PROVIDER=smtp',
    );
  let secret: Extract<OAuthGrant, { kind: 'clientCredentials' }>['secret'] | null = null;
  const byCertificate = Boolean(raw.OAUTH_CLIENT_CERTIFICATE || raw.OAUTH_CLIENT_KEY);
  if (raw.OAUTH_CLIENT_SECRET && byCertificate) {
    problems.push('OAUTH_CLIENT_SECRET: set either a client secret or a certificate, not both');
  } else if (raw.OAUTH_CLIENT_SECRET) {
    secret = { clientSecret: raw.OAUTH_CLIENT_SECRET };
  } else if (byCertificate) {
    if (!raw.OAUTH_CLIENT_CERTIFICATE || !isCertificate(raw.OAUTH_CLIENT_CERTIFICATE))
      problems.push("OAUTH_CLIENT_CERTIFICATE: must be the app's X.509 certificate (PEM), with OAUTH_CLIENT_KEY");
    if (!raw.OAUTH_CLIENT_KEY || !isPrivateKey(raw.OAUTH_CLIENT_KEY))
      problems.push("OAUTH_CLIENT_KEY: must be the certificate's private key (PEM), with OAUTH_CLIENT_CERTIFICATE");
    secret = { certificatePem: raw.OAUTH_CLIENT_CERTIFICATE ?? '', privateKeyPem: raw.OAUTH_CLIENT_KEY ?? '' };
  } else {
    problems.push(
      'OAUTH_CLIENT_SECRET: is required with MAIL_AUTH=oauth2 (or OAUTH_CLIENT_CERTIFICATE and OAUTH_CLIENT_KEY)',
    );
  }
  if (problems.length > before || !tokenUrl || !scope || !secret) return null;
  return { kind: 'clientCredentials', tokenUrl, scope, clientId: raw.OAUTH_CLIENT_ID!, secret };
}

/**
 * SMTP_URL and IMAP_URL as the worker uses them. With MAIL_AUTH=oauth2 a provider fills in a
 * server the settings leave out, each URL's user name defaults to the mailbox, and a password in
 * a URL is refused (it would never be used).
 */
function readMailServers(
  raw: RawConfig,
  mailbox: string,
  problems: string[],
): { smtpUrl: string | null; imapUrl: string | null } {
  if (raw.MAIL_AUTH === 'password') return { smtpUrl: raw.SMTP_URL ?? null, imapUrl: raw.IMAP_URL ?? null };
  const servers = raw.MAIL_PROVIDER === 'smtp' ? null : PROVIDER_SERVERS[raw.MAIL_PROVIDER];
  const read = (name: 'SMTP_URL' | 'IMAP_URL', fallback: string | undefined): string | null => {
    const value = raw[name] ?? fallback;
    if (!value) return null;
    if (new URL(value).password) {
      problems.push(`${name}: has a password, but MAIL_AUTH=oauth2 signs in with a token: leave the password out`);
      return null;
    }
    return withMailboxUser(value, mailbox);
  };
  return { smtpUrl: read('SMTP_URL', servers?.smtp), imapUrl: read('IMAP_URL', servers?.imap) };
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

/** Validates the environment once, naming every bad or missing variable in one error. */
export function loadConfig(
  env: Record<string, string | undefined>,
  readSecret: SecretFileReader = readSecretFile,
): AppConfig {
  // An empty variable means "not set", as it does in most deployment tools.
  const given = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== '')) as Record<
    string,
    string
  >;
  const fileProblems: string[] = [];
  // Replaced, not ignored: a deployment that still sets it would otherwise lose its rate silently.
  if (given.MAIL_RATE_PER_SECOND !== undefined) {
    fileProblems.push(
      `MAIL_RATE_PER_SECOND: replaced by MAIL_RATE_PER_MINUTE (60 times the old value: MAIL_RATE_PER_MINUTE=${Number(given.MAIL_RATE_PER_SECOND) * 60 || 3000})`,
    );
  }
  const cleaned = withSecretFiles(given, readSecret, fileProblems);
  const parsed = schema.safeParse(cleaned);
  if (!parsed.success || fileProblems.length) {
    throw new ConfigError([
      ...fileProblems,
      ...(parsed.error?.issues.map((i) => `${i.path.join('.')}: ${i.message}`) ?? []),
    ]);
  }
  const raw = parsed.data;
  const isProduction = raw.NODE_ENV === 'production';
  const problems: string[] = [];

  if (isProduction) {
    if (!cleaned.JWT_SECRET) problems.push('JWT_SECRET: is required in production');
    else if (raw.JWT_SECRET === DEV_JWT_SECRET) problems.push('JWT_SECRET: is the development default');
    else if (Buffer.byteLength(raw.JWT_SECRET, 'utf8') < 32) problems.push('JWT_SECRET: must be at least 32 bytes');
    if (!raw.SMTP_URL && !(raw.MAIL_AUTH === 'oauth2' && raw.MAIL_PROVIDER !== 'smtp'))
      problems.push('SMTP_URL: is required in production (or MAIL_AUTH=oauth2 with a MAIL_PROVIDER)');
    if (!raw.PUBLIC_URL) problems.push('PUBLIC_URL: is required in production');
    else if (!servesSecureCookies(raw.PUBLIC_URL)) {
      problems.push(
        'PUBLIC_URL: must be https in production (http is allowed only for localhost, 127.0.0.1 or ::1): browsers drop the Secure session cookie on plain http to any other host, so every reload would sign people out',
      );
    }
    if (raw.SEG_ADMIN_PASSWORD === DEV_ADMIN_PASSWORD) problems.push('SEG_ADMIN_PASSWORD: is the demo default');
  }
  if (Boolean(raw.SEG_ADMIN_EMAIL) !== Boolean(raw.SEG_ADMIN_PASSWORD)) {
    problems.push(`${raw.SEG_ADMIN_EMAIL ? 'SEG_ADMIN_PASSWORD' : 'SEG_ADMIN_EMAIL'}: must be set with the other`);
  }
  if (raw.WORKER_CONCURRENCY !== undefined && raw.WORKER_CONCURRENCY < raw.MAIL_POOL_SIZE) {
    problems.push(
      `WORKER_CONCURRENCY: must be at least MAIL_POOL_SIZE (${raw.MAIL_POOL_SIZE}), or SMTP connections sit idle`,
    );
  }
  const mailFromAddress = /<([^<>\s]+@[^<>\s]+)>\s*$/.exec(raw.MAIL_FROM)?.[1] ?? raw.MAIL_FROM.trim();
  if (!/^[^@\s]+@[^@\s]+$/.test(mailFromAddress))
    problems.push('MAIL_FROM: must be an address, like "SEG Network <seg@example.org>"');
  const servers = readMailServers(raw, mailFromAddress, problems);
  const grant = raw.MAIL_AUTH === 'oauth2' ? readOAuthGrant(raw, mailFromAddress, problems) : null;
  if (raw.IMAP_DONE_FOLDER === UNMATCHED_FOLDER || raw.IMAP_DONE_FOLDER.toUpperCase() === 'INBOX') {
    problems.push(`IMAP_DONE_FOLDER: must not be INBOX or ${UNMATCHED_FOLDER}`);
  }
  const listId = raw.MAIL_LIST_ID
    ? readListId(raw.MAIL_LIST_ID, problems)
    : defaultListId(raw.MAIL_FROM, mailFromAddress);
  const dkim = readDkim(raw, problems);
  if (problems.length) throw new ConfigError(problems);

  const admin = raw.SEG_ADMIN_EMAIL
    ? { email: raw.SEG_ADMIN_EMAIL, password: raw.SEG_ADMIN_PASSWORD! }
    : isProduction
      ? null
      : { email: DEV_ADMIN_EMAIL, password: DEV_ADMIN_PASSWORD };

  return {
    env: raw.NODE_ENV,
    isProduction,
    port: raw.PORT,
    publicUrl: (raw.PUBLIC_URL ?? `http://localhost:${raw.PORT}`).replace(/\/+$/, ''),
    databaseUrl: raw.DATABASE_URL,
    redisUrl: raw.REDIS_URL,
    queuePrefix: raw.QUEUE_PREFIX,
    corsOrigins: raw.CORS_ORIGINS.split(',')
      .map((s) => s.trim())
      .filter(Boolean),
    trustProxyHops: raw.TRUST_PROXY,
    logLevel: raw.LOG_LEVEL,
    auth: { jwtSecret: raw.JWT_SECRET, accessTtlSeconds: 15 * 60, refreshTtlSeconds: 30 * 24 * 3600 },
    admin,
    seedDemo: raw.SEED_DEMO ?? !isProduction,
    mail: {
      smtpUrl: servers.smtpUrl,
      auth: grant ? { kind: 'oauth2', grant } : { kind: 'password' },
      authRetryMs: raw.MAIL_AUTH_RETRY_SECONDS * 1000,
      from: raw.MAIL_FROM,
      fromAddress: mailFromAddress,
      provider: raw.MAIL_PROVIDER,
      ratePerMinute: raw.MAIL_RATE_PER_MINUTE ?? MAIL_PROVIDER_LIMITS[raw.MAIL_PROVIDER].ratePerMinute,
      dailyLimit: raw.MAIL_DAILY_LIMIT ?? MAIL_PROVIDER_LIMITS[raw.MAIL_PROVIDER].dailyLimit,
      poolSize: raw.MAIL_POOL_SIZE,
      catcherPort: raw.MAIL_CATCHER_PORT,
      dir: raw.MAIL_DIR,
      bounceAddress: raw.BOUNCE_ADDRESS ?? mailFromAddress,
      listId,
      dkim,
    },
    secretariatEmail: raw.SECRETARIAT_EMAIL ?? mailFromAddress,
    inbound: {
      imapUrl: servers.imapUrl,
      pollSeconds: raw.IMAP_POLL_SECONDS,
      doneFolder: raw.IMAP_DONE_FOLDER,
      unmatchedFolder: UNMATCHED_FOLDER,
    },
    // Two notices per connection: one on the wire while the next is loaded and rendered.
    worker: {
      concurrency: raw.WORKER_CONCURRENCY ?? 2 * raw.MAIL_POOL_SIZE,
      relayIntervalMs: raw.RELAY_INTERVAL_MS,
      relayGraceMs: raw.RELAY_GRACE_MS,
    },
    meetings: { reminderHoursBefore: raw.REMINDER_HOURS_BEFORE },
    detailsConfirm: { months: raw.DETAILS_CONFIRM_MONTHS, repMonths: raw.DETAILS_CONFIRM_REP_MONTHS },
    retention: {
      leftMonths: raw.RETENTION_LEFT_MONTHS,
      noticeMonths: raw.RETENTION_NOTICE_MONTHS,
      attendanceYears: raw.RETENTION_ATTENDANCE_YEARS,
    },
    daily: {
      nudgeTime: readTimeOfDay(raw.NUDGE_TIME),
      retentionTime: readTimeOfDay(raw.RETENTION_TIME),
      backupTime: readTimeOfDay(raw.BACKUP_TIME),
      // The group works on UK time: daily jobs run at a wall-clock time there, through GMT and BST.
      timeZone: LONDON_TZID,
    },
    backup: { dir: raw.BACKUP_DIR, keepDays: raw.BACKUP_KEEP_DAYS },
    shutdownGraceMs: raw.SHUTDOWN_GRACE_SECONDS * 1000,
    web: { dir: raw.WEB_DIR },
    metricsToken: raw.METRICS_TOKEN ?? null,
  };
}

// RFC 2919: a list label and a namespace, dot-atom text (RFC 5322) with at least one dot.
const LIST_ID = /^[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)+$/;

/** A phrase as a header may carry it: as it is when only words and spaces, quoted otherwise. */
function headerPhrase(name: string): string {
  return /^[A-Za-z0-9 !#$%&'*+/=?^_`{|}~-]*$/.test(name) ? name : `"${name.replace(/["\\]/g, '\\$&')}"`;
}

/** MAIL_LIST_ID as given: `Name <id>`, `<id>` or the id alone. */
function readListId(value: string, problems: string[]): string {
  const match = /^\s*(?:(.*?)\s*)?<([^<>]+)>\s*$/.exec(value);
  const name = match ? (match[1] ?? '') : '';
  const id = (match ? match[2] : value).trim();
  if (!LIST_ID.test(id) || /[\r\n]/.test(name)) {
    problems.push(
      'MAIL_LIST_ID: must be like "SEG Network meetings <meetings.example.org>" (a name, then an id of words joined by dots)',
    );
    return '';
  }
  return name ? `${headerPhrase(name.replace(/^"|"$/g, ''))} <${id}>` : `<${id}>`;
}

/** The group's meetings as a list named after MAIL_FROM: `SEG Network meetings <meetings.example.org>`. */
function defaultListId(mailFrom: string, fromAddress: string): string {
  const name = /^\s*"?([^"<]*?)"?\s*</.exec(mailFrom)?.[1] || 'SEG Network';
  const domain = fromAddress.split('@')[1] ?? 'localhost';
  return `${headerPhrase(`${name} meetings`)} <meetings.${domain.toLowerCase()}>`;
}

/** All three DKIM settings or none: half a configuration would send unsigned mail unnoticed. */
function readDkim(raw: RawConfig, problems: string[]): AppConfig['mail']['dkim'] {
  const given = {
    DKIM_DOMAIN: raw.DKIM_DOMAIN,
    DKIM_SELECTOR: raw.DKIM_SELECTOR,
    DKIM_PRIVATE_KEY: raw.DKIM_PRIVATE_KEY,
  };
  const missing = Object.entries(given)
    .filter(([, v]) => !v)
    .map(([k]) => k);
  if (missing.length === 3) return null;
  if (missing.length) {
    const set = Object.keys(given).filter((k) => !missing.includes(k));
    problems.push(`${missing.join(', ')}: must be set with ${set.join(' and ')} (DKIM signing needs all three)`);
    return null;
  }
  try {
    const key = createPrivateKey(raw.DKIM_PRIVATE_KEY!);
    // Nodemailer signs with rsa-sha256 only.
    if (key.asymmetricKeyType !== 'rsa') {
      problems.push('DKIM_PRIVATE_KEY: must be an RSA private key (rsa-sha256)');
      return null;
    }
    if ((key.asymmetricKeyDetails?.modulusLength ?? 0) < 1024) {
      problems.push('DKIM_PRIVATE_KEY: an RSA key must have at least 1024 bits (2048 recommended)');
      return null;
    }
  } catch {
    problems.push(
      'DKIM_PRIVATE_KEY: is not a private key in PEM form (-----BEGIN PRIVATE KEY----- or -----BEGIN RSA PRIVATE KEY-----)',
    );
    return null;
  }
  return {
    domainName: raw.DKIM_DOMAIN!.toLowerCase(),
    keySelector: raw.DKIM_SELECTOR!,
    privateKey: raw.DKIM_PRIVATE_KEY!,
  };
}
