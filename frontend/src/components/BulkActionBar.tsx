import { Choice } from '@cmsgov/design-system';
import type { ChangeEvent, ReactNode } from 'react';
import type { BulkSelection } from '@/lib/use-bulk-selection';

/**
 * Above a list whose items can be ticked: "Select all N shown", how many are selected (announced as it
 * changes), and what can be done with them. `actions` stand on the same line, `children` below it;
 * `summary` (the errors of the last attempt) above.
 */
export function BulkActionBar({
  label,
  selection,
  countTestId,
  summary,
  actions,
  children,
}: {
  /** The region's name: "Decide several at once". */
  label: string;
  selection: BulkSelection<{ id: string }>;
  countTestId: string;
  summary?: ReactNode;
  actions?: ReactNode;
  children?: ReactNode;
}) {
  return (
    <section aria-label={label} className="iacs-bulk">
      {summary}
      <div className="ds-u-display--flex ds-u-flex-wrap--wrap ds-u-align-items--center iacs-actions">
        <Choice
          type="checkbox"
          name="select-all"
          value="all"
          size="small"
          label={`Select all ${String(selection.shown)} shown`}
          checked={selection.allSelected}
          onChange={(event: ChangeEvent<HTMLInputElement>) => {
            selection.selectAll(event.target.checked);
          }}
        />
        <p className="ds-u-margin-y--0" aria-live="polite" data-testid={countTestId}>
          {selection.chosen.length} selected
        </p>
        {actions}
      </div>
      {children}
    </section>
  );
}
