import { useQuery } from '@tanstack/react-query';
import { graphql } from '../../../gql';
import type { CompanyDashboardQuery } from '../../../gql/graphql';
import { execute } from '../../../lib/execute';

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
      associations(first: 100) {
        totalCount
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
`);

export type Company = CompanyDashboardQuery['surrogateCompanies'][number];
export type Association = Company['associations']['edges'][number]['node'];

/** R17: every company the viewer administers, each with every organization it serves or asked to. */
export function useCompanyDashboard() {
  return useQuery({
    queryKey: ['company-dashboard'],
    queryFn: async () => (await execute(CompanyDashboardDocument)).surrogateCompanies,
    staleTime: 0,
  });
}
