// A tiny router over the History API: enough for a handful of pages, no dependency.
import { useMemo, useSyncExternalStore } from 'react';

const listeners = new Set<() => void>();

function notify(): void {
  for (const listener of listeners) listener();
}

function subscribe(listener: () => void): () => void {
  if (listeners.size === 0) window.addEventListener('popstate', notify);
  listeners.add(listener);
  return () => {
    listeners.delete(listener);
    if (listeners.size === 0) window.removeEventListener('popstate', notify);
  };
}

function currentHref(): string {
  return window.location.pathname + window.location.search;
}

export interface NavigateOptions {
  /** Replace the current history entry (redirects) instead of adding one. */
  replace?: boolean;
}

/** Goes to a same-origin path such as `/sign-in?next=%2F`. */
export function navigate(to: string, options: NavigateOptions = {}): void {
  const url = new URL(to, window.location.origin);
  if (url.origin !== window.location.origin) {
    throw new Error(`navigate() only goes to same-origin paths, got ${to}`);
  }
  const target = url.pathname + url.search + url.hash;
  if (target === currentHref() + window.location.hash) return;
  if (options.replace === true) window.history.replaceState(null, '', target);
  else window.history.pushState(null, '', target);
  notify();
}

export interface Location {
  pathname: string;
  search: URLSearchParams;
  /** pathname + search, as it would be passed to navigate(). */
  href: string;
}

export function useLocation(): Location {
  const href = useSyncExternalStore(subscribe, currentHref);
  return useMemo(() => {
    const url = new URL(href, 'http://localhost');
    return { pathname: url.pathname, search: url.searchParams, href };
  }, [href]);
}
