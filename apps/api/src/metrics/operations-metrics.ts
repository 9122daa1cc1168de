import { Inject, Injectable, Logger } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '@seg/config';
import { INBOUND_OUTCOMES, NOTICE_STATUSES } from '@seg/db';
import { DailyJobs, NoticeQueue, readBackupState, readInboundLastRead, REDIS_PRODUCER } from '@seg/queue';
import { Queue } from 'bullmq';
import type IORedis from 'ioredis';
import { collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client';
import { MetricsRepository } from './metrics.repository';

/** The states of a queue's jobs an operator watches; `waiting` counts prioritized jobs too. */
const QUEUE_STATES = ['waiting', 'active', 'delayed', 'failed'] as const;

const seconds = (at: Date) => at.getTime() / 1000;

/** A scrape could not read one of its sources (the database, Redis). */
export class MetricsSourceDown extends Error {
  constructor(readonly source: string) {
    super(`${source} did not answer`);
  }
}

/**
 * Everything /metrics shows, in a registry of this app's own (tests run several APIs in one
 * process). Request figures are counted as requests end; the rest is read at each scrape from
 * the database and Redis, where the worker leaves its figures (it keeps no HTTP server). When a
 * source does not answer the scrape fails, naming it, rather than showing stale figures as now.
 */
@Injectable()
export class OperationsMetrics {
  private readonly logger = new Logger(OperationsMetrics.name);
  readonly registry = new Registry();
  readonly requestDuration: Histogram<'method' | 'route' | 'status'>;

  constructor(
    @Inject(APP_CONFIG) config: AppConfig,
    @Inject(REDIS_PRODUCER) redis: IORedis,
    noticeQueue: NoticeQueue,
    dailyJobs: DailyJobs,
    repository: MetricsRepository,
  ) {
    const registers = [this.registry];
    collectDefaultMetrics({ register: this.registry, prefix: 'seg_api_' });

    this.requestDuration = new Histogram({
      name: 'seg_http_request_duration_seconds',
      help: 'HTTP requests by route template and status, with how long each took to answer (status "aborted": the client left first)',
      labelNames: ['method', 'route', 'status'],
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
      registers,
    });

    const logger = this.logger;
    const guarded = <T>(source: string, collect: (this: T) => Promise<void>) =>
      async function (this: T) {
        try {
          await collect.call(this);
        } catch (err) {
          logger.warn({ source, err: (err as Error).message }, 'A metrics source did not answer');
          throw new MetricsSourceDown(source);
        }
      };

    new Gauge({
      name: 'seg_notices',
      help: 'Notices (emails) by state',
      labelNames: ['state'],
      registers,
      collect: guarded('notices', async function (this: Gauge<'state'>) {
        const rows = await repository.noticesByStatus();
        for (const state of NOTICE_STATUSES) this.set({ state }, rows.find((r) => r.status === state)?.n ?? 0);
      }),
    });

    new Gauge({
      name: 'seg_notice_oldest_queued_age_seconds',
      help: 'How long the oldest notice still waiting to be sent has waited (0 when none waits)',
      registers,
      collect: guarded('notices', async function (this: Gauge) {
        const oldest = await repository.oldestQueuedNoticeAt();
        this.set(oldest ? Math.max(0, (Date.now() - oldest.getTime()) / 1000) : 0);
      }),
    });

    const queues: Queue[] = [noticeQueue.notices, noticeQueue.meetings, dailyJobs.queue];
    new Gauge({
      name: 'seg_queue_jobs',
      help: 'Jobs in each queue by state (waiting includes prioritized)',
      labelNames: ['queue', 'state'],
      registers,
      collect: guarded('redis', async function (this: Gauge<'queue' | 'state'>) {
        for (const queue of queues) {
          const counts = await queue.getJobCounts('waiting', 'prioritized', 'active', 'delayed', 'failed');
          const of: Record<string, number> = { ...counts, waiting: (counts.waiting ?? 0) + (counts.prioritized ?? 0) };
          for (const state of QUEUE_STATES) this.set({ queue: queue.name, state }, of[state] ?? 0);
        }
      }),
    });

    new Gauge({
      name: 'seg_inbound_messages',
      help: 'Messages read from the inbound mailbox, by what they were found to be (unmatched: set aside)',
      labelNames: ['outcome'],
      registers,
      collect: guarded('inbound', async function (this: Gauge<'outcome'>) {
        const rows = await repository.inboundByOutcome();
        for (const outcome of INBOUND_OUTCOMES) this.set({ outcome }, rows.find((r) => r.outcome === outcome)?.n ?? 0);
      }),
    });

    // Only where a mailbox is read: without one the figure would only ever say "never".
    if (config.inbound.imapUrl) {
      new Gauge({
        name: 'seg_inbound_last_read_timestamp_seconds',
        help: 'When the worker last read the inbound mailbox through (Unix time; 0: never)',
        registers,
        collect: guarded('redis', async function (this: Gauge) {
          const at = await readInboundLastRead(redis, config.queuePrefix);
          this.set(at ? seconds(at) : 0);
        }),
      });
    }

    // Written by the worker after each backup (or `npm run backup`).
    const backup = () => readBackupState(redis, config.queuePrefix);
    new Gauge({
      name: 'seg_backup_last_timestamp_seconds',
      help: 'When the last good backup was taken (Unix time; 0: never)',
      registers,
      collect: guarded('redis', async function (this: Gauge) {
        const { last } = await backup();
        this.set(last ? seconds(last.at) : 0);
      }),
    });
    new Gauge({
      name: 'seg_backup_last_size_bytes',
      help: 'The size of the last good backup (0: none)',
      registers,
      collect: guarded('redis', async function (this: Gauge) {
        const { last } = await backup();
        this.set(last?.sizeBytes ?? 0);
      }),
    });
    new Gauge({
      name: 'seg_backup_failure_timestamp_seconds',
      help: 'When the latest backup attempt failed, if it did (Unix time; 0: the latest worked)',
      registers,
      collect: guarded('redis', async function (this: Gauge) {
        const { failure } = await backup();
        this.set(failure ? seconds(failure.at) : 0);
      }),
    });

    new Gauge({
      name: 'seg_retention_last_run_timestamp_seconds',
      help: 'When the nightly retention run last finished (Unix time; 0: never)',
      registers,
      collect: guarded('retention', async function (this: Gauge) {
        const at = await repository.lastRetentionRunAt();
        this.set(at ? seconds(at) : 0);
      }),
    });
  }

  /** The text Prometheus reads. */
  async render(): Promise<string> {
    return this.registry.metrics();
  }
}
