import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { graphql } from '@/gql';
import type { HelpDeskLookupQuery } from '@/gql/graphql';
import { execute, sendInput } from '@/lib/execute';

const HelpDeskLookupDocument = graphql(`
  query HelpDeskLookup($query: String!) {
    helpDeskLookup(query: $query) {
      people {
        id
        userId
        name
        email
        community
        emailVerified
        lockedUntil
        roles {
          id
          role
          organization {
            id
            legalBusinessName
          }
          userGroup {
            id
            name
          }
          company {
            id
            name
          }
        }
      }
      organizations {
        ...OrganizationSummaryFields
      }
      requests {
        ...RequestSummaryFields
        status
        createdAt
        requester {
          id
          name
        }
      }
    }
  }
`);

const UnlockAccountDocument = graphql(`
  mutation UnlockAccount($input: UserRefInput!) {
    unlockAccount(input: $input) {
      user {
        id
        name
      }
      errors {
        ...UserErrorFields
      }
    }
  }
`);

export type LookupResult = NonNullable<HelpDeskLookupQuery['helpDeskLookup']>;

/** R33: people, organizations (any status) and requests matching 2 to 100 characters. */
export function useHelpDeskLookup(query: string) {
  return useQuery({
    queryKey: ['help-desk-lookup', query],
    queryFn: async () => (await execute(HelpDeskLookupDocument, { query })).helpDeskLookup,
    enabled: query.length >= 2,
  });
}

/** R4, R33: lift a sign-in lock; the look-ups are read again, so the lock is gone from them. */
export function useUnlockAccount() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: sendInput(UnlockAccountDocument, 'unlockAccount', (userId: string) => ({ userId })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['help-desk-lookup'] }),
  });
}
