import { Inject, Injectable, Logger, OnApplicationShutdown } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '@seg/config';
import { JobsOptions, Queue } from 'bullmq';
import type IORedis from 'ioredis';
import { randomUUID } from 'node:crypto';
import {
  JobName,
  noticeJobId,
  QueueName,
  reminderJobId,
  SendNoticeJob,
  SendOneNoticeJob,
  SendRemindersJob,
} from './queue.contract';

export const REDIS_PRODUCER = Symbol('REDIS_PRODUCER');

/** Attempts of a notice: the first and the retries of temporary failures. */
export const NOTICE_ATTEMPTS = 10;

/** How long a notice waits before its next attempt: 5 s, 10 s, 20 s... after each failure. */
export function noticeRetryDelayMs(failedAttempts: number): number {
  return 5_000 * 2 ** Math.max(failedAttempts - 1, 0);
}

/**
 * Retry policy of a job as a whole (a notice's own failures are retried by the worker on a job of
 * their own): an error that stops the whole job, such as the database being out of reach.
 */
export const NOTICE_JOB_OPTIONS: JobsOptions = {
  attempts: NOTICE_ATTEMPTS,
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

/** The most notices one job carries. */
const MOST_PER_JOB = 50;

/**
 * The send rate in the shortest whole-second window that keeps it exact: `max` messages every
 * `duration` ms. 30 a minute is one every 2 s, not 30 at once at the top of each minute, which
 * providers count as a burst.
 */
export function sendWindow(ratePerMinute: number): { max: number; duration: number } {
  const gcd = (a: number, b: number): number => (b ? gcd(b, a % b) : a);
  const windows = gcd(ratePerMinute, 60);
  return { max: ratePerMinute / windows, duration: 60_000 / windows };
}

/**
 * Notices per job at this rate: the most, up to 50, that divide a window's messages, so that
 * BullMQ's limiter, which counts jobs, can let whole jobs through and never more messages than
 * the rate (at 60 a minute a job holds one notice).
 */
export function noticesPerJob(ratePerMinute: number): number {
  const { max } = sendWindow(ratePerMinute);
  let size = Math.min(max, MOST_PER_JOB);
  while (max % size) size -= 1;
  return size;
}

// The claims hash maps a notice to the one job that may send it. ARGV: notice, job, notice, job...
// Claims each notice no job holds; answers 1 for each claimed, 0 for each held already.
const CLAIM = `
local claimed = {}
for i = 1, #ARGV, 2 do claimed[#claimed + 1] = redis.call('HSETNX', KEYS[1], ARGV[i], ARGV[i + 1]) end
return claimed`;
// Drops each notice's claim if the job named still holds it.
const RELEASE = `
for i = 1, #ARGV, 2 do
  if redis.call('HGET', KEYS[1], ARGV[i]) == ARGV[i + 1] then redis.call('HDEL', KEYS[1], ARGV[i]) end
end
return 0`;
// ARGV: from job, to job, then the notices. Hands over each claim the first job holds (or none
// does); answers 1 for each handed over, 0 for each another job holds.
const HAND_OVER = `
local handed = {}
for i = 3, #ARGV do
  local holder = redis.call('HGET', KEYS[1], ARGV[i])
  if holder and holder ~= ARGV[1] then handed[#handed + 1] = 0
  else redis.call('HSET', KEYS[1], ARGV[i], ARGV[2]); handed[#handed + 1] = 1 end
end
return handed`;

function newJobId(): string {
  return `notices.${randomUUID()}`;
}

export interface NoticeRef {
  id: string;
  generation: number;
}

/** The enqueue side of the notice and meeting queues. */
@Injectable()
export class NoticeQueue implements OnApplicationShutdown {
  private readonly logger = new Logger(NoticeQueue.name);
  readonly notices: Queue<SendNoticeJob | SendOneNoticeJob>;
  readonly meetings: Queue<SendRemindersJob>;
  /** Notices per job, by the send rate. */
  readonly perJob: number;
  private readonly claimsKey: string;

  constructor(
    @Inject(APP_CONFIG) config: AppConfig,
    @Inject(REDIS_PRODUCER) private readonly connection: IORedis,
  ) {
    this.perJob = noticesPerJob(config.mail.ratePerMinute);
    this.claimsKey = `${config.queuePrefix}:notices-claimed`;
    this.notices = new Queue(QueueName.Notices, { connection, prefix: config.queuePrefix });
    this.meetings = new Queue(QueueName.Meetings, { connection, prefix: config.queuePrefix });
    this.notices.on('error', (err) => this.logger.warn({ err }, 'notices queue error'));
    this.meetings.on('error', (err) => this.logger.warn({ err }, 'meetings queue error'));
  }

  /**
   * Adds the notices in jobs of `perJob`, `first` ahead of every notice queued in turn. Each notice
   * is claimed for its job first (in Redis, `notices-claimed`): one that a job holds already is
   * left out, so queuing a notice twice adds nothing. Call it after the transaction that wrote the
   * notices commits. Failure is logged, not thrown: the rows are committed and the relay will
   * queue them.
   */
  async enqueue(notices: NoticeRef[], order: 'first' | 'in-turn' = 'in-turn'): Promise<boolean> {
    if (!notices.length) return true;
    const priority = order === 'first' ? {} : { priority: IN_TURN_PRIORITY };
    const step = this.perJob * 20;
    try {
      for (let i = 0; i < notices.length; i += step) {
        const batches: { jobId: string; ids: string[] }[] = [];
        for (let k = i; k < Math.min(i + step, notices.length); k += this.perJob)
          batches.push({ jobId: newJobId(), ids: notices.slice(k, k + this.perJob).map((n) => n.id) });
        const claimed = (await this.connection.eval(
          CLAIM,
          1,
          this.claimsKey,
          ...batches.flatMap((b) => b.ids.flatMap((id) => [id, b.jobId])),
        )) as number[];
        let at = 0;
        const jobs = batches.flatMap((b) => {
          const ids = b.ids.filter(() => claimed[at++] === 1);
          return ids.length
            ? [
                {
                  name: JobName.SendNotice,
                  data: { noticeIds: ids },
                  opts: { ...NOTICE_JOB_OPTIONS, ...priority, jobId: b.jobId },
                },
              ]
            : [];
        });
        if (jobs.length) await this.notices.addBulk(jobs);
      }
      return true;
    } catch (err) {
      this.logger.warn({ err, count: notices.length }, 'Could not queue notices now; the relay will');
      return false;
    }
  }

  /** The job holding each notice's claim, or null. */
  async claimsOf(noticeIds: readonly string[]): Promise<(string | null)[]> {
    return noticeIds.length ? this.connection.hmget(this.claimsKey, ...noticeIds) : [];
  }

  /** Drops the claims these jobs hold on these notices (a claim another job holds stays). */
  async release(claims: readonly { noticeId: string; jobId: string }[]): Promise<void> {
    if (claims.length)
      await this.connection.eval(RELEASE, 1, this.claimsKey, ...claims.flatMap((c) => [c.noticeId, c.jobId]));
  }

  /**
   * Queues notices again on a job of their own, after `delayMs`, those that the job `fromJobId`
   * (or no job) holds; answers how many (another job may hold one). `priority` is the job's they
   * came from.
   */
  async retryLater(
    noticeIds: readonly string[],
    fromJobId: string,
    delayMs: number,
    priority: number | undefined,
  ): Promise<number> {
    const jobId = newJobId();
    const handed = (await this.connection.eval(
      HAND_OVER,
      1,
      this.claimsKey,
      fromJobId,
      jobId,
      ...noticeIds,
    )) as number[];
    const ids = noticeIds.filter((_, i) => handed[i] === 1);
    if (ids.length)
      await this.notices.add(
        JobName.SendNotice,
        { noticeIds: ids },
        { ...NOTICE_JOB_OPTIONS, ...(priority ? { priority } : {}), delay: delayMs, jobId },
      );
    return ids.length;
  }

  /**
   * Whether each notice's job is there and live (waiting, delayed, running), ended (completed or
   * failed) or missing, in two round trips for them all: the claims, then each job's hash in one
   * pipeline (BullMQ stamps every job's hash with its `timestamp`, and `finishedOn` once it has
   * ended). A notice no job claims is looked for under the job id of its own that releases before
   * batches gave it.
   */
  async noticeJobStates(
    notices: readonly NoticeRef[],
  ): Promise<{ jobId: string; state: 'live' | 'ended' | 'missing' }[]> {
    if (!notices.length) return [];
    const claims = await this.claimsOf(notices.map((n) => n.id));
    const jobIds = notices.map((n, i) => claims[i] ?? noticeJobId(n.id, n.generation));
    const unique = [...new Set(jobIds)];
    const pipeline = this.connection.pipeline();
    for (const id of unique) pipeline.hmget(this.notices.toKey(id), 'timestamp', 'finishedOn');
    const answers = (await pipeline.exec()) ?? [];
    const states = new Map(
      answers.map(([error, fields], i) => {
        if (error) throw error;
        const [timestamp, finishedOn] = fields as (string | null)[];
        return [unique[i], timestamp === null ? 'missing' : finishedOn === null ? 'live' : 'ended'] as const;
      }),
    );
    return jobIds.map((jobId) => ({ jobId, state: states.get(jobId)! }));
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
