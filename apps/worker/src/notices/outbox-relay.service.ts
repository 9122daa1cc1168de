import { Inject, Injectable, Logger, OnApplicationBootstrap, BeforeApplicationShutdown } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '@seg/config';
import { NoticeOutbox } from '@seg/notices';
import { NoticeQueue } from '@seg/queue';
import { Clock } from '@seg/rules';
import { NoticesRepository } from './notices.repository';

const BATCH = 2_000;

/**
 * Puts back into Redis the queued notices whose job is missing: a crash between commit and
 * enqueue, a Redis restart or flush; and, once their time has come, the notices held back for a
 * later day by the day's sending limit. A job that ended (completed or failed) while its row is
 * still queued is replaced, since its outcome was never recorded: the dead job's claim on the
 * notice goes, and the notice is queued on a new job.
 */
@Injectable()
export class OutboxRelayService implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(OutboxRelayService.name);
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<number> | null = null;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly notices: NoticesRepository,
    private readonly queue: NoticeQueue,
    private readonly outbox: NoticeOutbox,
    private readonly clock: Clock,
  ) {}

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => {
      if (!this.running) this.running = this.relay().finally(() => (this.running = null));
    }, this.config.worker.relayIntervalMs);
    this.timer.unref();
  }

  async beforeApplicationShutdown(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    await this.running;
  }

  /** One pass; returns how many notices it queued again. */
  async relay(): Promise<number> {
    try {
      const stale = await this.notices.listStaleQueued(this.config.worker.relayGraceMs, BATCH, this.clock.now());
      const states = await this.queue.noticeJobStates(stale);
      const lost = stale.flatMap((notice, i) =>
        states[i].state === 'live' ? [] : [{ notice, jobId: states[i].jobId }],
      );
      await this.queue.release(lost.map((l) => ({ noticeId: l.notice.id, jobId: l.jobId })));
      const missing = lost.map((l) => l.notice);
      if (missing.length) {
        await this.outbox.dispatch(missing);
        this.logger.warn(
          { count: missing.length },
          'Re-queued notices with no live job (lost by Redis, or finished just now and skipped when they run)',
        );
      }
      return missing.length;
    } catch (err) {
      this.logger.warn({ err: (err as Error).message }, 'Relay pass failed; will try again');
      return 0;
    }
  }
}
