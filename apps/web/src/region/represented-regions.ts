import { answer, client } from '../api/client';
import type { PostRegion } from '../api/openapi.generated';
import { useResource } from '../hooks';
import { useSession } from '../session';

/** A region the signed-in member represents today, with the roles they hold there. */
export interface RepresentedRegion extends PostRegion {
  roles: string[];
}

/**
 * The regions the signed-in member represents today: the regions of their current posts, as
 * `GET /me` lists them (hub posts give no region). The API decides what they may do there.
 */
export function useRepresentedRegions(): { regions: RepresentedRegion[]; loading: boolean; error: unknown } {
  const { user } = useSession();
  const me = useResource(() => (user ? answer(client.GET('/me')) : Promise.resolve(undefined)), [user?.id]);
  const regions = new Map<string, RepresentedRegion>();
  for (const post of me.data?.posts ?? []) {
    if (!post.current || post.hub || !post.region) continue;
    const known = regions.get(post.region.code) ?? { ...post.region, roles: [] };
    known.roles.push(post.role);
    regions.set(post.region.code, known);
  }
  return { regions: [...regions.values()], loading: me.loading, error: me.error };
}
