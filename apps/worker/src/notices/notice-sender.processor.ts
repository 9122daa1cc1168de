import { Inject, Injectable, Logger, OnApplicationBootstrap, BeforeApplicationShutdown } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '@seg/config';
import { classifySendError, describeMailError, noticeBounceAddress } from '@seg/mail';
import { heldBackByChoice, NOTICE_KINDS } from '@seg/notices';
import {
  MailDayLimit,
  NOTICE_ATTEMPTS,
  NoticeQueue,
  noticeRetryDelayMs,
  QueueName,
  SendNoticeJob,
  SendOneNoticeJob,
} from '@seg/queue';
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

/** What became of one notice of a job. */
type Outcome =
  /** Sent, failed, suppressed or held for a later day: done with here. */
  | { done: string }
  /** Failed for now: to be tried again after this long, on a job of its own (with any others due then). */
  | { retryInMs: number }
  /**
   * Not sent now (the provider asks every worker to wait, or this worker is stopping): the notice
   * stays with its job, which goes back to wait.
   */
  | { back: string };

/**
 * Sends the notices of each job, each loaded, sent, recorded and retried on its own, and records
 * each outcome on its notice row.
 */
@Injectable()
export class NoticeSenderProcessor implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(NoticeSenderProcessor.name);
  private readonly renderers = new Map<string, NoticeRenderer>();
  readonly consumer: QueueConsumer<SendNoticeJob | SendOneNoticeJob>;
  /** Until when (the clock's ms) the provider asked us to slow down, as this worker last heard. */
  private throttledUntil = 0;
  /** Until when (real ms, as BullMQ's limiter counts) sign-in refused or the provider's full day stop sending. */
  private pausedUntil = 0;
  /** Notices this worker is handling: a second job holding one (a re-queue racing) leaves it. */
  private readonly inHand = new Set<string>();
  /** Stopping: what is not on the wire yet goes back to the queue for the next worker. */
  private stopping = false;

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
    private readonly queue: NoticeQueue,
    private readonly clock: Clock,
  ) {
    for (const renderer of renderers) for (const kind of renderer.kinds) this.renderers.set(kind, renderer);
    const unrendered = Object.keys(NOTICE_KINDS).filter((kind) => !this.renderers.has(kind));
    // A kind written but never rendered would fail every notice of it, silently, at send time.
    if (unrendered.length) throw new Error(`No renderer for notice kinds: ${unrendered.join(', ')}`);
    this.consumer = new QueueConsumer<SendNoticeJob | SendOneNoticeJob>(
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
    this.stopping = true;
    await this.consumer.close();
  }

  /**
   * Handles each notice the job holds side by side (the send slots keep their order) and says
   * what became of them. Throws `RateLimitError` when the provider asked us to wait or the worker
   * is stopping: the job goes back to wait with the notices not sent, none counted as an attempt
   * (those already recorded are skipped when it runs again).
   */
  async handle(job: Job<SendNoticeJob | SendOneNoticeJob>): Promise<string> {
    // The provider asked us to slow down: until the clock says the pause is over, the job goes
    // back to wait (no attempt counted) and every worker asks again a moment later.
    const paused = await this.pace.pausedFor(this.clock.now());
    if (paused) {
      await this.throttle(paused);
      throw new RateLimitError();
    }
    const held = 'noticeIds' in job.data ? await this.heldBy(job as Job<SendNoticeJob>) : [job.data.noticeId];
    const settled = await Promise.allSettled(held.map((id) => this.handleOne(job, id)));
    const failure = settled.find((s): s is PromiseRejectedResult => s.status === 'rejected');
    // The job is tried again as a whole: the notices it holds stay claimed by it.
    if (failure) throw failure.reason;
    const outcomes = settled.map((s) => (s as PromiseFulfilledResult<Outcome>).value);
    // Those that failed for now go on new jobs, one per delay: an outage's many failures stay batched.
    const retries = new Map<number, string[]>();
    for (const [i, o] of outcomes.entries())
      if ('retryInMs' in o) retries.set(o.retryInMs, [...(retries.get(o.retryInMs) ?? []), held[i]]);
    for (const [delayMs, ids] of retries) await this.queue.retryLater(ids, job.id!, delayMs, job.opts.priority);
    if (outcomes.some((o) => 'back' in o)) throw new RateLimitError();
    if ('noticeIds' in job.data) await this.queue.release(held.map((noticeId) => ({ noticeId, jobId: job.id! })));
    return tally(outcomes.map((o) => ('done' in o ? o.done : 'back' in o ? o.back : 'retrying')));
  }

  /** The job's notices that it still holds the claim on (one retried on a job of its own is not). */
  private async heldBy(job: Job<SendNoticeJob>): Promise<string[]> {
    const claims = await this.queue.claimsOf(job.data.noticeIds);
    return job.data.noticeIds.filter((_, i) => claims[i] === job.id);
  }

  private async handleOne(job: Job, noticeId: string): Promise<Outcome> {
    if (this.inHand.has(noticeId)) return { done: 'skipped: in hand already' };
    this.inHand.add(noticeId);
    try {
      return await this.loadAndSend(job, noticeId);
    } finally {
      this.inHand.delete(noticeId);
    }
  }

  private async loadAndSend(job: Job, noticeId: string): Promise<Outcome> {
    const notice = await this.loader.load(noticeId);
    if (!notice) return { done: 'skipped: notice no longer exists' };
    if (notice.status !== 'queued') return { done: `skipped: already ${notice.status}` };

    if (notice.memberEmailStatus === 'bouncing' && NOTICE_KINDS[notice.kind].suppressedWhenBouncing) {
      await this.notices.markSuppressed(notice.id, 'Not sent: the address bounces');
      await this.dayLimit.release(notice);
      return { done: 'skipped: the address bounces' };
    }
    const heldBack =
      notice.invitation &&
      heldBackByChoice(notice.kind, notice.invitation.meeting, notice.invitation.rsvp, notice.memberNoticesOff);
    if (heldBack) {
      await this.notices.markSuppressed(notice.id, heldBack);
      await this.dayLimit.release(notice);
      return { done: 'skipped: held back by choice' };
    }

    const renderer = this.renderers.get(notice.kind);
    if (!renderer) {
      await this.notices.markFailed(notice.id, `No renderer for notice kind ${notice.kind}`);
      await this.dayLimit.release(notice);
      return { done: 'skipped: no renderer' };
    }
    const rendered = await renderer.render(notice);
    if ('skip' in rendered) {
      await this.notices.markFailed(notice.id, rendered.skip);
      await this.dayLimit.release(notice);
      return { done: 'skipped: did not render' };
    }

    const release = await this.sent.slot();
    try {
      // Asked to wait, or stopping, while this one waited for its slot: it goes back with the job.
      if (this.clock.now().getTime() < this.throttledUntil || Date.now() < this.pausedUntil) return { back: 'paused' };
      if (this.stopping) return { back: 'stopping' };
      // The sends made are the day's limit, whatever the plans said: this one may have to wait.
      const notBefore = await this.dayLimit.take(notice, this.clock.now());
      if (notBefore) {
        await this.notices.holdUntil(notice.id, notBefore);
        return { done: "waiting: the day's limit is reached" };
      }
      return await this.sendAndRecord(job, notice, rendered);
    } finally {
      release();
    }
  }

  private async sendAndRecord(job: Job, notice: NoticeToSend, rendered: RenderedEmail): Promise<Outcome> {
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
        await this.pauseAll(await this.access.refused(reason));
        await this.notices.recordHeldBack(notice.id, reason);
        return { back: 'paused: sign-in refused' };
      }
      if (kind === 'throttled' || kind === 'over-day-limit') {
        // The provider's pace, not the notice's fault: every worker waits, the notice stays
        // queued and its attempts unchanged, and BullMQ puts the job back without counting one.
        const pauseMs = kind === 'throttled' ? await this.pace.throttled(this.clock.now()) : OVER_DAY_LIMIT_PAUSE_MS;
        if (kind === 'throttled') await this.throttle(pauseMs);
        else await this.pauseAll(pauseMs);
        await this.notices.recordHeldBack(notice.id, reason);
        this.logger.warn({ noticeId: notice.id, jobId: job.id, reason, pauseMs }, 'The mail provider asks us to wait');
        return { back: 'paused: throttled' };
      }
      if (kind === 'permanent' || notice.attempts + 1 >= NOTICE_ATTEMPTS) {
        await this.notices.markFailed(notice.id, reason);
        this.logger.warn({ noticeId: notice.id, jobId: job.id, reason }, 'Notice failed');
        return { done: 'failed' };
      }
      // Tried again after its own backoff; the others of its job are not sent again.
      await this.notices.recordAttempt(notice.id, reason);
      return { retryInMs: noticeRetryDelayMs(notice.attempts + 1) };
    }
    await this.recordSent(notice.id, messageId);
    await this.access.accepted().catch(() => undefined);
    return { done: 'sent' };
  }

  /**
   * A throttling pause of `ms` by the clock: this worker sends nothing of its jobs meanwhile, and
   * every worker stops taking jobs for a moment, then asks SendPace again.
   */
  private async throttle(ms: number): Promise<void> {
    this.throttledUntil = Math.max(this.throttledUntil, this.clock.now().getTime() + ms);
    await this.consumer.pauseAll(Math.min(ms, PAUSE_RECHECK_MS));
  }

  /** Stops every worker taking jobs for `ms`, and this one sending what its jobs hold meanwhile. */
  private async pauseAll(ms: number): Promise<void> {
    this.pausedUntil = Math.max(this.pausedUntil, Date.now() + ms);
    await this.consumer.pauseAll(ms);
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

/** "sent 48, skipped: already sent 2": how many notices of a job came to each end. */
function tally(ends: string[]): string {
  const counts = new Map<string, number>();
  for (const end of ends) counts.set(end, (counts.get(end) ?? 0) + 1);
  return [...counts].map(([end, n]) => `${end} ${n}`).join(', ') || 'nothing held';
}
