import { useQuery } from '@tanstack/react-query';
import { graphql } from '@/gql';
import { execute, sendInput } from '@/lib/execute';
import { useRefreshingMutation } from '@/lib/query-client';

// The roles that may be delegated come one page at a time (a billing company's administrator holds a thousand).
const DelegationsDocument = graphql(`
  query MyDelegations {
    viewer {
      id
      delegations {
        id
        startsAt
        endsAt
        endedAt
        active
        delegator {
          id
          name
        }
        delegate {
          id
          name
        }
        role {
          ...RoleSummaryFields
        }
      }
      delegableRoles: roleAssignments(
        first: 25
        roles: [SECURITY_OFFICIAL, BACKUP_SECURITY_OFFICIAL, USER_GROUP_ADMINISTRATOR]
      ) {
        totalCount
        edges {
          node {
            ...RoleSummaryFields
            status
            delegateCandidates {
              id
              name
            }
          }
        }
      }
    }
  }
`);

const CreateDelegationDocument = graphql(`
  mutation CreateDelegation($input: CreateDelegationInput!) {
    createDelegation(input: $input) {
      delegation {
        id
      }
      errors {
        ...UserErrorFields
      }
    }
  }
`);

const EndDelegationDocument = graphql(`
  mutation EndDelegation($input: NodeRefInput!) {
    endDelegation(input: $input) {
      delegation {
        id
      }
      errors {
        ...UserErrorFields
      }
    }
  }
`);

export const delegationsQueryKey = ['delegations'] as const;

/** R38: the delegations the person named or received, and the roles they may delegate with whom to. */
export function useDelegations() {
  return useQuery({
    queryKey: delegationsQueryKey,
    queryFn: async () => {
      const viewer = (await execute(DelegationsDocument)).viewer;
      return {
        delegations: viewer?.delegations ?? [],
        roles: viewer?.delegableRoles.edges.map((edge) => edge.node) ?? [],
        roleCount: viewer?.delegableRoles.totalCount ?? 0,
        viewerId: viewer?.id ?? null,
      };
    },
    staleTime: 0,
  });
}

export type DelegationData = NonNullable<ReturnType<typeof useDelegations>['data']>;
export type DelegationRow = DelegationData['delegations'][number];
export type DelegableRole = DelegationData['roles'][number];

export function useCreateDelegation() {
  return useRefreshingMutation(sendInput(CreateDelegationDocument, 'createDelegation'), delegationsQueryKey);
}

export function useEndDelegation() {
  return useRefreshingMutation(
    sendInput(EndDelegationDocument, 'endDelegation', (id: string) => ({ id })),
    delegationsQueryKey,
  );
}
