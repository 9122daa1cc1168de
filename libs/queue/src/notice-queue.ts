import { Inject, Injectable, Logger, OnApplicationShutdown } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '@seg/config';
import { JobsOptions, Queue } from 'bullmq';
import type IORedis from 'ioredis';
import { JobName, noticeJobId, QueueName, reminderJobId, SendNoticeJob, SendRemindersJob } from './queue.contract';

export const REDIS_PRODUCER = Symbol('REDIS_PRODUCER');

/** Retry policy of a notice: temporary failures back off exponentially (5 s, 10 s, 20 s...). */
export const NOTICE_JOB_OPTIONS: JobsOptions = {
  attempts: 10,
  backoff: { type: 'exponential', delay: 5_000 },
  removeOnComplete: { age: 24 * 3600, count: 50_000 },
  removeOnFail: { age: 7 * 24 * 3600 },
};

/**
 * BullMQ takes jobs without a priority before any prioritized job, and prioritized ones of equal
 * priority in the order they came: notices in turn carry this priority, so those queued `first`
 * (account emails) overtake a whole network's invitations.
 */
const IN_TURN_PRIORITY = 10;

export interface NoticeRef {
  id: string;
  generation: number;
}

/** The enqueue side of the notice and meeting queues. */
@Injectable()
export class NoticeQueue implements OnApplicationShutdown {
  private readonly logger = new Logger(NoticeQueue.name);
  readonly notices: Queue<SendNoticeJob>;
  readonly meetings: Queue<SendRemindersJob>;

  constructor(
    @Inject(APP_CONFIG) config: AppConfig,
    @Inject(REDIS_PRODUCER) private readonly connection: IORedis,
  ) {
    this.notices = new Queue(QueueName.Notices, { connection, prefix: config.queuePrefix });
    this.meetings = new Queue(QueueName.Meetings, { connection, prefix: config.queuePrefix });
    this.notices.on('error', (err) => this.logger.warn({ err }, 'notices queue error'));
    this.meetings.on('error', (err) => this.logger.warn({ err }, 'meetings queue error'));
  }

  /**
   * Adds one job per notice, its id derived from the notice so a repeat adds nothing; `first`
   * ahead of every notice queued in turn. Call it
   * after the transaction that wrote the notices commits. Failure is logged, not thrown: the
   * rows are committed and the relay will queue them.
   */
  async enqueue(notices: NoticeRef[], order: 'first' | 'in-turn' = 'in-turn'): Promise<boolean> {
    if (!notices.length) return true;
    const priority = order === 'first' ? {} : { priority: IN_TURN_PRIORITY };
    try {
      for (let i = 0; i < notices.length; i += 1000) {
        await this.notices.addBulk(
          notices.slice(i, i + 1000).map((n) => ({
            name: JobName.SendNotice,
            data: { noticeId: n.id },
            opts: { ...NOTICE_JOB_OPTIONS, ...priority, jobId: noticeJobId(n.id, n.generation) },
          })),
        );
      }
      return true;
    } catch (err) {
      this.logger.warn({ err, count: notices.length }, 'Could not queue notices now; the relay will');
      return false;
    }
  }

  /**
   * Whether each notice job is there and live (waiting, delayed, running), ended (completed or
   * failed) or missing, in one round trip for them all: each job's hash is read in one pipeline
   * (BullMQ stamps every job's hash with its `timestamp`, and `finishedOn` once it has ended).
   */
  async noticeJobStates(jobIds: readonly string[]): Promise<('live' | 'ended' | 'missing')[]> {
    if (!jobIds.length) return [];
    const pipeline = this.connection.pipeline();
    for (const id of jobIds) pipeline.hmget(this.notices.toKey(id), 'timestamp', 'finishedOn');
    const answers = (await pipeline.exec()) ?? [];
    return answers.map(([error, fields]) => {
      if (error) throw error;
      const [timestamp, finishedOn] = fields as (string | null)[];
      if (timestamp === null) return 'missing';
      return finishedOn === null ? 'live' : 'ended';
    });
  }

  /** Plans the reminder for one revision of a meeting; `delayMs` from now. */
  async planReminder(job: SendRemindersJob, delayMs: number): Promise<void> {
    await this.meetings.add(JobName.SendReminders, job, {
      jobId: reminderJobId(job.meetingId, job.revision),
      delay: Math.max(0, delayMs),
      attempts: 10,
      backoff: { type: 'exponential', delay: 5_000 },
      removeOnComplete: { age: 7 * 24 * 3600 },
      removeOnFail: { age: 30 * 24 * 3600 },
    });
  }

  /** Drops the planned reminder of a revision (moved or cancelled meeting). Missing is fine. */
  async dropReminder(meetingId: string, revision: number): Promise<void> {
    await this.meetings.remove(reminderJobId(meetingId, revision));
  }

  async onApplicationShutdown(): Promise<void> {
    await Promise.allSettled([this.notices.close(), this.meetings.close()]);
  }
}
