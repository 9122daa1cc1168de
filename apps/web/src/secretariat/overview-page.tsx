import { answer, client } from '../api/client';
import type * as Api from '../api/openapi.generated';
import { Page } from '../components/ui';
import { useResource } from '../hooks';
import { Link } from '../router';
import { formatMoment } from '../time';

function askedAgo(days: number): string {
  if (days === 0) return 'today';
  return days === 1 ? 'yesterday' : `${days} days ago`;
}

/** Members' open requests to be erased, with the one-month clock. */
function ErasureRequests() {
  const open = useResource(() => answer(client.GET('/privacy/erasure-requests')), []);
  const items = open.data?.items ?? [];
  if (!items.length) return null;
  return (
    <section className="section" aria-labelledby="erasure-heading">
      <h2 id="erasure-heading">Open erasure requests</h2>
      <ul>
        {items.map((r) => (
          <li key={r.id}>
            <Link to={`/secretariat/members/${r.member.id}`}>{r.member.name}</Link>: asked {askedAgo(r.ageDays)}, answer
            by {formatMoment(r.answerBy)}
            {r.overdue ? <strong> (overdue)</strong> : null}
          </li>
        ))}
      </ul>
    </section>
  );
}

/** What a retention rule removes, in words; the periods come from the API. */
function retentionLabel(rule: Api.RetentionRuleView): string {
  switch (rule.rule) {
    case 'left-members':
      return `Members who left more than ${rule.periodMonths} months ago, erased`;
    case 'notices':
      return `Emails older than ${rule.periodMonths} months, stripped of address and text`;
    case 'member-messages':
      return `Records of messages between members older than ${rule.periodMonths} months, deleted`;
    case 'sessions':
      return 'Expired sign-ins, deleted';
    case 'one-time-tokens':
      return 'Used or expired one-time links, deleted';
    case 'attendance':
      return `Attendance and certificates of meetings more than ${(rule.periodMonths ?? 0) / 12} years ago, deleted`;
  }
}

/** The nightly retention run: what each rule removed the last time it ran. */
function Retention() {
  const report = useResource(() => answer(client.GET('/privacy/retention')), []);
  if (!report.data) return null;
  return (
    <section className="section" aria-labelledby="retention-heading">
      <h2 id="retention-heading">Retention</h2>
      <p>Applied every night at {report.data.runsAt}, UK time; what each rule removed on its last run:</p>
      <ul>
        {report.data.rules.map((rule) => (
          <li key={rule.rule}>
            {retentionLabel(rule)}:{' '}
            {rule.lastRun ? (
              <>
                {rule.lastRun.removed} <span className="muted small">({formatMoment(rule.lastRun.ranAt)})</span>
              </>
            ) : (
              'not run yet'
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}

/** Bytes in the units a person reads (1.2 MB). */
function formatSize(bytes: number): string {
  const units = ['bytes', 'kB', 'MB', 'GB', 'TB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1000 && unit < units.length - 1) {
    value /= 1000;
    unit += 1;
  }
  return `${unit ? value.toFixed(1) : value} ${units[unit]}`;
}

/** The nightly backup: the last good one, and a failure since, said plainly. */
function Backups() {
  const report = useResource(() => answer(client.GET('/backups')), []);
  if (!report.data) return null;
  const { runsAt, keepDays, last, failure } = report.data;
  return (
    <section className="section" aria-labelledby="backups-heading">
      <h2 id="backups-heading">Backups</h2>
      {failure ? (
        <p role="alert">
          <strong>The last backup failed</strong> ({formatMoment(failure.at)}): {failure.error}. Tell whoever runs the
          server.
        </p>
      ) : null}
      <p>
        {last ? (
          <>
            Last backup: {formatMoment(last.at)}, {formatSize(last.sizeBytes)}{' '}
            <span className="muted small">({last.file})</span>.
          </>
        ) : (
          'No backup has been taken yet.'
        )}{' '}
        Taken every night at {runsAt}, UK time, and kept {keepDays} days.
      </p>
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
      <Backups />
      <Retention />
    </Page>
  );
}
