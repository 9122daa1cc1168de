import { Injectable } from '@nestjs/common';
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
 */
@Injectable()
export class SentRecorder {
  private waiting: Waiting[] = [];
  private writing = false;

  constructor(private readonly notices: NoticesRepository) {}

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
