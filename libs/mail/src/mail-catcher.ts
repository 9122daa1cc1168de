import { Logger } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { mkdir, writeFile } from 'node:fs/promises';
import * as path from 'node:path';
import { SMTPServer } from 'smtp-server';

/** Thrown by an inbound handler to answer the sender with this SMTP reply (5xx: refused for good). */
export class MailRefusal extends Error {
  constructor(
    readonly responseCode: number,
    message: string,
  ) {
    super(message);
  }
}

/**
 * The development mail catcher: an SMTP server on loopback that keeps every message it receives
 * as an .eml file, so a new user can open what the app sent. Never used in production.
 */
export class MailCatcher {
  private readonly logger = new Logger(MailCatcher.name);
  private server: SMTPServer | null = null;
  private inbound: { accepts: (address: string) => boolean; handle: (raw: Buffer) => Promise<void> } | null = null;

  constructor(
    private readonly port: number,
    private readonly dir: string,
  ) {}

  get url(): string {
    return `smtp://127.0.0.1:${this.port}`;
  }

  /**
   * Makes the catcher the inbound mailbox too: a message to an address that `accepts` takes
   * (MAIL_FROM, say) is also handed to `handle`, as the mailbox reader would. A `MailRefusal`
   * thrown by `handle` is the SMTP answer; any other error is a 4xx (try again later).
   */
  receiveInbound(accepts: (address: string) => boolean, handle: (raw: Buffer) => Promise<void>): void {
    this.inbound = { accepts, handle };
  }

  /** Starts listening; false when another process (a second worker) already holds the port. */
  async start(): Promise<boolean> {
    await mkdir(this.dir, { recursive: true });
    const server = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS'],
      logger: false,
      onData: (stream, session, callback) => {
        const chunks: Buffer[] = [];
        stream.on('data', (chunk: Buffer) => chunks.push(chunk));
        stream.on('end', () => {
          const to = session.envelope.rcptTo.map((r) => r.address).join(',');
          const file = path.join(
            this.dir,
            `${new Date().toISOString().replace(/[:.]/g, '-')}-${randomUUID().slice(0, 8)}.eml`,
          );
          const raw = Buffer.concat(chunks);
          const inbound = this.inbound;
          const forUs = inbound !== null && session.envelope.rcptTo.some((r) => inbound.accepts(r.address));
          writeFile(file, raw)
            .then(() => (forUs ? inbound!.handle(raw) : undefined))
            .then(
              () => {
                this.logger.log({ to, file, inbound: forUs }, 'Caught an email');
                callback();
              },
              (error: Error) => callback(error),
            );
        });
      },
    });
    const listening = await new Promise<boolean>((resolve, reject) => {
      server.once('error', (error: NodeJS.ErrnoException) =>
        error.code === 'EADDRINUSE' ? resolve(false) : reject(error),
      );
      server.listen(this.port, '127.0.0.1', () => resolve(true));
    });
    if (listening) {
      // Connection errors are re-emitted on the server; unheard, a client that resets its
      // connection (another worker killed mid-send) would crash this worker.
      server.on('error', (error: Error) => this.logger.warn({ err: error.message }, 'Mail catcher connection error'));
      this.server = server;
      this.logger.log(`Mail catcher on ${this.url}, keeping messages in ${this.dir}`);
    }
    return listening;
  }

  async stop(): Promise<void> {
    const server = this.server;
    this.server = null;
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
  }
}
