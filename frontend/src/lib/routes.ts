// Every page's path, title and access rule, in one module.

export const paths = {
  myRoles: '/',
  signUp: '/sign-up',
  confirmEmail: '/confirm-email',
  signIn: '/sign-in',
} as const;

export type RouteName = keyof typeof paths;

/** guest: only for people not signed in; signedIn: redirects to sign-in when there is no viewer. */
export type RouteAccess = 'guest' | 'signedIn';

export interface RouteDefinition {
  name: RouteName;
  path: string;
  title: string;
  access: RouteAccess;
}

export const routes: readonly RouteDefinition[] = [
  { name: 'myRoles', path: paths.myRoles, title: 'My roles', access: 'signedIn' },
  { name: 'signUp', path: paths.signUp, title: 'Create an account', access: 'guest' },
  { name: 'confirmEmail', path: paths.confirmEmail, title: 'Confirm your e-mail address', access: 'signedIn' },
  { name: 'signIn', path: paths.signIn, title: 'Sign in', access: 'guest' },
];

export function matchRoute(pathname: string): RouteDefinition | undefined {
  const normalized = pathname.length > 1 ? pathname.replace(/\/+$/, '') : pathname;
  return routes.find((route) => route.path === normalized);
}

/**
 * The page to return to after signing in: only a path of this site, never another origin
 * (an open redirect), never the sign-in page itself.
 */
export function safeNextPath(next: string | null | undefined): string {
  if (next == null || !next.startsWith('/') || next.startsWith('//') || next.includes('\\')) {
    return paths.myRoles;
  }
  const url = new URL(next, 'http://localhost');
  if (url.origin !== 'http://localhost' || url.pathname === paths.signIn) return paths.myRoles;
  return url.pathname + url.search;
}

export function signInPath(next?: string): string {
  if (next === undefined) return paths.signIn;
  return `${paths.signIn}?${new URLSearchParams({ next: safeNextPath(next) }).toString()}`;
}
