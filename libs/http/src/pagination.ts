import { Global, Inject, Injectable, Module, Type as ClassType } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { APP_CONFIG, AppConfig } from '@seg/config';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, Max, Min } from 'class-validator';
import { createHmac, timingSafeEqual } from 'node:crypto';
import { invalidField } from './field-errors';
import { purposeKey } from '@seg/links';

/** A page when the client names no limit, and the most one page may hold. */
export const DEFAULT_PAGE_SIZE = 50;
export const MAX_PAGE_SIZE = 200;

const NOT_OURS = 'is not a cursor this list gave out';

export class PageQuery {
  /** How many items, 1 to 200. */
  @ApiPropertyOptional({ type: 'integer', default: DEFAULT_PAGE_SIZE, minimum: 1, maximum: MAX_PAGE_SIZE })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(MAX_PAGE_SIZE)
  limit: number = DEFAULT_PAGE_SIZE;

  /** The nextCursor of the previous page. */
  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  cursor?: string;
}

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
  total: number;
}

/** A short list that always comes whole: it gives out no cursor, so none is accepted. */
export function wholePage<T>(query: { cursor?: string }, items: T[]): Page<T> & { nextCursor: null } {
  if (query.cursor) throw invalidField('cursor', NOT_OURS);
  return { items, nextCursor: null, total: items.length };
}

/** The documented shape of a page of `item`: extend it to name the schema (`class MeetingPage extends PageOf(MeetingView) {}`). */
export function PageOf<T>(item: ClassType<T>): ClassType<Page<T>> {
  class PageOfItems implements Page<T> {
    @ApiProperty({ type: [item] })
    items: T[];

    @ApiProperty({
      type: String,
      nullable: true,
      description: 'Give it back as `cursor` for the next page; null on the last page',
    })
    nextCursor: string | null;

    @ApiProperty({ description: 'How many items match, on every page' })
    total: number;
  }
  return PageOfItems;
}

/** The sort keys of the last row a page showed; the next page starts after them. */
export type CursorKeys = readonly (string | number)[];
/** The type of each sort key, so a list states the shape of its cursor. */
export type CursorKinds<K extends CursorKeys> = { [I in keyof K]: K[I] extends number ? 'number' : 'string' };

// 22 base64url characters of the MAC: 132 bits, beyond guessing.
const MAC_CHARS = 22;

/** One page of a keyset-paged list: its size, where it starts, and how its answer is built. */
export class PageRequest<K extends CursorKeys> {
  constructor(
    private readonly pages: KeysetPages,
    private readonly list: string,
    /** How many items the page shows. */
    readonly size: number,
    /** The sort keys of the previous page's last row; null on the first page. */
    readonly after: K | null,
  ) {}

  /** Rows to read: one more than the page shows, which says whether another page follows. */
  get fetch(): number {
    return this.size + 1;
  }

  /** The answer from up to `fetch` rows in list order; the cursor carries the last shown row's keys. */
  page<R, T, N = number>(
    rows: R[],
    total: N,
    keysOf: (row: R) => K,
    view: (row: R) => T,
  ): Omit<Page<T>, 'total'> & { total: N } {
    const shown = rows.slice(0, this.size);
    const last = shown[shown.length - 1];
    return {
      items: shown.map(view),
      nextCursor: rows.length > this.size && last !== undefined ? this.pages.sign(this.list, keysOf(last)) : null,
      total,
    };
  }
}

/**
 * Keyset paging for every list. A cursor is the sort keys of the last row shown, signed with a
 * key of its own (derived from JWT_SECRET) over the list's name, so a client can neither forge
 * keys (an id that is not a uuid, a total of its choosing) nor carry one list's cursor to another.
 */
@Injectable()
export class KeysetPages {
  private readonly key: Buffer;

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    this.key = purposeKey(config.auth.jwtSecret, 'page-cursor-v1');
  }

  /**
   * Reads a list's page query. `list` names the list and whatever changes its order or its total
   * (a meeting's id, a search's filter): a cursor given out under another name is a 400.
   */
  open<K extends CursorKeys>(list: string, query: PageQuery, kinds: CursorKinds<K>): PageRequest<K> {
    // An empty cursor is none, as a form sends it: the first page.
    const after = query.cursor ? this.verify(list, query.cursor, kinds) : null;
    return new PageRequest(this, list, query.limit ?? DEFAULT_PAGE_SIZE, after);
  }

  sign(list: string, keys: CursorKeys): string {
    const payload = Buffer.from(JSON.stringify(keys)).toString('base64url');
    return `${payload}.${this.mac(list, payload)}`;
  }

  private verify<K extends CursorKeys>(list: string, cursor: string, kinds: CursorKinds<K>): K {
    const dot = cursor.lastIndexOf('.');
    const payload = cursor.slice(0, dot);
    const given = Buffer.from(cursor.slice(dot + 1));
    const expected = Buffer.from(this.mac(list, payload));
    if (dot < 0 || given.length !== expected.length || !timingSafeEqual(given, expected))
      throw invalidField('cursor', NOT_OURS);
    const keys: unknown = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
    // Signed by us, so this holds unless a list changed its keys since: then the old cursor is refused.
    if (!Array.isArray(keys) || keys.length !== kinds.length || keys.some((k, i) => typeof k !== kinds[i])) {
      throw invalidField('cursor', NOT_OURS);
    }
    return keys as unknown as K;
  }

  private mac(list: string, payload: string): string {
    return createHmac('sha256', this.key).update(`page:${list}\n${payload}`).digest('base64url').slice(0, MAC_CHARS);
  }
}

/** Gives every feature the one KeysetPages. */
@Global()
@Module({ providers: [KeysetPages], exports: [KeysetPages] })
export class PagingModule {}
