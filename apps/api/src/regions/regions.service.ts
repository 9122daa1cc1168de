import { Inject, Injectable, NotFoundException } from '@nestjs/common';
import { conflictOn, FieldError, invalidField, Page, PageQuery, wholePage } from '@seg/http';
import { Clock, postIsCurrent, todayInLondon } from '@seg/rules';
import { Database, DB, Executor } from '@seg/db';
import { Actor, AuditTrail } from '@seg/audit';
import { AuthenticatedMember, isSecretariat } from '@seg/auth';
import { CreateRegionDto, MergeRegionDto, UpdateRegionDto } from './region.dto';
import { MergedRegion, RegionDetail, RegionPost, RegionView } from './region-view.dto';
import { RegionRow, RegionsRepository } from './regions.repository';

export type { RegionRow };

export function regionView(r: RegionRow, mergedIntoCode: string | null = null): RegionView {
  return { id: r.id, code: r.code, name: r.name, nation: r.nation, mergedInto: mergedIntoCode };
}

@Injectable()
export class RegionsService {
  constructor(
    @Inject(DB) private readonly db: Database,
    private readonly regions: RegionsRepository,
    private readonly audit: AuditTrail,
    private readonly clock: Clock,
  ) {}

  /**
   * The region a new or changed record names by code, or the error to report against `field`:
   * an unknown code, or a region merged into another (new records go to the region it became).
   */
  async forRecord(code: string, field: string, tx: Executor = this.db): Promise<RegionRow | FieldError> {
    const region = await this.regions.getByCode(code, tx);
    if (!region) return { field, message: 'is not a region code' };
    if (region.mergedIntoId) return { field, message: 'was merged into another region' };
    return region;
  }

  byId(id: string): Promise<RegionRow | null> {
    return this.regions.getById(id);
  }

  byCode(code: string): Promise<RegionRow | null> {
    return this.regions.getByCode(code);
  }

  /** The spokes of today's network: every region not merged into another. */
  listLive(): Promise<RegionRow[]> {
    return this.regions.listLive();
  }

  /** The region a list is filtered by: merged ones too, as their history stays theirs. 400 when unknown. */
  async forFilter(code: string, field = 'region', message = 'is not a region code'): Promise<RegionRow> {
    const region = await this.regions.getByCode(code);
    if (!region) throw invalidField(field, message);
    return region;
  }

  /** Every region; the query only from a client, whose cursor is refused. */
  async list(query: Partial<PageQuery> = {}): Promise<Page<RegionView>> {
    const rows = await this.regions.listAll();
    return wholePage(
      query,
      rows.map((r) => regionView(r, r.mergedIntoCode)),
    );
  }

  /**
   * The region with its posts: those held today and past holders, with their dates. Holders who
   * chose not to be listed are shown to the secretariat only.
   */
  async detail(code: string, viewer: Pick<AuthenticatedMember, 'role'>): Promise<RegionDetail> {
    const region = await this.regions.getByCode(code);
    if (!region) throw new NotFoundException('No such region');
    const today = todayInLondon(this.clock.now());
    const merged = region.mergedIntoId ? await this.regions.getById(region.mergedIntoId) : null;
    const rows = (await this.regions.postsOfRegion(region.id, today)).filter(
      (p) => isSecretariat(viewer) || !p.unlisted,
    );
    const post = (p: (typeof rows)[number]): RegionPost => ({
      id: p.id,
      role: p.role,
      holder: { id: p.holderId, name: p.holderName },
      startsOn: p.startsOn,
      endsOn: p.endsOn,
    });
    return {
      ...regionView(region, merged?.code ?? null),
      currentPosts: rows.filter((p) => postIsCurrent(p, today)).map(post),
      pastPosts: rows
        .filter((p) => !postIsCurrent(p, today))
        .sort((a, b) => (b.endsOn ?? '').localeCompare(a.endsOn ?? ''))
        .map(post),
    };
  }

  async create(dto: CreateRegionDto, actor: Actor): Promise<RegionView> {
    return this.db.transaction(async (tx) => {
      if (await this.regions.getByCode(dto.code, tx)) throw conflictOn('code', 'is taken by another region');
      const region = await this.regions.insert(tx, dto);
      await this.audit.record(tx, actor, { entity: 'region', entityId: region.id, action: 'create', after: region });
      return regionView(region);
    });
  }

  /** A rename changes the row only: members, establishments and posts point at it by id. */
  async update(id: string, dto: UpdateRegionDto, actor: Actor): Promise<RegionView> {
    return this.db.transaction(async (tx) => {
      const before = await this.regions.getById(id, tx);
      if (!before) throw new NotFoundException('No such region');
      if (dto.code && dto.code !== before.code && (await this.regions.getByCode(dto.code, tx)))
        throw conflictOn('code', 'is taken by another region');
      const after = await this.regions.update(tx, id, dto);
      await this.audit.record(tx, actor, { entity: 'region', entityId: id, action: 'update', before, after });
      const mergedInto = after.mergedIntoId ? await this.regions.getById(after.mergedIntoId, tx) : null;
      return regionView(after, mergedInto?.code ?? null);
    });
  }

  async merge(id: string, dto: MergeRegionDto, actor: Actor): Promise<MergedRegion> {
    return this.db.transaction(async (tx) => {
      const before = await this.regions.getById(id, tx);
      if (!before) throw new NotFoundException('No such region');
      if (before.mergedIntoId) throw invalidField('id', 'this region was already merged');
      const into = await this.regions.getByCode(dto.into, tx);
      if (!into) throw invalidField('into', 'is not a region code');
      if (into.id === id) throw invalidField('into', 'cannot be the region itself');
      if (into.mergedIntoId) throw invalidField('into', 'was itself merged into another region');
      const now = this.clock.now();
      const moved = await this.regions.moveInto(tx, id, into.id, { today: todayInLondon(now), now });
      const after = await this.regions.update(tx, id, { mergedIntoId: into.id });
      await this.audit.record(tx, actor, {
        entity: 'region',
        entityId: id,
        action: 'merge',
        before,
        after: { ...after, mergedIntoCode: into.code, moved },
      });
      return { ...regionView(after, into.code), moved };
    });
  }
}
