// What people read for the API's enumerations, in one place.
import type {
  Community,
  OrganizationKind,
  OrganizationStatus,
  ProviderType,
  RequestKind,
  RequestStatus,
  Role,
  RoleStatus,
  UserGroupKind,
} from '@/gql/graphql';

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

export const requestKindNames: Record<RequestKind, string> = {
  REGISTER_ORGANIZATION: 'Organization registration',
  BACKUP_SECURITY_OFFICIAL: 'Backup Security Official',
  SUCCEED_SECURITY_OFFICIAL: 'Security Official succession',
  CREATE_USER_GROUP: 'New user group',
  ADMINISTER_USER_GROUP: 'User group administration',
  JOIN_USER_GROUP: 'Join a user group',
  JOIN_SURROGATE_COMPANY: 'Join a surrogate company',
  ADMINISTER_SURROGATE_COMPANY: 'Surrogate company administration',
  CREATE_SURROGATE_USER_GROUP: 'Surrogate user group',
  REGISTER_INDIVIDUAL_PRACTITIONER: 'Individual practitioner registration',
  APPLICATION_ACCESS: 'Application access',
};

export const requestKinds = Object.keys(requestKindNames) as RequestKind[];

export const requestStatusNames: Record<RequestStatus, string> = {
  PENDING: 'Pending',
  APPROVED: 'Approved',
  DENIED: 'Denied',
  CANCELLED: 'Cancelled',
  EXPIRED: 'Expired',
};

export const requestStatuses = Object.keys(requestStatusNames) as RequestStatus[];

export const organizationStatusNames: Record<OrganizationStatus, string> = {
  PENDING: 'Pending approval',
  APPROVED: 'Approved',
  DENIED: 'Denied',
};

export const organizationKindNames: Record<OrganizationKind, string> = {
  PROVIDER: 'Provider organization',
  INDIVIDUAL_PRACTITIONER: 'Individual practitioner',
  CONTRACTOR: 'Medicare contractor',
};

export const userGroupKindNames: Record<UserGroupKind, string> = {
  PROVIDER: 'Provider user group',
  SURROGATE: 'Surrogate user group',
};

export const communityNames: Record<Community, string> = {
  PROVIDER_SUPPLIER: 'Provider / supplier',
  FI_CARRIER_MAC: 'Fiscal intermediary / carrier / MAC',
};

export const providerTypeNames: Record<ProviderType, string> = {
  HOSPITAL: 'Hospital',
  PHYSICIAN_GROUP: 'Physician group',
  HOME_HEALTH_AGENCY: 'Home health agency',
  SKILLED_NURSING_FACILITY: 'Skilled nursing facility',
  HOSPICE: 'Hospice',
  CLINICAL_LABORATORY: 'Clinical laboratory',
  AMBULANCE_SUPPLIER: 'Ambulance supplier',
  FQHC: 'Federally qualified health center',
  RURAL_HEALTH_CLINIC: 'Rural health clinic',
  DMEPOS_SUPPLIER: 'DMEPOS supplier',
  OTHER_PROVIDER: 'Other provider',
  FISCAL_INTERMEDIARY: 'Fiscal intermediary',
  CARRIER: 'Carrier',
  MAC: 'Medicare Administrative Contractor',
};

/** The provider types of each community (R2); the last three are Medicare contractors. */
export const providerTypesByCommunity: Record<Community, ProviderType[]> = {
  PROVIDER_SUPPLIER: [
    'HOSPITAL',
    'PHYSICIAN_GROUP',
    'HOME_HEALTH_AGENCY',
    'SKILLED_NURSING_FACILITY',
    'HOSPICE',
    'CLINICAL_LABORATORY',
    'AMBULANCE_SUPPLIER',
    'FQHC',
    'RURAL_HEALTH_CLINIC',
    'DMEPOS_SUPPLIER',
    'OTHER_PROVIDER',
  ],
  FI_CARRIER_MAC: ['FISCAL_INTERMEDIARY', 'CARRIER', 'MAC'],
};

// R31: the audit actions the API records. The schema types `action` as a String, so this list is
// kept in step with the backend by hand; an unknown action is shown as it comes.
export const auditActionNames: Record<string, string> = {
  ACCOUNT_REGISTERED: 'Account registered',
  EMAIL_CODE_SENT: 'E-mail code sent',
  EMAIL_VERIFIED: 'E-mail confirmed',
  EMAIL_CODE_REJECTED: 'E-mail code rejected',
  SIGN_IN: 'Signed in',
  SIGN_IN_FAILED: 'Sign-in failed',
  ACCOUNT_LOCKED: 'Account locked',
  SIGN_OUT: 'Signed out',
  ACCOUNT_UNLOCKED: 'Account unlocked',
  HELP_DESK_CREATED: 'Help-desk account created',
  REQUEST_SUBMITTED: 'Request submitted',
  REQUEST_APPROVED: 'Request approved',
  REQUEST_DENIED: 'Request denied',
  REQUEST_CANCELLED: 'Request cancelled',
  ROLE_GRANTED: 'Role granted',
  ROLE_REVOKED: 'Role revoked',
  PROVIDER_TYPE_OPENED: 'Registration opened for a provider type',
  PROVIDER_TYPE_CLOSED: 'Registration closed for a provider type',
  APPLICATION_PUBLISHED: 'Application published',
  APPLICATION_OPENED: 'Application opened to requests',
  APPLICATION_CLOSED: 'Application closed to requests',
  DELEGATION_CREATED: 'Delegate named',
  DELEGATION_ENDED: 'Delegation ended early',
};

export function auditActionName(action: string): string {
  return auditActionNames[action] ?? action;
}
