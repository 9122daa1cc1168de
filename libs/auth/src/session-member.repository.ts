import { Inject, Injectable } from '@nestjs/common';
import { DB, Database, members, refreshTokens } from '@seg/db';
import { and, eq, exists, isNull, sql } from 'drizzle-orm';

@Injectable()
export class SessionMemberRepository {
  // Run for every authenticated request: prepared once per connection, not planned each time.
  private readonly loadIfSessionLive;

  constructor(@Inject(DB) db: Database) {
    const liveSession = db
      .select({ id: refreshTokens.id })
      .from(refreshTokens)
      .where(
        and(
          eq(refreshTokens.familyId, sql.placeholder('sessionId')),
          eq(refreshTokens.memberId, members.id),
          isNull(refreshTokens.revokedAt),
        ),
      );
    this.loadIfSessionLive = db
      .select({ id: members.id, email: members.email, role: members.role, status: members.status })
      .from(members)
      .where(and(eq(members.id, sql.placeholder('memberId')), exists(liveSession)))
      .limit(1)
      .prepare('api_session_member');
  }

  /** The member, provided the login still stands (not logged out, ended or revoked); else null. */
  async getIfSessionLive(memberId: string, sessionId: string) {
    const [member] = await this.loadIfSessionLive.execute({ memberId, sessionId });
    return member ?? null;
  }
}
