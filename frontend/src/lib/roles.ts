// How a role reads in a sentence, wherever it is shown (My roles, certification, explain why).
import { graphql } from '@/gql';
import type { Role } from '@/gql/graphql';
import { roleNames } from './names';

/**
 * What every list of roles shows of one: the role and where it is held, with the ids of those places (for
 * links). Documents spread `...RoleSummaryFields` and add what their page alone needs (dates, the holder).
 */
export const RoleSummaryFieldsFragment = graphql(`
  fragment RoleSummaryFields on RoleAssignment {
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
    company {
      id
      name
    }
    application {
      id
      name
    }
  }
`);

export interface RoleSubject {
  role: Role;
  organization?: { legalBusinessName: string } | null;
  userGroup?: { name: string } | null;
  company?: { name: string } | null;
  application?: { name: string } | null;
}

/**
 * A user group with its organization: "Claims Team (Provider Organization XYZ)". A surrogate group's name
 * already names the organization ("ABC Billing for Provider Organization XYZ"): it is not said twice.
 */
export function groupWithOrganization(groupName: string, organizationName: string | null | undefined): string {
  if (organizationName == null || organizationName === '' || groupName.includes(organizationName)) return groupName;
  return `${groupName} (${organizationName})`;
}

/** "Security Official of Provider Organization XYZ", "End user in Claims Team (Provider Organization XYZ)". */
export function describeRole(role: RoleSubject, roleName: string = roleNames[role.role]): string {
  const application = role.application == null ? '' : ` with access to ${role.application.name}`;
  if (role.userGroup != null) {
    return `${roleName} in ${groupWithOrganization(role.userGroup.name, role.organization?.legalBusinessName)}${application}`;
  }
  if (role.organization != null) return `${roleName} of ${role.organization.legalBusinessName}${application}`;
  if (role.company != null) return `${roleName} of ${role.company.name}${application}`;
  return `${roleName}${application}`;
}
