import { api } from '../api/client';
import type * as Api from '../api/openapi.generated';
import { Page } from '../components/ui';
import { useResource } from '../hooks';
import { Link } from '../router';
import { formatStamp } from '../time';

/** Members' open requests to be erased, with the one-month clock. */
function ErasureRequests() {
  const open = useResource(() => api.get<Api.OpenErasureRequests>('/privacy/erasure-requests'), []);
  const items = open.data?.items ?? [];
  if (!items.length) return null;
  return (
    <section className="section" aria-labelledby="erasure-heading">
      <h2 id="erasure-heading">Open erasure requests</h2>
      <ul>
        {items.map((r) => (
          <li key={r.id}>
            <Link to={`/secretariat/members/${r.member.id}`}>{r.member.name}</Link>: asked {r.ageDays} days ago, answer by {formatStamp(r.answerBy)}
            {r.overdue ? <strong> (overdue)</strong> : null}
          </li>
        ))}
      </ul>
    </section>
  );
}

export function OverviewPage() {
  return (
    <Page title="Secretariat" lead="Manage the membership, the network and meetings.">
      <ErasureRequests />
      <ul className="card-grid">
        <li className="card">
          <h2 className="card-title">
            <Link to="/secretariat/members">Members</Link>
          </h2>
          <p>Search, add, edit and suspend members; import or export a CSV.</p>
        </li>
        <li className="card">
          <h2 className="card-title">
            <Link to="/secretariat/posts">Representative posts</Link>
          </h2>
          <p>Who represents each region and the hub; assign and end posts.</p>
        </li>
        <li className="card">
          <h2 className="card-title">
            <Link to="/secretariat/meetings">Meetings</Link>
          </h2>
          <p>Schedule meetings, invite an audience, follow delivery and replies.</p>
        </li>
        <li className="card">
          <h2 className="card-title">
            <Link to="/secretariat/regions">Regions, categories, establishments</Link>
          </h2>
          <p>The lists the directory is built on.</p>
        </li>
        <li className="card">
          <h2 className="card-title">
            <Link to="/secretariat/audit">Audit trail</Link>
          </h2>
          <p>Who changed what, and when.</p>
        </li>
      </ul>
    </Page>
  );
}
