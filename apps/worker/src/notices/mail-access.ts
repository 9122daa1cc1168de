import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '@seg/config';
import { describeMailError, isAuthRefused } from '@seg/mail';
import { clearMailAuthRefused, readMailAuthRefused, REDIS_PRODUCER, writeMailAuthRefused } from '@seg/queue';
import type IORedis from 'ioredis';
import { MailerService } from './mailer.service';

/** How often a worker that sends checks whether a refusal is on record to clear. */
const CLEAR_CHECK_MS = 2_000;

/**
 * Whether the provider lets us send, shared by every worker through Redis. A refused sign-in
 * pauses all sending (the caller pauses the queue) and is logged once with the provider's
 * reason, not once per notice; the next send or sign-in that goes through clears it. While a
 * refusal stands, a worker also tries to sign in by itself now and then, so /health says so as
 * soon as the credentials work again, with no notice waiting to prove it.
 */
@Injectable()
export class MailAccess implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(MailAccess.name);
  private lastClearCheck = 0;
  private timer: NodeJS.Timeout | null = null;
  private probing = false;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(REDIS_PRODUCER) private readonly redis: IORedis,
    private readonly mailer: MailerService,
  ) {}

  onApplicationBootstrap(): void {
    if (!this.config.mail.smtpUrl) return;
    this.timer = setInterval(() => void this.probe(), this.config.mail.authRetryMs);
    this.timer.unref();
  }

  onApplicationShutdown(): void {
    if (this.timer) clearInterval(this.timer);
  }

  /** A send was refused sign-in: records it, logging the reason if it is news; the pause all sending takes, in ms. */
  async refused(reason: string): Promise<number> {
    this.lastClearCheck = 0;
    if (await writeMailAuthRefused(this.redis, this.config.queuePrefix, reason, new Date())) {
      this.logger.error(
        { reason, retryInMs: this.config.mail.authRetryMs },
        'The mail provider refused our credentials: notices stay queued until they work again',
      );
    }
    return this.config.mail.authRetryMs;
  }

  /** A send went through: a refusal on record is over. */
  async accepted(): Promise<void> {
    const now = Date.now();
    if (now - this.lastClearCheck < CLEAR_CHECK_MS) return;
    this.lastClearCheck = now;
    if (await clearMailAuthRefused(this.redis, this.config.queuePrefix)) {
      this.logger.log('The mail provider accepts our credentials again: sending resumes');
    }
  }

  /** While a refusal stands, signs in to the SMTP server alone to see whether it still does. */
  private async probe(): Promise<void> {
    if (this.probing) return;
    this.probing = true;
    try {
      if (!(await readMailAuthRefused(this.redis, this.config.queuePrefix))) return;
      await this.mailer.verify();
      this.lastClearCheck = 0;
      await this.accepted();
    } catch (error) {
      if (!isAuthRefused(error))
        this.logger.warn({ err: describeMailError(error) }, 'Could not check the mail sign-in');
    } finally {
      this.probing = false;
    }
  }
}
