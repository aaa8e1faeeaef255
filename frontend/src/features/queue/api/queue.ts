import { useInfiniteQuery, useMutation, useQueryClient } from '@tanstack/react-query';
import { graphql } from '@/gql';
import type { ApprovalQueueQuery, Decision, RequestKind } from '@/gql/graphql';
import { execute, sendInput } from '@/lib/execute';
import { approvalQueueQueryKey, refreshQueueCount } from '@/lib/queue-count';

const ApprovalQueueDocument = graphql(`
  query ApprovalQueue($first: Int, $after: String, $kinds: [RequestKind!], $organizationId: ID) {
    approvalQueue(first: $first, after: $after, kinds: $kinds, organizationId: $organizationId) {
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
          canDecide
          justification
          requestedEndsAt
          escalatedAt
          organization {
            status
            city
            state
            npi
          }
          company {
            tinLast4
          }
          requester {
            id
            userId
            name
            email
            roles {
              ...RoleSummaryFields
              grantedAt
            }
            requests(first: 6) {
              totalCount
              edges {
                node {
                  ...RequestSummaryFields
                  status
                  createdAt
                  reason
                }
              }
            }
          }
        }
      }
    }
  }
`);

// What approving and denying answer alike: the request as decided, or why it was not.
graphql(`
  fragment DecidedRequest on RequestPayload {
    request {
      id
      trackingNumber
      status
    }
    errors {
      ...UserErrorFields
    }
  }
`);

const ApproveRequestDocument = graphql(`
  mutation ApproveRequest($input: DecisionInput!) {
    approveRequest(input: $input) {
      ...DecidedRequest
    }
  }
`);

const DenyRequestDocument = graphql(`
  mutation DenyRequest($input: DecisionInput!) {
    denyRequest(input: $input) {
      ...DecidedRequest
    }
  }
`);

const DecideRequestsDocument = graphql(`
  mutation DecideRequests($input: BulkDecisionInput!) {
    decideRequests(input: $input) {
      requests {
        id
        trackingNumber
        status
      }
      errors {
        ...UserErrorFields
      }
    }
  }
`);

export type QueueItem = ApprovalQueueQuery['approvalQueue']['edges'][number]['node'];

export interface QueueFilters {
  kinds: RequestKind[] | null;
  organizationId: string | null;
}

const pageSize = 20;

export function useApprovalQueue(filters: QueueFilters) {
  return useInfiniteQuery({
    queryKey: [...approvalQueueQueryKey, filters.kinds, filters.organizationId],
    initialPageParam: null as string | null,
    queryFn: async ({ pageParam }) =>
      (
        await execute(ApprovalQueueDocument, {
          first: pageSize,
          after: pageParam,
          kinds: filters.kinds,
          organizationId: filters.organizationId,
        })
      ).approvalQueue,
    getNextPageParam: (page) => (page.pageInfo.hasNextPage ? page.pageInfo.endCursor : null),
    staleTime: 0,
  });
}

export interface DecisionVariables {
  requestId: string;
  decision: Decision;
  reason: string | null;
  /** R40: approving, an end date earlier than the one asked for (or one where none was). */
  endsAt?: string | null;
}

/** After a decision: the queue and the header's count are read again. */
function useRefresh() {
  const queryClient = useQueryClient();
  return async () => {
    await Promise.all([queryClient.invalidateQueries({ queryKey: approvalQueueQueryKey }), refreshQueueCount(queryClient)]);
  };
}

/** R24-R26: one decision; the queue and the header's count are read again afterwards. */
export function useDecideRequest() {
  const refresh = useRefresh();
  return useMutation({
    mutationFn: async ({ requestId, decision, reason, endsAt = null }: DecisionVariables) => {
      const input = { requestId, reason };
      return decision === 'APPROVE'
        ? (await execute(ApproveRequestDocument, { input: { ...input, endsAt } })).approveRequest
        : (await execute(DenyRequestDocument, { input })).denyRequest;
    },
    onSettled: refresh,
  });
}

/** Up to 100 requests decided alike; each result (or error) is independent. */
export function useDecideRequests() {
  const refresh = useRefresh();
  return useMutation({ mutationFn: sendInput(DecideRequestsDocument, 'decideRequests'), onSettled: refresh });
}
