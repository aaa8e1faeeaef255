import { Badge, Button, UsaBanner } from '@cmsgov/design-system';
import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef } from 'react';
import { Link } from '@/components/Link';
import { LiveQueueAnnouncer } from '@/features/queue/components/LiveQueueStatus';
import { useSignOut } from '@/features/auth/api/sign-out';
import { useLiveQueue } from '@/features/queue/api/live-queue';
import { useMailLogAvailable } from '@/lib/mail-log';
import { refreshQueueCount, useQueueCount } from '@/lib/queue-count';
import { useLocation } from '@/lib/router';
import { matchRoute, paths, type RouteName } from '@/lib/routes';
import { administersCompany, isHelpDesk, mayApprove, useViewer, type Viewer } from '@/lib/viewer';

export const productName = 'IACS';

interface NavItem {
  route: RouteName;
  label: string;
}

/** The pages this person may use, in the order of their work. */
function navItems(viewer: Viewer, queueCount: number | undefined, mailLog: boolean): NavItem[] {
  const items: NavItem[] = [
    { route: 'myRoles', label: 'My roles' },
    { route: 'myRequests', label: 'My requests' },
    { route: 'ask', label: 'Ask for access' },
  ];
  if (mayApprove(viewer) || (queueCount ?? 0) > 0) items.push({ route: 'queue', label: 'Approval queue' });
  // R30: whoever may approve roles certifies them.
  if (mayApprove(viewer)) items.push({ route: 'certification', label: 'Certification' });
  if (administersCompany(viewer)) items.push({ route: 'billing', label: 'Billing company' });
  if (isHelpDesk(viewer)) items.push({ route: 'helpDesk', label: 'Help desk' });
  items.push({ route: 'audit', label: 'Audit log' });
  if (isHelpDesk(viewer)) items.push({ route: 'webhooks', label: 'Webhooks' });
  // Development only: the server answers null in production.
  if (mailLog) items.push({ route: 'mailLog', label: 'Mail log' });
  return items;
}

function QueueCountBadge({ count }: { count: number | undefined }) {
  if (count === undefined) return null;
  return (
    <Badge variation={count > 0 ? 'info' : undefined} hideScreenReaderText className="iacs-nav__count" data-testid="queue-count">
      {count}
      <span className="ds-u-visibility--screen-reader"> waiting</span>
    </Badge>
  );
}

export function Header() {
  const { data: viewer } = useViewer();
  const { pathname } = useLocation();
  const queryClient = useQueryClient();
  const signOut = useSignOut();
  const signedIn = viewer != null;
  const queueCount = useQueueCount(signedIn);
  const mailLog = useMailLogAvailable(signedIn);
  // One subscription for the whole app: the header's count and the queue pages follow it.
  useLiveQueue(viewer?.id ?? null);
  const current = matchRoute(pathname)?.name;

  // The count changes as other people ask: read it again on every page change (the first page
  // reads it anyway).
  const countedPath = useRef(pathname);
  useEffect(() => {
    if (!signedIn || countedPath.current === pathname) return;
    countedPath.current = pathname;
    void refreshQueueCount(queryClient);
  }, [pathname, signedIn, queryClient]);

  return (
    <header className="iacs-header">
      <UsaBanner className="iacs-usa-banner" />
      <div className="iacs-header__bar">
        <div className="ds-l-container iacs-header__inner">
          <Link to={paths.myRoles} className="iacs-header__product">
            <span className="iacs-header__name">{productName}</span>
            <span className="iacs-header__tagline">Individuals Authorized Access to CMS Computer Services</span>
          </Link>
          {viewer != null ? (
            <nav aria-label="Account" className="iacs-header__account">
              <p className="ds-u-margin-y--0" data-testid="signed-in-as">
                <span className="ds-u-visibility--screen-reader">Signed in as </span>
                <strong>{viewer.name}</strong> <span className="iacs-header__user-id">User ID {viewer.userId}</span>
              </p>
              <Link to={paths.profile} aria-current={pathname === paths.profile ? 'page' : undefined}>
                My profile
              </Link>
              <Button
                size="small"
                onDark
                onClick={() => {
                  if (!signOut.isPending) signOut.mutate();
                }}
              >
                Sign out
              </Button>
              {signOut.isError && (
                <p role="alert" className="ds-u-margin-y--0">
                  Sign-out failed. Please try again.
                </p>
              )}
            </nav>
          ) : (
            <nav aria-label="Account" className="iacs-header__account">
              <Link to={paths.signIn} aria-current={pathname === paths.signIn ? 'page' : undefined}>
                Sign in
              </Link>
              <Link to={paths.signUp} aria-current={pathname === paths.signUp ? 'page' : undefined}>
                Create an account
              </Link>
            </nav>
          )}
        </div>
      </div>
      {viewer != null && (
        <nav aria-label="Main" className="iacs-nav">
          <ul className="ds-l-container iacs-nav__list">
            {navItems(viewer, queueCount.data, mailLog.data === true).map((item) => (
              <li key={item.route}>
                <Link
                  to={paths[item.route]}
                  className="iacs-nav__link"
                  aria-current={current === item.route ? 'page' : undefined}
                >
                  {item.label}
                  {item.route === 'queue' && <QueueCountBadge count={queueCount.data} />}
                </Link>
              </li>
            ))}
          </ul>
        </nav>
      )}
      {viewer != null && <LiveQueueAnnouncer />}
    </header>
  );
}
