import { useQuery } from '@tanstack/react-query';
import { graphql } from '@/gql';
import { execute } from '@/lib/execute';

const DelegatedToMeDocument = graphql(`
  query DelegatedToMe {
    viewer {
      id
      delegations {
        id
        active
        endsAt
        delegate {
          id
        }
        delegator {
          name
        }
        role {
          ...RoleSummaryFields
        }
      }
    }
  }
`);

/** R38: the delegations running now in which the viewer decides someone else's queue. */
export function useDelegatedToMe() {
  return useQuery({
    queryKey: ['delegated-to-me'],
    queryFn: async () => {
      const viewer = (await execute(DelegatedToMeDocument)).viewer;
      if (viewer == null) return [];
      return viewer.delegations.filter((d) => d.active && d.delegate.id === viewer.id);
    },
    staleTime: 30_000,
  });
}
