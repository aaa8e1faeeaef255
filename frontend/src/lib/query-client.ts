import { QueryClient } from '@tanstack/react-query';
import { UnauthenticatedError } from './execute';

export function createQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: {
        staleTime: 30_000,
        refetchOnWindowFocus: false,
        // A missing session does not come back by asking again.
        retry: (failureCount, error) => !(error instanceof UnauthenticatedError) && failureCount < 2,
      },
      mutations: { retry: false },
    },
  });
}
