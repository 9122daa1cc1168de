import { Page } from '../components/ui';
import { Link } from '../router';

export function OverviewPage() {
  return (
    <Page title="Secretariat" lead="Manage the membership, the network and meetings.">
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
