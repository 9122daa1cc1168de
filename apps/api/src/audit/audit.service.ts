import { Injectable } from '@nestjs/common';
import { Executor } from '@seg/db';
import { KeysetPages, Page, PageQuery } from '@seg/common';
import { AuditEntry } from './audit-entry.dto';
import { AuditFilter, AuditPosition, AuditRepository } from './audit.repository';
import { describeAudit } from './audit-wording';
import { Actor } from './actor.decorator';

export interface AuditChange {
  entity: string;
  entityId: string;
  action: string;
  before?: unknown;
  after?: unknown;
}

/** Who changed which record, when, before and after: written in the changing transaction. */
@Injectable()
export class AuditService {
  constructor(
    private readonly audit: AuditRepository,
    private readonly pages: KeysetPages,
  ) {}

  async record(tx: Executor, actor: Actor | null, change: AuditChange): Promise<void> {
    await this.audit.insert(tx, {
      actorId: actor?.memberId ?? null,
      requestId: actor?.requestId ?? null,
      actorPostId: actor?.postId ?? null,
      entity: change.entity,
      entityId: change.entityId,
      action: change.action,
      before: change.before === undefined ? null : toJson(change.before),
      after: change.after === undefined ? null : toJson(change.after),
    });
  }

  async list(filter: AuditFilter, query: PageQuery): Promise<Page<AuditEntry>> {
    const request = this.pages.open<AuditPosition>('audit', query, ['string', 'string']);
    const { rows, total } = await this.audit.list(filter, request.fetch, request.after);
    const names = await this.audit.namesFor(rows.map((row) => row.entry));
    return request.page(rows, total, (row) => row.position, (row) => ({ ...row.entry, ...describeAudit(row.entry, names) }));
  }
}

/** Dates and other values become plain JSON, the way the API shows them. */
function toJson(value: unknown): unknown {
  return JSON.parse(JSON.stringify(value));
}
