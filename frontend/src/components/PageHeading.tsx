import { useEffect, useRef, type ReactNode } from 'react';
import { takeHeadingFocus } from '@/lib/focus';

/** The page's one h1; the app moves focus to it after each navigation (see app/AppRoutes). */
export const pageHeadingId = 'page-heading';

const headingClass = 'ds-text-heading--3xl ds-u-margin-top-0 iacs-page-heading';

export function PageHeading({ children }: { children: ReactNode }) {
  const ref = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    // A page whose code loaded after the navigation takes the focus when its heading appears.
    if (takeHeadingFocus()) ref.current?.focus();
  }, []);
  return (
    <h1 ref={ref} id={pageHeadingId} tabIndex={-1} className={headingClass}>
      {children}
    </h1>
  );
}

/**
 * The page's title while its code loads: the same h1 as the page will show, so the page never goes without
 * one, but neither the page's id nor the focus, which wait for the page's own heading (see app/AppRoutes).
 */
export function PlaceholderHeading({ children }: { children: ReactNode }) {
  return <h1 className={headingClass}>{children}</h1>;
}
