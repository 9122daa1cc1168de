import { Injectable, Logger } from '@nestjs/common';
import { Executor } from '@seg/db';
import { MailDayLimit, NoticeQueue, NoticeRef } from '@seg/queue';
import { Clock } from '@seg/rules';
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
    private readonly dayLimit: MailDayLimit,
    private readonly clock: Clock,
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
   * Queues committed notices, account emails ahead of the rest. The others are planned within
   * MAIL_DAILY_LIMIT: a notice that cannot go today stays `queued` with its `notBefore`, and its
   * job is added when that time comes. Never throws: the relay covers a Redis outage, and calls
   * this too (a plan made before is kept).
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
    const inTurn = refs.filter((r) => !isAccount(r));
    const now = this.clock.now();
    let times: Date[];
    try {
      times = await this.dayLimit.plan(inTurn, now);
    } catch (err) {
      this.logger.warn({ err, count: inTurn.length }, "Could not plan notices within the day's limit; the relay will");
      return;
    }
    const later = inTurn.flatMap((ref, i) => (times[i] > now ? [{ id: ref.id, notBefore: times[i] }] : []));
    // Those for a later day get no job yet: the relay queues each once its time has come.
    if (later.length) await this.repository.holdUntil(later);
    await this.queue.enqueue(
      inTurn.filter((_, i) => times[i] <= now),
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
