import { Injectable } from '@nestjs/common';
import { Retention } from '@seg/privacy';
import { DailyJobHandler } from '../daily/daily-job-handler';

/** The daily retention run (storage limitation): the rules are @seg/privacy's `Retention`. */
@Injectable()
export class RetentionJob implements DailyJobHandler {
  readonly job = 'retention' as const;

  constructor(private readonly retention: Retention) {}

  async run(now: Date): Promise<string> {
    const removed = await this.retention.run(now);
    return Object.entries(removed)
      .map(([rule, count]) => `${rule} ${count}`)
      .join(', ');
  }
}
