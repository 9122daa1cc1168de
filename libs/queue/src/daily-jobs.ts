import { Inject, Injectable, Logger, OnApplicationShutdown } from '@nestjs/common';
import { APP_CONFIG, AppConfig, TimeOfDay } from '@seg/config';
import { Queue } from 'bullmq';
import type IORedis from 'ioredis';
import { REDIS_PRODUCER } from './notice-queue';
import { QueueName } from './queue.contract';

/**
 * Every job the worker runs once a day, with the time of day (UK time) it runs at. Adding a
 * daily job is one entry here plus its handler in the worker's daily jobs module (the worker
 * refuses to start while an entry has no handler).
 */
export const DAILY_JOBS = {
  /** Asks members whose details are due to confirm them, and asks again those who have not answered. */
  'confirm-details': { at: (config: AppConfig) => config.daily.nudgeTime },
  /** A dump of the database into BACKUP_DIR, checked readable; dumps older than BACKUP_KEEP_DAYS removed. */
  backup: { at: (config: AppConfig) => config.daily.backupTime },
  /** Storage limitation: erases members who left long enough ago, strips old notices, deletes ended sign-ins and spent links. */
  retention: { at: (config: AppConfig) => config.daily.retentionTime },
} as const satisfies Record<string, DailyJobRule>;

/** When a daily job runs: a time of day in `config.daily.timeZone`, read from the config. */
export interface DailyJobRule {
  at: (config: AppConfig) => TimeOfDay;
}

export type DailyJobName = keyof typeof DAILY_JOBS & string;

export function isDailyJobName(name: string): name is DailyJobName {
  return Object.hasOwn(DAILY_JOBS, name);
}

/** What a daily job carries: nothing on a scheduled run, which counts as its scheduled time. */
export interface DailyJob {
  /** ISO time the run counts as, for a run started by hand (a test moving the clock, an operator). */
  at?: string;
}

/** The time of a day's run: 09:00 in Europe/London is 09:00 GMT in winter and 08:00 UTC in summer. */
export function dailyPattern(time: TimeOfDay): string {
  return `${time.minute} ${time.hour} * * *`;
}

export const dailySchedulerId = (name: string) => `daily.${name}`;

/** A daily job's run after a failure: it is retried, and it is written to be run again safely. */
const DAILY_JOB_OPTIONS = {
  attempts: 5,
  backoff: { type: 'exponential', delay: 60_000 },
  removeOnComplete: { age: 30 * 24 * 3600 },
  removeOnFail: { age: 30 * 24 * 3600 },
} as const;

/**
 * The daily jobs' schedules, kept in Redis by BullMQ job schedulers: one scheduler per job, so
 * however many workers call `schedule()` (each does at start), each day's run is one job that
 * one worker takes; a worker that dies mid-run leaves the job to be taken again (stalled), so
 * every handler must be safe to run twice for the same day.
 */
@Injectable()
export class DailyJobs implements OnApplicationShutdown {
  private readonly logger = new Logger(DailyJobs.name);
  readonly queue: Queue<DailyJob, string, string>;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(REDIS_PRODUCER) connection: IORedis,
  ) {
    this.queue = new Queue(QueueName.Daily, { connection, prefix: config.queuePrefix });
    this.queue.on('error', (err) => this.logger.warn({ err }, 'daily queue error'));
  }

  /** Creates or updates every daily job's scheduler (a changed NUDGE_TIME takes effect here). */
  async schedule(jobs: Record<string, DailyJobRule> = DAILY_JOBS): Promise<void> {
    for (const [name, rule] of Object.entries(jobs)) {
      await this.queue.upsertJobScheduler(
        dailySchedulerId(name),
        { pattern: dailyPattern(rule.at(this.config)), tz: this.config.daily.timeZone },
        { name, data: {}, opts: DAILY_JOB_OPTIONS },
      );
    }
  }

  /** When a daily job runs next, as its scheduler says; null when it has none. */
  async nextRun(name: string): Promise<Date | null> {
    const scheduler = await this.queue.getJobScheduler(dailySchedulerId(name));
    return scheduler?.next ? new Date(scheduler.next) : null;
  }

  /**
   * Runs a daily job now as if it were `at` (one run per job and time: a repeat adds nothing).
   * Tests move the clock with it; the scheduled runs never need it.
   */
  async runAt(name: DailyJobName, at: Date): Promise<string> {
    const job = await this.queue.add(
      name,
      { at: at.toISOString() },
      { ...DAILY_JOB_OPTIONS, jobId: `daily.${name}.at.${at.getTime()}` },
    );
    return job.id!;
  }

  async onApplicationShutdown(): Promise<void> {
    await this.queue.close().catch(() => undefined);
  }
}
