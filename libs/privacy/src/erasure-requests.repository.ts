import { Inject, Injectable } from '@nestjs/common';
import { Database, DB, erasureRequests, Executor, members } from '@seg/db';
import { and, asc, eq, isNull, sql } from 'drizzle-orm';

export interface OpenErasureRequestRow {
  id: string;
  memberId: string;
  memberName: string;
  requestedAt: Date;
  ageDays: number;
}

/** The erasure requests: the only writer of `erasure_requests`. */
@Injectable()
export class ErasureRequestsRepository {
  constructor(@Inject(DB) private readonly db: Database) {}

  async openOf(tx: Executor, memberId: string): Promise<{ id: string; requestedAt: Date } | null> {
    const [row] = await tx
      .select({ id: erasureRequests.id, requestedAt: erasureRequests.requestedAt })
      .from(erasureRequests)
      .where(and(eq(erasureRequests.memberId, memberId), isNull(erasureRequests.closedAt)))
      .limit(1);
    return row ?? null;
  }

  async insert(tx: Executor, memberId: string): Promise<{ id: string; requestedAt: Date }> {
    const [row] = await tx
      .insert(erasureRequests)
      .values({ memberId })
      .returning({ id: erasureRequests.id, requestedAt: erasureRequests.requestedAt });
    return row;
  }

  /** Erasing the member answers every request of theirs. */
  async closeAllOf(tx: Executor, memberId: string): Promise<void> {
    await tx
      .update(erasureRequests)
      .set({ closedAt: sql`now()` })
      .where(and(eq(erasureRequests.memberId, memberId), isNull(erasureRequests.closedAt)));
  }

  /** Open requests, oldest first, with their age in whole days. */
  listOpen(): Promise<OpenErasureRequestRow[]> {
    return this.db
      .select({
        id: erasureRequests.id,
        memberId: members.id,
        memberName: members.name,
        requestedAt: erasureRequests.requestedAt,
        ageDays: sql<number>`floor(extract(epoch from now() - ${erasureRequests.requestedAt}) / 86400)::int`,
      })
      .from(erasureRequests)
      .innerJoin(members, eq(members.id, erasureRequests.memberId))
      .where(isNull(erasureRequests.closedAt))
      .orderBy(asc(erasureRequests.requestedAt));
  }

  requestsOf(memberId: string) {
    return this.db
      .select({ id: erasureRequests.id, requestedAt: erasureRequests.requestedAt, closedAt: erasureRequests.closedAt })
      .from(erasureRequests)
      .where(eq(erasureRequests.memberId, memberId))
      .orderBy(asc(erasureRequests.requestedAt));
  }
}
