import { Inject, Injectable } from '@nestjs/common';
import { DB, Database, members, refreshTokens } from '@seg/db';
import { and, eq, exists, isNull } from 'drizzle-orm';

@Injectable()
export class SessionMemberRepository {
  constructor(@Inject(DB) private readonly db: Database) {}

  /** The member, provided the login still stands (not logged out, ended or revoked); else null. */
  async getIfSessionLive(memberId: string, sessionId: string) {
    const liveSession = this.db
      .select({ id: refreshTokens.id })
      .from(refreshTokens)
      .where(and(eq(refreshTokens.familyId, sessionId), eq(refreshTokens.memberId, members.id), isNull(refreshTokens.revokedAt)));
    const [member] = await this.db
      .select({ id: members.id, email: members.email, role: members.role, status: members.status })
      .from(members)
      .where(and(eq(members.id, memberId), exists(liveSession)))
      .limit(1);
    return member ?? null;
  }
}
