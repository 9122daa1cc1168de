import { answer, client, membersText } from '../api/client';
import { MeetingsByWhen } from '../components/meetings-by-when';
import { RegionPosts } from '../components/region-posts';
import { ErrorMessage, Loading, Page } from '../components/ui';
import { useMemberPages, useResource } from '../hooks';
import { Link } from '../router';
import { RepresentedRegion, useRepresentedRegions } from './represented-regions';

/**
 * "My region": what a representative runs for their region. Its meetings (opening on the same
 * screens the secretariat uses), its members as the secretariat sees them but for contact details
 * a member keeps for the secretariat, and its posts.
 */
export function MyRegionPage({ code }: { code: string | null }) {
  const { regions, loading, error } = useRepresentedRegions();
  if (loading) return <Loading />;
  if (error)
    return (
      <Page title="My region">
        <ErrorMessage error={error} />
      </Page>
    );
  const region = regions.find((r) => r.code === code) ?? regions[0];
  if (!region)
    return (
      <Page title="My region">
        <p>
          You hold no post in a region today. Representatives run their region&apos;s meetings here; the{' '}
          <Link to="/">network</Link> shows who represents each region.
        </p>
      </Page>
    );
  return <RegionWork region={region} others={regions.filter((r) => r.code !== region.code)} />;
}

function RegionWork({ region, others }: { region: RepresentedRegion; others: RepresentedRegion[] }) {
  const code = encodeURIComponent(region.code);
  return (
    <Page
      title={`My region: ${region.name}`}
      lead={`You represent ${region.name} as ${region.roles.join(' and ')}.`}
      actions={
        <Link to={`/my/region/meetings/new?region=${code}`} className="button">
          Call a meeting
        </Link>
      }
    >
      {others.length ? (
        <p>
          You also represent{' '}
          {others.map((r, i) => (
            <span key={r.code}>
              {i ? ', ' : ''}
              <Link to={`/my/region?region=${encodeURIComponent(r.code)}`}>{r.name}</Link>
            </span>
          ))}
          .
        </p>
      ) : null}
      <RegionMeetings regionCode={region.code} />
      <RegionMembers regionCode={region.code} />
      <RegionPostsSection regionCode={region.code} />
    </Page>
  );
}

function RegionMeetings({ regionCode }: { regionCode: string }) {
  return (
    <section className="section" aria-labelledby="region-meetings-heading">
      <h2 id="region-meetings-heading">Meetings</h2>
      <MeetingsByWhen
        query={{ region: regionCode }}
        meetingPath="/my/region/meetings"
        caption="Meetings of the region"
      />
    </section>
  );
}

const STATUS_WORDS: Record<string, string> = {
  invited: 'Not activated yet',
  active: 'Active',
  suspended: 'Suspended',
  left: 'Left',
};

function RegionMembers({ regionCode }: { regionCode: string }) {
  const { page, error, loading, more } = useMemberPages({ region: regionCode });
  const members = page?.items ?? [];
  return (
    <section className="section" aria-labelledby="region-members-heading">
      <h2 id="region-members-heading">Members</h2>
      <ErrorMessage error={error} />
      {loading && !page ? <Loading /> : null}
      {page ? <p className="result-count">{membersText(page.total)}</p> : null}
      {members.length ? (
        <div className="table-wrap">
          <table className="stacked">
            <caption className="visually-hidden">Members of the region</caption>
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col">Category</th>
                <th scope="col">Status</th>
                <th scope="col">Email</th>
                <th scope="col">Phone</th>
              </tr>
            </thead>
            <tbody>
              {members.map((m) => (
                <tr key={m.id}>
                  <td className="stack-title">
                    <Link to={`/people/${m.id}`}>{m.name}</Link>
                    {m.posts?.length ? <span className="muted small"> · rep</span> : null}
                  </td>
                  <td data-label="Category">{m.category?.name}</td>
                  <td data-label="Status">{m.status ? (STATUS_WORDS[m.status] ?? m.status) : ''}</td>
                  <td data-label="Email">{m.email ?? <span className="muted small">Kept for the secretariat</span>}</td>
                  <td data-label="Phone">
                    {m.phone ?? (
                      <span className="muted small">
                        {m.contactVisibility?.phone === 'secretariat' ? 'Kept for the secretariat' : 'Not given'}
                      </span>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
      {page?.nextCursor ? (
        <button type="button" className="button secondary" onClick={more}>
          Show more members
        </button>
      ) : null}
    </section>
  );
}

function RegionPostsSection({ regionCode }: { regionCode: string }) {
  const region = useResource(
    () => answer(client.GET('/regions/{code}', { params: { path: { code: regionCode } } })),
    [regionCode],
  );
  if (!region.data) return <ErrorMessage error={region.error} retry={region.reload} />;
  return <RegionPosts region={region.data} />;
}
