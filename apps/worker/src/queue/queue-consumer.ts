import { Logger } from '@nestjs/common';
import { createRedisConnection } from '@seg/queue';
import { Job, Queue, Worker, WorkerOptions } from 'bullmq';
import type IORedis from 'ioredis';

export interface QueueConsumerOptions {
  queueName: string;
  redisUrl: string;
  prefix: string;
  concurrency: number;
  limiter?: WorkerOptions['limiter'];
  /** How long jobs may wait with nothing running before the worker counts as stuck. */
  quietAfterMs?: number;
  checkEveryMs?: number;
}

/**
 * A BullMQ worker that watches itself. After a Redis restart a worker can stay connected yet
 * never pick up another job; when jobs wait, none is active and nothing started for a while,
 * the worker is closed and built again.
 */
export class QueueConsumer<T> {
  private readonly logger: Logger;
  private worker: Worker<T> | null = null;
  private connection: IORedis | null = null;
  private readonly probe: Queue;
  private readonly probeConnection: IORedis;
  private lastActivity = Date.now();
  private timer: NodeJS.Timeout | null = null;
  private checking = false;
  private closing = false;
  restarts = 0;

  constructor(
    private readonly options: QueueConsumerOptions,
    private readonly handle: (job: Job<T>) => Promise<string>,
  ) {
    this.logger = new Logger(`QueueConsumer:${options.queueName}`);
    this.probeConnection = createRedisConnection(
      options.redisUrl,
      'producer',
      `${options.prefix}:${options.queueName}:probe`,
    );
    this.probe = new Queue(options.queueName, { connection: this.probeConnection, prefix: options.prefix });
    this.probe.on('error', () => undefined);
  }

  start(): void {
    this.worker = this.createWorker();
    this.timer = setInterval(() => void this.check(), this.options.checkEveryMs ?? 5_000);
    this.timer.unref();
  }

  private createWorker(): Worker<T> {
    this.connection = createRedisConnection(
      this.options.redisUrl,
      'worker',
      `${this.options.prefix}:${this.options.queueName}:worker`,
    );
    const worker = new Worker<T>(
      this.options.queueName,
      async (job) => {
        this.lastActivity = Date.now();
        try {
          return await this.handle(job);
        } finally {
          this.lastActivity = Date.now();
        }
      },
      {
        connection: this.connection,
        prefix: this.options.prefix,
        concurrency: this.options.concurrency,
        limiter: this.options.limiter,
        // A job whose worker died is picked up again within ~30 s.
        stalledInterval: 30_000,
        maxStalledCount: 5,
      },
    );
    worker.on('error', (err) => this.logger.warn({ err: err.message }, 'worker error'));
    worker.on('failed', (job, err) =>
      this.logger.warn({ jobId: job?.id, attempt: job?.attemptsMade, err: err.message }, 'job failed'),
    );
    return worker;
  }

  private async check(): Promise<void> {
    if (this.checking || this.closing || !this.worker) return;
    this.checking = true;
    try {
      const counts = await this.probe.getJobCounts('waiting', 'prioritized', 'active');
      const waiting = (counts.waiting ?? 0) + (counts.prioritized ?? 0);
      const quietFor = Date.now() - this.lastActivity;
      if (
        waiting > 0 &&
        (counts.active ?? 0) === 0 &&
        quietFor > (this.options.quietAfterMs ?? 15_000) &&
        // A queue paused by its rate limit is idle on purpose.
        (await this.probe.getRateLimitTtl(this.options.limiter?.max)) <= 0
      ) {
        this.logger.warn({ waiting, quietForMs: quietFor }, 'Jobs are waiting but the worker is idle: restarting it');
        await this.restart();
      }
    } catch {
      // Redis is unreachable: nothing to judge until it is back.
    } finally {
      this.checking = false;
    }
  }

  /**
   * Stops every worker of the queue taking jobs for `ms` (through its rate limiter, in Redis).
   * The job at hand must then throw `RateLimitError`: it goes back to wait, not counted as an
   * attempt.
   */
  async pauseAll(ms: number): Promise<void> {
    await this.probe.rateLimit(ms);
  }

  private async restart(): Promise<void> {
    const old = this.worker;
    const oldConnection = this.connection;
    this.worker = this.createWorker();
    this.lastActivity = Date.now();
    this.restarts += 1;
    await old?.close(true).catch(() => undefined);
    oldConnection?.disconnect();
  }

  /** Lets running jobs finish, then closes every connection. */
  async close(): Promise<void> {
    this.closing = true;
    if (this.timer) clearInterval(this.timer);
    await this.worker?.close();
    this.connection?.disconnect();
    await this.probe.close().catch(() => undefined);
    this.probeConnection.disconnect();
  }
}
