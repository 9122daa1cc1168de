import { Page } from '../components/ui';
import { Link, matchPath, NavLink } from '../router';
import { AuditPage } from './audit-page';
import { AttendanceImportPage } from './attendance-import-page';
import { ImportPage } from './import-page';
import { InboundMailPage } from './inbound-mail-page';
import { MeetingAdminPage } from './meeting-admin-page';
import { MeetingFormPage } from './meeting-form-page';
import { MeetingsAdminPage } from './meetings-admin-page';
import { MemberEditPage } from './member-edit-page';
import { MembersPage } from './members-page';
import { MessageReportsPage } from './message-reports-page';
import { OverviewPage } from './overview-page';
import { PostsPage } from './posts-page';
import { CategoriesPage, EstablishmentsPage, RegionsPage } from './reference-pages';

/** The secretariat's screens: one lazily loaded chunk, so members never download them. */
export default function SecretariatRoutes({ path, query }: { path: string; query: URLSearchParams }) {
  return (
    <>
      <nav aria-label="Secretariat" className="sub-nav">
        <ul>
          <li>
            <NavLink to="/secretariat" exact>
              Overview
            </NavLink>
          </li>
          <li>
            <NavLink to="/secretariat/members">Members</NavLink>
          </li>
          <li>
            <NavLink to="/secretariat/posts">Posts</NavLink>
          </li>
          <li>
            <NavLink to="/secretariat/meetings">Meetings</NavLink>
          </li>
          <li>
            <NavLink to="/secretariat/regions">Regions</NavLink>
          </li>
          <li>
            <NavLink to="/secretariat/categories">Categories</NavLink>
          </li>
          <li>
            <NavLink to="/secretariat/establishments">Establishments</NavLink>
          </li>
          <li>
            <NavLink to="/secretariat/audit">Audit trail</NavLink>
          </li>
          <li>
            <NavLink to="/secretariat/unmatched-mail">Unmatched mail</NavLink>
          </li>
          <li>
            <NavLink to="/secretariat/reported-messages">Reported messages</NavLink>
          </li>
        </ul>
      </nav>
      <Route path={path} query={query} />
    </>
  );
}

function Route({ path, query }: { path: string; query: URLSearchParams }) {
  switch (path) {
    case '/secretariat':
      return <OverviewPage />;
    case '/secretariat/members':
      return <MembersPage />;
    case '/secretariat/members/new':
      return <MemberEditPage />;
    case '/secretariat/members/import':
      return <ImportPage />;
    case '/secretariat/attendance/import':
      return <AttendanceImportPage />;
    case '/secretariat/posts':
      return <PostsPage />;
    case '/secretariat/regions':
      return <RegionsPage />;
    case '/secretariat/categories':
      return <CategoriesPage />;
    case '/secretariat/establishments':
      return <EstablishmentsPage />;
    case '/secretariat/meetings':
      return <MeetingsAdminPage />;
    case '/secretariat/meetings/new':
      return <MeetingFormPage />;
    case '/secretariat/unmatched-mail':
      return <InboundMailPage />;
    case '/secretariat/reported-messages':
      return <MessageReportsPage />;
    case '/secretariat/audit':
      return (
        <AuditPage entity={query.get('entity') ?? ''} id={query.get('id') ?? ''} member={query.get('member') ?? ''} />
      );
  }
  let params = matchPath('/secretariat/members/:id', path);
  if (params) return <MemberEditPage id={params.id} />;
  params = matchPath('/secretariat/meetings/:id/edit', path);
  if (params) return <MeetingFormPage id={params.id} />;
  params = matchPath('/secretariat/meetings/:id', path);
  if (params) return <MeetingAdminPage id={params.id} />;
  return (
    <Page title="Page not found">
      <p>
        There is nothing at this address. Go to the <Link to="/secretariat">secretariat overview</Link>.
      </p>
    </Page>
  );
}
