import type { Role, RoleStatus } from '../../../gql/graphql';
import type { ViewerRole } from '../../../lib/viewer';

// The roles come with the Viewer query (lib/viewer.ts), which the app shell loads for every page.

export const roleNames: Record<Role, string> = {
  SECURITY_OFFICIAL: 'Security Official',
  BACKUP_SECURITY_OFFICIAL: 'Backup Security Official',
  USER_GROUP_ADMINISTRATOR: 'User Group Administrator',
  END_USER: 'End user',
  INDIVIDUAL_PRACTITIONER: 'Individual practitioner',
  HELP_DESK: 'Help desk',
};

export const roleStatusNames: Record<RoleStatus, string> = {
  ACTIVE: 'Active',
  SUSPENDED: 'Suspended',
  REVOKED: 'Revoked',
};

export interface UserGroupRoles {
  key: string;
  /** null: roles held in the organization itself, not in one of its user groups. */
  name: string | null;
  roles: ViewerRole[];
}

export interface OrganizationRoles {
  key: string;
  name: string;
  userGroups: UserGroupRoles[];
}

const noOrganization = 'Not tied to an organization';

function scopeOf(role: ViewerRole): { key: string; name: string } {
  if (role.organization != null) return { key: `o:${role.organization.id}`, name: role.organization.legalBusinessName };
  if (role.company != null) return { key: `c:${role.company.id}`, name: role.company.name };
  return { key: 'none', name: noOrganization };
}

const byName = (a: { name: string | null }, b: { name: string | null }) => {
  if (a.name === b.name) return 0;
  if (a.name === null) return -1;
  if (b.name === null) return 1;
  return a.name.localeCompare(b.name);
};

/** My roles: by organization (alphabetical, unscoped roles last), then by user group. */
export function groupRoles(roles: readonly ViewerRole[]): OrganizationRoles[] {
  const organizations = new Map<string, OrganizationRoles>();
  for (const role of roles) {
    const scope = scopeOf(role);
    let organization = organizations.get(scope.key);
    if (organization === undefined) {
      organization = { key: scope.key, name: scope.name, userGroups: [] };
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
