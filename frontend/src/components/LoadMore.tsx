import { Button } from '@cmsgov/design-system';

/** What LoadMore needs of an infinite query (TanStack Query's `useInfiniteQuery` result). */
export interface PagedQuery {
  hasNextPage: boolean;
  isFetchingNextPage: boolean;
  fetchNextPage: () => Promise<unknown>;
}

/** Keyset pagination: "Load more" under a list, with how many are shown out of how many. */
export function LoadMore({
  shown,
  total,
  query,
  noun,
}: {
  shown: number;
  total: number;
  /** The list's infinite query: whether there is a next page, whether it is loading, and how to load it. */
  query: PagedQuery;
  noun: string;
}) {
  const loading = query.isFetchingNextPage;
  return (
    <div className="ds-u-display--flex ds-u-align-items--center ds-u-flex-wrap--wrap iacs-actions ds-u-margin-top--3">
      <p className="ds-u-margin-y--0" aria-live="polite">
        Showing {shown} of {total} {noun}
      </p>
      {query.hasNextPage && (
        <Button size="small" onClick={() => void query.fetchNextPage()} disabled={loading}>
          {loading ? 'Loading…' : 'Load more'}
        </Button>
      )}
    </div>
  );
}
