import { DailyJob } from '@seg/queue';
import { Job } from 'bullmq';
import { runTime } from './daily-jobs.processor';

const job = (data: DailyJob, opts: { prevMillis?: number }, timestamp: number) =>
  ({ data, opts, timestamp }) as Job<DailyJob>;

describe('runTime', () => {
  const scheduled = Date.UTC(2026, 2, 2, 9, 0);
  const addedAt = Date.UTC(2026, 2, 1, 9, 0, 1);

  it('is the time a scheduled run was planned for, even when a worker takes it late', () => {
    expect(runTime(job({}, { prevMillis: scheduled }, addedAt))).toEqual(new Date(scheduled));
  });

  it('is the given time of a run started by hand', () => {
    expect(runTime(job({ at: '2027-01-05T09:00:00.000Z' }, {}, addedAt))).toEqual(new Date('2027-01-05T09:00:00.000Z'));
  });
});
