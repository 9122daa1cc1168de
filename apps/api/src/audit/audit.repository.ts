import { Inject, Injectable } from '@nestjs/common';
import { decodeCursor, encodeCursor, Page } from '@seg/common';
import { auditLog, Database, DB, Executor, members } from '@seg/db';
import { and, count, desc, eq, lt, or, SQL } from 'drizzle-orm';

export interface AuditEntry {
  id: string;
  at: string;
  actor: { id: string; name: string; email: string } | null;
  entity: string;
  entityId: string;
  action: string;
  before: unknown;
  after: unknown;
  requestId: string | null;
}

@Injectable()
export class AuditRepository {
  constructor(@Inject(DB) private readonly db: Database) {}

  async insert(tx: Executor, row: typeof auditLog.$inferInsert): Promise<void> {
    await tx.insert(auditLog).values(row);
  }

  /** Newest first; the cursor is the (at, id) of the last entry shown. */
  async list(filter: { entity?: string; entityId?: string }, limit: number, cursor?: string): Promise<Page<AuditEntry>> {
    const conditions: SQL[] = [];
    if (filter.entity) conditions.push(eq(auditLog.entity, filter.entity));
    if (filter.entityId) conditions.push(eq(auditLog.entityId, filter.entityId));
    const where = and(...conditions);
    const pageConditions = [...conditions];
    if (cursor) {
      const [at, id] = decodeCursor<[string, string]>(cursor, 2);
      const after = new Date(at);
      pageConditions.push(or(lt(auditLog.at, after), and(eq(auditLog.at, after), lt(auditLog.id, id)))!);
    }
    const rows = await this.db
      .select({ log: auditLog, actorName: members.name, actorEmail: members.email })
      .from(auditLog)
      .leftJoin(members, eq(members.id, auditLog.actorId))
      .where(and(...pageConditions))
      .orderBy(desc(auditLog.at), desc(auditLog.id))
      .limit(limit + 1);
    const [{ total }] = await this.db.select({ total: count() }).from(auditLog).where(where);
    const page = rows.slice(0, limit);
    const last = page[page.length - 1];
    return {
      items: page.map(({ log, actorName, actorEmail }) => ({
        id: log.id,
        at: log.at.toISOString(),
        actor: log.actorId ? { id: log.actorId, name: actorName ?? '', email: actorEmail ?? '' } : null,
        entity: log.entity,
        entityId: log.entityId,
        action: log.action,
        before: log.before,
        after: log.after,
        requestId: log.requestId,
      })),
      nextCursor: rows.length > limit && last ? encodeCursor([last.log.at.toISOString(), last.log.id]) : null,
      total,
    };
  }
}
