import { useQuery } from '@tanstack/react-query';
import { graphql } from '@/gql';
import type { OrganizationPageQuery } from '@/gql/graphql';
import { execute } from '@/lib/execute';

const OrganizationPageDocument = graphql(`
  query OrganizationPage($id: ID!) {
    node(id: $id) {
      __typename
      ... on Organization {
        ...OrganizationSummaryFields
        providerType
        community
        securityOfficial {
          id
          name
        }
        backupSecurityOfficials {
          id
          name
        }
        officials {
          id
          role
          grantedAt
          certifyBy
          canRevoke
          user {
            id
            name
            email
            active
          }
          grantedBy {
            id
            name
          }
        }
        userGroups {
          ...UserGroupSummaryFields
          company {
            tinLast4
          }
          administrators {
            id
            name
          }
          roleAssignments {
            id
            role
            grantedAt
            canRevoke
            user {
              id
              name
              email
            }
            application {
              id
              name
            }
          }
          members(first: 100) {
            totalCount
            edges {
              node {
                id
                name
                email
              }
            }
          }
        }
      }
    }
  }
`);

type OrganizationNode = Extract<NonNullable<OrganizationPageQuery['node']>, { __typename: 'Organization' }>;
export type OrganizationDetails = OrganizationNode;
export type OrganizationUserGroup = OrganizationNode['userGroups'][number];
export type OrganizationOfficial = OrganizationNode['officials'][number];

export const organizationQueryKey = (id: string) => ['organization', id] as const;

/** null when the organization does not exist or is not the viewer's to see. */
export function useOrganization(id: string) {
  return useQuery({
    queryKey: organizationQueryKey(id),
    queryFn: async () => {
      const node = (await execute(OrganizationPageDocument, { id })).node;
      return node?.__typename === 'Organization' ? node : null;
    },
    staleTime: 0,
  });
}
