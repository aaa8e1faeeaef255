import { Button } from '@cmsgov/design-system';
import type { ReactNode } from 'react';

/**
 * A small ghost button in a row of a list or table: what it does (`children`), and for screen readers
 * what it is about (`about`), since every row has the same button.
 */
export function RowAction({ about, onClick, children }: { about: string; onClick: () => void; children: ReactNode }) {
  return (
    <Button size="small" variation="ghost" onClick={onClick}>
      {children}
      <span className="ds-u-visibility--screen-reader">: {about}</span>
    </Button>
  );
}
