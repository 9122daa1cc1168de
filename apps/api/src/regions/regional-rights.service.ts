import { Clock, todayInLondon } from '@seg/rules';
import { ForbiddenException, Injectable } from '@nestjs/common';
import { AuthenticatedMember, isSecretariat } from '@seg/auth';
import { ChangeCache, DatabaseChanges } from '@seg/db';
import { RegionalPost, RegionsRepository } from './regions.repository';

/** Why a member may act for a region: being the secretariat, or a post held there today. */
export type RegionAuthority = { by: 'secretariat' } | { by: 'post'; post: RegionalPost };

/**
 * The one place that decides who may act for a region: the secretariat for every region, and a
 * member for each region where they hold a post today (London's date). Hub posts give no
 * regional rights, and the rights end the day the post ends.
 */
@Injectable()
export class RegionalRights {
  // Asked on most requests of a representative: kept until a change of posts or regions is heard.
  private readonly held: ChangeCache<RegionalPost[]>;

  constructor(
    private readonly regions: RegionsRepository,
    private readonly clock: Clock,
    changes: DatabaseChanges,
  ) {
    this.held = new ChangeCache(changes, 'directory', { max: 10_000, ttlMs: 10 * 60_000 });
  }

  /** The member's regional posts held today, oldest first. */
  postsOf(memberId: string, today = todayInLondon(this.clock.now())): Promise<RegionalPost[]> {
    return this.held.get(`${memberId}/${today}`, () => this.regions.regionalPostsHeldOn(memberId, today));
  }

  /** Why the member may act for the region, or null when they may not. */
  async authorityFor(
    member: Pick<AuthenticatedMember, 'id' | 'role'>,
    regionId: string | null,
  ): Promise<RegionAuthority | null> {
    if (isSecretariat(member)) return { by: 'secretariat' };
    if (!regionId) return null;
    const post = (await this.postsOf(member.id)).find((p) => p.regionId === regionId);
    return post ? { by: 'post', post } : null;
  }

  /** As `authorityFor`, for a region named by its code: one query, as posts carry their region's code. */
  async authorityForCode(
    member: Pick<AuthenticatedMember, 'id' | 'role'>,
    regionCode: string,
  ): Promise<RegionAuthority | null> {
    if (isSecretariat(member)) return { by: 'secretariat' };
    const post = (await this.postsOf(member.id)).find((p) => p.regionCode === regionCode);
    return post ? { by: 'post', post } : null;
  }

  /** As `authorityFor`, refusing with 403 naming what is missing. */
  async require(
    member: Pick<AuthenticatedMember, 'id' | 'role'>,
    region: { id: string; name: string } | null,
    what: string,
  ): Promise<RegionAuthority> {
    const authority = await this.authorityFor(member, region?.id ?? null);
    if (authority) return authority;
    throw notRepresentative(what, region?.name ?? null);
  }
}

/** 403 for a member acting outside the regions they represent today. */
export function notRepresentative(what: string, regionName: string | null): ForbiddenException {
  return new ForbiddenException(
    regionName
      ? `Only the secretariat or a representative of ${regionName} may ${what}`
      : `Only the secretariat may ${what}: it belongs to no region`,
  );
}
