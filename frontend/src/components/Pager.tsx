import { Button } from '@cmsgov/design-system';
import { formatCount } from '@/lib/format';

/** Keyset paging one page at a time: which rows of how many are shown, and the previous and next page. The
 * browser holds one page, however long the list. */
export function Pager({
  pageNumber,
  pageSize,
  shown,
  total,
  noun,
  hasNext,
  loading,
  onPrevious,
  onNext,
  testId,
}: {
  /** 0 for the first page. */
  pageNumber: number;
  pageSize: number;
  shown: number;
  total: number;
  noun: string;
  hasNext: boolean;
  loading: boolean;
  onPrevious: () => void;
  onNext: () => void;
  testId?: string;
}) {
  const first = pageNumber * pageSize + 1;
  const last = pageNumber * pageSize + shown;
  return (
    <div className="ds-u-display--flex ds-u-align-items--center ds-u-flex-wrap--wrap iacs-actions ds-u-margin-top--3">
      <p className="ds-u-margin-y--0" aria-live="polite" data-testid={testId}>
        {loading ? 'Loading…' : `Showing ${formatCount(first)}–${formatCount(last)} of ${formatCount(total)} ${noun}`}
      </p>
      {pageNumber > 0 && (
        <Button size="small" onClick={onPrevious} disabled={loading}>
          Previous page
        </Button>
      )}
      {hasNext && (
        <Button size="small" onClick={onNext} disabled={loading}>
          Next page
        </Button>
      )}
    </div>
  );
}
