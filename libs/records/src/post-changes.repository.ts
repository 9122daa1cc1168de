import { Injectable } from '@nestjs/common';
import { Executor, posts } from '@seg/db';
import { and, eq, gt, isNull, or, SQL } from 'drizzle-orm';

export type PostRow = typeof posts.$inferSelect;

/** What may change of a post once given: its role and its dates. */
export type PostChange = Partial<Pick<PostRow, 'role' | 'startsOn' | 'endsOn'>>;

/** A post not ended by `today`: held today, or still to begin. */
export function postNotEndedBy(today: string): SQL {
  return or(isNull(posts.endsOn), gt(posts.endsOn, today))!;
}

/** The writes that change or end a post: here only. */
@Injectable()
export class PostChangesRepository {
  async update(tx: Executor, id: string, values: PostChange): Promise<PostRow> {
    const [row] = await tx
      .update(posts)
      .set({ ...values, updatedAt: new Date() })
      .where(eq(posts.id, id))
      .returning();
    return row;
  }

  /** Ends today every post of the member not ended by today; answers them as ended. */
  endAllOf(tx: Executor, memberId: string, today: string): Promise<PostRow[]> {
    return tx
      .update(posts)
      .set({ endsOn: today, updatedAt: new Date() })
      .where(and(eq(posts.memberId, memberId), postNotEndedBy(today)))
      .returning();
  }
}
