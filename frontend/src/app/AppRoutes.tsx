import { Alert, Button } from '@cmsgov/design-system';
import { lazy, Suspense, useEffect, useRef, type ComponentType } from 'react';
import { Link } from '@/components/Link';
import { Loading } from '@/components/Loading';
import { PageHeading, pageHeadingId, PlaceholderHeading } from '@/components/PageHeading';
import { ConfirmEmailPage } from '@/features/auth/components/ConfirmEmailPage';
import { SignInPage } from '@/features/auth/components/SignInPage';
import { SignUpPage } from '@/features/auth/components/SignUpPage';
import { MyRolesPage } from '@/features/roles/components/MyRolesPage';
import { cancelHeadingFocus, requestHeadingFocus } from '@/lib/focus';
import { navigate, useLocation } from '@/lib/router';
import { matchRoute, paths, signInPath, type RouteAudience, type RouteName } from '@/lib/routes';
import { administersCompany, isHelpDesk, useViewer, type Viewer } from '@/lib/viewer';
import { productName } from './Header';
import { NotFoundPage } from './NotFoundPage';

// The pages people reach from the first one load their code when first visited, so that the
// initial JavaScript stays small (the budget of docs/performance.md).
const MyRequestsPage = lazy(() =>
  import('@/features/requests/components/MyRequestsPage').then((m) => ({ default: m.MyRequestsPage })),
);
const AskPage = lazy(() => import('@/features/ask/components/AskPage').then((m) => ({ default: m.AskPage })));
const QueuePage = lazy(() => import('@/features/queue/components/QueuePage').then((m) => ({ default: m.QueuePage })));
const HelpDeskPage = lazy(() =>
  import('@/features/queue/components/HelpDeskPage').then((m) => ({ default: m.HelpDeskPage })),
);
const OrganizationPage = lazy(() =>
  import('@/features/organizations/components/OrganizationPage').then((m) => ({ default: m.OrganizationPage })),
);
const BillingPage = lazy(() =>
  import('@/features/billing/components/BillingPage').then((m) => ({ default: m.BillingPage })),
);
const AuditPage = lazy(() => import('@/features/audit/components/AuditPage').then((m) => ({ default: m.AuditPage })));
const CertificationPage = lazy(() =>
  import('@/features/certification/components/CertificationPage').then((m) => ({ default: m.CertificationPage })),
);
const ProfilePage = lazy(() =>
  import('@/features/profile/components/ProfilePage').then((m) => ({ default: m.ProfilePage })),
);
const WebhooksPage = lazy(() =>
  import('@/features/webhooks/components/WebhooksPage').then((m) => ({ default: m.WebhooksPage })),
);
const MailLogPage = lazy(() => import('@/features/mail/components/MailLogPage').then((m) => ({ default: m.MailLogPage })));

const pages: Record<RouteName, ComponentType> = {
  myRoles: MyRolesPage,
  myRequests: MyRequestsPage,
  ask: AskPage,
  queue: QueuePage,
  certification: CertificationPage,
  organization: OrganizationPage,
  billing: BillingPage,
  helpDesk: HelpDeskPage,
  audit: AuditPage,
  webhooks: WebhooksPage,
  mailLog: MailLogPage,
  profile: ProfilePage,
  signUp: SignUpPage,
  confirmEmail: ConfirmEmailPage,
  signIn: SignInPage,
};

const audienceCheck: Record<RouteAudience, { allowed: (viewer: Viewer) => boolean; who: string }> = {
  helpDesk: { allowed: isHelpDesk, who: 'the CMS help desk' },
  companyAdministrator: {
    allowed: administersCompany,
    who: 'User Group Administrators of a surrogate (billing) company',
  },
};

/**
 * After each navigation inside the SPA, focus goes to the new page's h1, so that a screen reader
 * announces it and the next Tab starts from the top of the content. The first page load keeps the
 * browser's own focus (the skip link comes first). A page whose code is still loading has no h1
 * yet: its heading takes the focus when it mounts (PageHeading).
 */
function useFocusHeadingOnNavigation(href: string, pageShown: boolean) {
  const handledHref = useRef(href);
  useEffect(() => {
    if (!pageShown || handledHref.current === href) return;
    handledHref.current = href;
    // The heading found may be the previous page's, hidden while the new page's code loads: then
    // it cannot take the focus, and the new page's heading takes it when it mounts.
    const heading = document.getElementById(pageHeadingId);
    heading?.focus();
    if (heading !== null && document.activeElement === heading) cancelHeadingFocus();
    else requestHeadingFocus();
  }, [href, pageShown]);
}

export function AppRoutes() {
  const location = useLocation();
  const route = matchRoute(location.pathname);
  const viewer = useViewer();
  const needsViewer = route?.access === 'signedIn';
  const mustSignIn = needsViewer && viewer.isSuccess && viewer.data === null;

  useEffect(() => {
    if (mustSignIn) navigate(signInPath(location.href), { replace: true });
  }, [mustSignIn, location.href]);

  useEffect(() => {
    document.title = `${route?.title ?? 'Page not found'} – ${productName}`;
  }, [route?.title]);

  const pageShown = route === undefined || !needsViewer || (viewer.isSuccess && viewer.data !== null);
  useFocusHeadingOnNavigation(location.href, pageShown);

  if (route === undefined) return <NotFoundPage />;
  if (needsViewer && viewer.isError) {
    return (
      <>
        <PageHeading>{route.title}</PageHeading>
        <Alert variation="error" heading="We could not reach the server" headingLevel="2">
          <p className="ds-c-alert__text">Please check your connection and try again.</p>
          <Button size="small" onClick={() => void viewer.refetch()}>
            Try again
          </Button>
        </Alert>
      </>
    );
  }
  if (!pageShown) {
    return (
      <>
        <PageHeading>{route.title}</PageHeading>
        <Loading />
      </>
    );
  }
  if (route.audience !== undefined && viewer.data != null && !audienceCheck[route.audience].allowed(viewer.data)) {
    return (
      <>
        <PageHeading>{route.title}</PageHeading>
        <p>
          This page is for {audienceCheck[route.audience].who}. <Link to={paths.myRoles}>Go to My roles</Link>
        </p>
      </>
    );
  }
  const Page = pages[route.name];
  // While the page's code loads, its title stays (a page without an h1 is a blank page to a screen reader).
  const loadingPage = (
    <>
      <PlaceholderHeading>{route.title}</PlaceholderHeading>
      <Loading />
    </>
  );
  return (
    <Suspense fallback={loadingPage}>
      <Page key={route.name} />
    </Suspense>
  );
}
