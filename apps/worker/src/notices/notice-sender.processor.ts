import { Inject, Injectable, Logger, OnApplicationBootstrap, BeforeApplicationShutdown } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '@seg/config';
import { classifySendError, describeMailError, noticeBounceAddress } from '@seg/mail';
import { heldBackByChoice, NOTICE_KINDS } from '@seg/notices';
import { MailDayLimit, QueueName, SendNoticeJob } from '@seg/queue';
import { Clock } from '@seg/rules';
import { Job, RateLimitError } from 'bullmq';
import { QueueConsumer } from '../queue/queue-consumer';
import { MailAccess } from './mail-access';
import { MailerService } from './mailer.service';
import { NoticeLoader } from './notice-loader';
import { NOTICE_RENDERERS, NoticeRenderer, NoticeToSend, RenderedEmail } from './notice-renderer';
import { NoticesRepository } from './notices.repository';
import { limiterFor, OVER_DAY_LIMIT_PAUSE_MS, PAUSE_RECHECK_MS, SendPace } from './send-pace';
import { SentRecorder } from './sent-recorder';

/** Sends one notice per job and records the outcome on the notice row. */
@Injectable()
export class NoticeSenderProcessor implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(NoticeSenderProcessor.name);
  private readonly renderers = new Map<string, NoticeRenderer>();
  readonly consumer: QueueConsumer<SendNoticeJob>;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(NOTICE_RENDERERS) renderers: NoticeRenderer[],
    private readonly notices: NoticesRepository,
    private readonly loader: NoticeLoader,
    private readonly mailer: MailerService,
    private readonly sent: SentRecorder,
    private readonly pace: SendPace,
    private readonly access: MailAccess,
    private readonly dayLimit: MailDayLimit,
    private readonly clock: Clock,
  ) {
    for (const renderer of renderers) for (const kind of renderer.kinds) this.renderers.set(kind, renderer);
    const unrendered = Object.keys(NOTICE_KINDS).filter((kind) => !this.renderers.has(kind));
    // A kind written but never rendered would fail every notice of it, silently, at send time.
    if (unrendered.length) throw new Error(`No renderer for notice kinds: ${unrendered.join(', ')}`);
    this.consumer = new QueueConsumer<SendNoticeJob>(
      {
        queueName: QueueName.Notices,
        redisUrl: config.redisUrl,
        prefix: config.queuePrefix,
        concurrency: config.worker.concurrency,
        limiter: limiterFor(config.mail.ratePerMinute),
      },
      (job) => this.handle(job),
    );
  }

  onApplicationBootstrap(): void {
    this.consumer.start();
  }

  /** Before any pool closes (Nest runs one phase's hooks side by side): running sends finish first. */
  async beforeApplicationShutdown(): Promise<void> {
    await this.consumer.close();
  }

  /** 'sent', or 'skipped' with why; throws to have BullMQ retry a temporary failure. */
  async handle(job: Job<SendNoticeJob>): Promise<string> {
    // The provider asked us to slow down: until the clock says the pause is over, the job goes
    // back to wait (no attempt counted) and every worker asks again a moment later.
    const paused = await this.pace.pausedFor(this.clock.now());
    if (paused) {
      await this.consumer.pauseAll(Math.min(paused, PAUSE_RECHECK_MS));
      throw new RateLimitError();
    }
    const notice = await this.loader.load(job.data.noticeId);
    if (!notice) return 'skipped: notice no longer exists';
    if (notice.status !== 'queued') return `skipped: already ${notice.status}`;

    if (notice.memberEmailStatus === 'bouncing' && NOTICE_KINDS[notice.kind].suppressedWhenBouncing) {
      await this.notices.markSuppressed(notice.id, 'Not sent: the address bounces');
      await this.dayLimit.release(notice);
      return 'skipped: the address bounces';
    }
    const heldBack =
      notice.invitation &&
      heldBackByChoice(notice.kind, notice.invitation.meeting, notice.invitation.rsvp, notice.memberNoticesOff);
    if (heldBack) {
      await this.notices.markSuppressed(notice.id, heldBack);
      await this.dayLimit.release(notice);
      return `skipped: ${heldBack}`;
    }

    const renderer = this.renderers.get(notice.kind);
    if (!renderer) {
      await this.notices.markFailed(notice.id, `No renderer for notice kind ${notice.kind}`);
      await this.dayLimit.release(notice);
      return 'skipped: no renderer';
    }
    const rendered = await renderer.render(notice);
    if ('skip' in rendered) {
      await this.notices.markFailed(notice.id, rendered.skip);
      await this.dayLimit.release(notice);
      return `skipped: ${rendered.skip}`;
    }

    const release = await this.sent.slot();
    try {
      // The sends made are the day's limit, whatever the plans said: this one may have to wait.
      const notBefore = await this.dayLimit.take(notice, this.clock.now());
      if (notBefore) {
        await this.notices.holdUntil(notice.id, notBefore);
        return `waiting: the day's limit is reached until ${notBefore.toISOString()}`;
      }
      return await this.sendAndRecord(job, notice, rendered);
    } finally {
      release();
    }
  }

  private async sendAndRecord(job: Job<SendNoticeJob>, notice: NoticeToSend, rendered: RenderedEmail): Promise<string> {
    let messageId: string;
    try {
      messageId = await this.mailer.send({
        ...rendered,
        to: notice.toEmail,
        // Stable per notice: a duplicate after a crash carries the same id, which clients fold.
        messageId: `<${notice.id}.${notice.generation}@${this.mailer.domain}>`,
        bounceTo: noticeBounceAddress(this.config.mail.bounceAddress, notice.id, this.config.auth.jwtSecret),
      });
    } catch (error) {
      const reason = describeMailError(error);
      const kind = classifySendError(error);
      if (kind === 'auth-refused') {
        // No notice can go until the credentials work: all sending pauses and tries again
        // later, the notice stays queued with its attempts unchanged, and the reason is logged
        // once for them all.
        await this.consumer.pauseAll(await this.access.refused(reason));
        await this.notices.recordHeldBack(notice.id, reason);
        throw new RateLimitError();
      }
      if (kind === 'throttled' || kind === 'over-day-limit') {
        // The provider's pace, not the notice's fault: every worker waits, the notice stays
        // queued and its attempts unchanged, and BullMQ puts the job back without counting one.
        const pauseMs = kind === 'throttled' ? await this.pace.throttled(this.clock.now()) : OVER_DAY_LIMIT_PAUSE_MS;
        await this.consumer.pauseAll(kind === 'throttled' ? Math.min(pauseMs, PAUSE_RECHECK_MS) : pauseMs);
        await this.notices.recordHeldBack(notice.id, reason);
        this.logger.warn({ noticeId: notice.id, jobId: job.id, reason, pauseMs }, 'The mail provider asks us to wait');
        throw new RateLimitError();
      }
      const lastAttempt = job.attemptsMade + 1 >= (job.opts.attempts ?? 1);
      if (kind === 'permanent' || lastAttempt) {
        await this.notices.markFailed(notice.id, reason);
        this.logger.warn({ noticeId: notice.id, jobId: job.id, reason }, 'Notice failed');
        return 'failed';
      }
      await this.notices.recordAttempt(notice.id, reason);
      throw error;
    }
    await this.recordSent(notice.id, messageId);
    await this.access.accepted().catch(() => undefined);
    return 'sent';
  }

  /**
   * The email is out: recording it must not fail over a dropped database connection, or the
   * retry would send it again. A few quick tries ride out a reconnect.
   */
  private async recordSent(noticeId: string, messageId: string): Promise<void> {
    for (let attempt = 1; ; attempt++) {
      try {
        await this.sent.record(noticeId, messageId);
        return;
      } catch (error) {
        if (attempt >= 5) throw error;
        this.logger.warn({ noticeId, attempt, err: (error as Error).message }, 'Could not record a sent notice yet');
        await new Promise((r) => setTimeout(r, 250 * attempt));
      }
    }
  }
}
