import { Injectable } from '@nestjs/common';
import { Actor, AuditTrail } from '@seg/audit';
import { Executor } from '@seg/db';
import { Clock, todayInLondon } from '@seg/rules';
import { PostChange, PostChangesRepository, PostRow } from './post-changes.repository';

/**
 * The one writer of a post once given: the secretariat's changes (`PATCH /posts/:id`), and the
 * end of every post of a member who leaves or is erased, API and worker alike. A post that gains
 * an end date is audited as ended ('end', before and after), any other change as 'update'.
 */
@Injectable()
export class PostChanges {
  constructor(
    private readonly repository: PostChangesRepository,
    private readonly audit: AuditTrail,
    private readonly clock: Clock,
  ) {}

  /** Changes a post in the caller's transaction; `before` is the post as read in it. */
  async change(tx: Executor, before: PostRow, values: PostChange, actor: Actor | null): Promise<PostRow> {
    const after = await this.repository.update(tx, before.id, values);
    const ended = !before.endsOn && after.endsOn;
    await this.audit.record(tx, actor, {
      entity: 'post',
      entityId: before.id,
      action: ended ? 'end' : 'update',
      before,
      after,
    });
    return after;
  }

  /** Ends today (London's) every post the member has not given up yet, each end audited. */
  async endAllOf(tx: Executor, memberId: string, actor: Actor | null): Promise<void> {
    const ended = await this.repository.endAllOf(tx, memberId, todayInLondon(this.clock.now()));
    for (const post of ended)
      await this.audit.record(tx, actor, {
        entity: 'post',
        entityId: post.id,
        action: 'end',
        before: { ...post, endsOn: null },
        after: post,
      });
  }
}
