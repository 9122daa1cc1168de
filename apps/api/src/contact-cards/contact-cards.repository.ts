import { Inject, Injectable } from '@nestjs/common';
import { Database, DB } from '@seg/db';
import { sql } from 'drizzle-orm';

/** A member's name in words with each word's search key, and the keys the directory cut it into. */
export type NameKeys = {
  id: string;
  words: { word: string; key: string }[];
  givenKey: string;
  surnameKey: string;
};

@Injectable()
export class ContactCardsRepository {
  constructor(@Inject(DB) private readonly db: Database) {}

  /**
   * The given-name and surname keys of the directory's cards (`seg_name_parts`) with the words of
   * each name and their keys, so a card can split the name where the directory does.
   */
  async nameKeys(ids: readonly string[]): Promise<NameKeys[]> {
    if (!ids.length) return [];
    const result = await this.db.execute<NameKeys>(sql`
      select d.member_id as id, d.given_key as "givenKey", d.surname_key as "surnameKey",
             (select coalesce(json_agg(json_build_object('word', t.word, 'key', public.seg_search_key(t.word)) order by t.n), '[]')
                from regexp_split_to_table(d.name, '[[:space:]]+') with ordinality as t(word, n)) as words
        from directory_cards d
       where d.member_id = any(${sql.param([...ids])}::uuid[])`);
    return result.rows;
  }
}
