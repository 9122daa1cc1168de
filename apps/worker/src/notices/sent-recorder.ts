import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '@seg/config';
import { NoticesRepository } from './notices.repository';

interface Waiting {
  id: string;
  messageId: string;
  resolve: () => void;
  reject: (error: unknown) => void;
}

// One statement stays well under PostgreSQL's parameter and row limits.
const MAX_BATCH = 500;

/**
 * Records sent notices. While one update runs, the notices sent meanwhile wait and go together
 * in the next: one commit for several notices instead of one each. Every caller's promise
 * settles only when its own row is written, so a job still completes after its notice is
 * recorded.
 *
 * A send holds one of MAIL_POOL_SIZE slots from before it starts until its row is written, so
 * a connection never carries the next message while the last one is unrecorded: a worker killed
 * at any moment leaves at most MAIL_POOL_SIZE emails accepted but not recorded, which are the
 * only ones it can send twice.
 */
@Injectable()
export class SentRecorder {
  private waiting: Waiting[] = [];
  private writing = false;
  private free: number;
  private readonly queuedForSlot: (() => void)[] = [];

  constructor(
    private readonly notices: NoticesRepository,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    this.free = config.mail.poolSize;
  }

  /** Waits for a free send slot; call the answer once the send has failed or been recorded. */
  async slot(): Promise<() => void> {
    if (this.free > 0) this.free -= 1;
    else await new Promise<void>((resolve) => this.queuedForSlot.push(resolve));
    let released = false;
    return () => {
      if (released) return;
      released = true;
      const next = this.queuedForSlot.shift();
      if (next) next();
      else this.free += 1;
    };
  }

  record(id: string, messageId: string): Promise<void> {
    return new Promise((resolve, reject) => {
      this.waiting.push({ id, messageId, resolve, reject });
      if (!this.writing) void this.write();
    });
  }

  private async write(): Promise<void> {
    this.writing = true;
    while (this.waiting.length) {
      const batch = this.waiting.splice(0, MAX_BATCH);
      try {
        await this.notices.markSent(batch);
        for (const w of batch) w.resolve();
      } catch (error) {
        for (const w of batch) w.reject(error);
      }
    }
    this.writing = false;
  }
}
