// The signed-in person, shared by the app shell (header, page guard) and the pages.
import { useQuery, type QueryClient } from '@tanstack/react-query';
import { graphql } from '@/gql';
import type { Role, ViewerQuery, ViewerRolesQuery } from '@/gql/graphql';
import { execute } from './execute';

// The roles themselves are never all loaded: a billing company's administrator holds one per organization their
// company serves. The shell asks how many roles of some kinds the person holds (`first: 0` and totalCount), and
// pages that list roles read them a page at a time (User.roleAssignments).
const ViewerDocument = graphql(`
  query Viewer {
    viewer {
      id
      userId
      name
      email
      community
      emailVerified
      helpDeskRoles: roleAssignments(first: 0, roles: [HELP_DESK]) {
        totalCount
      }
      approverRoles: roleAssignments(
        first: 0
        roles: [SECURITY_OFFICIAL, BACKUP_SECURITY_OFFICIAL, USER_GROUP_ADMINISTRATOR, INDIVIDUAL_PRACTITIONER, HELP_DESK]
      ) {
        totalCount
      }
      administratorRoles: roleAssignments(first: 0, roles: [USER_GROUP_ADMINISTRATOR]) {
        totalCount
      }
    }
  }
`);

// R17: a UGA of a surrogate company holds the role in the company itself, not in one of its groups; asked only of
// people who hold a UGA role at all (few companies per person).
const ViewerCompaniesDocument = graphql(`
  query ViewerCompanies {
    surrogateCompanies {
      id
    }
  }
`);

export type Viewer = NonNullable<ViewerQuery['viewer']> & {
  /** R17: whether the person administers a surrogate (billing) company. */
  administersCompany: boolean;
};

export const viewerQueryKey = ['viewer'] as const;

async function fetchViewer(): Promise<Viewer | null> {
  const viewer = (await execute(ViewerDocument)).viewer ?? null;
  if (viewer == null) return null;
  const administersCompany =
    viewer.administratorRoles.totalCount > 0 && (await execute(ViewerCompaniesDocument)).surrogateCompanies.length > 0;
  return { ...viewer, administersCompany };
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
  return (viewer?.helpDeskRoles.totalCount ?? 0) > 0;
}

/** R17: a UGA of a surrogate company (the role held in the company itself, not in one of its groups). */
export function administersCompany(viewer: Viewer | null | undefined): boolean {
  return viewer?.administersCompany ?? false;
}

/** People who may have requests to decide (R24): officials, administrators, practitioners, the help desk. */
export function mayApprove(viewer: Viewer | null | undefined): boolean {
  return (viewer?.approverRoles.totalCount ?? 0) > 0;
}

// Some of the viewer's roles, a bounded page of them (by organization name, as "My roles" orders them): the kinds a
// page needs, for its pickers. Never every role.
const ViewerRolesDocument = graphql(`
  query ViewerRoles($first: Int!, $roles: [Role!], $search: String, $organizationId: ID) {
    viewer {
      id
      roleAssignments(first: $first, roles: $roles, search: $search, organizationId: $organizationId) {
        totalCount
        pageInfo {
          hasNextPage
        }
        edges {
          node {
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
            application {
              id
            }
          }
        }
      }
    }
  }
`);

type ViewerRolesPage = NonNullable<ViewerRolesQuery['viewer']>['roleAssignments'];
export type ViewerRole = ViewerRolesPage['edges'][number]['node'];

export interface ViewerRolesArgs {
  /** At most 100 (the server's bound); 0 to count only. */
  first: number;
  /** The kinds of role; every kind when null. */
  roles: readonly Role[] | null;
  search?: string | null;
  organizationId?: string | null;
}

/** Some of the viewer's roles, read again on arrival (others grant and end them). */
export function useViewerRoles(args: ViewerRolesArgs, enabled = true) {
  return useQuery({
    queryKey: ['viewer-roles', args.first, args.roles, args.search ?? null, args.organizationId ?? null],
    queryFn: async (): Promise<{ totalCount: number; hasMore: boolean; roles: ViewerRole[] }> => {
      const page = (
        await execute(ViewerRolesDocument, {
          first: args.first,
          roles: args.roles === null ? null : [...args.roles],
          search: args.search ?? null,
          organizationId: args.organizationId ?? null,
        })
      ).viewer?.roleAssignments;
      return {
        totalCount: page?.totalCount ?? 0,
        hasMore: page?.pageInfo.hasNextPage ?? false,
        roles: page?.edges.map((edge) => edge.node) ?? [],
      };
    },
    enabled,
    staleTime: 0,
    refetchOnMount: 'always',
  });
}

export interface OrganizationRef {
  id: string;
  legalBusinessName: string;
}

/** The organizations of these roles, each once, by name. */
export function organizationsOf(roles: readonly ViewerRole[]): OrganizationRef[] {
  const byId = new Map<string, OrganizationRef>();
  for (const role of roles) {
    if (role.organization != null) byId.set(role.organization.id, role.organization);
  }
  return [...byId.values()].sort((a, b) => a.legalBusinessName.localeCompare(b.legalBusinessName));
}

export const officialRoles: readonly Role[] = ['SECURITY_OFFICIAL', 'BACKUP_SECURITY_OFFICIAL'];
