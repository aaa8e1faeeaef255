import { MutationCache, QueryCache, QueryClient } from '@tanstack/react-query';
import { UnauthenticatedError } from './execute';
import { viewerQueryKey } from './viewer';

export function createQueryClient(): QueryClient {
  // The session ended (execute() has already sent the person to sign-in): the header stops
  // showing them as signed in, and the next sign-in reads the viewer again.
  const onError = (error: unknown) => {
    if (error instanceof UnauthenticatedError) queryClient.setQueryData(viewerQueryKey, null);
  };
  const queryClient: QueryClient = new QueryClient({
    queryCache: new QueryCache({ onError }),
    mutationCache: new MutationCache({ onError }),
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
  return queryClient;
}
