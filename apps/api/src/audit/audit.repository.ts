import { Inject, Injectable } from '@nestjs/common';
import { auditLog, Database, DB, Executor, members } from '@seg/db';
import { and, count, desc, eq, SQL, sql } from 'drizzle-orm';
import { AuditEntry } from './audit-entry.dto';

/** Where a page of the audit trail starts: the (at, id) of the last entry shown. */
export type AuditPosition = [at: string, id: string];

@Injectable()
export class AuditRepository {
  constructor(@Inject(DB) private readonly db: Database) {}

  async insert(tx: Executor, row: typeof auditLog.$inferInsert): Promise<void> {
    await tx.insert(auditLog).values(row);
  }

  /** Newest first, after the (at, id) of the last entry shown; with the total of the filter. */
  async list(
    filter: { entity?: string; entityId?: string },
    limit: number,
    after: AuditPosition | null,
  ): Promise<{ rows: { entry: AuditEntry; position: AuditPosition }[]; total: number }> {
    const conditions: SQL[] = [];
    if (filter.entity) conditions.push(eq(auditLog.entity, filter.entity));
    if (filter.entityId) conditions.push(eq(auditLog.entityId, filter.entityId));
    const where = and(...conditions);
    const pageConditions = [...conditions];
    if (after) {
      pageConditions.push(sql`(${auditLog.at}, ${auditLog.id}) < (${after[0]}::timestamptz, ${after[1]}::uuid)`);
    }
    const rows = await this.db
      .select({ log: auditLog, actorName: members.name, actorEmail: members.email, exactAt: sql<string>`to_json(${auditLog.at})#>>'{}'` })
      .from(auditLog)
      .leftJoin(members, eq(members.id, auditLog.actorId))
      .where(and(...pageConditions))
      .orderBy(desc(auditLog.at), desc(auditLog.id))
      .limit(limit);
    const [{ total }] = await this.db.select({ total: count() }).from(auditLog).where(where);
    return {
      rows: rows.map(({ log, actorName, actorEmail, exactAt }) => ({
        // The cursor keeps the microseconds that the ISO time drops: entries of one transaction share them.
        position: [exactAt, log.id] as AuditPosition,
        entry: {
          id: log.id,
          at: log.at.toISOString(),
          actor: log.actorId ? { id: log.actorId, name: actorName ?? '', email: actorEmail ?? '' } : null,
          entity: log.entity,
          entityId: log.entityId,
          action: log.action,
          before: log.before,
          after: log.after,
          requestId: log.requestId,
        },
      })),
      total,
    };
  }
}
