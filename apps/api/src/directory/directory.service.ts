import { ForbiddenException, Inject, Injectable, NotFoundException } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '@seg/config';
import { FieldError, InvalidFieldsException, KeysetPages } from '@seg/http';
import { Clock, todayInLondon } from '@seg/rules';
import { ChangeCache, CURRENT_MEMBER_STATUSES, DatabaseChanges, isCurrentMember } from '@seg/db';
import { EstablishmentsService } from '../establishments/establishments.service';
import { RegionalRights } from '../regions/regional-rights.service';
import { RegionsService } from '../regions/regions.service';
import { OTHER_MEMBER, seesEverything, seesRecord, Viewer, visibilityClass } from '@seg/rules';
import { CardContext, directoryMember, repView } from './directory-member';
import {
  ContactsView,
  DirectoryMember,
  DirectoryMemberPage,
  EstablishmentContacts,
  NetworkView,
  RegionContacts,
} from './directory-member.dto';
import { DirectoryRepository, MemberSearch, RepRow, SearchPosition, Total } from './directory.repository';
import { nameQuery } from './name-query';
import { MemberSearchQuery } from './member-search.dto';

export const HUB_NAME = 'SEG national group (the hub)';

/** Where a page of the directory starts, and the total of the search: a count, or an estimate when the last key is 1. */
type DirectoryCursor = [...SearchPosition, total: number, estimated: number];

/**
 * What each API process keeps of the directory, and for how long at most (notices end it sooner).
 * Measured in members (rows read, or cards on pages kept): the distinct questions of a busy hour
 * would otherwise keep hundreds of thousands of cards, and their memory and the collector's time
 * with it. 20,000 of each is 400 full pages: the questions asked again and again (a region's
 * list, a common surname) stay, a question asked once makes way.
 */
const KEPT_READS = { max: 5_000, ttlMs: 10 * 60_000, budget: { max: 20_000, of: rowsIn } };
/** Pages of members as a class of viewers sees them: a minute at most, as a card's "overdue" mark moves with the clock. */
const KEPT_PAGES = {
  max: 5_000,
  ttlMs: 60_000,
  budget: { max: 20_000, of: (page: DirectoryMemberPage) => page.items.length },
};

/** The rows a directory read holds: a list's, a search's, or 1 for a single record. */
function rowsIn(read: unknown): number {
  if (Array.isArray(read)) return read.length;
  const rows = (read as { rows?: unknown } | null)?.rows;
  return Array.isArray(rows) ? rows.length : 1;
}

@Injectable()
export class DirectoryService {
  // The directory is read far more often than it changes: its reads are kept until a change
  // notice says that what they are read from changed. Rows are kept, not answers: each viewer's
  // answer is made from them, so what one viewer may see never reaches another.
  private readonly kept: ChangeCache<unknown>;
  private readonly keptPages: ChangeCache<DirectoryMemberPage>;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly directory: DirectoryRepository,
    private readonly regions: RegionsService,
    private readonly establishments: EstablishmentsService,
    private readonly pages: KeysetPages,
    private readonly rights: RegionalRights,
    private readonly clock: Clock,
    changes: DatabaseChanges,
  ) {
    this.kept = new ChangeCache(changes, 'directory', KEPT_READS);
    this.keptPages = new ChangeCache(changes, 'directory', KEPT_PAGES);
  }

  /** A read of the directory, kept under everything that shapes it. */
  private read<T>(key: unknown[], load: () => Promise<T>): Promise<T> {
    return this.kept.get(JSON.stringify(key), load) as Promise<T>;
  }

  /** The hub and every spoke with today's reps; a spoke with none is listed all the same. */
  async network(viewer: Viewer): Promise<NetworkView> {
    const today = this.today();
    const [spokes, reps] = await Promise.all([this.liveRegions(), this.currentReps('all', today)]);
    return {
      hub: {
        name: HUB_NAME,
        reps: reps.filter((r) => r.postRegionId === null).map((r) => repView(r, viewer, this.card(today))),
      },
      spokes: spokes.map((region) => ({
        region: { code: region.code, name: region.name, nation: region.nation },
        reps: reps.filter((r) => r.postRegionId === region.id).map((r) => repView(r, viewer, this.card(today))),
      })),
    };
  }

  /** Who to call in the viewer's own region and at the hub. */
  async myContacts(viewer: Viewer): Promise<ContactsView> {
    const me = await this.cardOf(viewer.id, this.today());
    return this.contactsOf(me?.regionId ?? null, viewer);
  }

  /** The region of an establishment and its reps: "my patient is moving to HMP X, who do I call?" */
  async establishmentContacts(id: string, viewer: Viewer): Promise<EstablishmentContacts> {
    const establishment = await this.read(['establishment', id], () => this.establishments.get(id));
    return { establishment, ...(await this.contactsOf(establishment.region.id, viewer)) };
  }

  /**
   * A region's contacts as its printed sheet shows them: its representatives today and, for
   * each of its establishments, the listed members who work there; contact details as the viewer
   * may see them, as everywhere in the directory. 404 for an unknown region.
   */
  async regionContacts(code: string, viewer: Viewer): Promise<RegionContacts> {
    const region = await this.read(['region code', code], () => this.regions.byCode(code));
    if (!region) throw new NotFoundException('No such region');
    const today = this.today();
    const [reps, places, people] = await Promise.all([
      this.currentReps([region.id], today),
      this.read(['establishments of', region.id], () => this.establishments.ofRegion(region.id)),
      this.read(['working in', region.id, today], () => this.directory.workingInRegion(region.id, today)),
    ]);
    const card = this.card(today);
    const seen = people.map((row) => directoryMember(row, viewer, card));
    return {
      region: { code: region.code, name: region.name, nation: region.nation },
      reps: reps.filter((r) => r.postRegionId === region.id).map((r) => repView(r, viewer, card)),
      establishments: places.map((establishment) => ({
        establishment,
        people: seen.filter((m) => m.establishments.some((e) => e.id === establishment.id)),
      })),
    };
  }

  /**
   * The secretariat sees every member with their record; so does a representative listing their
   * own region (`region=`), unlisted members included, contact details as each member chose.
   */
  async searchMembers(query: MemberSearchQuery, given: Viewer): Promise<DirectoryMemberPage> {
    const secretariat = seesEverything(given, '');
    const viewer = !secretariat && query.region ? await this.asRepresentativeOf(given, query.region) : given;
    const seesRecords = secretariat || !!viewer.representedRegionIds?.length;
    if (query.status && !seesRecords)
      throw new ForbiddenException(
        'Only the secretariat, or a representative listing their own region, can list members by status',
      );
    if (query.emailStatus && !seesRecords)
      throw new ForbiddenException(
        'Only the secretariat, or a representative listing their own region, can list members by email status',
      );
    if (query.noticesOff && !seesRecords)
      throw new ForbiddenException(
        'Only the secretariat, or a representative listing their own region, can list members by the meeting emails they turned off',
      );
    if (query.stale && !seesRecords)
      throw new ForbiddenException(
        'Only the secretariat, or a representative listing their own region, can list members who have not confirmed their details',
      );
    // A representative organises the region's current members; former and suspended ones are the secretariat's.
    const representative = seesRecords && !secretariat;
    if (representative && query.status && !CURRENT_MEMBER_STATUSES.includes(query.status)) {
      throw new ForbiddenException(
        'A representative lists the current members of their region (invited or active) only',
      );
    }
    const filter: MemberSearch = {
      name: nameQuery(query.q),
      regionCode: query.region,
      categoryCode: query.category,
      establishmentId: query.establishment,
      repsOnly: query.reps === true,
      listedOnly: !seesRecords,
      statuses: query.status ? [query.status] : representative ? [...CURRENT_MEMBER_STATUSES] : undefined,
      emailStatus: query.emailStatus,
      noticesOff: query.noticesOff,
      stale: query.stale === true,
    };
    const today = this.today();
    // The total rides in the signed cursor, so later pages skip the count; the cursor is bound
    // to the search (and so to what the viewer may see), whose total it carries.
    const request = this.pages.open<DirectoryCursor>(`directory/members?${JSON.stringify(filter)}`, query, [
      'number',
      'number',
      'string',
      'string',
      'string',
      'number',
      'number',
    ]);
    const position = request.after;
    const after = position ? (position.slice(0, 5) as SearchPosition) : undefined;
    const search = () => this.directory.searchPage(filter, today, request.fetch, after);
    // Who is stale moves with the clock, not only with changes: that list is read afresh.
    const { rows, total: counted } = filter.stale
      ? await search()
      : await this.read(['search', filter, today, request.fetch, after], search);
    // Codes are checked only when nothing matched, so a good search costs no extra round trip.
    if (!rows.length) await this.checkCodes(query);
    const total: Total = position ? (position[6] ? { estimate: position[5] } : position[5]) : (counted ?? 0);
    const totalKeys: [number, number] = typeof total === 'number' ? [total, 0] : [total.estimate, 1];
    const page = async () =>
      request.page(
        rows,
        total,
        (row) => [...row.position, ...totalKeys],
        (row) => directoryMember(row, viewer, this.card(today)),
      );
    // Every viewer of a class is given the same page, unless they are on it (they see themselves whole).
    if (filter.stale || rows.some((row) => row.id === viewer.id)) return page();
    const key = [filter, today, request.fetch, position, visibilityClass(viewer)];
    return this.keptPages.get(JSON.stringify(key), page);
  }

  /** One member, with the posts they held before. */
  async getMember(id: string, given: Viewer): Promise<DirectoryMember> {
    const today = this.today();
    const row = await this.cardOf(id, today);
    const viewer =
      row && !seesEverything(given, id)
        ? { ...given, representedRegionIds: (await this.rights.postsOf(given.id)).map((p) => p.regionId) }
        : given;
    // Unlisted: the secretariat and the member see them; a representative, current members of their region.
    const seen = row && (row.listed || seesEverything(viewer, id) || (seesRecord(viewer, row) && isCurrentMember(row)));
    if (!row || !seen) throw new NotFoundException('No such member');
    const pastPosts = await this.read(['ended posts', id, today], () => this.directory.endedPostsOf(id, today));
    return { ...directoryMember(row, viewer, this.card(today)), pastPosts };
  }

  /**
   * What other members see of a member (their card as any member sees it, listed or not), for
   * the member to check; null when there is no such member.
   */
  async seenByOthers(id: string): Promise<{ listed: boolean; card: DirectoryMember } | null> {
    const today = this.today();
    const row = await this.cardOf(id, today);
    return row ? { listed: row.listed, card: directoryMember(row, OTHER_MEMBER, this.card(today)) } : null;
  }

  private cardOf(id: string, today: string) {
    return this.read(['card', id, today], () => this.directory.getMember(id, today));
  }

  private currentReps(regionIds: string[] | 'all', today: string) {
    return this.read(['reps', regionIds, today], () => this.directory.currentReps({ regionIds, hub: true }, today));
  }

  private liveRegions() {
    return this.read(['live regions'], () => this.regions.listLive());
  }

  /** The UK's date by the injected clock: the day posts are current on. */
  private today(): string {
    return todayInLondon(this.clock.now());
  }

  private card(today: string): CardContext {
    return { today, config: this.config };
  }

  /** The viewer, seeing the records of the region's members when they represent it today. */
  private async asRepresentativeOf(viewer: Viewer, regionCode: string): Promise<Viewer> {
    // Every search of a region asks this: one round trip, not the region and then the posts.
    const authority = await this.rights.authorityForCode(viewer, regionCode);
    return authority?.by === 'post' ? { ...viewer, representedRegionIds: [authority.post.regionId] } : viewer;
  }

  private async contactsOf(regionId: string | null, viewer: Viewer): Promise<ContactsView> {
    const today = this.today();
    const [region, reps] = await Promise.all([
      regionId ? this.read(['region', regionId], () => this.regions.byId(regionId)) : Promise.resolve(null),
      this.currentReps(regionId ? [regionId] : [], today),
    ]);
    const views = (rows: RepRow[]) => rows.map((r) => repView(r, viewer, this.card(today)));
    return {
      region: region ? { code: region.code, name: region.name, nation: region.nation } : null,
      regionalReps: views(reps.filter((r) => r.postRegionId !== null)),
      hubReps: views(reps.filter((r) => r.postRegionId === null)),
    };
  }

  private async checkCodes(query: MemberSearchQuery): Promise<void> {
    if (!query.region && !query.category) return;
    const { regionId, categoryId } = await this.directory.resolveCodes({
      region: query.region,
      category: query.category,
    });
    const errors: FieldError[] = [];
    if (query.region && !regionId) errors.push({ field: 'region', message: 'is not a region code' });
    if (query.category && !categoryId) errors.push({ field: 'category', message: 'is not a category code' });
    if (errors.length) throw new InvalidFieldsException(errors);
  }
}
