import { Injectable } from '@nestjs/common';
import { Executor, members, MemberStatus } from '@seg/db';
import { eq } from 'drizzle-orm';

export type MemberRow = typeof members.$inferSelect;

/** The status column of the members table: written here only, once a member exists. */
@Injectable()
export class MemberStatusesRepository {
  async set(tx: Executor, memberId: string, status: MemberStatus): Promise<MemberRow> {
    const [row] = await tx
      .update(members)
      .set({ status, updatedAt: new Date() })
      .where(eq(members.id, memberId))
      .returning();
    return row;
  }
}
