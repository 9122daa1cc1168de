import { lazy, ReactNode, Suspense, useEffect } from 'react';
import { ErrorBoundary } from './components/error-boundary';
import { Layout } from './components/layout';
import { Loading, Page } from './components/ui';
import { ActivatePage } from './pages/activate-page';
import { ConfirmDetailsPage } from './pages/confirm-details-page';
import { ConfirmEmailPage } from './pages/confirm-email-page';
import { DirectoryPage } from './pages/directory-page';
import { HomePage } from './pages/home-page';
import { MyLearningPage } from './learning/my-learning-page';
import { VerifyPage } from './learning/verify-page';
import { MeetingPage } from './pages/meeting-page';
import { MyDetailsPage } from './pages/my-details-page';
import { MyMeetingsPage } from './pages/my-meetings-page';
import { PersonPage } from './pages/person-page';
import { RegionPage } from './pages/region-page';
import { RegionSheetPage } from './pages/region-sheet-page';
import { ReportMessagePage } from './messages/report-message-page';
import { PrivacyPage } from './pages/privacy-page';
import { ResetPasswordPage } from './pages/reset-password-page';
import { SignInLinkPage } from './pages/sign-in-link-page';
import { SignInPage } from './pages/sign-in-page';
import { WherePage } from './pages/where-page';
import { Link, matchPath, navigate, useLocation } from './router';
import { SessionProvider, useSession } from './session';

// The secretariat's screens are a separate chunk: members never download them.
const SecretariatRoutes = lazy(() => import('./secretariat/secretariat-routes'));
// A representative's screens reuse the secretariat's meeting screens: loaded on first use only.
const RegionRoutes = lazy(() => import('./region/region-routes'));

export function App() {
  return (
    <SessionProvider>
      <Layout>
        <GuardedRoutes />
      </Layout>
    </SessionProvider>
  );
}

function GuardedRoutes() {
  const { path } = useLocation();
  return (
    <ErrorBoundary resetKey={path}>
      <Routes />
    </ErrorBoundary>
  );
}

const PUBLIC: Record<string, () => ReactNode> = {
  '/sign-in': () => <SignInPage />,
  '/activate': () => <ActivatePage />,
  '/reset-password': () => <ResetPasswordPage />,
  // The link of a sign-in email: the button on it signs in once.
  '/sign-in-link': () => <SignInLinkPage />,
  // The "still right" link of the confirm-details email: the token is the member's key.
  '/confirm-details': () => <ConfirmDetailsPage />,
  // The "Report this message" link of a member's message: the token names the message.
  '/report-message': () => <ReportMessagePage />,
  // What is held and for how long: readable before signing in.
  '/privacy': () => <PrivacyPage />,
  // The link sent to a new email address: whoever opens it proves they read that inbox.
  '/confirm-email': () => <ConfirmEmailPage />,
  // Anyone shown a certificate of attendance checks it here.
  '/verify': () => <VerifyPage number={null} />,
};

/** A public page with a part of its own in the path: `/verify/SEG-...`. */
function publicPage(path: string): (() => ReactNode) | null {
  if (PUBLIC[path]) return PUBLIC[path];
  const params = matchPath('/verify/:number', path);
  return params ? () => <VerifyPage number={params.number} /> : null;
}

function Routes() {
  const { state, user } = useSession();
  const { path, query } = useLocation();

  const publicRoute = publicPage(path);
  const signedOutOnPrivate = state.status === 'signed-out' && !publicRoute;
  useEffect(() => {
    if (signedOutOnPrivate) {
      const next = path === '/' ? '' : `?next=${encodeURIComponent(path + location.search)}`;
      navigate(
        `/sign-in${next}${state.status === 'signed-out' && state.expired ? `${next ? '&' : '?'}expired=1` : ''}`,
        { replace: true },
      );
    }
  }, [signedOutOnPrivate, path, state]);

  if (publicRoute) return <>{publicRoute()}</>;
  if (state.status === 'loading' || !user) return <Loading what="Opening SEG Network" />;

  if (path === '/') return <HomePage />;
  if (path === '/directory') return <DirectoryPage />;
  if (path === '/where') return <WherePage />;
  if (path === '/my/details') return <MyDetailsPage />;
  if (path === '/my/meetings') return <MyMeetingsPage />;
  if (path === '/my/learning') return <MyLearningPage />;
  let params = matchPath('/people/:id', path);
  if (params) return <PersonPage id={params.id} />;
  params = matchPath('/regions/:code/sheet', path);
  if (params) return <RegionSheetPage code={params.code} />;
  params = matchPath('/regions/:code', path);
  if (params) return <RegionPage code={params.code} />;
  if (path === '/my/region' || path.startsWith('/my/region/'))
    return (
      <Suspense fallback={<Loading what="Opening your region" />}>
        <RegionRoutes path={path} query={query} />
      </Suspense>
    );
  params = matchPath('/my/meetings/:id', path);
  if (params) return <MeetingPage id={params.id} />;
  if (path === '/secretariat' || path.startsWith('/secretariat/')) {
    if (!user.isSecretariat) return <NotAllowed />;
    return (
      <Suspense fallback={<Loading what="Opening the secretariat's screens" />}>
        <SecretariatRoutes path={path} query={query} />
      </Suspense>
    );
  }
  return <NotFound />;
}

function NotFound() {
  return (
    <Page title="Page not found">
      <p>
        There is nothing at this address. Go to the <Link to="/">home page</Link> or search the{' '}
        <Link to="/directory">directory</Link>.
      </p>
    </Page>
  );
}

function NotAllowed() {
  return (
    <Page title="Only for the secretariat">
      <p>
        These screens are for the secretariat. Go to the <Link to="/">home page</Link>.
      </p>
    </Page>
  );
}
