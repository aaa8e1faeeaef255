import {
  MutationCache,
  QueryCache,
  QueryClient,
  useMutation,
  useQueryClient,
  type QueryKey,
} from '@tanstack/react-query';
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

/** A mutation that changes a list: the queries under `queryKey` are read again once it is done, done well or not. */
export function useRefreshingMutation<TArgument, TResult>(
  mutationFn: (argument: TArgument) => Promise<TResult>,
  queryKey: QueryKey,
) {
  const queryClient = useQueryClient();
  return useMutation({ mutationFn, onSettled: () => queryClient.invalidateQueries({ queryKey }) });
}
