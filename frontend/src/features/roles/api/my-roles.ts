import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { graphql } from '@/gql';
import type { MyRoleAssignmentsQuery } from '@/gql/graphql';
import { execute } from '@/lib/execute';
import { describeRole as describeRoleText } from '@/lib/roles';

// The roles come a page at a time (MyRoleAssignments below): the app shell never loads them all.

export interface UserGroupRoles {
  key: string;
  /** null: roles held in the organization itself, not in one of its user groups. */
  name: string | null;
  roles: MyRole[];
}

export interface OrganizationRoles {
  key: string;
  name: string;
  /** The organization's id, for its page; null for a company or no scope. */
  organizationId: string | null;
  /** The surrogate company's id, for its dashboard. */
  companyId: string | null;
  userGroups: UserGroupRoles[];
}

const noOrganization = 'Not tied to an organization';

function scopeOf(role: MyRole): Omit<OrganizationRoles, 'userGroups'> {
  if (role.organization != null) {
    return {
      key: `o:${role.organization.id}`,
      name: role.organization.legalBusinessName,
      organizationId: role.organization.id,
      companyId: null,
    };
  }
  if (role.company != null) {
    return { key: `c:${role.company.id}`, name: role.company.name, organizationId: null, companyId: role.company.id };
  }
  return { key: 'none', name: noOrganization, organizationId: null, companyId: null };
}

const byName = (a: { name: string | null }, b: { name: string | null }) => {
  if (a.name === b.name) return 0;
  if (a.name === null) return -1;
  if (b.name === null) return 1;
  return a.name.localeCompare(b.name);
};

/** My roles: by organization (alphabetical, unscoped roles last), then by user group. */
export function groupRoles(roles: readonly MyRole[]): OrganizationRoles[] {
  const organizations = new Map<string, OrganizationRoles>();
  for (const role of roles) {
    const scope = scopeOf(role);
    let organization = organizations.get(scope.key);
    if (organization === undefined) {
      organization = { ...scope, userGroups: [] };
      organizations.set(scope.key, organization);
    }
    const groupKey = role.userGroup == null ? `${scope.key}:-` : `g:${role.userGroup.id}`;
    let group = organization.userGroups.find((candidate) => candidate.key === groupKey);
    if (group === undefined) {
      group = { key: groupKey, name: role.userGroup?.name ?? null, roles: [] };
      organization.userGroups.push(group);
    }
    group.roles.push(role);
  }
  const result = [...organizations.values()];
  for (const organization of result) organization.userGroups.sort(byName);
  return result.sort((a, b) => {
    if (a.key === 'none' || b.key === 'none') return a.key === 'none' ? 1 : -1;
    return a.name.localeCompare(b.name);
  });
}

/** "Security Official of Provider Organization XYZ", "End user in Claims Team (Provider Organization XYZ)". */
export function describeRole(role: MyRole, roleName: string): string {
  return describeRoleText(role, roleName);
}

// "My roles" reads the roles a page at a time (a billing company's administrator holds one per organization it
// serves), in the server's order: by organization, its own roles before its groups', then by group.
const MyRoleAssignmentsDocument = graphql(`
  query MyRoleAssignments($first: Int, $after: String, $search: String, $organizationId: ID) {
    viewer {
      id
      roleAssignments(first: $first, after: $after, search: $search, organizationId: $organizationId) {
        totalCount
        pageInfo {
          hasNextPage
          endCursor
        }
        edges {
          node {
            ...RoleSummaryFields
            status
            grantedAt
            certifyBy
            endsAt
            canRevoke
            organization {
              kind
            }
            userGroup {
              kind
            }
            grantedBy {
              id
              name
            }
          }
        }
      }
    }
  }
`);

/** Roles per page of "My roles": the browser never holds more than one page. */
export const rolePageSize = 25;

export interface RoleFilters {
  search: string;
  organization: { id: string; name: string } | null;
}

export const noRoleFilters: RoleFilters = { search: '', organization: null };

export const myRoleAssignmentsKey = ['my-role-assignments'] as const;

/** One page of the viewer's roles, as the filters and the cursor choose (the page shown stays while the next loads). */
export function useMyRoleAssignments(filters: RoleFilters, after: string | null) {
  return useQuery({
    queryKey: [...myRoleAssignmentsKey, filters.search, filters.organization?.id ?? null, after],
    queryFn: async () => {
      const viewer = (
        await execute(MyRoleAssignmentsDocument, {
          first: rolePageSize,
          after,
          search: filters.search.trim() === '' ? null : filters.search.trim(),
          organizationId: filters.organization?.id ?? null,
        })
      ).viewer;
      return viewer?.roleAssignments ?? null;
    },
    placeholderData: keepPreviousData,
    staleTime: 0,
    refetchOnMount: 'always',
  });
}

export type RolePage = NonNullable<MyRoleAssignmentsQuery['viewer']>['roleAssignments'];
export type MyRole = RolePage['edges'][number]['node'];
