import { Inject, Injectable } from '@nestjs/common';
import { DB, Database, Executor, members, MemberStatus, Role } from '@seg/db';
import { eq, sql } from 'drizzle-orm';

const ACCOUNT = {
  id: members.id,
  email: members.email,
  name: members.name,
  role: members.role,
  status: members.status,
  passwordHash: members.passwordHash,
  securityStamp: members.securityStamp,
};

export type Account = {
  id: string;
  email: string;
  name: string;
  role: Role;
  status: MemberStatus;
  passwordHash: string | null;
  /** Changes with the email, password, status or role: the one-time links made before die. */
  securityStamp: string;
};

/** The login side of a member: email, status, role and password hash. */
@Injectable()
export class AccountsRepository {
  constructor(@Inject(DB) private readonly db: Database) {}

  /** Emails compare case-insensitively (the unique index is on lower(email)). */
  async getByEmail(email: string, executor: Executor = this.db): Promise<Account | null> {
    const [account] = await executor
      .select(ACCOUNT)
      .from(members)
      .where(sql`lower(${members.email}) = lower(${email})`)
      .limit(1);
    return account ?? null;
  }

  async getById(id: string, executor: Executor = this.db): Promise<Account | null> {
    const [account] = await executor.select(ACCOUNT).from(members).where(eq(members.id, id)).limit(1);
    return account ?? null;
  }

  /** Locks the member row so a status change and a password change cannot interleave. */
  async lockById(tx: Executor, id: string): Promise<Account | null> {
    const [account] = await tx.select(ACCOUNT).from(members).where(eq(members.id, id)).for('update').limit(1);
    return account ?? null;
  }

  async setPassword(tx: Executor, id: string, passwordHash: string): Promise<void> {
    await tx.update(members).set({ passwordHash, updatedAt: new Date() }).where(eq(members.id, id));
  }

  /** A confirmed new address; it clears a bouncing one, as any change of address does. */
  async setEmail(tx: Executor, id: string, email: string): Promise<void> {
    await tx
      .update(members)
      .set({ email, emailStatus: 'ok', emailBouncedAt: null, emailBounceReason: null, updatedAt: new Date() })
      .where(eq(members.id, id));
  }

  /** Inserts the member unless one with that email exists; null when it did. */
  async createIfEmailFree(
    tx: Executor,
    row: { email: string; name: string; role: Role; status: MemberStatus; passwordHash: string },
  ): Promise<Account | null> {
    const [created] = await tx.insert(members).values(row).onConflictDoNothing().returning(ACCOUNT);
    return created ?? null;
  }
}
