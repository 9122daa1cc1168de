import { Injectable } from '@nestjs/common';
import { Executor, notices, NoticeKind } from '@seg/db';
import { NoticeQueue, NoticeRef } from '@seg/queue';

export interface NewNotice {
  kind: NoticeKind;
  memberId: string;
  toEmail: string;
  meetingId?: string;
  invitationId?: string;
  revision?: number;
  payload?: Record<string, unknown>;
}

/**
 * Writes emails to the outbox inside the caller's transaction, and hands them to the queue once
 * that transaction has committed:
 *
 *   const refs = await db.transaction(async (tx) => { ...change...; return outbox.add(tx, [...]) });
 *   await outbox.dispatch(refs);
 *
 * A crash between the two loses nothing: the worker's relay queues committed rows it finds
 * waiting.
 */
@Injectable()
export class NoticeOutbox {
  constructor(private readonly queue: NoticeQueue) {}

  /** Inserts the notices; one that already exists (same invitation, kind and revision) is skipped. */
  async add(tx: Executor, rows: NewNotice[]): Promise<NoticeRef[]> {
    const refs: NoticeRef[] = [];
    // Keeps each statement well under PostgreSQL's 65,535 bind parameters.
    for (let i = 0; i < rows.length; i += 2000) {
      const inserted = await tx
        .insert(notices)
        .values(rows.slice(i, i + 2000))
        .onConflictDoNothing()
        .returning({ id: notices.id, generation: notices.generation });
      refs.push(...inserted);
    }
    return refs;
  }

  /** Queues committed notices; never throws (the relay covers a Redis outage). */
  async dispatch(refs: NoticeRef[]): Promise<void> {
    await this.queue.enqueue(refs);
  }
}
