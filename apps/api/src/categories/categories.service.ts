import { Inject, Injectable, NotFoundException } from '@nestjs/common';
import { conflictOn, Page, PageQuery, wholePage } from '@seg/http';
import { Database, DB, Executor } from '@seg/db';
import { Actor, AuditTrail } from '@seg/audit';
import { CreateCategoryDto, UpdateCategoryDto } from './category.dto';
import { CategoriesRepository, CategoryRow } from './categories.repository';
import { CategoryView } from './category-view.dto';

function categoryView(c: CategoryRow): CategoryView {
  return {
    id: c.id,
    code: c.code,
    name: c.name,
    description: c.description,
    contactsPrivateByDefault: c.contactsPrivateByDefault,
  };
}

@Injectable()
export class CategoriesService {
  constructor(
    @Inject(DB) private readonly db: Database,
    private readonly categories: CategoriesRepository,
    private readonly audit: AuditTrail,
  ) {}

  /** The category a record names by code, or null. */
  byCode(code: string, tx: Executor = this.db): Promise<CategoryRow | null> {
    return this.categories.getByCode(code, tx);
  }

  /** Every category; the query only from a client, whose cursor is refused. */
  async list(query: Partial<PageQuery> = {}): Promise<Page<CategoryView>> {
    const rows = await this.categories.listAll();
    return wholePage(query, rows.map(categoryView));
  }

  async create(dto: CreateCategoryDto, actor: Actor): Promise<CategoryView> {
    return this.db.transaction(async (tx) => {
      if (await this.categories.getByCode(dto.code, tx)) throw conflictOn('code', 'is taken by another category');
      const category = await this.categories.insert(tx, dto);
      await this.audit.record(tx, actor, {
        entity: 'category',
        entityId: category.id,
        action: 'create',
        after: category,
      });
      return categoryView(category);
    });
  }

  async update(id: string, dto: UpdateCategoryDto, actor: Actor): Promise<CategoryView> {
    return this.db.transaction(async (tx) => {
      const before = await this.categories.getById(id, tx);
      if (!before) throw new NotFoundException('No such category');
      if (dto.code && dto.code !== before.code && (await this.categories.getByCode(dto.code, tx)))
        throw conflictOn('code', 'is taken by another category');
      const after = await this.categories.update(tx, id, dto);
      await this.audit.record(tx, actor, { entity: 'category', entityId: id, action: 'update', before, after });
      return categoryView(after);
    });
  }
}
