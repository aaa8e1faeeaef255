import { Button } from '@cmsgov/design-system';

/** Keyset pagination: "Load more" under a list, with how many are shown out of how many. */
export function LoadMore({
  shown,
  total,
  hasMore,
  loading,
  onLoadMore,
  noun,
}: {
  shown: number;
  total: number;
  hasMore: boolean;
  loading: boolean;
  onLoadMore: () => void;
  noun: string;
}) {
  return (
    <div className="ds-u-display--flex ds-u-align-items--center ds-u-flex-wrap--wrap iacs-actions ds-u-margin-top--3">
      <p className="ds-u-margin-y--0" aria-live="polite">
        Showing {shown} of {total} {noun}
      </p>
      {hasMore && (
        <Button size="small" onClick={onLoadMore} disabled={loading}>
          {loading ? 'Loading…' : 'Load more'}
        </Button>
      )}
    </div>
  );
}
