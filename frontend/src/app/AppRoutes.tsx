import { Alert, Button } from '@cmsgov/design-system';
import { useEffect, useRef, type ComponentType } from 'react';
import { Loading } from '../components/Loading';
import { PageHeading, pageHeadingId } from '../components/PageHeading';
import { ConfirmEmailPage } from '../features/auth/components/ConfirmEmailPage';
import { SignInPage } from '../features/auth/components/SignInPage';
import { SignUpPage } from '../features/auth/components/SignUpPage';
import { MyRolesPage } from '../features/roles/components/MyRolesPage';
import { navigate, useLocation } from '../lib/router';
import { matchRoute, signInPath, type RouteName } from '../lib/routes';
import { useViewer } from '../lib/viewer';
import { productName } from './Header';
import { NotFoundPage } from './NotFoundPage';

const pages: Record<RouteName, ComponentType> = {
  myRoles: MyRolesPage,
  signUp: SignUpPage,
  confirmEmail: ConfirmEmailPage,
  signIn: SignInPage,
};

/**
 * After each navigation inside the SPA, focus goes to the new page's h1, so that a screen reader
 * announces it and the next Tab starts from the top of the content. The first page load keeps the
 * browser's own focus (the skip link comes first).
 */
function useFocusHeadingOnNavigation(href: string, pageShown: boolean) {
  const handledHref = useRef(href);
  useEffect(() => {
    if (!pageShown || handledHref.current === href) return;
    handledHref.current = href;
    document.getElementById(pageHeadingId)?.focus();
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
  }, [route]);

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
  const Page = pages[route.name];
  return <Page key={route.name} />;
}
