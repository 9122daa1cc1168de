import type { RegionDetail } from '../api/openapi.generated';
import { Link } from '../router';
import { formatDay } from '../time';

/** A region's posts: who holds them today and since when, and who held them before. */
export function RegionPosts({ region }: { region: RegionDetail }) {
  return (
    <>
      <section className="section" aria-labelledby="current-posts-heading">
        <h2 id="current-posts-heading">Representatives</h2>
        {region.currentPosts.length ? (
          <ul className="plain">
            {region.currentPosts.map((p) => (
              <li key={p.id}>
                <Link to={`/people/${p.holder.id}`}>{p.holder.name}</Link>, {p.role}, since {formatDay(p.startsOn)}
              </li>
            ))}
          </ul>
        ) : (
          <p className="empty">No representative at the moment.</p>
        )}
      </section>
      <section className="section" aria-labelledby="past-posts-heading">
        <h2 id="past-posts-heading">Past representatives</h2>
        {region.pastPosts.length ? (
          <ul className="plain">
            {region.pastPosts.map((p) => (
              <li key={p.id}>
                {p.holder.name}, {p.role}, {formatDay(p.startsOn)} to {p.endsOn ? formatDay(p.endsOn) : 'now'}
              </li>
            ))}
          </ul>
        ) : (
          <p className="empty">No earlier posts recorded.</p>
        )}
      </section>
    </>
  );
}
