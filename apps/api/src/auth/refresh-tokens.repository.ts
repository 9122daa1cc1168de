import { Inject, Injectable } from '@nestjs/common';
import { DB, Database, Executor, refreshTokens } from '@seg/db';
import { and, eq, gt, isNull, max, min, ne, sql } from 'drizzle-orm';

export type RefreshTokenRow = typeof refreshTokens.$inferSelect;

export interface SessionRow {
  familyId: string;
  device: string | null;
  startedAt: Date;
  lastRefreshedAt: Date;
  expiresAt: Date;
}

@Injectable()
export class RefreshTokensRepository {
  constructor(@Inject(DB) private readonly db: Database) {}

  async insert(
    tx: Executor,
    row: { memberId: string; familyId: string; tokenHash: string; expiresAt: Date; device: string | null },
  ): Promise<void> {
    await tx.insert(refreshTokens).values(row);
  }

  /** Row-locks the token so that two refreshes of it run one after the other. */
  async lockByHash(tx: Executor, tokenHash: string): Promise<RefreshTokenRow | null> {
    const [row] = await tx
      .select()
      .from(refreshTokens)
      .where(eq(refreshTokens.tokenHash, tokenHash))
      .for('update')
      .limit(1);
    return row ?? null;
  }

  async getByHash(tokenHash: string): Promise<RefreshTokenRow | null> {
    const [row] = await this.db.select().from(refreshTokens).where(eq(refreshTokens.tokenHash, tokenHash)).limit(1);
    return row ?? null;
  }

  async markReplaced(tx: Executor, id: string): Promise<void> {
    await tx.update(refreshTokens).set({ replacedAt: new Date() }).where(eq(refreshTokens.id, id));
  }

  /** Revokes every token of one login; returns how many were still unrevoked. */
  async revokeFamily(executor: Executor, familyId: string, memberId?: string): Promise<number> {
    const revoked = await executor
      .update(refreshTokens)
      .set({ revokedAt: new Date() })
      .where(
        and(
          eq(refreshTokens.familyId, familyId),
          isNull(refreshTokens.revokedAt),
          memberId ? eq(refreshTokens.memberId, memberId) : undefined,
        ),
      )
      .returning({ id: refreshTokens.id });
    return revoked.length;
  }

  /**
   * Revokes every login of a member (password reset, sessions ended by the secretariat), or all
   * but `exceptFamilyId` (a password change keeps the login that made it); answers how many ended.
   */
  async revokeAllOfMember(executor: Executor, memberId: string, exceptFamilyId?: string): Promise<number> {
    const revoked = await executor
      .update(refreshTokens)
      .set({ revokedAt: new Date() })
      .where(
        and(
          eq(refreshTokens.memberId, memberId),
          isNull(refreshTokens.revokedAt),
          exceptFamilyId ? ne(refreshTokens.familyId, exceptFamilyId) : undefined,
        ),
      )
      .returning({ familyId: refreshTokens.familyId });
    return new Set(revoked.map((r) => r.familyId)).size;
  }

  /** A member's logins that can still be refreshed, newest first. */
  async listLiveSessions(memberId: string): Promise<SessionRow[]> {
    const live = this.db
      .select({ familyId: refreshTokens.familyId })
      .from(refreshTokens)
      .where(
        and(
          eq(refreshTokens.memberId, memberId),
          isNull(refreshTokens.replacedAt),
          isNull(refreshTokens.revokedAt),
          gt(refreshTokens.expiresAt, sql`now()`),
        ),
      );
    const rows = await this.db
      .select({
        familyId: refreshTokens.familyId,
        // Every token of a login carries the device it started on.
        device: max(refreshTokens.device),
        startedAt: min(refreshTokens.createdAt),
        lastRefreshedAt: max(refreshTokens.createdAt),
        expiresAt: max(refreshTokens.expiresAt),
      })
      .from(refreshTokens)
      .where(and(eq(refreshTokens.memberId, memberId), sql`${refreshTokens.familyId} in ${live}`))
      .groupBy(refreshTokens.familyId)
      .orderBy(sql`max(${refreshTokens.createdAt}) desc`);
    return rows.map((r) => ({
      familyId: r.familyId,
      device: r.device,
      startedAt: r.startedAt!,
      lastRefreshedAt: r.lastRefreshedAt!,
      expiresAt: r.expiresAt!,
    }));
  }
}
