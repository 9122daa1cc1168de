import { pipeline, Readable, Transform, TransformCallback } from 'node:stream';
import nodemailer, { Transporter } from 'nodemailer';
import { OAuthTokens } from './oauth-tokens';

export interface MailTransportOptions {
  url: string;
  /** Parallel SMTP connections of the pool. */
  maxConnections?: number;
  /** Sign in with XOAUTH2 as the URL's user, with these tokens, instead of the URL's password. */
  tokens?: OAuthTokens;
}

/**
 * Nodemailer's connection options for a URL signed in to with tokens. Each new connection asks
 * `tokens` for one (the kept token while it is good); when the server refuses it, nodemailer
 * asks again with `renew`, and the refused token is dropped for a new one.
 */
function oauthConnection(url: string, tokens: OAuthTokens): Record<string, unknown> {
  const u = new URL(url);
  const secure = u.protocol === 'smtps:';
  return {
    host: u.hostname.replace(/^\[|\]$/g, ''),
    port: u.port ? Number(u.port) : secure ? 465 : 587,
    secure,
    auth: {
      type: 'OAuth2',
      user: decodeURIComponent(u.username),
      provisionCallback: (
        _user: string,
        renew: boolean,
        done: (error: Error | null, accessToken?: string, expires?: number) => void,
      ) => {
        (renew ? tokens.renew() : tokens.token()).then(
          (token) => done(null, token.accessToken, token.expiresAt.getTime()),
          (error: Error) => done(error),
        );
      },
    },
  };
}

/**
 * Gathers a composed message into one chunk. Nodemailer streams a message as many small pieces
 * (headers, boundaries, encoded lines), each one socket write; whole, it is one write. Our
 * notices are a few kilobytes, so holding one per connection costs nothing.
 */
class WholeMessage extends Transform {
  private readonly chunks: Buffer[] = [];

  override _transform(chunk: Buffer, _encoding: BufferEncoding, done: TransformCallback): void {
    this.chunks.push(chunk);
    done();
  }

  override _flush(done: TransformCallback): void {
    done(null, Buffer.concat(this.chunks));
  }
}

/** A pooled SMTP transport: connections are reused across messages and re-opened when dropped. */
export function createMailTransport({ url, maxConnections = 5, tokens }: MailTransportOptions): Transporter {
  const transport = nodemailer.createTransport({
    ...(tokens ? oauthConnection(url, tokens) : { url }),
    pool: true,
    maxConnections,
    maxMessages: 500,
    connectionTimeout: 10_000,
    greetingTimeout: 10_000,
    socketTimeout: 30_000,
  } as Parameters<typeof nodemailer.createTransport>[0]);
  transport.use('stream', (mail, done) => {
    // pipeline hands an error of the message stream on to the output, which the transport reads.
    mail.message.processFunc((input: Readable) => pipeline(input, new WholeMessage(), () => undefined));
    done();
  });
  return transport;
}
