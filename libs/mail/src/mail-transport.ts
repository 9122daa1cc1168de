import nodemailer, { Transporter } from 'nodemailer';

export interface MailTransportOptions {
  url: string;
  /** Parallel SMTP connections of the pool. */
  maxConnections?: number;
}

/** A pooled SMTP transport: connections are reused across messages and re-opened when dropped. */
export function createMailTransport({ url, maxConnections = 5 }: MailTransportOptions): Transporter {
  return nodemailer.createTransport({
    url,
    pool: true,
    maxConnections,
    maxMessages: 500,
    connectionTimeout: 10_000,
    greetingTimeout: 10_000,
    socketTimeout: 30_000,
  } as Parameters<typeof nodemailer.createTransport>[0]);
}

/** 5xx SMTP replies are refusals that will not change on retry; anything else may pass later. */
export function isPermanentMailError(error: unknown): boolean {
  const code = (error as { responseCode?: number })?.responseCode;
  return typeof code === 'number' && code >= 500 && code < 600;
}

export function describeMailError(error: unknown): string {
  const e = error as { responseCode?: number; response?: string; code?: string; message?: string };
  if (e?.response) return e.response;
  return [e?.code, e?.message].filter(Boolean).join(': ') || String(error);
}
