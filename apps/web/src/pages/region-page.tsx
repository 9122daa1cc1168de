import { answer, client } from '../api/client';
import { RegionPosts } from '../components/region-posts';
import { ErrorMessage, Loading, Page } from '../components/ui';
import { useResource } from '../hooks';
import { Link } from '../router';

/** A region (a spoke): its representatives today, since when, and those before them. */
export function RegionPage({ code }: { code: string }) {
  const region = useResource(() => answer(client.GET('/regions/{code}', { params: { path: { code } } })), [code]);
  if (region.loading && !region.data) return <Loading />;
  if (!region.data)
    return (
      <Page title="Region">
        <ErrorMessage error={region.error} retry={region.reload} />
      </Page>
    );
  const r = region.data;
  return (
    <Page title={r.name} lead={r.nation}>
      <RegionPosts region={r} />
      <p>
        <Link to={`/directory?region=${encodeURIComponent(r.code)}`}>Members of {r.name} in the directory</Link>
      </p>
      <p>
        <Link to={`/regions/${encodeURIComponent(r.code)}/sheet`}>Contact sheet to print for the office wall</Link>
      </p>
    </Page>
  );
}
