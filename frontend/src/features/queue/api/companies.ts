import { useQuery } from '@tanstack/react-query';
import { graphql } from '@/gql';
import type { CompaniesAtRiskQuery } from '@/gql/graphql';
import { execute } from '@/lib/execute';

const CompaniesAtRiskDocument = graphql(`
  query CompaniesAtRisk {
    surrogateCompaniesAtRisk {
      id
      name
      tinLast4
      atRisk
      orphaned
      administrators {
        id
        name
      }
    }
  }
`);

export type CompanyAtRisk = CompaniesAtRiskQuery['surrogateCompaniesAtRisk'][number];

/** R35: for the help desk, the surrogate companies with one administrator or none, those with none first. */
export function useCompaniesAtRisk() {
  return useQuery({
    queryKey: ['companies-at-risk'],
    queryFn: async () => (await execute(CompaniesAtRiskDocument)).surrogateCompaniesAtRisk,
    staleTime: 0,
  });
}
