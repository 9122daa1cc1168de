import { Injectable } from '@nestjs/common';
import { KeysetPages, Page, PageQuery } from '@seg/http';
import { AuditEntry } from './audit-entry.dto';
import { AuditFilter, AuditPosition, AuditRepository } from './audit.repository';
import { describeAudit } from './audit-wording';

/** The audit trail as the secretariat reads it; the writing side is AuditTrail (@seg/audit). */
@Injectable()
export class AuditService {
  constructor(
    private readonly audit: AuditRepository,
    private readonly pages: KeysetPages,
  ) {}

  async list(filter: AuditFilter, query: PageQuery): Promise<Page<AuditEntry>> {
    const request = this.pages.open<AuditPosition>('audit', query, ['string', 'string']);
    const { rows, total } = await this.audit.list(filter, request.fetch, request.after);
    const names = await this.audit.namesFor(rows.map((row) => row.entry));
    return request.page(
      rows,
      total,
      (row) => row.position,
      (row) => ({ ...row.entry, ...describeAudit(row.entry, names) }),
    );
  }
}
