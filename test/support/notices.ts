import { Database, members, notices } from '@seg/db';
import { NoticeRef } from '@seg/queue';
import { eq, inArray } from 'drizzle-orm';
import { NoticeOutbox } from '@seg/notices';
import { uniqueName } from './test-config';

/**
 * Writes `count` members and a password-reset notice for each in one transaction, the way a
 * feature does, and queues them after the commit. Returns the notices and their addresses.
 */
export async function commitNotices(
  db: Database,
  outbox: NoticeOutbox,
  count: number,
  dispatch = true,
): Promise<{ refs: NoticeRef[]; emails: string[] }> {
  const emails = Array.from({ length: count }, (_, i) => `${uniqueName(`m${i}`)}@example.org`.toLowerCase());
  const refs = await db.transaction(async (tx) => {
    const rows = await tx
      .insert(members)
      .values(emails.map((email, i) => ({ email, name: `Member ${i}`, status: 'active' as const })))
      .returning({ id: members.id, email: members.email });
    return outbox.add(
      tx,
      rows.map((m) => ({
        kind: 'password-reset' as const,
        memberId: m.id,
        toEmail: m.email,
        payload: { token: `token-${m.id}` },
      })),
    );
  });
  if (dispatch) await outbox.dispatch(refs);
  return { refs, emails };
}

export async function noticeRows(db: Database, ids: string[]) {
  return db.select().from(notices).where(inArray(notices.id, ids));
}

export async function noticeRow(db: Database, id: string) {
  const [row] = await db.select().from(notices).where(eq(notices.id, id));
  return row;
}
