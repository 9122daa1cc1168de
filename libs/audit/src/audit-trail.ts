import { Injectable } from '@nestjs/common';
import { Executor } from '@seg/db';
import { Actor } from './actor';
import { AuditTrailRepository } from './audit-trail.repository';

export interface AuditChange {
  entity: string;
  entityId: string;
  action: string;
  before?: unknown;
  after?: unknown;
}

/**
 * Who changed which record, when, before and after: written in the changing transaction, by the
 * API and the worker alike. A null actor is the system (a daily job, an inbound message, the
 * first start) and is shown as such.
 */
@Injectable()
export class AuditTrail {
  constructor(private readonly repository: AuditTrailRepository) {}

  async record(tx: Executor, actor: Actor | null, change: AuditChange): Promise<void> {
    await this.repository.insert(tx, [entry(actor, change)]);
  }

  /** Several changes by one actor in one statement (a register of hundreds marked at once). */
  async recordMany(tx: Executor, actor: Actor | null, changes: AuditChange[]): Promise<void> {
    if (changes.length)
      await this.repository.insert(
        tx,
        changes.map((change) => entry(actor, change)),
      );
  }
}

function entry(actor: Actor | null, change: AuditChange) {
  return {
    actorId: actor?.memberId ?? null,
    requestId: actor?.requestId ?? null,
    actorPostId: actor?.postId ?? null,
    entity: change.entity,
    entityId: change.entityId,
    action: change.action,
    before: change.before === undefined ? null : toJson(change.before),
    after: change.after === undefined ? null : toJson(change.after),
  };
}

/** Dates and other values become plain JSON, the way the API shows them. */
function toJson(value: unknown): unknown {
  return JSON.parse(JSON.stringify(value));
}
