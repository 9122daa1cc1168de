import { Inject, Injectable, Logger, OnApplicationShutdown, OnModuleInit } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '@seg/config';
import { createMailTransport, dkimSigning, MailCatcher, OAuthTokens } from '@seg/mail';
import type { SendMailOptions, Transporter } from 'nodemailer';
import { MAIL_TOKENS } from './mail-tokens';
import { RenderedEmail } from './notice-renderer';

export interface OutgoingEmail extends RenderedEmail {
  to: string;
  messageId: string;
  /** The envelope sender (VERP), where the receiving servers send a bounce. */
  bounceTo?: string;
}

/** The message nodemailer composes for a notice (the fan-out benchmark sends the same). */
export function mailOptions(from: string, email: OutgoingEmail): SendMailOptions {
  return {
    from,
    to: email.to,
    subject: email.subject,
    text: email.text,
    html: email.html,
    messageId: email.messageId,
    ...(email.headers ? { headers: email.headers } : {}),
    ...(email.replyTo ? { replyTo: email.replyTo } : {}),
    ...(email.attachments ? { attachments: email.attachments } : {}),
    ...(email.bounceTo ? { envelope: { from: email.bounceTo, to: [email.to] } } : {}),
    ...(email.calendar
      ? {
          // nodemailer puts the calendar once in the multipart/alternative (text/calendar with
          // its method, which mail clients show as an invitation) and once as an application/ics
          // attachment, the layout calendar programs expect; adding our own would repeat it.
          icalEvent: {
            method: email.calendar.method,
            content: email.calendar.content,
            filename: email.calendar.filename,
          },
        }
      : {}),
  };
}

/**
 * Sends over the configured SMTP server, or, with none configured outside production, through
 * the mail catcher that this worker starts (or that another worker already runs).
 */
@Injectable()
export class MailerService implements OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger(MailerService.name);
  private transport!: Transporter;
  private catcher: MailCatcher | null = null;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(MAIL_TOKENS) private readonly tokens: OAuthTokens | null,
  ) {}

  async onModuleInit(): Promise<void> {
    const url = this.config.mail.smtpUrl;
    if (url) {
      this.transport = createMailTransport({
        url,
        maxConnections: this.config.mail.poolSize,
        tokens: this.tokens ?? undefined,
      });
    } else {
      this.catcher = new MailCatcher(this.config.mail.catcherPort, this.config.mail.dir);
      if (!(await this.catcher.start())) {
        this.logger.log(
          `Mail catcher port ${this.config.mail.catcherPort} is taken: using the catcher already running there`,
        );
        this.catcher = null;
      }
      this.transport = createMailTransport({
        url: `smtp://127.0.0.1:${this.config.mail.catcherPort}`,
        maxConnections: this.config.mail.poolSize,
      });
    }
  }

  /** The mail catcher this worker runs, if it runs one. */
  get runningCatcher(): MailCatcher | null {
    return this.catcher;
  }

  /** The domain of MAIL_FROM, for Message-IDs. */
  get domain(): string {
    return /@([^>\s]+)/.exec(this.config.mail.from)?.[1] ?? 'localhost';
  }

  async send(email: OutgoingEmail): Promise<string> {
    const dkim = this.config.mail.dkim;
    const info = await this.transport.sendMail({
      ...mailOptions(this.config.mail.from, email),
      ...(dkim ? { dkim: dkimSigning(dkim) } : {}),
    });
    return info.messageId;
  }

  /** Connects and signs in, sending nothing; throws what the server (or token endpoint) said. */
  async verify(): Promise<void> {
    await this.transport.verify();
  }

  async onApplicationShutdown(): Promise<void> {
    this.transport?.close();
    await this.catcher?.stop();
  }
}
