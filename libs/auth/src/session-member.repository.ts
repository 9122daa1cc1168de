import { Inject, Injectable } from '@nestjs/common';
import { DB, Database, members } from '@seg/db';
import { eq } from 'drizzle-orm';

@Injectable()
export class SessionMemberRepository {
  constructor(@Inject(DB) private readonly db: Database) {}

  async getById(id: string) {
    const [member] = await this.db
      .select({ id: members.id, email: members.email, role: members.role, status: members.status })
      .from(members)
      .where(eq(members.id, id))
      .limit(1);
    return member ?? null;
  }
}
