// Every page's path, title and access rule, in one module.

export const paths = {
  myRoles: '/',
  myRequests: '/requests',
  ask: '/ask',
  queue: '/queue',
  certification: '/certification',
  organization: '/organizations/:id',
  billing: '/billing',
  helpDesk: '/help-desk',
  audit: '/audit',
  webhooks: '/webhooks',
  mailLog: '/mail',
  profile: '/profile',
  signUp: '/sign-up',
  confirmEmail: '/confirm-email',
  signIn: '/sign-in',
} as const;

export type RouteName = keyof typeof paths;

/** guest: only for people not signed in; signedIn: redirects to sign-in when there is no viewer. */
export type RouteAccess = 'guest' | 'signedIn';

/** Pages meant for some people only; the page says so to anyone else (the API decides what they see). */
export type RouteAudience = 'helpDesk' | 'companyAdministrator';

export interface RouteDefinition {
  name: RouteName;
  path: string;
  title: string;
  access: RouteAccess;
  audience?: RouteAudience;
}

export interface RouteMatch extends RouteDefinition {
  /** The `:name` segments of the path, decoded. */
  params: Record<string, string>;
}

export const routes: readonly RouteDefinition[] = [
  { name: 'myRoles', path: paths.myRoles, title: 'My roles', access: 'signedIn' },
  { name: 'myRequests', path: paths.myRequests, title: 'My requests', access: 'signedIn' },
  { name: 'ask', path: paths.ask, title: 'Ask for access', access: 'signedIn' },
  { name: 'queue', path: paths.queue, title: 'Approval queue', access: 'signedIn' },
  { name: 'certification', path: paths.certification, title: 'Certification', access: 'signedIn' },
  { name: 'organization', path: paths.organization, title: 'Organization', access: 'signedIn' },
  { name: 'billing', path: paths.billing, title: 'Billing company', access: 'signedIn', audience: 'companyAdministrator' },
  { name: 'helpDesk', path: paths.helpDesk, title: 'Help desk console', access: 'signedIn', audience: 'helpDesk' },
  { name: 'audit', path: paths.audit, title: 'Audit log', access: 'signedIn' },
  { name: 'webhooks', path: paths.webhooks, title: 'Webhooks', access: 'signedIn', audience: 'helpDesk' },
  { name: 'mailLog', path: paths.mailLog, title: 'Mail log', access: 'signedIn' },
  { name: 'profile', path: paths.profile, title: 'My profile', access: 'signedIn' },
  { name: 'signUp', path: paths.signUp, title: 'Create an account', access: 'guest' },
  { name: 'confirmEmail', path: paths.confirmEmail, title: 'Confirm your e-mail address', access: 'signedIn' },
  { name: 'signIn', path: paths.signIn, title: 'Sign in', access: 'guest' },
];

function matchPath(pattern: string, pathname: string): Record<string, string> | undefined {
  const want = pattern.split('/');
  const got = pathname.split('/');
  if (want.length !== got.length) return undefined;
  const params: Record<string, string> = {};
  for (const [index, segment] of want.entries()) {
    const actual = got[index] ?? '';
    if (segment.startsWith(':')) {
      if (actual === '') return undefined;
      try {
        params[segment.slice(1)] = decodeURIComponent(actual);
      } catch {
        return undefined;
      }
    } else if (segment !== actual) {
      return undefined;
    }
  }
  return params;
}

export function matchRoute(pathname: string): RouteMatch | undefined {
  const normalized = pathname.length > 1 ? pathname.replace(/\/+$/, '') : pathname;
  for (const route of routes) {
    const params = matchPath(route.path, normalized);
    if (params !== undefined) return { ...route, params };
  }
  return undefined;
}

export function organizationPath(id: string): string {
  return `/organizations/${encodeURIComponent(id)}`;
}

/** A path with query parameters; empty values are left out. */
export function withQuery(path: string, query: Record<string, string | null | undefined>): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value != null && value !== '') search.set(key, value);
  }
  const text = search.toString();
  return text === '' ? path : `${path}?${text}`;
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

/** R3: confirm the e-mail address first, then come back to `next`. */
export function confirmEmailPath(next?: string): string {
  if (next === undefined) return paths.confirmEmail;
  return `${paths.confirmEmail}?${new URLSearchParams({ next: safeNextPath(next) }).toString()}`;
}
