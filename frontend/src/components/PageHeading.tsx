import type { ReactNode } from 'react';

/** The page's one h1; the app moves focus to it after each navigation (see app/Routes). */
export const pageHeadingId = 'page-heading';

export function PageHeading({ children }: { children: ReactNode }) {
  return (
    <h1 id={pageHeadingId} tabIndex={-1} className="ds-text-heading--3xl ds-u-margin-top-0 iacs-page-heading">
      {children}
    </h1>
  );
}
