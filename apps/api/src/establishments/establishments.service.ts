import { Inject, Injectable, NotFoundException } from '@nestjs/common';
import {
  conflictOn,
  FieldError,
  InvalidFieldsException,
  invalidField,
  KeysetPages,
  PageQuery,
  wholePage,
} from '@seg/http';
import { Database, DB, Executor } from '@seg/db';
import { Actor, AuditTrail } from '@seg/audit';
import { RegionsService } from '../regions/regions.service';
import { CreateEstablishmentDto, EstablishmentQuery, UpdateEstablishmentDto } from './establishment.dto';
import { EstablishmentPage, EstablishmentTypePage, EstablishmentView } from './establishment-view.dto';
import {
  EstablishmentPosition,
  EstablishmentsRepository,
  RankedEstablishmentPosition,
} from './establishments.repository';

@Injectable()
export class EstablishmentsService {
  constructor(
    @Inject(DB) private readonly db: Database,
    private readonly establishments: EstablishmentsRepository,
    private readonly regions: RegionsService,
    private readonly audit: AuditTrail,
    private readonly pages: KeysetPages,
  ) {}

  /** Which of the ids name an establishment. */
  existingIds(ids: string[], tx: Executor = this.db): Promise<Set<string>> {
    return this.establishments.existingIds(ids, tx);
  }

  async search(query: EstablishmentQuery): Promise<EstablishmentPage> {
    let regionId: string | undefined;
    if (query.region) {
      regionId = (await this.regions.forFilter(query.region)).id;
    }
    if (query.type && !(await this.establishments.typeExists(query.type)))
      throw invalidField('type', 'is not an establishment type code');
    const q = query.q?.trim();
    if (q) {
      // Ranked by relevance: the cursor is bound to the search, whose order it follows.
      const filter = { q, typeCode: query.type, regionId };
      const request = this.pages.open<RankedEstablishmentPosition>(`establishments?${JSON.stringify(filter)}`, query, [
        'number',
        'number',
        'string',
        'string',
      ]);
      const { rows, total } = await this.establishments.searchByName(filter, request.fetch, request.after);
      return request.page(
        rows,
        total,
        (e) => e.position,
        ({ position: _position, ...view }) => view,
      );
    }
    const request = this.pages.open<EstablishmentPosition>('establishments', query, ['string', 'string']);
    const { rows, total } = await this.establishments.search(
      { typeCode: query.type, regionId },
      request.fetch,
      request.after,
    );
    return request.page(
      rows,
      total,
      (e) => [e.name, e.id],
      (e) => e,
    );
  }

  async get(id: string): Promise<EstablishmentView> {
    const view = await this.establishments.getView(id);
    if (!view) throw new NotFoundException('No such establishment');
    return view;
  }

  /** Every establishment of a region, in name order. */
  ofRegion(regionId: string): Promise<EstablishmentView[]> {
    return this.establishments.ofRegion(regionId);
  }

  listNames(): Promise<{ id: string; code: string | null; name: string }[]> {
    return this.establishments.listNames();
  }

  /** Each text's key as a place's name (type words left out), for matching names people write. */
  placeKeys(texts: string[]): Promise<Map<string, string>> {
    return this.establishments.placeKeys(texts);
  }

  async listTypes(query: PageQuery): Promise<EstablishmentTypePage> {
    return wholePage(query, await this.establishments.listTypes());
  }

  async create(dto: CreateEstablishmentDto, actor: Actor): Promise<EstablishmentView> {
    return this.db.transaction(async (tx) => {
      const { type, region, ...rest } = dto;
      const refs = await this.resolveRefs(tx, { type, region });
      await this.checkUnique(tx, dto);
      const row = await this.establishments.insert(tx, {
        ...rest,
        code: rest.code ?? null,
        typeCode: type,
        regionId: refs.regionId!,
      });
      await this.audit.record(tx, actor, { entity: 'establishment', entityId: row.id, action: 'create', after: row });
      return (await this.establishments.getView(row.id, tx))!;
    });
  }

  async update(id: string, dto: UpdateEstablishmentDto, actor: Actor): Promise<EstablishmentView> {
    return this.db.transaction(async (tx) => {
      const before = await this.establishments.getById(id, tx);
      if (!before) throw new NotFoundException('No such establishment');
      const { type, region, ...rest } = dto;
      const refs = await this.resolveRefs(tx, { type, region });
      await this.checkUnique(tx, dto, id);
      const after = await this.establishments.update(tx, id, {
        ...rest,
        ...(type ? { typeCode: type } : {}),
        ...(refs.regionId ? { regionId: refs.regionId } : {}),
      });
      await this.audit.record(tx, actor, { entity: 'establishment', entityId: id, action: 'update', before, after });
      return (await this.establishments.getView(id, tx))!;
    });
  }

  private async resolveRefs(tx: Executor, refs: { type?: string; region?: string }): Promise<{ regionId?: string }> {
    const errors: FieldError[] = [];
    let regionId: string | undefined;
    if (refs.type !== undefined && !(await this.establishments.typeExists(refs.type, tx)))
      errors.push({ field: 'type', message: 'is not an establishment type code' });
    if (refs.region !== undefined) {
      const region = await this.regions.forRecord(refs.region, 'region', tx);
      if ('field' in region) errors.push(region);
      else regionId = region.id;
    }
    if (errors.length) throw new InvalidFieldsException(errors);
    return { regionId };
  }

  private async checkUnique(tx: Executor, dto: { name?: string; code?: string }, selfId?: string): Promise<void> {
    if (dto.name) {
      const other = await this.establishments.getByName(dto.name, tx);
      if (other && other.id !== selfId) throw conflictOn('name', 'is taken by another establishment');
    }
    if (dto.code) {
      const other = await this.establishments.getByCode(dto.code, tx);
      if (other && other.id !== selfId) throw conflictOn('code', 'is taken by another establishment');
    }
  }
}
