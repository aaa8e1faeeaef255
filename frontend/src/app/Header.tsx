import { Button } from '@cmsgov/design-system';
import { Link } from '../components/Link';
import { useSignOut } from '../features/auth/api/sign-out';
import { useLocation } from '../lib/router';
import { paths } from '../lib/routes';
import { useViewer } from '../lib/viewer';

export const productName = 'IACS';

export function Header() {
  const { data: viewer } = useViewer();
  const { pathname } = useLocation();
  const signOut = useSignOut();

  return (
    <header className="iacs-header">
      <div className="ds-l-container iacs-header__inner">
        <Link to={paths.myRoles} className="iacs-header__product">
          <span className="iacs-header__name">{productName}</span>
          <span className="iacs-header__tagline">Individuals Authorized Access to CMS Computer Services</span>
        </Link>
        {viewer != null ? (
          <nav aria-label="Account" className="iacs-header__account">
            <Link to={paths.myRoles} aria-current={pathname === paths.myRoles ? 'page' : undefined}>
              My roles
            </Link>
            <p className="ds-u-margin-y--0" data-testid="signed-in-as">
              <span className="ds-u-visibility--screen-reader">Signed in as </span>
              <strong>{viewer.name}</strong> <span className="iacs-header__user-id">User ID {viewer.userId}</span>
            </p>
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
    </header>
  );
}
