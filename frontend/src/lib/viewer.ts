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
        endsAt
        canRevoke
        organization {
          id
          legalBusinessName
          kind
        }
        userGroup {
          id
          name
          kind
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

async function fetchViewer() {
  return (await execute(ViewerDocument)).viewer ?? null;
}

export function useViewer() {
  return useQuery({ queryKey: viewerQueryKey, queryFn: fetchViewer });
}

/** For pages about the viewer's roles: read again on arrival, since others grant and end them. */
export function useFreshViewer() {
  return useQuery({ queryKey: viewerQueryKey, queryFn: fetchViewer, staleTime: 0, refetchOnMount: 'always' });
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

// What the viewer's roles say about the pages they may use. The API decides what each page shows;
// these only choose which pages the navigation offers.

export function isHelpDesk(viewer: Viewer | null | undefined): boolean {
  return viewer?.roles.some((role) => role.role === 'HELP_DESK') ?? false;
}

/** R17: a UGA of a surrogate company (the role held in the company itself, not in one of its groups). */
export function companyAdministratorRoles(viewer: Viewer | null | undefined): ViewerRole[] {
  return (viewer?.roles ?? []).filter(
    (role) => role.role === 'USER_GROUP_ADMINISTRATOR' && role.company != null && role.userGroup == null,
  );
}

/** People who may have requests to decide (R24): officials, administrators, practitioners, the help desk. */
export function mayApprove(viewer: Viewer | null | undefined): boolean {
  return viewer?.roles.some((role) => role.role !== 'END_USER') ?? false;
}

export interface OrganizationRef {
  id: string;
  legalBusinessName: string;
}

/** The organizations where the viewer is the SO or a BSO, by name. */
export function officialOrganizations(viewer: Viewer | null | undefined): OrganizationRef[] {
  return uniqueOrganizations(
    (viewer?.roles ?? []).filter((role) => role.role === 'SECURITY_OFFICIAL' || role.role === 'BACKUP_SECURITY_OFFICIAL'),
  );
}

/** Every organization the viewer holds a role in, by name. */
export function viewerOrganizations(viewer: Viewer | null | undefined): OrganizationRef[] {
  return uniqueOrganizations(viewer?.roles ?? []);
}

function uniqueOrganizations(roles: readonly ViewerRole[]): OrganizationRef[] {
  const byId = new Map<string, OrganizationRef>();
  for (const role of roles) {
    if (role.organization != null) byId.set(role.organization.id, role.organization);
  }
  return [...byId.values()].sort((a, b) => a.legalBusinessName.localeCompare(b.legalBusinessName));
}
