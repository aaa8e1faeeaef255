import { useQuery } from '@tanstack/react-query';
import { graphql } from '@/gql';
import { execute } from '@/lib/execute';

const StalledOrganizationsDocument = graphql(`
  query StalledOrganizations {
    stalledOrganizations {
      id
      legalBusinessName
      city
      state
    }
  }
`);

/** R39: for the help desk, the organizations with a request nobody of their own can decide now. */
export function useStalledOrganizations() {
  return useQuery({
    queryKey: ['stalled-organizations'],
    queryFn: async () => (await execute(StalledOrganizationsDocument)).stalledOrganizations,
    staleTime: 0,
  });
}
