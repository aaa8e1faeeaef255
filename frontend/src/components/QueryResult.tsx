import type { ReactNode } from 'react';
import { Loading } from './Loading';
import { QueryError } from './QueryError';

/** A read as a page shows it (useQuery, useInfiniteQuery). */
interface Read<T> {
  isPending: boolean;
  isError: boolean;
  error: unknown;
  data: T | undefined;
  refetch: () => Promise<unknown>;
}

/**
 * What a page shows of a read: `loading` while it loads, what failed (`what` could not be loaded) with a
 * way to try again, or what `children` makes of the data.
 */
export function QueryResult<T>({
  query,
  loading,
  what,
  children,
}: {
  query: Read<T>;
  loading: string;
  what: string;
  children: (data: T) => ReactNode;
}) {
  if (query.isPending) return <Loading label={loading} />;
  if (query.isError || query.data === undefined) {
    return <QueryError what={what} error={query.error} onRetry={() => void query.refetch()} />;
  }
  return children(query.data);
}
