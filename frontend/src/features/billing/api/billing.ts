import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { graphql } from '@/gql';
import type { CompanyAssociationsQuery, CompanyDashboardQuery, RequestStatus } from '@/gql/graphql';
import { execute } from '@/lib/execute';

// The companies with their counts per status; their associations are read a page at a time, searched and
// filtered by the server (a billing company may serve thousands of organizations).
const CompanyDashboardDocument = graphql(`
  query CompanyDashboard {
    surrogateCompanies {
      id
      name
      tinLast4
      atRisk
      orphaned
      administrators {
        id
        name
      }
      associationCounts {
        status
        count
      }
    }
  }
`);

const CompanyAssociationsDocument = graphql(`
  query CompanyAssociations(
    $companyId: ID!
    $first: Int
    $after: String
    $search: String
    $state: String
    $status: RequestStatus
  ) {
    node(id: $companyId) {
      ... on SurrogateCompany {
        id
        associations(first: $first, after: $after, search: $search, state: $state, status: $status) {
          totalCount
          pageInfo {
            hasNextPage
            endCursor
          }
          edges {
            node {
              status
              organization {
                id
                legalBusinessName
                city
                state
                npi
              }
              userGroup {
                id
                name
                members(first: 5) {
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
              request {
                id
                trackingNumber
                createdAt
                decidedAt
                reason
                decidedBy {
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
    }
  }
`);

export type Company = CompanyDashboardQuery['surrogateCompanies'][number];
type CompanyNode = Extract<NonNullable<CompanyAssociationsQuery['node']>, { associations: unknown }>;
export type AssociationPage = CompanyNode['associations'];
export type Association = AssociationPage['edges'][number]['node'];

/** Rows per page of a company's associations: the browser never holds more than one page. */
export const associationPageSize = 25;

/** R17: every company the viewer administers, with how many organizations it serves in each status. */
export function useCompanyDashboard() {
  return useQuery({
    queryKey: ['company-dashboard'],
    queryFn: async () => (await execute(CompanyDashboardDocument)).surrogateCompanies,
    staleTime: 0,
  });
}

export interface AssociationFilters {
  search: string;
  state: string;
  status: RequestStatus | null;
}

export const noAssociationFilters: AssociationFilters = { search: '', state: '', status: null };

/** One page of a company's associations, as the filters and the cursor choose (the previous page stays shown
 * while the next loads). */
export function useCompanyAssociations(companyId: string, filters: AssociationFilters, after: string | null) {
  return useQuery({
    queryKey: ['company-associations', companyId, filters, after],
    queryFn: async () => {
      const node = (
        await execute(CompanyAssociationsDocument, {
          companyId,
          first: associationPageSize,
          after,
          search: filters.search.trim() === '' ? null : filters.search.trim(),
          state: filters.state.trim() === '' ? null : filters.state.trim(),
          status: filters.status,
        })
      ).node;
      if (node == null || !('associations' in node)) throw new Error('The company could not be found.');
      return node.associations;
    },
    placeholderData: keepPreviousData,
    staleTime: 0,
  });
}
