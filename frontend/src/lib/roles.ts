// How a role reads in a sentence, wherever it is shown (My roles, certification, explain why).
import type { Role } from '../gql/graphql';
import { roleNames } from './names';

export interface RoleSubject {
  role: Role;
  organization?: { legalBusinessName: string } | null;
  userGroup?: { name: string } | null;
  company?: { name: string } | null;
  application?: { name: string } | null;
}

/** "Security Official of Provider Organization XYZ", "End user in Claims Team (Provider Organization XYZ)". */
export function describeRole(role: RoleSubject, roleName: string = roleNames[role.role]): string {
  const application = role.application == null ? '' : ` with access to ${role.application.name}`;
  if (role.userGroup != null) {
    const where = role.organization == null ? '' : ` (${role.organization.legalBusinessName})`;
    return `${roleName} in ${role.userGroup.name}${where}${application}`;
  }
  if (role.organization != null) return `${roleName} of ${role.organization.legalBusinessName}${application}`;
  if (role.company != null) return `${roleName} of ${role.company.name}${application}`;
  return `${roleName}${application}`;
}
