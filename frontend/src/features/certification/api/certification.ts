import { useInfiniteQuery } from '@tanstack/react-query';
import { graphql } from '@/gql';
import type { CertificationQueueQuery } from '@/gql/graphql';
import { execute, sendInput } from '@/lib/execute';
import { useRefreshingMutation } from '@/lib/query-client';
import { submittedItemOf, type UserErrorLike } from '@/lib/user-errors';

const CertificationQueueDocument = graphql(`
  query CertificationQueue($first: Int, $after: String) {
    certificationQueue(first: $first, after: $after) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      edges {
        node {
          ...RoleSummaryFields
          status
          grantedAt
          certifyBy
          certifiedAt
          suspendedAt
          canRevoke
          user {
            id
            name
            email
          }
        }
      }
    }
  }
`);

const CertifyRolesDocument = graphql(`
  mutation CertifyRoles($input: CertifyRolesInput!) {
    certifyRoles(input: $input) {
      roleAssignments {
        id
        status
        certifyBy
      }
      errors {
        ...UserErrorFields
      }
    }
  }
`);

export type CertificationItem = CertificationQueueQuery['certificationQueue']['edges'][number]['node'];

export const certificationQueryKey = ['certification-queue'] as const;

const pageSize = 50;

/** R30: roles the viewer may certify, due within 30 days or already suspended, soonest first. */
export function useCertificationQueue() {
  return useInfiniteQuery({
    queryKey: certificationQueryKey,
    initialPageParam: null as string | null,
    queryFn: async ({ pageParam }) =>
      (await execute(CertificationQueueDocument, { first: pageSize, after: pageParam })).certificationQueue,
    getNextPageParam: (page) => (page.pageInfo.hasNextPage ? page.pageInfo.endCursor : null),
    staleTime: 0,
  });
}

/** Up to 100 roles; each is certified (or refused) on its own. The list is read again afterwards. */
export function useCertifyRoles() {
  return useRefreshingMutation(
    sendInput(CertifyRolesDocument, 'certifyRoles', (roleAssignmentIds: string[]) => ({ roleAssignmentIds })),
    certificationQueryKey,
  );
}

export interface CertificationOutcome {
  id: string;
  /** "End user in Claims Team, held by Emma User". */
  description: string;
  /** Set when the role was certified: its next due date. */
  certifyBy?: string | null;
  /** Set when it was not: why, with the code. */
  error?: UserErrorLike;
}

export interface CertificationResult {
  outcomes: CertificationOutcome[];
  /** Errors about the submission as a whole (too many roles at once). */
  general: UserErrorLike[];
}

/**
 * certifyRoles answers with the roles it certified and an error per refused one, naming it by its
 * index in `roleAssignmentIds` (["roleAssignmentIds", "<i>"]); in the order submitted.
 */
export function certificationResult(
  submitted: readonly { id: string; description: string }[],
  certified: readonly { id: string; certifyBy?: string | null }[],
  errors: readonly UserErrorLike[],
): CertificationResult {
  const byId = new Map<string, CertificationOutcome>();
  const general: UserErrorLike[] = [];
  const descriptions = new Map(submitted.map((item) => [item.id, item.description]));
  for (const role of certified) {
    byId.set(role.id, { id: role.id, description: descriptions.get(role.id) ?? '', certifyBy: role.certifyBy ?? null });
  }
  for (const error of errors) {
    const item = submittedItemOf(error, 'roleAssignmentIds', submitted);
    if (item === undefined) general.push(error);
    else byId.set(item.id, { id: item.id, description: item.description, error });
  }
  const outcomes = submitted.flatMap((item) => {
    const outcome = byId.get(item.id);
    return outcome === undefined ? [] : [outcome];
  });
  return { outcomes, general };
}
