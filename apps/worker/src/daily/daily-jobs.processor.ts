import { BeforeApplicationShutdown, Inject, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '@seg/config';
import { DAILY_JOBS, DailyJob, DailyJobName, DailyJobs, isDailyJobName, QueueName } from '@seg/queue';
import { Job } from 'bullmq';
import { QueueConsumer } from '../queue/queue-consumer';
import { DAILY_JOB_HANDLERS, DailyJobHandler } from './daily-job-handler';

/**
 * Keeps the daily jobs' schedulers in Redis (every worker upserts them at start: the same
 * scheduler, not a second one) and runs each day's job on whichever worker takes it.
 */
@Injectable()
export class DailyJobsProcessor implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(DailyJobsProcessor.name);
  private readonly handlers = new Map<DailyJobName, DailyJobHandler>();
  readonly consumer: QueueConsumer<DailyJob>;

  constructor(
    @Inject(APP_CONFIG) config: AppConfig,
    @Inject(DAILY_JOB_HANDLERS) handlers: DailyJobHandler[],
    private readonly dailyJobs: DailyJobs,
  ) {
    for (const handler of handlers) this.handlers.set(handler.job, handler);
    const unhandled = Object.keys(DAILY_JOBS).filter((name) => !this.handlers.has(name as DailyJobName));
    // A scheduled job nobody handles would fail every day, unnoticed.
    if (unhandled.length) throw new Error(`No handler for daily jobs: ${unhandled.join(', ')}`);
    this.consumer = new QueueConsumer<DailyJob>(
      { queueName: QueueName.Daily, redisUrl: config.redisUrl, prefix: config.queuePrefix, concurrency: 1 },
      (job) => this.handle(job),
    );
  }

  async onApplicationBootstrap(): Promise<void> {
    this.consumer.start();
    try {
      await this.dailyJobs.schedule();
    } catch (err) {
      // Another worker, or this one's next start, keeps the schedule; the jobs already planned still run.
      this.logger.warn({ err }, 'Could not update the daily job schedules');
    }
  }

  async beforeApplicationShutdown(): Promise<void> {
    await this.consumer.close();
  }

  async handle(job: Job<DailyJob>): Promise<string> {
    if (!isDailyJobName(job.name)) return `skipped: no daily job ${job.name}`;
    const now = runTime(job);
    const result = await this.handlers.get(job.name)!.run(now);
    this.logger.log({ job: job.name, jobId: job.id, now: now.toISOString(), result }, 'Daily job done');
    return result;
  }
}

/**
 * The time a run counts as: the given time of a run started by hand, else the time it was
 * scheduled for, so a run taken late (all workers were down) still counts for its own day.
 */
export function runTime(job: Job<DailyJob>): Date {
  if (job.data.at) return new Date(job.data.at);
  return new Date(job.opts.prevMillis ?? job.timestamp);
}
