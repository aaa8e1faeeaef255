import { Alert } from '@cmsgov/design-system';
import type { ReactNode } from 'react';

/**
 * What an action on several items at once did: a warning when any item failed, a success otherwise,
 * with one list item an item (`children`).
 */
export function BulkOutcomes({
  failed,
  heading,
  testId,
  children,
}: {
  failed: boolean;
  heading: string;
  testId: string;
  children: ReactNode;
}) {
  return (
    <Alert
      variation={failed ? 'warn' : 'success'}
      heading={heading}
      headingLevel="2"
      className="ds-u-margin-bottom--3"
      data-testid={testId}
    >
      <ul className="ds-c-list ds-u-margin-bottom--0">{children}</ul>
    </Alert>
  );
}
