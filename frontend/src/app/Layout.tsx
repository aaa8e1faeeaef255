import { SkipNav } from '@cmsgov/design-system';
import type { ReactNode } from 'react';
import { Header } from './Header';

export const mainId = 'main-content';

export function Layout({ children }: { children: ReactNode }) {
  return (
    <div className="iacs-page">
      <SkipNav href={`#${mainId}`}>Skip to main content</SkipNav>
      <Header />
      <main id={mainId} tabIndex={-1} className="iacs-main">
        <div className="ds-l-container">{children}</div>
      </main>
      <footer className="iacs-footer">
        <div className="ds-l-container">
          <p className="ds-u-margin-y--0">
            IACS — access registration for CMS applications. Use of this system is monitored; see the rules of behavior.
          </p>
        </div>
      </footer>
    </div>
  );
}
