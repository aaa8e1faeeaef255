// The number of requests waiting for the viewer's decision, shown in the header (R24).
import { useQuery, type QueryClient } from '@tanstack/react-query';
import { graphql } from '@/gql';
import { execute } from './execute';

const QueueCountDocument = graphql(`
  query QueueCount {
    approvalQueue(first: 0) {
      totalCount
    }
  }
`);

export const queueCountQueryKey = ['approval-queue-count'] as const;

/** Every page of every filtered approval queue (the queue page, the help-desk console) starts with this key. */
export const approvalQueueQueryKey = ['approval-queue'] as const;

export function useQueueCount(enabled: boolean) {
  return useQuery({
    queryKey: queueCountQueryKey,
    queryFn: async () => (await execute(QueueCountDocument)).approvalQueue.totalCount,
    enabled,
    staleTime: 0,
  });
}

/** After decisions, or when the queue page has read the full count itself. */
export async function refreshQueueCount(queryClient: QueryClient): Promise<void> {
  await queryClient.invalidateQueries({ queryKey: queueCountQueryKey });
}

export function setQueueCount(queryClient: QueryClient, count: number): void {
  queryClient.setQueryData(queueCountQueryKey, count);
}
