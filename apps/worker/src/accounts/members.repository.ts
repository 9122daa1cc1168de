import { Inject, Injectable } from '@nestjs/common';
import { DB, Database, members } from '@seg/db';
import { eq } from 'drizzle-orm';

@Injectable()
export class MembersRepository {
  constructor(@Inject(DB) private readonly db: Database) {}

  async getName(id: string): Promise<{ name: string } | null> {
    const [row] = await this.db.select({ name: members.name }).from(members).where(eq(members.id, id)).limit(1);
    return row ?? null;
  }
}
