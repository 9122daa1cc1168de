import { BeforeApplicationShutdown, Inject, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '@seg/config';
import { INBOUND_STATE_TTL_MS, REDIS_PRODUCER, writeInboundState } from '@seg/queue';
import type IORedis from 'ioredis';
import { MailRefusal } from '@seg/mail';
import { MailerService } from '../notices/mailer.service';
import { InboundMailService } from './inbound-mail.service';
import { canonicalAddress } from './invitee-match';

/**
 * Without a mailbox (no IMAP_URL) outside production, the mail catcher this worker runs is the
 * inbound mailbox: a reply sent through it to MAIL_FROM (or a bounce to its VERP addresses) is
 * handled as the mailbox reader would handle it. In production without a mailbox, the start
 * log says that replies and bounces go unread.
 */
@Injectable()
export class CatcherInboundService implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(CatcherInboundService.name);
  private timer: NodeJS.Timeout | null = null;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(REDIS_PRODUCER) private readonly redis: IORedis,
    private readonly mailer: MailerService,
    private readonly inbound: InboundMailService,
  ) {}

  onApplicationBootstrap(): void {
    if (this.config.inbound.imapUrl) return;
    if (this.config.isProduction) {
      this.logger.warn(
        'IMAP_URL is not set: calendar replies and bounces sent to MAIL_FROM will not be read (see the README, "How inbound mail works")',
      );
      return;
    }
    const catcher = this.mailer.runningCatcher;
    if (!catcher) return;
    const ours = new Set([
      canonicalAddress(this.config.mail.fromAddress),
      canonicalAddress(this.config.mail.bounceAddress),
    ]);
    catcher.receiveInbound(
      (address) => ours.has(canonicalAddress(address)),
      async (raw) => {
        const result = await this.inbound.handle(raw);
        // Refused for good, as a mail server refuses what it cannot take: a 4xx would ask the sender to retry it.
        if (result.unreadable)
          throw new MailRefusal(554, `The message could not be read: ${String(result.detail.error)}`);
      },
    );
    const say = () => void writeInboundState(this.redis, this.config.queuePrefix, 'up').catch(() => undefined);
    say();
    this.timer = setInterval(say, INBOUND_STATE_TTL_MS / 3);
    this.timer.unref();
    this.logger.log(`Mail to ${this.config.mail.fromAddress} through the mail catcher is read as inbound mail`);
  }

  beforeApplicationShutdown(): void {
    if (this.timer) clearInterval(this.timer);
  }
}
