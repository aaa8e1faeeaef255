import { useInfiniteQuery } from '@tanstack/react-query';
import { graphql } from '@/gql';
import type { MyRequestsQuery, RequestStatus } from '@/gql/graphql';
import { execute, requireViewer, sendInput } from '@/lib/execute';
import { useRefreshingMutation } from '@/lib/query-client';

const MyRequestsDocument = graphql(`
  query MyRequests($first: Int, $after: String, $status: RequestStatus) {
    viewer {
      id
      requests(first: $first, after: $after, status: $status) {
        totalCount
        pageInfo {
          hasNextPage
          endCursor
        }
        edges {
          node {
            ...RequestSummaryFields
            status
            createdAt
            expiresAt
            decidedAt
            reason
            justification
            requestedEndsAt
            escalatedAt
            organization {
              status
            }
            decidedBy {
              id
              name
            }
            onBehalfOf {
              id
              name
            }
            approvers {
              id
              name
            }
          }
        }
      }
    }
  }
`);

const CancelRequestDocument = graphql(`
  mutation CancelRequest($input: RequestRefInput!) {
    cancelRequest(input: $input) {
      request {
        id
        status
      }
      errors {
        ...UserErrorFields
      }
    }
  }
`);

export type MyRequest = NonNullable<MyRequestsQuery['viewer']>['requests']['edges'][number]['node'];

const pageSize = 20;

export function useMyRequests(status: RequestStatus | null) {
  return useInfiniteQuery({
    queryKey: ['my-requests', status],
    initialPageParam: null as string | null,
    queryFn: async ({ pageParam }) => {
      const data = await execute(MyRequestsDocument, { first: pageSize, after: pageParam, status });
      return requireViewer(data.viewer).requests;
    },
    getNextPageParam: (page) => (page.pageInfo.hasNextPage ? page.pageInfo.endCursor : null),
    staleTime: 0,
  });
}

/** R27: the requester withdraws a pending request. */
export function useCancelRequest() {
  return useRefreshingMutation(
    sendInput(CancelRequestDocument, 'cancelRequest', (requestId: string) => ({ requestId })),
    ['my-requests'],
  );
}
