import { Injectable } from '@nestjs/common';
import { Clock, todayInLondon } from '@seg/rules';
import { NoticeToSend } from './notice-renderer';
import { NoticesRepository } from './notices.repository';

interface Waiting {
  id: string;
  resolve: (notice: NoticeToSend | null) => void;
  reject: (error: unknown) => void;
}

// One statement stays well under PostgreSQL's parameter limits and a quick plan.
const MAX_BATCH = 200;

/**
 * Loads the notices the worker's jobs are about. The jobs running side by side ask at nearly the
 * same moment: those asking while a load runs wait and go together in the next, one round trip
 * for several notices instead of one each. Each notice is still read as it is when its job asks
 * (never from an earlier read), so its status decides whether it goes.
 */
@Injectable()
export class NoticeLoader {
  private waiting: Waiting[] = [];
  private loading = false;

  constructor(
    private readonly notices: NoticesRepository,
    private readonly clock: Clock,
  ) {}

  load(id: string): Promise<NoticeToSend | null> {
    return new Promise((resolve, reject) => {
      this.waiting.push({ id, resolve, reject });
      // The jobs handed out together start in the same turn of the event loop: they go as one.
      if (!this.loading) {
        this.loading = true;
        setImmediate(() => void this.run());
      }
    });
  }

  private async run(): Promise<void> {
    while (this.waiting.length) {
      const batch = this.waiting.splice(0, MAX_BATCH);
      try {
        const found = await this.notices.getManyToSend(
          [...new Set(batch.map((w) => w.id))],
          todayInLondon(this.clock.now()),
        );
        for (const w of batch) w.resolve(found.get(w.id) ?? null);
      } catch (error) {
        for (const w of batch) w.reject(error);
      }
    }
    this.loading = false;
  }
}
