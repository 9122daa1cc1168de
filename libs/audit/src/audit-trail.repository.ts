import { Injectable } from '@nestjs/common';
import { auditLog, Executor } from '@seg/db';

@Injectable()
export class AuditTrailRepository {
  async insert(tx: Executor, rows: (typeof auditLog.$inferInsert)[]): Promise<void> {
    // Eight parameters a row: a statement per 5,000 stays under PostgreSQL's 65,535.
    for (let i = 0; i < rows.length; i += 5000) await tx.insert(auditLog).values(rows.slice(i, i + 5000));
  }
}
