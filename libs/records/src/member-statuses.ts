import { Injectable } from '@nestjs/common';
import { Actor, AuditChange, AuditTrail } from '@seg/audit';
import { Executor, MemberStatus } from '@seg/db';
import { MemberRow, MemberStatusesRepository } from './member-statuses.repository';
import { PostChanges } from './post-changes';

/**
 * The one writer of a member's status once the member exists (a new row is inserted with its
 * first status): the secretariat's change, an activation, an erasure, API and worker alike.
 * Triggers of drizzle/functions/ follow the write: the security stamp changes, so every
 * one-time link made before dies, and left_at is set or cleared. A member who leaves gives up
 * every post today. The act is audited in the entry the caller names (one entry for a change
 * made with others, as the secretariat's edit is).
 */
@Injectable()
export class MemberStatuses {
  constructor(
    private readonly repository: MemberStatusesRepository,
    private readonly posts: PostChanges,
    private readonly audit: AuditTrail,
  ) {}

  /**
   * Sets the status of a member the caller has locked, in its transaction, and records the
   * entry `describe` makes of the member as it now is.
   */
  async change(
    tx: Executor,
    member: { id: string; status: MemberStatus },
    status: MemberStatus,
    actor: Actor | null,
    describe: (after: MemberRow) => AuditChange,
  ): Promise<MemberRow> {
    const after = await this.repository.set(tx, member.id, status);
    if (status === 'left' && member.status !== 'left') await this.posts.endAllOf(tx, member.id, actor);
    await this.audit.record(tx, actor, describe(after));
    return after;
  }
}
