import type { DailyJobName } from '@seg/queue';

/**
 * Does one daily job's work for the day that `now` falls in. It may run twice for the same
 * day (a worker that died mid-run, a run started by hand), so the second run must add nothing.
 * Returns what it did, for the log and the job's result.
 */
export interface DailyJobHandler {
  readonly job: DailyJobName;
  run(now: Date): Promise<string>;
}

/** Injection token: the array of every daily job handler the worker knows. */
export const DAILY_JOB_HANDLERS = Symbol('DAILY_JOB_HANDLERS');
