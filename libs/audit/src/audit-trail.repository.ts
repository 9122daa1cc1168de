import { Injectable } from '@nestjs/common';
import { auditLog, Executor } from '@seg/db';

@Injectable()
export class AuditTrailRepository {
  async insert(tx: Executor, row: typeof auditLog.$inferInsert): Promise<void> {
    await tx.insert(auditLog).values(row);
  }
}
