import { Injectable } from '@nestjs/common';
import { Executor, oneTimeTokens, OneTimeTokenPurpose } from '@seg/db';
import { and, eq, isNull } from 'drizzle-orm';

export type OneTimeTokenRow = typeof oneTimeTokens.$inferSelect;

@Injectable()
export class OneTimeTokensRepository {
  async insert(
    tx: Executor,
    row: {
      memberId: string;
      purpose: OneTimeTokenPurpose;
      tokenHash: string;
      expiresAt: Date;
      newEmail?: string | null;
    },
  ): Promise<void> {
    await tx.insert(oneTimeTokens).values(row);
  }

  /** The token without locking it: whether a link still works, before anyone uses it. */
  async findByHash(
    executor: Executor,
    tokenHash: string,
    purpose: OneTimeTokenPurpose,
  ): Promise<OneTimeTokenRow | null> {
    const [row] = await executor
      .select()
      .from(oneTimeTokens)
      .where(and(eq(oneTimeTokens.tokenHash, tokenHash), eq(oneTimeTokens.purpose, purpose)))
      .limit(1);
    return row ?? null;
  }

  /** Row-locks the token so that it can be used once even when presented twice at once. */
  async lockByHash(tx: Executor, tokenHash: string, purpose: OneTimeTokenPurpose): Promise<OneTimeTokenRow | null> {
    const [row] = await tx
      .select()
      .from(oneTimeTokens)
      .where(and(eq(oneTimeTokens.tokenHash, tokenHash), eq(oneTimeTokens.purpose, purpose)))
      .for('update')
      .limit(1);
    return row ?? null;
  }

  /** Marks every unused token of that purpose used: a newer email, or a use, voids the others. */
  async useAllOfMember(tx: Executor, memberId: string, purpose: OneTimeTokenPurpose): Promise<void> {
    await tx
      .update(oneTimeTokens)
      .set({ usedAt: new Date() })
      .where(
        and(eq(oneTimeTokens.memberId, memberId), eq(oneTimeTokens.purpose, purpose), isNull(oneTimeTokens.usedAt)),
      );
  }
}
