import { BeforeApplicationShutdown, Inject, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '@seg/config';
import {
  inboundReaderLockKey,
  InboundState,
  REDIS_PRODUCER,
  writeInboundLastRead,
  writeInboundState,
} from '@seg/queue';
import { describeMailError, isAuthRefused, OAuthTokens, TokenRefusedError } from '@seg/mail';
import { ImapFlow } from 'imapflow';
import type IORedis from 'ioredis';
import { MAIL_TOKENS } from '../notices/mail-tokens';
import { InboundMailService } from './inbound-mail.service';
import { ReaderLock } from './reader-lock';

/** A killed reader's lock lapses after this long, and another worker takes over. */
const LOCK_TTL_MS = 30_000;
/** The reader renews its lock (and says it is up) this often: well inside the TTL. */
const LOCK_RENEW_MS = 10_000;
/** A worker that is not the reader tries for the lock this often. */
const STANDBY_RETRY_MS = 5_000;
/** Reconnection waits double from 1 s up to this, while the IMAP server is away. */
const MAX_RECONNECT_WAIT_MS = 30_000;
/** IDLE starts this soon after the last command, so new mail is announced at once. */
const AUTO_IDLE_DELAY_MS = 1_000;

/** IMAP_URL as imapflow takes it: `imaps://user:pass@host:993/INBOX`. */
export function imapOptions(url: string): {
  host: string;
  port: number;
  secure: boolean;
  user: string;
  pass: string;
  mailbox: string;
} {
  const u = new URL(url);
  const secure = u.protocol === 'imaps:';
  return {
    host: u.hostname.replace(/^\[|\]$/g, ''),
    port: u.port ? Number(u.port) : secure ? 993 : 143,
    secure,
    user: decodeURIComponent(u.username),
    pass: decodeURIComponent(u.password),
    mailbox: decodeURIComponent(u.pathname.replace(/^\/+/, '')) || 'INBOX',
  };
}

/**
 * Reads the inbound mailbox (IMAP_URL) in one worker at a time: the holder of a Redis lock
 * connects, handles every message in the mailbox, moves each to the done folder or Unmatched
 * (nothing is deleted), then waits for the server's IDLE news of new mail or the poll interval,
 * whichever comes first. A lost connection is retried with growing waits; the lock and the
 * state /health reports are renewed meanwhile.
 */
@Injectable()
export class MailboxReaderService implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(MailboxReaderService.name);
  private readonly lock: ReaderLock;
  private running: Promise<void> | null = null;
  private stopping = false;
  private holding = false;
  private state: InboundState = 'down';
  private client: ImapFlow | null = null;
  private readonly waiting = new Set<() => void>();
  /** Sign-ins refused in a row; whether that was logged (once), so the next that works says so. */
  private refusedSignIns = 0;
  private refusalLogged = false;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(REDIS_PRODUCER) private readonly redis: IORedis,
    private readonly inbound: InboundMailService,
    @Inject(MAIL_TOKENS) private readonly tokens: OAuthTokens | null,
  ) {
    this.lock = new ReaderLock(redis, inboundReaderLockKey(config.queuePrefix), LOCK_TTL_MS);
  }

  /** Whether this worker is the one reading the mailbox. */
  get reading(): boolean {
    return this.holding;
  }

  onApplicationBootstrap(): void {
    if (this.config.inbound.imapUrl) this.running = this.run();
  }

  async beforeApplicationShutdown(): Promise<void> {
    this.stopping = true;
    this.wakeAll();
    this.client?.close();
    await this.running;
  }

  private async run(): Promise<void> {
    while (!this.stopping) {
      let acquired = false;
      try {
        acquired = await this.lock.acquire();
      } catch (err) {
        this.logger.warn({ err: (err as Error).message }, 'Could not reach Redis for the mailbox lock');
      }
      if (!acquired) {
        await this.pause(STANDBY_RETRY_MS);
        continue;
      }
      this.holding = true;
      this.logger.log('Reading the inbound mailbox');
      const renewal = setInterval(() => void this.renew(), LOCK_RENEW_MS);
      try {
        await this.readWhileHolding();
      } finally {
        clearInterval(renewal);
        this.holding = false;
        await this.lock.release().catch(() => undefined);
      }
    }
  }

  private async renew(): Promise<void> {
    try {
      if (await this.lock.renew()) return void (await this.publish(this.state));
    } catch (err) {
      this.logger.warn({ err: (err as Error).message }, 'Could not renew the mailbox lock');
    }
    // The lock may be another worker's by now: two readers must never run side by side.
    this.logger.warn('Lost the mailbox lock; stopping reading');
    this.holding = false;
    this.wakeAll();
    this.client?.close();
  }

  private async readWhileHolding(): Promise<void> {
    let failures = 0;
    while (!this.stopping && this.holding) {
      try {
        await this.session();
        failures = 0;
      } catch (err) {
        if (this.stopping || !this.holding) return;
        if (isAuthRefused(err)) {
          await this.pause(await this.signInRefused(err));
          continue;
        }
        failures += 1;
        await this.publish('down');
        const wait = Math.min(1000 * 2 ** (failures - 1), MAX_RECONNECT_WAIT_MS);
        this.logger.warn({ err: (err as Error).message, retryInMs: wait }, 'Inbound mailbox unavailable');
        await this.pause(wait);
      }
    }
  }

  /**
   * The server or the token endpoint would not let us in: says so on /health, logs the reason
   * once, and gives how long to wait. A token the server refused is dropped and a new one tried
   * at once (it may have expired by the server's clock); after that, the credentials need fixing.
   */
  private async signInRefused(err: unknown): Promise<number> {
    this.refusedSignIns += 1;
    if (this.refusedSignIns === 1 && this.tokens && !(err instanceof TokenRefusedError)) return 0;
    await this.publish('auth failed');
    if (!this.refusalLogged) {
      this.refusalLogged = true;
      this.logger.error(
        {
          reason: (err as { responseText?: string }).responseText ?? describeMailError(err),
          retryInMs: this.config.mail.authRetryMs,
        },
        'The inbound mailbox refused our credentials: replies and bounces wait there until they work again',
      );
    }
    return this.config.mail.authRetryMs;
  }

  /** One connection: read everything, wait for news, repeat until the connection ends. */
  private async session(): Promise<void> {
    const imap = imapOptions(this.config.inbound.imapUrl!);
    const accessToken = this.tokens ? (await this.tokens.token()).accessToken : null;
    const client = new ImapFlow({
      host: imap.host,
      port: imap.port,
      secure: imap.secure,
      auth: accessToken ? { user: imap.user, accessToken } : { user: imap.user, pass: imap.pass },
      logger: false,
      autoIdleDelay: AUTO_IDLE_DELAY_MS,
    });
    this.client = client;
    const closed = new Promise<void>((resolve) => client.once('close', () => resolve()));
    client.on('error', (err: Error) => this.logger.warn({ err: err.message }, 'IMAP connection error'));
    client.on('exists', () => this.wakeAll());
    try {
      try {
        await client.connect();
      } catch (err) {
        if (accessToken && isAuthRefused(err)) this.tokens!.discard(accessToken);
        throw err;
      }
      if (this.refusalLogged) this.logger.log('The inbound mailbox accepts our credentials again');
      this.refusedSignIns = 0;
      this.refusalLogged = false;
      await this.ensureFolders(client);
      await client.mailboxOpen(imap.mailbox);
      await this.publish('up');
      while (!this.stopping && this.holding && client.usable) {
        if (await this.drain(client))
          await writeInboundLastRead(this.redis, this.config.queuePrefix, new Date()).catch(() => undefined);
        await Promise.race([closed, this.pause(this.config.inbound.pollSeconds * 1000)]);
      }
      if (!this.stopping && this.holding) throw new Error(client.byeReason ?? 'the IMAP server closed the connection');
    } finally {
      this.client = null;
      if (client.usable) await client.logout().catch(() => client.close());
      else client.close();
    }
  }

  private async ensureFolders(client: ImapFlow): Promise<void> {
    const existing = new Set((await client.list()).map((f) => f.path));
    for (const folder of [this.config.inbound.doneFolder, this.config.inbound.unmatchedFolder]) {
      if (!existing.has(folder)) await client.mailboxCreate(folder);
    }
  }

  /** Handles every message now in the mailbox, oldest first, and moves each out of it; false when stopped before the end. */
  private async drain(client: ImapFlow): Promise<boolean> {
    const uids = (await client.search({ all: true }, { uid: true })) || [];
    for (const uid of uids) {
      if (this.stopping || !this.holding) return false;
      const message = await client.fetchOne(String(uid), { source: true }, { uid: true });
      if (!message || !message.source) continue;
      let folder: string;
      try {
        const { outcome } = await this.inbound.handle(message.source);
        folder = outcome === 'unmatched' ? this.config.inbound.unmatchedFolder : this.config.inbound.doneFolder;
      } catch (err) {
        // Left in the mailbox (the database may be down): the next pass tries again.
        this.logger.warn({ uid, err: (err as Error).message }, 'Could not handle an inbound message; will try again');
        continue;
      }
      await client.messageMove(String(uid), folder, { uid: true });
    }
    return true;
  }

  private async publish(state: InboundState): Promise<void> {
    this.state = state;
    await writeInboundState(this.redis, this.config.queuePrefix, state).catch(() => undefined);
  }

  /** Waits, or less when woken (new mail, shutdown, a lost lock). */
  private pause(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        this.waiting.delete(done);
        resolve();
      };
      const timer = setTimeout(done, ms);
      this.waiting.add(done);
    });
  }

  private wakeAll(): void {
    for (const done of [...this.waiting]) done();
  }
}
