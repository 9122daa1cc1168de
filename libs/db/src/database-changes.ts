import { Inject, Injectable, Logger, OnApplicationShutdown } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '@seg/config';
import { Client } from 'pg';

/** The channels of the database's change notices (drizzle/functions/40-change-notices.sql). */
export const CHANGE_CHANNELS = {
  /** Something a directory answer is read from changed. */
  directory: 'seg_directory',
  /** What a sign-in check reads changed for the member whose id is the payload. */
  sessions: 'seg_sessions',
} as const;
export type ChangeChannel = keyof typeof CHANGE_CHANNELS;

export interface ChangeListener {
  /** A notice on the channel, with its payload. */
  changed(payload: string): void;
  /** Notices may have been missed (the connection was lost, or is new): forget everything. */
  reset(): void;
}

const FIRST_RETRY_MS = 250;
const LAST_RETRY_MS = 30_000;
// A connection that died without saying so is found by a query now and then.
const PING_MS = 15_000;

/**
 * The database's change notices, heard on one connection of its own (LISTEN), for what an API
 * process keeps in memory. `listening` is true only while that connection stands: from the
 * moment it is lost until it is back and listening again, nothing may be kept, and each
 * listener is told to reset both when it is lost and when it is back. Connects on the first
 * subscription, so a process that keeps nothing (the worker) opens no connection.
 *
 * `heardUpToNow()` makes "at once" exact: PostgreSQL sends a listening connection the notices
 * of every transaction committed before a query ends ahead of that query's answer, so once a
 * query sent after a request arrived has been answered, every change committed before that
 * request has been heard, whichever process made it. Requests arriving together share one
 * such query.
 */
@Injectable()
export class DatabaseChanges implements OnApplicationShutdown {
  private readonly logger = new Logger(DatabaseChanges.name);
  private readonly listeners = new Map<string, Set<ChangeListener>>();
  private client: Client | null = null;
  private heard = false;
  private started = false;
  private stopped = false;
  private retryMs = FIRST_RETRY_MS;
  private retry: NodeJS.Timeout | null = null;
  private ping: NodeJS.Timeout | null = null;
  private lastFailure: string | null = null;
  private syncing: Promise<void> | null = null;
  private nextSync: Promise<void> | null = null;

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  /** Whether notices are heard now, so that what is kept in memory is kept current. */
  get listening(): boolean {
    return this.heard;
  }

  /** Resolves once every notice of a transaction committed before this call has been heard (or the connection lost). */
  heardUpToNow(): Promise<void> {
    const client = this.client;
    if (!this.heard || !client) return Promise.resolve();
    // A query already on its way may have been sent before this call: the next one answers it.
    if (this.syncing) {
      this.nextSync ??= this.syncing.then(() => {
        this.nextSync = null;
        return this.heardUpToNow();
      });
      return this.nextSync;
    }
    this.syncing = client.query('select 1').then(
      () => {
        this.syncing = null;
      },
      (error: Error) => {
        this.syncing = null;
        this.lost(client, error);
      },
    );
    return this.syncing;
  }

  subscribe(channel: ChangeChannel, listener: ChangeListener): void {
    const name = CHANGE_CHANNELS[channel];
    if (!this.listeners.has(name)) this.listeners.set(name, new Set());
    this.listeners.get(name)!.add(listener);
    if (!this.started) {
      this.started = true;
      void this.connect();
    }
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopped = true;
    if (this.retry) clearTimeout(this.retry);
    const client = this.client;
    this.drop();
    await client?.end().catch(() => undefined);
  }

  private async connect(): Promise<void> {
    this.retry = null;
    if (this.stopped) return;
    const client = new Client({
      connectionString: this.config.databaseUrl,
      application_name: 'seg-change-notices',
      keepAlive: true,
    });
    this.client = client;
    client.on('error', (error) => this.lost(client, error));
    client.on('end', () => this.lost(client, new Error('the connection ended')));
    client.on('notification', ({ channel, payload }) => {
      for (const listener of this.listeners.get(channel) ?? []) listener.changed(payload ?? '');
    });
    try {
      await client.connect();
      for (const channel of Object.values(CHANGE_CHANNELS)) await client.query(`LISTEN ${channel}`);
    } catch (error) {
      this.lost(client, error as Error);
      return;
    }
    if (this.client !== client) return;
    this.heard = true;
    this.retryMs = FIRST_RETRY_MS;
    if (this.lastFailure) this.logger.log('Hearing database change notices again');
    this.lastFailure = null;
    this.resetAll();
    this.ping = setInterval(() => {
      client.query('select 1').catch((error: Error) => this.lost(client, error));
    }, PING_MS);
    this.ping.unref();
  }

  /** The connection is gone: keep nothing until another one listens. */
  private lost(client: Client, error: Error): void {
    if (this.client !== client) return;
    this.drop();
    client.end().catch(() => undefined);
    if (this.stopped) return;
    // Said once per outage, not at every retry.
    if (this.lastFailure === null)
      this.logger.warn(
        { err: error.message },
        'Database change notices are not heard: nothing is kept in memory until they are',
      );
    this.lastFailure = error.message;
    this.retry = setTimeout(() => void this.connect(), this.retryMs);
    this.retry.unref();
    this.retryMs = Math.min(this.retryMs * 2, LAST_RETRY_MS);
  }

  private drop(): void {
    const wasHeard = this.heard;
    this.heard = false;
    this.client = null;
    if (this.ping) clearInterval(this.ping);
    this.ping = null;
    if (wasHeard) this.resetAll();
  }

  private resetAll(): void {
    for (const listeners of this.listeners.values()) for (const listener of listeners) listener.reset();
  }
}
