import { Page } from '../components/ui';
import { Link, matchPath } from '../router';
import { MeetingAdminPage } from '../secretariat/meeting-admin-page';
import { MeetingFormPage } from '../secretariat/meeting-form-page';
import { MyRegionPage } from './my-region-page';
import { useRepresentedRegions } from './represented-regions';

const BASE = '/my/region/meetings';

/**
 * "My region": a representative's screens, a chunk of its own loaded on first use. A meeting
 * opens on the secretariat's own screens, limited by the API to what a representative may do.
 */
export default function RegionRoutes({ path, query }: { path: string; query: URLSearchParams }) {
  if (path === '/my/region' || path === BASE) return <MyRegionPage code={query.get('region')} />;
  if (path === `${BASE}/new`) return <NewRegionalMeeting code={query.get('region')} />;
  let params = matchPath(`${BASE}/:id/edit`, path);
  if (params) return <MeetingFormPage id={params.id} base={BASE} regional />;
  params = matchPath(`${BASE}/:id`, path);
  if (params) return <MeetingAdminPage id={params.id} base={BASE} regional />;
  return (
    <Page title="Page not found">
      <p>
        There is nothing at this address. Go to <Link to="/my/region">My region</Link>.
      </p>
    </Page>
  );
}

function NewRegionalMeeting({ code }: { code: string | null }) {
  const { regions, loading } = useRepresentedRegions();
  if (loading) return null;
  const region = regions.find((r) => r.code === code) ?? regions[0];
  if (!region) return <MyRegionPage code={null} />;
  return <MeetingFormPage base={BASE} region={region} />;
}
