import { Injectable, Logger } from '@nestjs/common';
import { Executor } from '@seg/db';
import { NoticeQueue, NoticeRef } from '@seg/queue';
import { InviteeNoticeKind, NOTICE_KINDS, NoticeKind } from './notice-kinds';
import { NewNotice, OutboxRepository } from './outbox.repository';

/**
 * Writes notices (emails) inside the caller's transaction, by the recipient rule of their kind
 * (`NOTICE_KINDS`), and hands them to the queue once that transaction has committed:
 *
 *   const refs = await db.transaction(async (tx) => { ...change...; return outbox.add(tx, [...]) });
 *   await outbox.dispatch(refs);
 *
 * A crash between the two loses nothing: the worker's relay queues committed rows it finds
 * waiting.
 */
@Injectable()
export class NoticeOutbox {
  private readonly logger = new Logger(NoticeOutbox.name);

  constructor(
    private readonly repository: OutboxRepository,
    private readonly queue: NoticeQueue,
  ) {}

  /** One notice to each member named; one that already exists is skipped. */
  async add(tx: Executor, rows: NewNotice[]): Promise<NoticeRef[]> {
    return this.repository.insertForMembers(tx, rows);
  }

  /**
   * A notice of the kind to each current (invited or active) invitee of the meeting its rule
   * names (by reply), announcing `revision`, with what the renderer needs beyond the meeting as
   * it then is (an update's old values); a second call for the same revision adds nothing.
   */
  async addToInvitees(
    tx: Executor,
    kind: InviteeNoticeKind,
    meetingId: string,
    revision: number,
    payload: Record<string, unknown> = {},
  ): Promise<NoticeRef[]> {
    return this.repository.insertForInvitees(tx, kind, meetingId, revision, NOTICE_KINDS[kind].rsvps, payload);
  }

  /** Failed notices of the meeting (or those of them named) queued again, under new job ids. */
  async requeueFailed(tx: Executor, meetingId: string, noticeIds: string[] | null): Promise<NoticeRef[]> {
    return this.repository.requeueFailedOfMeeting(tx, meetingId, noticeIds);
  }

  /**
   * Queues committed notices, account emails ahead of the rest; never throws (the relay covers a
   * Redis outage, and calls this too).
   */
  async dispatch(refs: NoticeRef[]): Promise<void> {
    if (!refs.length) return;
    let kinds: Map<string, NoticeKind>;
    try {
      kinds = await this.repository.kindsOf(refs.map((r) => r.id));
    } catch (err) {
      this.logger.warn({ err, count: refs.length }, 'Could not read the kinds of notices to queue; the relay will');
      return;
    }
    const isAccount = (ref: NoticeRef) => {
      const kind = kinds.get(ref.id);
      return kind !== undefined && NOTICE_KINDS[kind].account;
    };
    await this.queue.enqueue(refs.filter(isAccount), 'first');
    await this.queue.enqueue(
      refs.filter((r) => !isAccount(r)),
      'in-turn',
    );
  }

  /**
   * Queues committed notices after the current request has been answered: a caller must not
   * wait on queuing thousands of jobs. Anything this misses (Redis down, process stopped) the
   * worker's relay queues.
   */
  dispatchSoon(refs: NoticeRef[]): void {
    if (refs.length) setImmediate(() => void this.dispatch(refs));
  }
}
