import { Injectable } from '@nestjs/common';
import { Executor, members, oneTimeTokens, OneTimeTokenPurpose } from '@seg/db';
import { and, eq, isNull, sql } from 'drizzle-orm';

export type OneTimeTokenRow = typeof oneTimeTokens.$inferSelect;

@Injectable()
export class OneTimeTokensRepository {
  /** Stamped with the member's security stamp as this transaction sees it now, read in the same statement. */
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
    await tx.insert(oneTimeTokens).values({
      ...row,
      securityStamp: sql`(select ${members.securityStamp} from ${members} where ${members.id} = ${row.memberId})`,
    });
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
