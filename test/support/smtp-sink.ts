import { ParsedMail, simpleParser } from 'mailparser';
import { AddressInfo } from 'node:net';
import { SMTPServer, SMTPServerSession } from 'smtp-server';

export interface ReceivedMail {
  to: string[];
  from: string;
  parsed: ParsedMail;
  raw: Buffer;
  /** When it was accepted (ms), to compare with other arrivals. */
  at: number;
}

/**
 * A real SMTP server on loopback that keeps and parses what it receives. A recipient can be
 * made to answer with an SMTP error code, and the server can be stopped and restarted on the
 * same port to play an outage.
 */
export class SmtpSink {
  readonly received: ReceivedMail[] = [];
  /** Recipient (lower case) -> SMTP reply code to refuse it with. */
  readonly refuse = new Map<string, number>();
  /** Recipients still to answer with a throttling reply (`421 4.7.0`), as a busy provider does. */
  throttleNext = 0;
  /** When each throttling reply was given (ms). */
  readonly throttledAt: number[] = [];
  /** Holds each message this long before accepting it, to keep sends in flight. */
  delayMs = 0;
  /** Messages whose data has started to arrive, accepted or not yet. */
  started = 0;
  private server: SMTPServer | null = null;
  port = 0;
  /** Sign-ins the server turned down. */
  refusedLogins = 0;

  /**
   * With `checkToken`, the server takes XOAUTH2 alone and refuses mail before a sign-in, as
   * Microsoft 365 and Google do: a token is good when `checkToken` names the mailbox it is for.
   */
  constructor(private readonly checkToken?: (accessToken: string) => Promise<string | null>) {}

  async start(port = this.port): Promise<this> {
    const checkToken = this.checkToken;
    this.server = new SMTPServer({
      ...(checkToken
        ? {
            authOptional: false,
            authMethods: ['XOAUTH2'],
            allowInsecureAuth: true,
            onAuth: (auth, _session, callback) => {
              void checkToken(auth.accessToken ?? '').then((mailbox) => {
                if (mailbox && mailbox === auth.username) return callback(null, { user: mailbox });
                this.refusedLogins += 1;
                // XOAUTH2's failure: a 334 with the error as JSON, then 535 (as Google answers).
                callback(null, { data: { status: '401', schemes: 'bearer' } } as never);
              }, callback);
            },
          }
        : { authOptional: true }),
      disabledCommands: ['STARTTLS'],
      logger: false,
      // Stopping drops open connections at once, as a crashed server would.
      closeTimeout: 100,
      onRcptTo: (address, _session: SMTPServerSession, callback) => {
        if (this.throttleNext > 0) {
          this.throttleNext -= 1;
          this.throttledAt.push(Date.now());
          const error = new Error('4.7.0 Try again later, closing connection.') as Error & { responseCode: number };
          error.responseCode = 421;
          return callback(error);
        }
        const code = this.refuse.get(address.address.toLowerCase());
        if (code) {
          const error = new Error(`Refused by test: ${address.address}`) as Error & { responseCode: number };
          error.responseCode = code;
          return callback(error);
        }
        callback();
      },
      onData: (stream, session, callback) => {
        const chunks: Buffer[] = [];
        this.started += 1;
        stream.on('data', (c: Buffer) => chunks.push(c));
        stream.on('end', async () => {
          if (this.delayMs) await new Promise((r) => setTimeout(r, this.delayMs));
          const raw = Buffer.concat(chunks);
          try {
            const parsed = await simpleParser(raw);
            this.received.push({
              raw,
              parsed,
              from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
              to: session.envelope.rcptTo.map((r) => r.address.toLowerCase()),
              at: Date.now(),
            });
            callback();
          } catch (error) {
            callback(error as Error);
          }
        });
      },
    });
    await new Promise<void>((resolve, reject) => {
      this.server!.once('error', reject);
      this.server!.listen(port, '127.0.0.1', () => resolve());
    });
    // The server re-emits each connection's errors; a worker killed mid-send resets its
    // connections, which the fault tests do on purpose. Unheard, that error ends the test run.
    this.server.on('error', () => undefined);
    this.port = (this.server.server.address() as AddressInfo).port;
    return this;
  }

  get url(): string {
    return `smtp://127.0.0.1:${this.port}`;
  }

  async stop(): Promise<void> {
    const server = this.server;
    this.server = null;
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  to(email: string): ReceivedMail[] {
    return this.received.filter((m) => m.to.includes(email.toLowerCase()));
  }

  /** Waits until the predicate holds over what was received, or fails with what did arrive. */
  async waitFor(predicate: (mails: ReceivedMail[]) => boolean, timeoutMs = 20_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!predicate(this.received)) {
      if (Date.now() > deadline) {
        throw new Error(
          `Timed out waiting for mail; received ${this.received.length}: ${this.received
            .map((m) => `${m.to.join(',')} "${m.parsed.subject}"`)
            .slice(0, 20)
            .join('; ')}`,
        );
      }
      await new Promise((r) => setTimeout(r, 50));
    }
  }

  async waitForMailTo(email: string, timeoutMs?: number): Promise<ReceivedMail> {
    await this.waitFor(() => this.to(email).length > 0, timeoutMs);
    return this.to(email)[this.to(email).length - 1];
  }
}

export async function startSmtpSink(): Promise<SmtpSink> {
  return new SmtpSink().start(0);
}

/** A sink that lets senders in only with an access token that `checkToken` accepts for their mailbox. */
export async function startOAuthSmtpSink(
  checkToken: (accessToken: string) => Promise<string | null>,
): Promise<SmtpSink> {
  return new SmtpSink(checkToken).start(0);
}
