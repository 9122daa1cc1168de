import { pipeline, Readable, Transform, TransformCallback } from 'node:stream';
import nodemailer, { Transporter } from 'nodemailer';

export interface MailTransportOptions {
  url: string;
  /** Parallel SMTP connections of the pool. */
  maxConnections?: number;
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
export function createMailTransport({ url, maxConnections = 5 }: MailTransportOptions): Transporter {
  const transport = nodemailer.createTransport({
    url,
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
