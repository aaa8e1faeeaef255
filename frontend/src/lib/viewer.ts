// The signed-in person, shared by the app shell (header, page guard) and the pages.
import { useQuery, type QueryClient } from '@tanstack/react-query';
import { graphql } from '../gql';
import type { ViewerQuery } from '../gql/graphql';
import { execute } from './execute';

const ViewerDocument = graphql(`
  query Viewer {
    viewer {
      id
      userId
      name
      email
      community
      emailVerified
      roles {
        id
        role
        status
        grantedAt
        certifyBy
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
        application {
          id
          name
        }
        grantedBy {
          id
          name
        }
      }
    }
  }
`);

export type Viewer = NonNullable<ViewerQuery['viewer']>;
export type ViewerRole = Viewer['roles'][number];

export const viewerQueryKey = ['viewer'] as const;

export function useViewer() {
  return useQuery({
    queryKey: viewerQueryKey,
    queryFn: async () => (await execute(ViewerDocument)).viewer ?? null,
  });
}

/** After sign-in, sign-up or a confirmed e-mail: read the viewer again before moving on. */
export async function refreshViewer(queryClient: QueryClient): Promise<void> {
  await queryClient.refetchQueries({ queryKey: viewerQueryKey, type: 'all' });
}

/** After sign-out: forget everything that belonged to the person. */
export function forgetViewer(queryClient: QueryClient): void {
  queryClient.removeQueries({ predicate: (query) => query.queryKey[0] !== viewerQueryKey[0] });
  queryClient.setQueryData(viewerQueryKey, null);
}
