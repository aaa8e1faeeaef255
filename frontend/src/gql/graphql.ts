/* eslint-disable */
/** Internal type. DO NOT USE DIRECTLY. */
type Exact<T extends { [key: string]: unknown }> = { [K in keyof T]: T[K] };
/** Internal type. DO NOT USE DIRECTLY. */
export type Incremental<T> = T | { [P in keyof T]?: P extends ' $fragmentName' | '__typename' ? T[P] : never };
import type { DocumentTypeDecoration } from '@graphql-typed-document-node/core';
/** A US postal address; state is a 2-letter code, zip is ZIP or ZIP+4. */
export type AddressInput = {
  /** 1 to 100 characters. */
  city: string;
  /** Street and number, 1 to 200 characters. */
  line1: string;
  /** Optional suite, floor, ...; up to 200 characters. */
  line2?: string | null | undefined;
  /** The 2-letter code of a US state or territory, like IL. */
  state: string;
  /** 5 digits, or ZIP+4 like 62704-1234. */
  zip: string;
};

/** Access to a CMS application for a user group or, for an end user, oneself (R23). */
export type ApplicationAccessInput = {
  /** An open CMS application (Application.id). */
  applicationId: string | number;
  /** Optional: when the role should end by itself, at least an hour and at most a year from now (no time zone: UTC). The approver may bring it forward, never push it back. */
  endsAt?: string | null | undefined;
  /** Optional: why the role is needed, up to 1,000 characters; shown to those who decide the request. */
  justification?: string | null | undefined;
  /** The viewer's user group: as its User Group Administrator, access is asked for the group; as its end user, for oneself (the group must have access already). */
  userGroupId: string | number;
};

/** Open or close an application to new requests (help desk; R42). */
export type ApplicationOpenInput = {
  /** The application (Application.id). */
  applicationId: string | number;
  /** true to open it, false to close it. */
  open: boolean;
  /** Why it is closed, shown to people who ask for it (at most 500 characters); required to close, else INVALID_INPUT naming `reason`. */
  reason?: string | null | undefined;
};

/** Who decides a kind of request: the relation to the request's scope that gives the right (R24). */
export type ApproverRelation =
  /** An administrator of the surrogate company (R17). */
  | 'COMPANY_ADMINISTRATORS'
  /** A User Group Administrator of the user group (R13, R23). */
  | 'GROUP_ADMINISTRATORS'
  /** The help desk, for every organization (R7, R10, R22, R33). */
  | 'HELP_DESK'
  /** The organization's Security Official or a Backup Security Official (R12, R16, R23). */
  | 'ORGANIZATION_OFFICIALS'
  /** The organization's Security Official alone (who decides Backup Security Officials, R9). */
  | 'ORGANIZATION_SECURITY_OFFICIAL'
  /** The individual practitioner, for their own practice (R21). */
  | 'PRACTITIONER';

/** Up to 100 requests decided alike; each result is independent. */
export type BulkDecisionInput = {
  /** Approve them all, or deny them all. */
  decision: Decision;
  /** Up to 2,000 characters, given to every request; required to deny (R26). */
  reason?: string | null | undefined;
  /** At most 100 pending requests the viewer may decide; an error names the item by its index. */
  requestIds: Array<string | number>;
};

/** Up to 100 roles to certify for another year (a suspended one is restored; R30). */
export type CertifyRolesInput = {
  /** At most 100 roles the viewer may approve (RoleAssignment.id); an error names the item by its index. */
  roleAssignmentIds: Array<string | number>;
};

/** R41: a new password, with the current one. */
export type ChangePasswordInput = {
  /** The current password; a wrong one counts as a failed sign-in (5 in 15 minutes lock the account). */
  currentPassword: string;
  /** 12 to 256 characters, not a common password, not containing the name or e-mail (R4). */
  newPassword: string;
};

/** The community a person or organization belongs to; people act only in organizations of their own community (R2). */
export type Community =
  /** Staff of Medicare contractors: fiscal intermediaries, carriers and Medicare Administrative Contractors (MACs). */
  | 'FI_CARRIER_MAC'
  /** Providers and suppliers and the people who work for them or for their billing companies; individual practitioners too. */
  | 'PROVIDER_SUPPLIER';

/** A surrogate company, by its id. */
export type CompanyRefInput = {
  /** The company's global id (SurrogateCompany.id). */
  companyId: string | number;
  /** Optional: when the role should end by itself, at least an hour and at most a year from now (no time zone: UTC). The approver may bring it forward, never push it back. */
  endsAt?: string | null | undefined;
  /** Optional: why the role is needed, up to 1,000 characters; shown to those who decide the request. */
  justification?: string | null | undefined;
};

/** R43: a new personal API token. */
export type CreateApiTokenInput = {
  /** When it stops working, with a time zone: at least 5 minutes and at most a year ahead. */
  expiresAt: string;
  /** A name to recognise it by, like the script that uses it; 1 to 100 characters. */
  name: string;
};

/** R38: name a delegate for one of your SO, BSO or UGA roles, for a date range. */
export type CreateDelegationInput = {
  /** The delegate (User.id): someone with a role in the same organization (for a UGA: in the same group or company), not yourself, and not someone the two-person rule keeps from your role. */
  delegateId: string | number;
  /** When it ends, with a time zone: at most 90 days after the start. */
  endsAt: string;
  /** Your role whose queue the delegate decides (RoleAssignment.id): SO, BSO or UGA, in force. */
  roleAssignmentId: string | number;
  /** When it starts, with a time zone: from now (an hour ago counts as now) to a year ahead. */
  startsAt: string;
};

/** R44: a new webhook endpoint. */
export type CreateWebhookInput = {
  /** The events to send (at least one). */
  events: Array<WebhookEvent>;
  /** Only this organization's events (Organization.id); omit for every organization. */
  organizationId?: string | number | null | undefined;
  /** Where to POST: https, no user name or password, a public address (development also allows http and loopback); at most 2,000 characters. */
  url: string;
};

/** What a bulk decision does. */
export type Decision =
  /** Approve each request, granting its role (R25). */
  | 'APPROVE'
  /** Deny each request; needs a reason (R26). */
  | 'DENY';

/** A decision; a denial needs a reason (up to 2,000 characters; R25, R26). */
export type DecisionInput = {
  /** Approving: an end date for the role earlier than the one the requester asked for, or one where none was asked; at least an hour and at most a year from now (R40). Ignored when denying. */
  endsAt?: string | null | undefined;
  /** Up to 2,000 characters, shown to the requester; required to deny (R26). */
  reason?: string | null | undefined;
  /** A pending request the viewer may decide (AccessRequest.id). */
  requestId: string | number;
};

/** Why a user action was refused; stable, for programs. */
export type ErrorCode =
  /** Too many failed sign-ins (5 in 15 minutes): the account is locked for 15 minutes, or until the help desk unlocks it (R4). */
  | 'ACCOUNT_LOCKED'
  /** The request was already decided, cancelled or expired (perhaps by someone else a moment ago), or the role has already ended (R25). */
  | 'ALREADY_DECIDED'
  /** The person already holds this role in this scope (R28). */
  | 'ALREADY_HOLDS_ROLE'
  /** The CMS application is closed to new requests (R23). */
  | 'APPLICATION_CLOSED'
  /** The organization or provider type belongs to another community than the person's (R2). */
  | 'COMMUNITY_MISMATCH'
  /** A surrogate company with this TIN is already registered: ask to join it instead of creating it again; one of its administrators decides (R35). */
  | 'COMPANY_EXISTS'
  /** This delegation is not allowed: the role, the delegate or the dates break the delegation rule (R38; the message says which). */
  | 'DELEGATION_NOT_ALLOWED'
  /** A pending request for the same role in the same scope exists (R28). */
  | 'DUPLICATE_REQUEST'
  /** Confirm the e-mail address with its code before asking for anything (R3). */
  | 'EMAIL_NOT_VERIFIED'
  /** An account with this e-mail address exists: one person, one account (R1). */
  | 'EMAIL_TAKEN'
  /** Signed in, but this action is not yours to take (for example a request you may see but not decide). */
  | 'FORBIDDEN'
  /** The e-mail code is wrong or has expired (a code lasts 30 minutes); ask for a new one (R3). */
  | 'INVALID_CODE'
  /** Unknown login or wrong password; both get the same answer (R4). */
  | 'INVALID_CREDENTIALS'
  /** A value is missing, too long or malformed; `field` names it. */
  | 'INVALID_INPUT'
  /** The NPI is not 10 digits with a valid check digit. */
  | 'INVALID_NPI'
  /** The TIN is not 9 digits (dashes allowed). */
  | 'INVALID_TIN'
  /** The ZIP code is not 5 digits or ZIP+4 (like 62704-1234). */
  | 'INVALID_ZIP'
  /** No such thing, or not one you may see: both get the same answer, so that ids cannot be probed. */
  | 'NOT_FOUND'
  /** An organization with this TIN and NPI (or a practitioner with this NPI) is already registered: ask its Security Official for access (R6). */
  | 'ORGANIZATION_EXISTS'
  /** The organization is not approved (or has no active Security Official): nothing can be asked in it yet (R7, R19). */
  | 'ORGANIZATION_NOT_APPROVED'
  /** Asked too often: wait and try again (one new e-mail code a minute). */
  | 'RATE_LIMITED'
  /** A denial needs a reason, which the requester will see (R26). */
  | 'REASON_REQUIRED'
  /** CMS has closed registration for this provider type; the message says why (R11). */
  | 'REGISTRATION_CLOSED'
  /** Nobody may be Security Official or Backup and also User Group Administrator in the same organization: two people are needed (R14). */
  | 'ROLE_CONFLICT'
  /** Nobody decides their own request, not even the help desk (R15). */
  | 'SELF_DECISION_FORBIDDEN'
  /** This company already serves this organization, or has asked to: one surrogate group per company and organization (R18). */
  | 'SURROGATE_GROUP_EXISTS'
  /** Ten API tokens are already in force: revoke one before making another (R43). */
  | 'TOKEN_LIMIT'
  /** Nobody is signed in, or the session has ended: sign in and try again. */
  | 'UNAUTHENTICATED'
  /** The password is shorter than 12 characters, too common, or contains the name or the e-mail address (R4). */
  | 'WEAK_PASSWORD'
  /** The current password, asked again before changing the password or the e-mail address, is not right (R41). */
  | 'WRONG_PASSWORD';

/** Register as an individual practitioner (the name is the account's; R22). */
export type IndividualPractitionerInput = {
  /** The practice's postal address. */
  address: AddressInput;
  /** Optional: when the role should end by itself, at least an hour and at most a year from now (no time zone: UTC). The approver may bring it forward, never push it back. */
  endsAt?: string | null | undefined;
  /** Optional: why the role is needed, up to 1,000 characters; shown to those who decide the request. */
  justification?: string | null | undefined;
  /** The practitioner's own NPI: 10 digits with a valid check digit. */
  npi: string;
};

/** A new surrogate company; whoever names it becomes its first administrator once an organization approves the first of these requests (R17, R35). */
export type NewCompanyInput = {
  /** 1 to 200 characters. */
  name: string;
  /** 9 digits. */
  tin: string;
};

/** A new provider user group, administered by the requester once approved (R12). */
export type NewUserGroupInput = {
  /** Up to 1,000 characters. */
  description?: string | null | undefined;
  /** Optional: when the role should end by itself, at least an hour and at most a year from now (no time zone: UTC). The approver may bring it forward, never push it back. */
  endsAt?: string | null | undefined;
  /** Optional: why the role is needed, up to 1,000 characters; shown to those who decide the request. */
  justification?: string | null | undefined;
  /** 1 to 120 characters, unique in the organization. */
  name: string;
  /** The approved organization the group will belong to (Organization.id). */
  organizationId: string | number;
};

/** One object by its global id (revokeApiToken, endDelegation, deleteWebhook). */
export type NodeRefInput = {
  /** The object's global id, as its `id` field gives it. */
  id: string | number;
};

/** What kind of organization this is. */
export type OrganizationKind =
  /** A Medicare contractor (fiscal intermediary, carrier or MAC), of the FI_CARRIER_MAC community. */
  | 'CONTRACTOR'
  /** The practice of one individual practitioner: no Backup Security Officials and no user groups of its own (R22). */
  | 'INDIVIDUAL_PRACTITIONER'
  /** A provider or supplier (a hospital, a physician group, ...), with a Security Official, optional Backups and user groups. */
  | 'PROVIDER';

/** An organization, by its id. */
export type OrganizationRefInput = {
  /** Optional: when the role should end by itself, at least an hour and at most a year from now (no time zone: UTC). The approver may bring it forward, never push it back. */
  endsAt?: string | null | undefined;
  /** Optional: why the role is needed, up to 1,000 characters; shown to those who decide the request. */
  justification?: string | null | undefined;
  /** The organization's global id (Organization.id). */
  organizationId: string | number;
};

/** A new organization, registered by the person who will be its Security Official (R6). */
export type OrganizationRegistrationInput = {
  /** The organization's postal address. */
  address: AddressInput;
  /** Must match the provider type (FI_CARRIER_MAC for contractors, PROVIDER_SUPPLIER otherwise) and the registrant's own community (R2). */
  community: Community;
  /** Optional: when the role should end by itself, at least an hour and at most a year from now (no time zone: UTC). The approver may bring it forward, never push it back. */
  endsAt?: string | null | undefined;
  /** Optional: why the role is needed, up to 1,000 characters; shown to those who decide the request. */
  justification?: string | null | undefined;
  /** 1 to 200 characters. */
  legalBusinessName: string;
  /** 10 digits with a valid check digit. */
  npi: string;
  /** What the organization is; a type closed to registration is refused with the reason (R11). */
  providerType: ProviderType;
  /** Optional PTAN or CCN, up to 20 characters. */
  ptan?: string | null | undefined;
  /** 9 digits; dashes allowed. Only the last 4 are ever shown. */
  tin: string;
};

/** Where an organization's registration stands: the help desk decides (R7). */
export type OrganizationStatus =
  /** Approved by the help desk: listed in the organization search and open to requests. */
  | 'APPROVED'
  /** Refused by the help desk; it can be registered again. */
  | 'DENIED'
  /** Registered, waiting for the help desk: nobody else can ask for anything in it yet (R7). */
  | 'PENDING';

/** Provider type; the last three belong to the FI_CARRIER_MAC community. */
export type ProviderType =
  /** An ambulance service supplier. */
  | 'AMBULANCE_SUPPLIER'
  /** A carrier: a Medicare contractor (FI_CARRIER_MAC community). */
  | 'CARRIER'
  /** A clinical laboratory. */
  | 'CLINICAL_LABORATORY'
  /** A supplier of durable medical equipment, prosthetics, orthotics and supplies. Closed to registration by CMS for now (R11). */
  | 'DMEPOS_SUPPLIER'
  /** A fiscal intermediary: a Medicare contractor (FI_CARRIER_MAC community). */
  | 'FISCAL_INTERMEDIARY'
  /** A Federally Qualified Health Center. */
  | 'FQHC'
  /** A home health agency. */
  | 'HOME_HEALTH_AGENCY'
  /** A hospice. */
  | 'HOSPICE'
  /** A hospital. */
  | 'HOSPITAL'
  /** A Medicare Administrative Contractor (FI_CARRIER_MAC community). */
  | 'MAC'
  /** Any other provider or supplier; also the type of an individual practitioner's practice. */
  | 'OTHER_PROVIDER'
  /** A group practice of physicians or other practitioners. */
  | 'PHYSICIAN_GROUP'
  /** A rural health clinic. */
  | 'RURAL_HEALTH_CLINIC'
  /** A skilled nursing facility. */
  | 'SKILLED_NURSING_FACILITY';

/** Open or close registration of a provider type (help desk; R42). */
export type ProviderTypeOpenInput = {
  /** true to open registration, false to close it. */
  open: boolean;
  /** The provider type. */
  providerType: ProviderType;
  /** Why it is closed, shown to people who try to register (at most 500 characters); required to close, else INVALID_INPUT naming `reason`. */
  reason?: string | null | undefined;
};

/** A CMS application to publish (help desk; R23, R42). */
export type PublishApplicationInput = {
  /** What it is for (at most 1,000 characters). */
  description?: string | null | undefined;
  /** Its name, unique among applications (at most 200 characters). */
  name: string;
  /** Whether it takes requests at once. */
  open: boolean;
};

/** How the viewer's approval queue changed. */
export type QueueEventKind =
  /** A request the viewer may decide arrived in the queue. */
  | 'ADDED'
  /** A request left the queue: decided, cancelled or expired, or no longer the viewer's to decide. */
  | 'REMOVED'
  /** Events may have been missed (for example after a database reconnect): reload the queue. No request is named. */
  | 'RESYNC'
  /** A request in the queue changed. */
  | 'UPDATED';

/** A new account (R1-R4). The password needs 12 to 256 characters. */
export type RegisterAccountInput = {
  /** Must be true: the rules of behavior are accepted. */
  acceptTerms: boolean;
  /** PROVIDER_SUPPLIER for providers, suppliers and their billing companies, FI_CARRIER_MAC for staff of Medicare contractors; it cannot be changed later (R2). */
  community: Community;
  /** A work e-mail address; a code is sent to it (R3). */
  email: string;
  /** Full name, 1 to 200 characters. */
  name: string;
  /** 12 to 256 characters, not common, not containing name or e-mail. */
  password: string;
  /** Optional, 7 to 32 digits, spaces or +()-. */
  phone?: string | null | undefined;
};

/** R41: a new e-mail address; a code is sent to it and nothing changes until it is entered. */
export type RequestEmailChangeInput = {
  /** The new work e-mail address; it must not belong to another account. */
  newEmail: string;
  /** The current password, asked again for this change. */
  password: string;
};

/** What a request asks for. */
export type RequestKind =
  /** Become an administrator of a surrogate company; one of its administrators decides, or the help desk when it has none left (R35). */
  | 'ADMINISTER_SURROGATE_COMPANY'
  /** Administer an existing user group; the Security Official or a Backup decides (R12). */
  | 'ADMINISTER_USER_GROUP'
  /** Access to a CMS application: for a user group (the Security Official or a Backup decides) or for oneself as an end user (a User Group Administrator decides) (R23). */
  | 'APPLICATION_ACCESS'
  /** Become a Backup Security Official of an approved organization; its Security Official decides (R9). */
  | 'BACKUP_SECURITY_OFFICIAL'
  /** A surrogate company asks to serve an organization through a surrogate user group; the organization's Security Official or a Backup decides, or the practitioner for a practice (R16, R21). */
  | 'CREATE_SURROGATE_USER_GROUP'
  /** Create a provider user group and administer it; the Security Official or a Backup decides (R12). */
  | 'CREATE_USER_GROUP'
  /** Join a surrogate company's staff; an administrator of the company decides (R17). */
  | 'JOIN_SURROGATE_COMPANY'
  /** Join a user group as an end user; a User Group Administrator of the group decides (R13). */
  | 'JOIN_USER_GROUP'
  /** Register as an individual practitioner; the help desk decides (R22). */
  | 'REGISTER_INDIVIDUAL_PRACTITIONER'
  /** Register a new organization and become its Security Official; the help desk decides (R6, R7). */
  | 'REGISTER_ORGANIZATION'
  /** A Backup Security Official asks to become the Security Official; the help desk decides, and the former Security Official's role ends (R10). */
  | 'SUCCEED_SECURITY_OFFICIAL';

/** A request, by its id. */
export type RequestRefInput = {
  /** The request's global id (AccessRequest.id). */
  requestId: string | number;
};

/** Where a request stands. */
export type RequestStatus =
  /** Approved; the role was granted in the same step (R25). */
  | 'APPROVED'
  /** Withdrawn by the requester before anyone decided (R27). */
  | 'CANCELLED'
  /** Denied, with a reason the requester sees (R26). */
  | 'DENIED'
  /** Nobody decided in time (R27). */
  | 'EXPIRED'
  /** Waiting for a decision; it expires after 30 days by default (R27). */
  | 'PENDING';

/** End a role, with a reason the holder will see (R29). */
export type RevokeRoleInput = {
  /** Why, 1 to 2,000 characters; the holder will see it. */
  reason: string;
  /** An active role the viewer may approve, or holds (RoleAssignment.id). */
  roleAssignmentId: string | number;
};

/** The roles a person can hold. */
export type Role =
  /** Backup Security Official (BSO): approves what the Security Official approves except other Backups, and may ask to succeed the SO (R9, R10). */
  | 'BACKUP_SECURITY_OFFICIAL'
  /** End user: a member of a user group (or the staff of a surrogate company) who asks for access to CMS applications through it (R13, R17, R23). */
  | 'END_USER'
  /** CMS help desk staff (External User Services): decide registrations, successions and practitioners, look people up, unlock and disable accounts. Created only from the command line (R33). */
  | 'HELP_DESK'
  /** A professional registered personally; the practice is an organization of one, which the practitioner runs alone (R22). */
  | 'INDIVIDUAL_PRACTITIONER'
  /** Security Official (SO): the one person answerable for an organization; registers it, approves its Backup Security Officials, user groups, surrogates and applications (exactly one active per organization, R6, R8). */
  | 'SECURITY_OFFICIAL'
  /** User Group Administrator (UGA): runs a user group and decides who joins it and its members' application access; held with a company and no group, it administers a surrogate company (R12, R13, R17). */
  | 'USER_GROUP_ADMINISTRATOR';

/** Whether a role is in force. */
export type RoleStatus =
  /** In force. */
  | 'ACTIVE'
  /** Ended for good: revoked by an approver, given up by its holder, or ended by a succession (R10, R29). */
  | 'REVOKED'
  /** Not certified by its due date: it counts for nothing until someone who may approve it certifies it again (R30). */
  | 'SUSPENDED';

/** Sign in with the e-mail address or the user ID (R4). */
export type SignInInput = {
  /** E-mail address or user ID. */
  login: string;
  /** The account's password. 5 failures in 15 minutes lock the account for 15 minutes (R4). */
  password: string;
};

/** Serve organizations as a surrogate; exactly one of companyId / company (R16-R21). */
export type SurrogateUserGroupsInput = {
  /** A new company, whose first administrator the viewer becomes once an organization approves (R35); or give `companyId`. */
  company?: NewCompanyInput | null | undefined;
  /** A company the viewer administers (SurrogateCompany.id); or give `company`. */
  companyId?: string | number | null | undefined;
  /** Optional: when the role should end by itself, at least an hour and at most a year from now (no time zone: UTC). The approver may bring it forward, never push it back. */
  endsAt?: string | null | undefined;
  /** Optional: why the role is needed, up to 1,000 characters; shown to those who decide the request. */
  justification?: string | null | undefined;
  /** 1 to 100 organizations; one request each. */
  organizationIds: Array<string | number>;
};

/** R5, R41: the fields to change; a field left out (null) stays as it is. */
export type UpdateProfileInput = {
  /** The new full name, 1 to 200 characters. */
  name?: string | null | undefined;
  /** The new phone number (7 to 32 digits, spaces or +()-); an empty string "" removes it. */
  phone?: string | null | undefined;
};

/** Provider group, or a surrogate company's group. */
export type UserGroupKind =
  /** A group of the organization's own staff, run by its User Group Administrators (R12). */
  | 'PROVIDER'
  /** The group through which a surrogate company (a billing company or other contractor) works for the organization; one per company and organization (R16, R18). */
  | 'SURROGATE';

/** A user group, by its id. */
export type UserGroupRefInput = {
  /** Optional: when the role should end by itself, at least an hour and at most a year from now (no time zone: UTC). The approver may bring it forward, never push it back. */
  endsAt?: string | null | undefined;
  /** Optional: why the role is needed, up to 1,000 characters; shown to those who decide the request. */
  justification?: string | null | undefined;
  /** The user group's global id (UserGroup.id). */
  userGroupId: string | number;
};

/** A person, by their id. */
export type UserRefInput = {
  /** The person's global id (User.id). */
  userId: string | number;
};

/** The 6-digit code sent to the signed-in person's e-mail address (R3). */
export type VerifyEmailInput = {
  /** The 6 digits from the e-mail; a code expires after 30 minutes and allows 5 attempts. */
  code: string;
};

/** Where a delivery stands. */
export type WebhookDeliveryStatus =
  /** The receiver answered 2xx. */
  | 'DELIVERED'
  /** Given up: no 2xx within 24 hours, or the endpoint was deleted. Redeliver by hand. */
  | 'FAILED'
  /** Not delivered yet: waiting for its next attempt. */
  | 'PENDING';

/** What a webhook endpoint can be told about (R44). */
export type WebhookEvent =
  /** A request was approved or denied (`request.decided`; `data.decision`). */
  | 'REQUEST_DECIDED'
  /** A request that waited too long moved up a level (`request.escalated`). */
  | 'REQUEST_ESCALATED'
  /** A request waited too long and expired (`request.expired`). */
  | 'REQUEST_EXPIRED'
  /** A request was submitted (`request.submitted`). */
  | 'REQUEST_SUBMITTED'
  /** A role ended: revoked, or its end date came (`role.ended`). */
  | 'ROLE_ENDED'
  /** Someone was given a role (`role.granted`). */
  | 'ROLE_GRANTED'
  /** A suspended role was certified and is in force again (`role.restored`). */
  | 'ROLE_RESTORED'
  /** A role was suspended for want of certification (`role.suspended`). */
  | 'ROLE_SUSPENDED';

export type SubmittedRequestFragment = { status: RequestStatus, id: string, trackingNumber: string, kind: RequestKind, proposedName: string | null, organization: { status: OrganizationStatus, id: string, legalBusinessName: string } | null, approvers: Array<{ id: string, name: string }>, userGroup: { id: string, name: string } | null, company: { id: string, name: string } | null, application: { id: string, name: string } | null };

export type RequestOrganizationRegistrationMutationVariables = Exact<{
  input: OrganizationRegistrationInput;
}>;


export type RequestOrganizationRegistrationMutation = { requestOrganizationRegistration: { request: { status: RequestStatus, id: string, trackingNumber: string, kind: RequestKind, proposedName: string | null, organization: { status: OrganizationStatus, id: string, legalBusinessName: string } | null, approvers: Array<{ id: string, name: string }>, userGroup: { id: string, name: string } | null, company: { id: string, name: string } | null, application: { id: string, name: string } | null } | null, errors: Array<{ code: ErrorCode, message: string, field: Array<string> | null }> } };

export type RequestBackupSecurityOfficialMutationVariables = Exact<{
  input: OrganizationRefInput;
}>;


export type RequestBackupSecurityOfficialMutation = { requestBackupSecurityOfficial: { request: { status: RequestStatus, id: string, trackingNumber: string, kind: RequestKind, proposedName: string | null, organization: { status: OrganizationStatus, id: string, legalBusinessName: string } | null, approvers: Array<{ id: string, name: string }>, userGroup: { id: string, name: string } | null, company: { id: string, name: string } | null, application: { id: string, name: string } | null } | null, errors: Array<{ code: ErrorCode, message: string, field: Array<string> | null }> } };

export type RequestSecurityOfficialSuccessionMutationVariables = Exact<{
  input: OrganizationRefInput;
}>;


export type RequestSecurityOfficialSuccessionMutation = { requestSecurityOfficialSuccession: { request: { status: RequestStatus, id: string, trackingNumber: string, kind: RequestKind, proposedName: string | null, organization: { status: OrganizationStatus, id: string, legalBusinessName: string } | null, approvers: Array<{ id: string, name: string }>, userGroup: { id: string, name: string } | null, company: { id: string, name: string } | null, application: { id: string, name: string } | null } | null, errors: Array<{ code: ErrorCode, message: string, field: Array<string> | null }> } };

export type RequestUserGroupMutationVariables = Exact<{
  input: NewUserGroupInput;
}>;


export type RequestUserGroupMutation = { requestUserGroup: { request: { status: RequestStatus, id: string, trackingNumber: string, kind: RequestKind, proposedName: string | null, organization: { status: OrganizationStatus, id: string, legalBusinessName: string } | null, approvers: Array<{ id: string, name: string }>, userGroup: { id: string, name: string } | null, company: { id: string, name: string } | null, application: { id: string, name: string } | null } | null, errors: Array<{ code: ErrorCode, message: string, field: Array<string> | null }> } };

export type RequestUserGroupAdministrationMutationVariables = Exact<{
  input: UserGroupRefInput;
}>;


export type RequestUserGroupAdministrationMutation = { requestUserGroupAdministration: { request: { status: RequestStatus, id: string, trackingNumber: string, kind: RequestKind, proposedName: string | null, organization: { status: OrganizationStatus, id: string, legalBusinessName: string } | null, approvers: Array<{ id: string, name: string }>, userGroup: { id: string, name: string } | null, company: { id: string, name: string } | null, application: { id: string, name: string } | null } | null, errors: Array<{ code: ErrorCode, message: string, field: Array<string> | null }> } };

export type RequestUserGroupMembershipMutationVariables = Exact<{
  input: UserGroupRefInput;
}>;


export type RequestUserGroupMembershipMutation = { requestUserGroupMembership: { request: { status: RequestStatus, id: string, trackingNumber: string, kind: RequestKind, proposedName: string | null, organization: { status: OrganizationStatus, id: string, legalBusinessName: string } | null, approvers: Array<{ id: string, name: string }>, userGroup: { id: string, name: string } | null, company: { id: string, name: string } | null, application: { id: string, name: string } | null } | null, errors: Array<{ code: ErrorCode, message: string, field: Array<string> | null }> } };

export type RequestSurrogateUserGroupsMutationVariables = Exact<{
  input: SurrogateUserGroupsInput;
}>;


export type RequestSurrogateUserGroupsMutation = { requestSurrogateUserGroups: { requests: Array<{ status: RequestStatus, id: string, trackingNumber: string, kind: RequestKind, proposedName: string | null, organization: { status: OrganizationStatus, id: string, legalBusinessName: string } | null, approvers: Array<{ id: string, name: string }>, userGroup: { id: string, name: string } | null, company: { id: string, name: string } | null, application: { id: string, name: string } | null }>, errors: Array<{ code: ErrorCode, message: string, field: Array<string> | null }> } };

export type RequestSurrogateCompanyMembershipMutationVariables = Exact<{
  input: CompanyRefInput;
}>;


export type RequestSurrogateCompanyMembershipMutation = { requestSurrogateCompanyMembership: { request: { status: RequestStatus, id: string, trackingNumber: string, kind: RequestKind, proposedName: string | null, organization: { status: OrganizationStatus, id: string, legalBusinessName: string } | null, approvers: Array<{ id: string, name: string }>, userGroup: { id: string, name: string } | null, company: { id: string, name: string } | null, application: { id: string, name: string } | null } | null, errors: Array<{ code: ErrorCode, message: string, field: Array<string> | null }> } };

export type RequestCompanyAdministrationMutationVariables = Exact<{
  input: CompanyRefInput;
}>;


export type RequestCompanyAdministrationMutation = { requestCompanyAdministration: { request: { status: RequestStatus, id: string, trackingNumber: string, kind: RequestKind, proposedName: string | null, organization: { status: OrganizationStatus, id: string, legalBusinessName: string } | null, approvers: Array<{ id: string, name: string }>, userGroup: { id: string, name: string } | null, company: { id: string, name: string } | null, application: { id: string, name: string } | null } | null, errors: Array<{ code: ErrorCode, message: string, field: Array<string> | null }> } };

export type RequestIndividualPractitionerMutationVariables = Exact<{
  input: IndividualPractitionerInput;
}>;


export type RequestIndividualPractitionerMutation = { requestIndividualPractitioner: { request: { status: RequestStatus, id: string, trackingNumber: string, kind: RequestKind, proposedName: string | null, organization: { status: OrganizationStatus, id: string, legalBusinessName: string } | null, approvers: Array<{ id: string, name: string }>, userGroup: { id: string, name: string } | null, company: { id: string, name: string } | null, application: { id: string, name: string } | null } | null, errors: Array<{ code: ErrorCode, message: string, field: Array<string> | null }> } };

export type RequestApplicationAccessMutationVariables = Exact<{
  input: ApplicationAccessInput;
}>;


export type RequestApplicationAccessMutation = { requestApplicationAccess: { request: { status: RequestStatus, id: string, trackingNumber: string, kind: RequestKind, proposedName: string | null, organization: { status: OrganizationStatus, id: string, legalBusinessName: string } | null, approvers: Array<{ id: string, name: string }>, userGroup: { id: string, name: string } | null, company: { id: string, name: string } | null, application: { id: string, name: string } | null } | null, errors: Array<{ code: ErrorCode, message: string, field: Array<string> | null }> } };

export type SearchOrganizationsQueryVariables = Exact<{
  search: string;
}>;


export type SearchOrganizationsQuery = { organizations: { totalCount: number, edges: Array<{ node: { id: string, legalBusinessName: string, kind: OrganizationKind, npi: string, city: string, state: string } }> } };

export type OrganizationGroupsQueryVariables = Exact<{
  id: string | number;
}>;


export type OrganizationGroupsQuery = { node:
    | { __typename: 'AccessRequest' }
    | { __typename: 'ApiToken' }
    | { __typename: 'Application' }
    | { __typename: 'Delegation' }
    | { __typename: 'Organization', id: string, userGroups: Array<{ id: string, name: string, kind: UserGroupKind, description: string | null, orphaned: boolean, company: { id: string, name: string } | null }> }
    | { __typename: 'RoleAssignment' }
    | { __typename: 'SurrogateCompany' }
    | { __typename: 'User' }
    | { __typename: 'UserGroup' }
    | { __typename: 'Webhook' }
    | { __typename: 'WebhookDelivery' }
   | null };

export type SearchCompaniesQueryVariables = Exact<{
  search: string;
}>;


export type SearchCompaniesQuery = { companySearch: Array<{ id: string, name: string, tinLast4: string, orphaned: boolean }> };

export type MyCompaniesQueryVariables = Exact<{ [key: string]: never; }>;


export type MyCompaniesQuery = { surrogateCompanies: Array<{ id: string, name: string, tinLast4: string }> };

export type ApplicationsQueryVariables = Exact<{ [key: string]: never; }>;


export type ApplicationsQuery = { applications: Array<{ id: string, code: string, name: string, open: boolean, closedReason: string | null }> };

export type AuditEventsQueryVariables = Exact<{
  first?: number | null | undefined;
  after?: string | null | undefined;
  actions?: Array<string> | string | null | undefined;
  organizationId?: string | number | null | undefined;
}>;


export type AuditEventsQuery = { auditEvents: { totalCount: number, pageInfo: { hasNextPage: boolean, endCursor: string | null }, edges: Array<{ node: { id: string, occurredAt: string, action: string, details: unknown, actor: { id: string, name: string } | null, subjectUser: { id: string, name: string } | null, organization: { id: string, legalBusinessName: string } | null, request: { id: string, trackingNumber: string } | null } }> } };

export type RegisterAccountMutationVariables = Exact<{
  input: RegisterAccountInput;
}>;


export type RegisterAccountMutation = { registerAccount: { viewer: { id: string, userId: string | null, name: string, emailVerified: boolean } | null, errors: Array<{ code: ErrorCode, message: string, field: Array<string> | null }> } };

export type ResendVerificationCodeMutationVariables = Exact<{ [key: string]: never; }>;


export type ResendVerificationCodeMutation = { resendVerificationCode: { viewer: { id: string } | null, errors: Array<{ code: ErrorCode, message: string, field: Array<string> | null }> } };

export type SignedInFieldsFragment = { viewer: { id: string, userId: string | null, name: string, emailVerified: boolean } | null, errors: Array<{ code: ErrorCode, message: string, field: Array<string> | null }> };

export type SignInMutationVariables = Exact<{
  input: SignInInput;
}>;


export type SignInMutation = { signIn: { viewer: { id: string, userId: string | null, name: string, emailVerified: boolean } | null, errors: Array<{ code: ErrorCode, message: string, field: Array<string> | null }> } };

export type SignOutMutationVariables = Exact<{ [key: string]: never; }>;


export type SignOutMutation = { signOut: boolean };

export type VerifyEmailMutationVariables = Exact<{
  input: VerifyEmailInput;
}>;


export type VerifyEmailMutation = { verifyEmail: { viewer: { id: string, emailVerified: boolean } | null, errors: Array<{ code: ErrorCode, message: string, field: Array<string> | null }> } };

export type CompanyDashboardQueryVariables = Exact<{ [key: string]: never; }>;


export type CompanyDashboardQuery = { surrogateCompanies: Array<{ id: string, name: string, tinLast4: string, atRisk: boolean, orphaned: boolean, administrators: Array<{ id: string, name: string }>, associationCounts: Array<{ status: RequestStatus, count: number }> }> };

export type CompanyAssociationsQueryVariables = Exact<{
  companyId: string | number;
  first?: number | null | undefined;
  after?: string | null | undefined;
  search?: string | null | undefined;
  state?: string | null | undefined;
  status?: RequestStatus | null | undefined;
}>;


export type CompanyAssociationsQuery = { node:
    | { id: string, associations: { totalCount: number, pageInfo: { hasNextPage: boolean, endCursor: string | null }, edges: Array<{ node: { status: RequestStatus, organization: { id: string, legalBusinessName: string, city: string, state: string, npi: string }, userGroup: { id: string, name: string, members: { totalCount: number, edges: Array<{ node: { id: string, name: string, email: string | null } }> } } | null, request: { id: string, trackingNumber: string, createdAt: string, decidedAt: string | null, reason: string | null, decidedBy: { id: string, name: string } | null, approvers: Array<{ id: string, name: string }> } } }> } }
    | Record<PropertyKey, never>
   | null };

export type CertificationQueueQueryVariables = Exact<{
  first?: number | null | undefined;
  after?: string | null | undefined;
}>;


export type CertificationQueueQuery = { certificationQueue: { totalCount: number, pageInfo: { hasNextPage: boolean, endCursor: string | null }, edges: Array<{ node: { status: RoleStatus, grantedAt: string, certifyBy: string | null, certifiedAt: string | null, suspendedAt: string | null, canRevoke: boolean, id: string, role: Role, user: { id: string, name: string, email: string | null }, organization: { id: string, legalBusinessName: string } | null, userGroup: { id: string, name: string } | null, company: { id: string, name: string } | null, application: { id: string, name: string } | null } }> } };

export type CertifyRolesMutationVariables = Exact<{
  input: CertifyRolesInput;
}>;


export type CertifyRolesMutation = { certifyRoles: { roleAssignments: Array<{ id: string, status: RoleStatus, certifyBy: string | null }>, errors: Array<{ code: ErrorCode, message: string, field: Array<string> | null }> } };

export type MailLogQueryVariables = Exact<{
  first?: number | null | undefined;
}>;


export type MailLogQuery = { mailLog: Array<{ to: string, subject: string, body: string, template: string, createdAt: string, sentAt: string | null, attempts: number, lastError: string | null }> | null };

export type OrganizationPageQueryVariables = Exact<{
  id: string | number;
}>;


export type OrganizationPageQuery = { node:
    | { __typename: 'AccessRequest' }
    | { __typename: 'ApiToken' }
    | { __typename: 'Application' }
    | { __typename: 'Delegation' }
    | { __typename: 'Organization', providerType: ProviderType, community: Community, id: string, legalBusinessName: string, kind: OrganizationKind, npi: string, tinLast4: string, status: OrganizationStatus, city: string, state: string, atRisk: boolean, orphaned: boolean, securityOfficial: { id: string, name: string } | null, backupSecurityOfficials: Array<{ id: string, name: string }>, officials: Array<{ id: string, role: Role, grantedAt: string, certifyBy: string | null, canRevoke: boolean, user: { id: string, name: string, email: string | null, active: boolean }, grantedBy: { id: string, name: string } | null }>, userGroups: Array<{ id: string, name: string, kind: UserGroupKind, description: string | null, orphaned: boolean, company: { tinLast4: string, id: string, name: string } | null, administrators: Array<{ id: string, name: string }>, roleAssignments: Array<{ id: string, role: Role, grantedAt: string, canRevoke: boolean, user: { id: string, name: string, email: string | null }, application: { id: string, name: string } | null }>, members: { totalCount: number, edges: Array<{ node: { id: string, name: string, email: string | null } }> } }> }
    | { __typename: 'RoleAssignment' }
    | { __typename: 'SurrogateCompany' }
    | { __typename: 'User' }
    | { __typename: 'UserGroup' }
    | { __typename: 'Webhook' }
    | { __typename: 'WebhookDelivery' }
   | null };

export type ProfileQueryVariables = Exact<{ [key: string]: never; }>;


export type ProfileQuery = { viewer: { id: string, name: string, email: string | null, phone: string | null, pendingEmail: string | null, userId: string | null } | null };

export type UpdateProfileMutationVariables = Exact<{
  input: UpdateProfileInput;
}>;


export type UpdateProfileMutation = { updateProfile: { viewer: { id: string, name: string, phone: string | null } | null, errors: Array<{ code: ErrorCode, message: string, field: Array<string> | null }> } };

export type ChangePasswordMutationVariables = Exact<{
  input: ChangePasswordInput;
}>;


export type ChangePasswordMutation = { changePassword: { viewer: { id: string } | null, errors: Array<{ code: ErrorCode, message: string, field: Array<string> | null }> } };

export type RequestEmailChangeMutationVariables = Exact<{
  input: RequestEmailChangeInput;
}>;


export type RequestEmailChangeMutation = { requestEmailChange: { viewer: { id: string, pendingEmail: string | null } | null, errors: Array<{ code: ErrorCode, message: string, field: Array<string> | null }> } };

export type ConfirmEmailChangeMutationVariables = Exact<{
  input: VerifyEmailInput;
}>;


export type ConfirmEmailChangeMutation = { confirmEmailChange: { viewer: { id: string, email: string | null, pendingEmail: string | null } | null, errors: Array<{ code: ErrorCode, message: string, field: Array<string> | null }> } };

export type ApiTokensQueryVariables = Exact<{ [key: string]: never; }>;


export type ApiTokensQuery = { viewer: { id: string, apiTokens: Array<{ id: string, name: string, createdAt: string, expiresAt: string, lastUsedAt: string | null }> } | null };

export type CreateApiTokenMutationVariables = Exact<{
  input: CreateApiTokenInput;
}>;


export type CreateApiTokenMutation = { createApiToken: { secret: string | null, token: { id: string, name: string, expiresAt: string } | null, errors: Array<{ code: ErrorCode, message: string, field: Array<string> | null }> } };

export type RevokeApiTokenMutationVariables = Exact<{
  input: NodeRefInput;
}>;


export type RevokeApiTokenMutation = { revokeApiToken: { token: { id: string } | null, errors: Array<{ code: ErrorCode, message: string, field: Array<string> | null }> } };

export type CompaniesAtRiskQueryVariables = Exact<{ [key: string]: never; }>;


export type CompaniesAtRiskQuery = { surrogateCompaniesAtRisk: Array<{ id: string, name: string, tinLast4: string, atRisk: boolean, orphaned: boolean, administrators: Array<{ id: string, name: string }> }> };

export type DelegatedToMeQueryVariables = Exact<{ [key: string]: never; }>;


export type DelegatedToMeQuery = { viewer: { id: string, delegations: Array<{ id: string, active: boolean, endsAt: string, delegate: { id: string }, delegator: { name: string }, role: { id: string, role: Role, organization: { id: string, legalBusinessName: string } | null, userGroup: { id: string, name: string } | null, company: { id: string, name: string } | null, application: { id: string, name: string } | null } }> } | null };

export type HelpDeskLookupQueryVariables = Exact<{
  query: string;
}>;


export type HelpDeskLookupQuery = { helpDeskLookup: { people: Array<{ id: string, userId: string | null, name: string, email: string | null, community: Community, emailVerified: boolean, lockedUntil: string | null, roles: Array<{ id: string, role: Role, organization: { id: string, legalBusinessName: string } | null, userGroup: { id: string, name: string } | null, company: { id: string, name: string } | null }> }>, organizations: Array<{ id: string, legalBusinessName: string, kind: OrganizationKind, npi: string, tinLast4: string, status: OrganizationStatus, city: string, state: string, atRisk: boolean, orphaned: boolean }>, requests: Array<{ status: RequestStatus, createdAt: string, id: string, trackingNumber: string, kind: RequestKind, proposedName: string | null, requester: { id: string, name: string }, organization: { id: string, legalBusinessName: string } | null, userGroup: { id: string, name: string } | null, company: { id: string, name: string } | null, application: { id: string, name: string } | null }> } | null };

export type UnlockAccountMutationVariables = Exact<{
  input: UserRefInput;
}>;


export type UnlockAccountMutation = { unlockAccount: { user: { id: string, name: string } | null, errors: Array<{ code: ErrorCode, message: string, field: Array<string> | null }> } };

export type ApprovalQueueEventsSubscriptionVariables = Exact<{ [key: string]: never; }>;


export type ApprovalQueueEventsSubscription = { approvalQueue: { kind: QueueEventKind, requestId: string | null, totalCount: number, request: { status: RequestStatus, id: string, trackingNumber: string, kind: RequestKind, proposedName: string | null, requester: { name: string }, decidedBy: { id: string } | null, organization: { id: string, legalBusinessName: string } | null, userGroup: { id: string, name: string } | null, company: { id: string, name: string } | null, application: { id: string, name: string } | null } | null } };

export type ApprovalQueueQueryVariables = Exact<{
  first?: number | null | undefined;
  after?: string | null | undefined;
  kinds?: Array<RequestKind> | RequestKind | null | undefined;
  organizationId?: string | number | null | undefined;
}>;


export type ApprovalQueueQuery = { approvalQueue: { totalCount: number, pageInfo: { hasNextPage: boolean, endCursor: string | null }, edges: Array<{ node: { status: RequestStatus, createdAt: string, expiresAt: string, canDecide: boolean, justification: string | null, requestedEndsAt: string | null, escalatedAt: string | null, id: string, trackingNumber: string, kind: RequestKind, proposedName: string | null, organization: { status: OrganizationStatus, city: string, state: string, npi: string, id: string, legalBusinessName: string } | null, company: { tinLast4: string, id: string, name: string } | null, requester: { id: string, userId: string | null, name: string, email: string | null, roles: Array<{ grantedAt: string, id: string, role: Role, organization: { id: string, legalBusinessName: string } | null, userGroup: { id: string, name: string } | null, company: { id: string, name: string } | null, application: { id: string, name: string } | null }>, requests: { totalCount: number, edges: Array<{ node: { status: RequestStatus, createdAt: string, reason: string | null, id: string, trackingNumber: string, kind: RequestKind, proposedName: string | null, organization: { id: string, legalBusinessName: string } | null, userGroup: { id: string, name: string } | null, company: { id: string, name: string } | null, application: { id: string, name: string } | null } }> } }, userGroup: { id: string, name: string } | null, application: { id: string, name: string } | null } }> } };

export type DecidedRequestFragment = { request: { id: string, trackingNumber: string, status: RequestStatus } | null, errors: Array<{ code: ErrorCode, message: string, field: Array<string> | null }> };

export type ApproveRequestMutationVariables = Exact<{
  input: DecisionInput;
}>;


export type ApproveRequestMutation = { approveRequest: { request: { id: string, trackingNumber: string, status: RequestStatus } | null, errors: Array<{ code: ErrorCode, message: string, field: Array<string> | null }> } };

export type DenyRequestMutationVariables = Exact<{
  input: DecisionInput;
}>;


export type DenyRequestMutation = { denyRequest: { request: { id: string, trackingNumber: string, status: RequestStatus } | null, errors: Array<{ code: ErrorCode, message: string, field: Array<string> | null }> } };

export type DecideRequestsMutationVariables = Exact<{
  input: BulkDecisionInput;
}>;


export type DecideRequestsMutation = { decideRequests: { requests: Array<{ id: string, trackingNumber: string, status: RequestStatus }>, errors: Array<{ code: ErrorCode, message: string, field: Array<string> | null }> } };

export type StalledOrganizationsQueryVariables = Exact<{ [key: string]: never; }>;


export type StalledOrganizationsQuery = { stalledOrganizations: Array<{ id: string, legalBusinessName: string, city: string, state: string }> };

export type CmsApplicationsQueryVariables = Exact<{ [key: string]: never; }>;


export type CmsApplicationsQuery = { applications: Array<{ id: string, code: string, name: string, description: string | null, open: boolean, closedReason: string | null }> };

export type SetProviderTypeOpenMutationVariables = Exact<{
  input: ProviderTypeOpenInput;
}>;


export type SetProviderTypeOpenMutation = { setProviderTypeOpen: { setting: { providerType: ProviderType, open: boolean, reason: string | null } | null, errors: Array<{ code: ErrorCode, message: string, field: Array<string> | null }> } };

export type PublishApplicationMutationVariables = Exact<{
  input: PublishApplicationInput;
}>;


export type PublishApplicationMutation = { publishApplication: { application: { id: string, name: string, open: boolean } | null, errors: Array<{ code: ErrorCode, message: string, field: Array<string> | null }> } };

export type SetApplicationOpenMutationVariables = Exact<{
  input: ApplicationOpenInput;
}>;


export type SetApplicationOpenMutation = { setApplicationOpen: { application: { id: string, name: string, open: boolean, closedReason: string | null } | null, errors: Array<{ code: ErrorCode, message: string, field: Array<string> | null }> } };

export type MyRequestsQueryVariables = Exact<{
  first?: number | null | undefined;
  after?: string | null | undefined;
  status?: RequestStatus | null | undefined;
}>;


export type MyRequestsQuery = { viewer: { id: string, requests: { totalCount: number, pageInfo: { hasNextPage: boolean, endCursor: string | null }, edges: Array<{ node: { status: RequestStatus, createdAt: string, expiresAt: string, decidedAt: string | null, reason: string | null, justification: string | null, requestedEndsAt: string | null, escalatedAt: string | null, id: string, trackingNumber: string, kind: RequestKind, proposedName: string | null, organization: { status: OrganizationStatus, id: string, legalBusinessName: string } | null, decidedBy: { id: string, name: string } | null, onBehalfOf: { id: string, name: string } | null, approvers: Array<{ id: string, name: string }>, userGroup: { id: string, name: string } | null, company: { id: string, name: string } | null, application: { id: string, name: string } | null } }> } } | null };

export type CancelRequestMutationVariables = Exact<{
  input: RequestRefInput;
}>;


export type CancelRequestMutation = { cancelRequest: { request: { id: string, status: RequestStatus } | null, errors: Array<{ code: ErrorCode, message: string, field: Array<string> | null }> } };

export type MyDelegationsQueryVariables = Exact<{ [key: string]: never; }>;


export type MyDelegationsQuery = { viewer: { id: string, delegations: Array<{ id: string, startsAt: string, endsAt: string, endedAt: string | null, active: boolean, delegator: { id: string, name: string }, delegate: { id: string, name: string }, role: { id: string, role: Role, organization: { id: string, legalBusinessName: string } | null, userGroup: { id: string, name: string } | null, company: { id: string, name: string } | null, application: { id: string, name: string } | null } }>, delegableRoles: { totalCount: number, edges: Array<{ node: { status: RoleStatus, id: string, role: Role, delegateCandidates: Array<{ id: string, name: string }>, organization: { id: string, legalBusinessName: string } | null, userGroup: { id: string, name: string } | null, company: { id: string, name: string } | null, application: { id: string, name: string } | null } }> } } | null };

export type CreateDelegationMutationVariables = Exact<{
  input: CreateDelegationInput;
}>;


export type CreateDelegationMutation = { createDelegation: { delegation: { id: string } | null, errors: Array<{ code: ErrorCode, message: string, field: Array<string> | null }> } };

export type EndDelegationMutationVariables = Exact<{
  input: NodeRefInput;
}>;


export type EndDelegationMutation = { endDelegation: { delegation: { id: string } | null, errors: Array<{ code: ErrorCode, message: string, field: Array<string> | null }> } };

export type MyRoleAssignmentsQueryVariables = Exact<{
  first?: number | null | undefined;
  after?: string | null | undefined;
  search?: string | null | undefined;
  organizationId?: string | number | null | undefined;
}>;


export type MyRoleAssignmentsQuery = { viewer: { id: string, roleAssignments: { totalCount: number, pageInfo: { hasNextPage: boolean, endCursor: string | null }, edges: Array<{ node: { status: RoleStatus, grantedAt: string, certifyBy: string | null, endsAt: string | null, canRevoke: boolean, id: string, role: Role, organization: { kind: OrganizationKind, id: string, legalBusinessName: string } | null, userGroup: { kind: UserGroupKind, id: string, name: string } | null, grantedBy: { id: string, name: string } | null, company: { id: string, name: string } | null, application: { id: string, name: string } | null } }> } } | null };

export type WebhooksQueryVariables = Exact<{ [key: string]: never; }>;


export type WebhooksQuery = { webhooks: Array<{ id: string, url: string, events: Array<WebhookEvent>, active: boolean, createdAt: string, organization: { id: string, legalBusinessName: string } | null, deliveries: { totalCount: number, edges: Array<{ node: { id: string, eventId: string, event: WebhookEvent, createdAt: string, status: WebhookDeliveryStatus, attemptCount: number, nextAttemptAt: string | null, lastStatusCode: number | null, lastError: string | null, attempts: Array<{ attemptedAt: string, statusCode: number | null, error: string | null }> } }> } }> };

export type WebhookOrganizationsQueryVariables = Exact<{ [key: string]: never; }>;


export type WebhookOrganizationsQuery = { organizations: { edges: Array<{ node: { id: string, legalBusinessName: string } }> } };

export type CreateWebhookMutationVariables = Exact<{
  input: CreateWebhookInput;
}>;


export type CreateWebhookMutation = { createWebhook: { secret: string | null, webhook: { id: string, url: string } | null, errors: Array<{ code: ErrorCode, message: string, field: Array<string> | null }> } };

export type DeleteWebhookMutationVariables = Exact<{
  input: NodeRefInput;
}>;


export type DeleteWebhookMutation = { deleteWebhook: { webhook: { id: string, active: boolean } | null, errors: Array<{ code: ErrorCode, message: string, field: Array<string> | null }> } };

export type RedeliverWebhookDeliveryMutationVariables = Exact<{
  input: NodeRefInput;
}>;


export type RedeliverWebhookDeliveryMutation = { redeliverWebhookDelivery: { delivery: { id: string, status: WebhookDeliveryStatus } | null, errors: Array<{ code: ErrorCode, message: string, field: Array<string> | null }> } };

export type GrantChainQueryVariables = Exact<{
  id: string | number;
}>;


export type GrantChainQuery = { node:
    | { __typename: 'AccessRequest' }
    | { __typename: 'ApiToken' }
    | { __typename: 'Application' }
    | { __typename: 'Delegation' }
    | { __typename: 'Organization' }
    | { __typename: 'RoleAssignment', id: string, role: Role, user: { id: string, name: string }, grantChain: Array<{ reason: string, roleAssignment: { grantedAt: string, id: string, role: Role, user: { id: string, name: string }, organization: { id: string, legalBusinessName: string } | null, userGroup: { id: string, name: string } | null, company: { id: string, name: string } | null, application: { id: string, name: string } | null }, request: { id: string, trackingNumber: string, kind: RequestKind, createdAt: string, decidedAt: string | null, decidedBy: { id: string, name: string } | null } | null, approverRole: { id: string, role: Role, user: { id: string, name: string }, organization: { id: string, legalBusinessName: string } | null, userGroup: { id: string, name: string } | null, company: { id: string, name: string } | null, application: { id: string, name: string } | null } | null }> }
    | { __typename: 'SurrogateCompany' }
    | { __typename: 'User' }
    | { __typename: 'UserGroup' }
    | { __typename: 'Webhook' }
    | { __typename: 'WebhookDelivery' }
   | null };

export type PersonExplanationFieldsFragment = { id: string, name: string, decisionRightCount: number, decisionRights: Array<{ relation: ApproverRelation, kinds: Array<RequestKind>, everywhere: boolean, becauseOf: { id: string, role: Role, organization: { id: string, legalBusinessName: string } | null, userGroup: { id: string, name: string } | null, company: { id: string, name: string } | null, application: { id: string, name: string } | null } }>, departureImpact: { roleCount: number, groupsWithoutAdministratorCount: number, organizationsWithoutSecurityOfficialCount: number, organizationsWithoutAnyOfficialCount: number, companiesWithoutAdministratorCount: number, requestsWithoutApproverCount: number, roles: Array<{ id: string, role: Role, organization: { id: string, legalBusinessName: string } | null, userGroup: { id: string, name: string } | null, company: { id: string, name: string } | null, application: { id: string, name: string } | null }>, groupsWithoutAdministrator: Array<{ id: string, name: string, organization: { legalBusinessName: string } }>, organizationsWithoutSecurityOfficial: Array<{ id: string, legalBusinessName: string }>, organizationsWithoutAnyOfficial: Array<{ id: string, legalBusinessName: string }>, companiesWithoutAdministrator: Array<{ id: string, name: string }>, requestsWithoutApprover: Array<{ id: string, trackingNumber: string, kind: RequestKind, proposedName: string | null, organization: { id: string, legalBusinessName: string } | null, userGroup: { id: string, name: string } | null, company: { id: string, name: string } | null, application: { id: string, name: string } | null }> } | null };

export type ViewerExplanationQueryVariables = Exact<{ [key: string]: never; }>;


export type ViewerExplanationQuery = { viewer: { id: string, name: string, decisionRightCount: number, decisionRights: Array<{ relation: ApproverRelation, kinds: Array<RequestKind>, everywhere: boolean, becauseOf: { id: string, role: Role, organization: { id: string, legalBusinessName: string } | null, userGroup: { id: string, name: string } | null, company: { id: string, name: string } | null, application: { id: string, name: string } | null } }>, departureImpact: { roleCount: number, groupsWithoutAdministratorCount: number, organizationsWithoutSecurityOfficialCount: number, organizationsWithoutAnyOfficialCount: number, companiesWithoutAdministratorCount: number, requestsWithoutApproverCount: number, roles: Array<{ id: string, role: Role, organization: { id: string, legalBusinessName: string } | null, userGroup: { id: string, name: string } | null, company: { id: string, name: string } | null, application: { id: string, name: string } | null }>, groupsWithoutAdministrator: Array<{ id: string, name: string, organization: { legalBusinessName: string } }>, organizationsWithoutSecurityOfficial: Array<{ id: string, legalBusinessName: string }>, organizationsWithoutAnyOfficial: Array<{ id: string, legalBusinessName: string }>, companiesWithoutAdministrator: Array<{ id: string, name: string }>, requestsWithoutApprover: Array<{ id: string, trackingNumber: string, kind: RequestKind, proposedName: string | null, organization: { id: string, legalBusinessName: string } | null, userGroup: { id: string, name: string } | null, company: { id: string, name: string } | null, application: { id: string, name: string } | null }> } | null } | null };

export type HolderExplanationQueryVariables = Exact<{
  roleId: string | number;
}>;


export type HolderExplanationQuery = { node:
    | { __typename: 'AccessRequest' }
    | { __typename: 'ApiToken' }
    | { __typename: 'Application' }
    | { __typename: 'Delegation' }
    | { __typename: 'Organization' }
    | { __typename: 'RoleAssignment', id: string, user: { id: string, name: string, decisionRightCount: number, decisionRights: Array<{ relation: ApproverRelation, kinds: Array<RequestKind>, everywhere: boolean, becauseOf: { id: string, role: Role, organization: { id: string, legalBusinessName: string } | null, userGroup: { id: string, name: string } | null, company: { id: string, name: string } | null, application: { id: string, name: string } | null } }>, departureImpact: { roleCount: number, groupsWithoutAdministratorCount: number, organizationsWithoutSecurityOfficialCount: number, organizationsWithoutAnyOfficialCount: number, companiesWithoutAdministratorCount: number, requestsWithoutApproverCount: number, roles: Array<{ id: string, role: Role, organization: { id: string, legalBusinessName: string } | null, userGroup: { id: string, name: string } | null, company: { id: string, name: string } | null, application: { id: string, name: string } | null }>, groupsWithoutAdministrator: Array<{ id: string, name: string, organization: { legalBusinessName: string } }>, organizationsWithoutSecurityOfficial: Array<{ id: string, legalBusinessName: string }>, organizationsWithoutAnyOfficial: Array<{ id: string, legalBusinessName: string }>, companiesWithoutAdministrator: Array<{ id: string, name: string }>, requestsWithoutApprover: Array<{ id: string, trackingNumber: string, kind: RequestKind, proposedName: string | null, organization: { id: string, legalBusinessName: string } | null, userGroup: { id: string, name: string } | null, company: { id: string, name: string } | null, application: { id: string, name: string } | null }> } | null } }
    | { __typename: 'SurrogateCompany' }
    | { __typename: 'User' }
    | { __typename: 'UserGroup' }
    | { __typename: 'Webhook' }
    | { __typename: 'WebhookDelivery' }
   | null };

export type MailLogAvailableQueryVariables = Exact<{ [key: string]: never; }>;


export type MailLogAvailableQuery = { mailLog: Array<{ subject: string }> | null };

export type OrganizationSummaryFieldsFragment = { id: string, legalBusinessName: string, kind: OrganizationKind, npi: string, tinLast4: string, status: OrganizationStatus, city: string, state: string, atRisk: boolean, orphaned: boolean };

export type UserGroupSummaryFieldsFragment = { id: string, name: string, kind: UserGroupKind, description: string | null, orphaned: boolean, company: { id: string, name: string } | null };

export type ProviderTypeSettingsQueryVariables = Exact<{ [key: string]: never; }>;


export type ProviderTypeSettingsQuery = { providerTypeSettings: Array<{ providerType: ProviderType, open: boolean, reason: string | null }> };

export type QueueCountQueryVariables = Exact<{ [key: string]: never; }>;


export type QueueCountQuery = { approvalQueue: { totalCount: number } };

export type RequestSummaryFieldsFragment = { id: string, trackingNumber: string, kind: RequestKind, proposedName: string | null, organization: { id: string, legalBusinessName: string } | null, userGroup: { id: string, name: string } | null, company: { id: string, name: string } | null, application: { id: string, name: string } | null };

export type RevokeRoleMutationVariables = Exact<{
  input: RevokeRoleInput;
}>;


export type RevokeRoleMutation = { revokeRole: { roleAssignment: { id: string, role: Role, status: RoleStatus } | null, errors: Array<{ code: ErrorCode, message: string, field: Array<string> | null }> } };

export type RoleSummaryFieldsFragment = { id: string, role: Role, organization: { id: string, legalBusinessName: string } | null, userGroup: { id: string, name: string } | null, company: { id: string, name: string } | null, application: { id: string, name: string } | null };

export type UserErrorFieldsFragment = { code: ErrorCode, message: string, field: Array<string> | null };

export type ViewerQueryVariables = Exact<{ [key: string]: never; }>;


export type ViewerQuery = { viewer: { id: string, userId: string | null, name: string, email: string | null, community: Community, emailVerified: boolean, helpDeskRoles: { totalCount: number }, approverRoles: { totalCount: number }, administratorRoles: { totalCount: number } } | null };

export type ViewerCompaniesQueryVariables = Exact<{ [key: string]: never; }>;


export type ViewerCompaniesQuery = { surrogateCompanies: Array<{ id: string }> };

export type ViewerRolesQueryVariables = Exact<{
  first: number;
  roles?: Array<Role> | Role | null | undefined;
  search?: string | null | undefined;
  organizationId?: string | number | null | undefined;
}>;


export type ViewerRolesQuery = { viewer: { id: string, roleAssignments: { totalCount: number, pageInfo: { hasNextPage: boolean }, edges: Array<{ node: { id: string, role: Role, organization: { id: string, legalBusinessName: string } | null, userGroup: { id: string, name: string } | null, application: { id: string } | null } }> } } | null };

export class TypedDocumentString<TResult, TVariables>
  extends String
  implements DocumentTypeDecoration<TResult, TVariables>
{
  __apiType?: NonNullable<DocumentTypeDecoration<TResult, TVariables>['__apiType']>;
  private value: string;
  public __meta__?: Record<string, any> | undefined;

  constructor(value: string, __meta__?: Record<string, any> | undefined) {
    super(value);
    this.value = value;
    this.__meta__ = __meta__;
  }

  override toString(): string & DocumentTypeDecoration<TResult, TVariables> {
    return this.value;
  }
}
export const RequestSummaryFieldsFragmentDoc = new TypedDocumentString(`
    fragment RequestSummaryFields on AccessRequest {
  id
  trackingNumber
  kind
  proposedName
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
    `, {"fragmentName":"RequestSummaryFields"}) as unknown as TypedDocumentString<RequestSummaryFieldsFragment, unknown>;
export const SubmittedRequestFragmentDoc = new TypedDocumentString(`
    fragment SubmittedRequest on AccessRequest {
  ...RequestSummaryFields
  status
  organization {
    status
  }
  approvers {
    id
    name
  }
}
    fragment RequestSummaryFields on AccessRequest {
  id
  trackingNumber
  kind
  proposedName
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
}`, {"fragmentName":"SubmittedRequest"}) as unknown as TypedDocumentString<SubmittedRequestFragment, unknown>;
export const UserErrorFieldsFragmentDoc = new TypedDocumentString(`
    fragment UserErrorFields on UserError {
  code
  message
  field
}
    `, {"fragmentName":"UserErrorFields"}) as unknown as TypedDocumentString<UserErrorFieldsFragment, unknown>;
export const SignedInFieldsFragmentDoc = new TypedDocumentString(`
    fragment SignedInFields on ViewerPayload {
  viewer {
    id
    userId
    name
    emailVerified
  }
  errors {
    ...UserErrorFields
  }
}
    fragment UserErrorFields on UserError {
  code
  message
  field
}`, {"fragmentName":"SignedInFields"}) as unknown as TypedDocumentString<SignedInFieldsFragment, unknown>;
export const DecidedRequestFragmentDoc = new TypedDocumentString(`
    fragment DecidedRequest on RequestPayload {
  request {
    id
    trackingNumber
    status
  }
  errors {
    ...UserErrorFields
  }
}
    fragment UserErrorFields on UserError {
  code
  message
  field
}`, {"fragmentName":"DecidedRequest"}) as unknown as TypedDocumentString<DecidedRequestFragment, unknown>;
export const RoleSummaryFieldsFragmentDoc = new TypedDocumentString(`
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
    `, {"fragmentName":"RoleSummaryFields"}) as unknown as TypedDocumentString<RoleSummaryFieldsFragment, unknown>;
export const PersonExplanationFieldsFragmentDoc = new TypedDocumentString(`
    fragment PersonExplanationFields on User {
  id
  name
  decisionRights(first: 25) {
    relation
    kinds
    everywhere
    becauseOf {
      ...RoleSummaryFields
    }
  }
  decisionRightCount
  departureImpact {
    roles(first: 25) {
      ...RoleSummaryFields
    }
    roleCount
    groupsWithoutAdministrator(first: 25) {
      id
      name
      organization {
        legalBusinessName
      }
    }
    groupsWithoutAdministratorCount
    organizationsWithoutSecurityOfficial(first: 25) {
      id
      legalBusinessName
    }
    organizationsWithoutSecurityOfficialCount
    organizationsWithoutAnyOfficial(first: 25) {
      id
      legalBusinessName
    }
    organizationsWithoutAnyOfficialCount
    companiesWithoutAdministrator(first: 25) {
      id
      name
    }
    companiesWithoutAdministratorCount
    requestsWithoutApprover(first: 25) {
      ...RequestSummaryFields
    }
    requestsWithoutApproverCount
  }
}
    fragment RequestSummaryFields on AccessRequest {
  id
  trackingNumber
  kind
  proposedName
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
}`, {"fragmentName":"PersonExplanationFields"}) as unknown as TypedDocumentString<PersonExplanationFieldsFragment, unknown>;
export const OrganizationSummaryFieldsFragmentDoc = new TypedDocumentString(`
    fragment OrganizationSummaryFields on Organization {
  id
  legalBusinessName
  kind
  npi
  tinLast4
  status
  city
  state
  atRisk
  orphaned
}
    `, {"fragmentName":"OrganizationSummaryFields"}) as unknown as TypedDocumentString<OrganizationSummaryFieldsFragment, unknown>;
export const UserGroupSummaryFieldsFragmentDoc = new TypedDocumentString(`
    fragment UserGroupSummaryFields on UserGroup {
  id
  name
  kind
  description
  orphaned
  company {
    id
    name
  }
}
    `, {"fragmentName":"UserGroupSummaryFields"}) as unknown as TypedDocumentString<UserGroupSummaryFieldsFragment, unknown>;
export const RequestOrganizationRegistrationDocument = new TypedDocumentString(`
    mutation RequestOrganizationRegistration($input: OrganizationRegistrationInput!) {
  requestOrganizationRegistration(input: $input) {
    request {
      ...SubmittedRequest
    }
    errors {
      ...UserErrorFields
    }
  }
}
    fragment SubmittedRequest on AccessRequest {
  ...RequestSummaryFields
  status
  organization {
    status
  }
  approvers {
    id
    name
  }
}
fragment RequestSummaryFields on AccessRequest {
  id
  trackingNumber
  kind
  proposedName
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
fragment UserErrorFields on UserError {
  code
  message
  field
}`, {"hash":"sha256:3992d0da03068429a5675e37728305a002aaad09d2de1203b4be0e3712e80cb2"}) as unknown as TypedDocumentString<RequestOrganizationRegistrationMutation, RequestOrganizationRegistrationMutationVariables>;
export const RequestBackupSecurityOfficialDocument = new TypedDocumentString(`
    mutation RequestBackupSecurityOfficial($input: OrganizationRefInput!) {
  requestBackupSecurityOfficial(input: $input) {
    request {
      ...SubmittedRequest
    }
    errors {
      ...UserErrorFields
    }
  }
}
    fragment SubmittedRequest on AccessRequest {
  ...RequestSummaryFields
  status
  organization {
    status
  }
  approvers {
    id
    name
  }
}
fragment RequestSummaryFields on AccessRequest {
  id
  trackingNumber
  kind
  proposedName
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
fragment UserErrorFields on UserError {
  code
  message
  field
}`, {"hash":"sha256:8f4073195034b0c472744d0d490788f8f2d40dc7a2836d1210bcfd3a50780dd6"}) as unknown as TypedDocumentString<RequestBackupSecurityOfficialMutation, RequestBackupSecurityOfficialMutationVariables>;
export const RequestSecurityOfficialSuccessionDocument = new TypedDocumentString(`
    mutation RequestSecurityOfficialSuccession($input: OrganizationRefInput!) {
  requestSecurityOfficialSuccession(input: $input) {
    request {
      ...SubmittedRequest
    }
    errors {
      ...UserErrorFields
    }
  }
}
    fragment SubmittedRequest on AccessRequest {
  ...RequestSummaryFields
  status
  organization {
    status
  }
  approvers {
    id
    name
  }
}
fragment RequestSummaryFields on AccessRequest {
  id
  trackingNumber
  kind
  proposedName
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
fragment UserErrorFields on UserError {
  code
  message
  field
}`, {"hash":"sha256:494e7f5a3e35d3e0cf2e1a6e44a7ec871dccbd2cff8389fa24a1bc09e1bb4073"}) as unknown as TypedDocumentString<RequestSecurityOfficialSuccessionMutation, RequestSecurityOfficialSuccessionMutationVariables>;
export const RequestUserGroupDocument = new TypedDocumentString(`
    mutation RequestUserGroup($input: NewUserGroupInput!) {
  requestUserGroup(input: $input) {
    request {
      ...SubmittedRequest
    }
    errors {
      ...UserErrorFields
    }
  }
}
    fragment SubmittedRequest on AccessRequest {
  ...RequestSummaryFields
  status
  organization {
    status
  }
  approvers {
    id
    name
  }
}
fragment RequestSummaryFields on AccessRequest {
  id
  trackingNumber
  kind
  proposedName
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
fragment UserErrorFields on UserError {
  code
  message
  field
}`, {"hash":"sha256:2df19333036d334d134fba0dabc17e396e9003759fd890643effa8cbf58f8aab"}) as unknown as TypedDocumentString<RequestUserGroupMutation, RequestUserGroupMutationVariables>;
export const RequestUserGroupAdministrationDocument = new TypedDocumentString(`
    mutation RequestUserGroupAdministration($input: UserGroupRefInput!) {
  requestUserGroupAdministration(input: $input) {
    request {
      ...SubmittedRequest
    }
    errors {
      ...UserErrorFields
    }
  }
}
    fragment SubmittedRequest on AccessRequest {
  ...RequestSummaryFields
  status
  organization {
    status
  }
  approvers {
    id
    name
  }
}
fragment RequestSummaryFields on AccessRequest {
  id
  trackingNumber
  kind
  proposedName
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
fragment UserErrorFields on UserError {
  code
  message
  field
}`, {"hash":"sha256:890c342f39d78c516e7163893635530d85aca2466c559978bfc0cefce2e70a60"}) as unknown as TypedDocumentString<RequestUserGroupAdministrationMutation, RequestUserGroupAdministrationMutationVariables>;
export const RequestUserGroupMembershipDocument = new TypedDocumentString(`
    mutation RequestUserGroupMembership($input: UserGroupRefInput!) {
  requestUserGroupMembership(input: $input) {
    request {
      ...SubmittedRequest
    }
    errors {
      ...UserErrorFields
    }
  }
}
    fragment SubmittedRequest on AccessRequest {
  ...RequestSummaryFields
  status
  organization {
    status
  }
  approvers {
    id
    name
  }
}
fragment RequestSummaryFields on AccessRequest {
  id
  trackingNumber
  kind
  proposedName
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
fragment UserErrorFields on UserError {
  code
  message
  field
}`, {"hash":"sha256:d0160f9d77d7aa22373809b96934c40e2ca0686b66b66d8f6bc431ceee6dafb0"}) as unknown as TypedDocumentString<RequestUserGroupMembershipMutation, RequestUserGroupMembershipMutationVariables>;
export const RequestSurrogateUserGroupsDocument = new TypedDocumentString(`
    mutation RequestSurrogateUserGroups($input: SurrogateUserGroupsInput!) {
  requestSurrogateUserGroups(input: $input) {
    requests {
      ...SubmittedRequest
    }
    errors {
      ...UserErrorFields
    }
  }
}
    fragment SubmittedRequest on AccessRequest {
  ...RequestSummaryFields
  status
  organization {
    status
  }
  approvers {
    id
    name
  }
}
fragment RequestSummaryFields on AccessRequest {
  id
  trackingNumber
  kind
  proposedName
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
fragment UserErrorFields on UserError {
  code
  message
  field
}`, {"hash":"sha256:1cbfd470d55662b8f168a72b0275fb206efe8e36d29b9168849f47bfc7e0e08e"}) as unknown as TypedDocumentString<RequestSurrogateUserGroupsMutation, RequestSurrogateUserGroupsMutationVariables>;
export const RequestSurrogateCompanyMembershipDocument = new TypedDocumentString(`
    mutation RequestSurrogateCompanyMembership($input: CompanyRefInput!) {
  requestSurrogateCompanyMembership(input: $input) {
    request {
      ...SubmittedRequest
    }
    errors {
      ...UserErrorFields
    }
  }
}
    fragment SubmittedRequest on AccessRequest {
  ...RequestSummaryFields
  status
  organization {
    status
  }
  approvers {
    id
    name
  }
}
fragment RequestSummaryFields on AccessRequest {
  id
  trackingNumber
  kind
  proposedName
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
fragment UserErrorFields on UserError {
  code
  message
  field
}`, {"hash":"sha256:e023c47470ffe22cf0a64fd8e70ebd3b6e8cb26ae57934cdebedcf93e9e8a6c0"}) as unknown as TypedDocumentString<RequestSurrogateCompanyMembershipMutation, RequestSurrogateCompanyMembershipMutationVariables>;
export const RequestCompanyAdministrationDocument = new TypedDocumentString(`
    mutation RequestCompanyAdministration($input: CompanyRefInput!) {
  requestCompanyAdministration(input: $input) {
    request {
      ...SubmittedRequest
    }
    errors {
      ...UserErrorFields
    }
  }
}
    fragment SubmittedRequest on AccessRequest {
  ...RequestSummaryFields
  status
  organization {
    status
  }
  approvers {
    id
    name
  }
}
fragment RequestSummaryFields on AccessRequest {
  id
  trackingNumber
  kind
  proposedName
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
fragment UserErrorFields on UserError {
  code
  message
  field
}`, {"hash":"sha256:94e85c85280cb7e2dea9eaacc1da19b5dd1abdbbcdb50d70157853ab0163ee6c"}) as unknown as TypedDocumentString<RequestCompanyAdministrationMutation, RequestCompanyAdministrationMutationVariables>;
export const RequestIndividualPractitionerDocument = new TypedDocumentString(`
    mutation RequestIndividualPractitioner($input: IndividualPractitionerInput!) {
  requestIndividualPractitioner(input: $input) {
    request {
      ...SubmittedRequest
    }
    errors {
      ...UserErrorFields
    }
  }
}
    fragment SubmittedRequest on AccessRequest {
  ...RequestSummaryFields
  status
  organization {
    status
  }
  approvers {
    id
    name
  }
}
fragment RequestSummaryFields on AccessRequest {
  id
  trackingNumber
  kind
  proposedName
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
fragment UserErrorFields on UserError {
  code
  message
  field
}`, {"hash":"sha256:6ed94dd066bc4f69de17fa86c9a09a331d014fa517d81310ba2f6c7bed633d1b"}) as unknown as TypedDocumentString<RequestIndividualPractitionerMutation, RequestIndividualPractitionerMutationVariables>;
export const RequestApplicationAccessDocument = new TypedDocumentString(`
    mutation RequestApplicationAccess($input: ApplicationAccessInput!) {
  requestApplicationAccess(input: $input) {
    request {
      ...SubmittedRequest
    }
    errors {
      ...UserErrorFields
    }
  }
}
    fragment SubmittedRequest on AccessRequest {
  ...RequestSummaryFields
  status
  organization {
    status
  }
  approvers {
    id
    name
  }
}
fragment RequestSummaryFields on AccessRequest {
  id
  trackingNumber
  kind
  proposedName
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
fragment UserErrorFields on UserError {
  code
  message
  field
}`, {"hash":"sha256:a9756495691fd635e5f33b1e10ed2698f3e229fdff7afeb368792d4e92189863"}) as unknown as TypedDocumentString<RequestApplicationAccessMutation, RequestApplicationAccessMutationVariables>;
export const SearchOrganizationsDocument = new TypedDocumentString(`
    query SearchOrganizations($search: String!) {
  organizations(search: $search, first: 20) {
    totalCount
    edges {
      node {
        id
        legalBusinessName
        kind
        npi
        city
        state
      }
    }
  }
}
    `, {"hash":"sha256:b854d1521f4ec5a5ea9d746527e5b09501f8603306bc9535eacbd596939299fe"}) as unknown as TypedDocumentString<SearchOrganizationsQuery, SearchOrganizationsQueryVariables>;
export const OrganizationGroupsDocument = new TypedDocumentString(`
    query OrganizationGroups($id: ID!) {
  node(id: $id) {
    __typename
    ... on Organization {
      id
      userGroups {
        ...UserGroupSummaryFields
      }
    }
  }
}
    fragment UserGroupSummaryFields on UserGroup {
  id
  name
  kind
  description
  orphaned
  company {
    id
    name
  }
}`, {"hash":"sha256:abd9efdeae377a1558ad6ca5b6cef98325c8be8fa84f27a3ba5b00153b5d8733"}) as unknown as TypedDocumentString<OrganizationGroupsQuery, OrganizationGroupsQueryVariables>;
export const SearchCompaniesDocument = new TypedDocumentString(`
    query SearchCompanies($search: String!) {
  companySearch(search: $search) {
    id
    name
    tinLast4
    orphaned
  }
}
    `, {"hash":"sha256:f297d4d2da30b7ca362d184faa809e6df40d0eaa1ba5cea564f0154700ba7c0c"}) as unknown as TypedDocumentString<SearchCompaniesQuery, SearchCompaniesQueryVariables>;
export const MyCompaniesDocument = new TypedDocumentString(`
    query MyCompanies {
  surrogateCompanies {
    id
    name
    tinLast4
  }
}
    `, {"hash":"sha256:07e7a397391983dec7edbb889bc5edb8c032020f208130061abdeda439225011"}) as unknown as TypedDocumentString<MyCompaniesQuery, MyCompaniesQueryVariables>;
export const ApplicationsDocument = new TypedDocumentString(`
    query Applications {
  applications {
    id
    code
    name
    open
    closedReason
  }
}
    `, {"hash":"sha256:08e01bbab64fa5002e8ddedc4c4d1e2cf4b5f25df07ff27e2634b99f59132a74"}) as unknown as TypedDocumentString<ApplicationsQuery, ApplicationsQueryVariables>;
export const AuditEventsDocument = new TypedDocumentString(`
    query AuditEvents($first: Int, $after: String, $actions: [String!], $organizationId: ID) {
  auditEvents(
    first: $first
    after: $after
    actions: $actions
    organizationId: $organizationId
  ) {
    totalCount
    pageInfo {
      hasNextPage
      endCursor
    }
    edges {
      node {
        id
        occurredAt
        action
        details
        actor {
          id
          name
        }
        subjectUser {
          id
          name
        }
        organization {
          id
          legalBusinessName
        }
        request {
          id
          trackingNumber
        }
      }
    }
  }
}
    `, {"hash":"sha256:c24498ff49ba8eb91384166d5bb74fd0b64f9e7ddcb0ba844989ed4ba1278b95"}) as unknown as TypedDocumentString<AuditEventsQuery, AuditEventsQueryVariables>;
export const RegisterAccountDocument = new TypedDocumentString(`
    mutation RegisterAccount($input: RegisterAccountInput!) {
  registerAccount(input: $input) {
    ...SignedInFields
  }
}
    fragment SignedInFields on ViewerPayload {
  viewer {
    id
    userId
    name
    emailVerified
  }
  errors {
    ...UserErrorFields
  }
}
fragment UserErrorFields on UserError {
  code
  message
  field
}`, {"hash":"sha256:0a2d2f6a2cc843f8194bd4cb2c859188a5f7b0dbb709a25e60c019ea833cdc2f"}) as unknown as TypedDocumentString<RegisterAccountMutation, RegisterAccountMutationVariables>;
export const ResendVerificationCodeDocument = new TypedDocumentString(`
    mutation ResendVerificationCode {
  resendVerificationCode {
    viewer {
      id
    }
    errors {
      ...UserErrorFields
    }
  }
}
    fragment UserErrorFields on UserError {
  code
  message
  field
}`, {"hash":"sha256:93a0ed36fe559ad11addecb1679fe0c3b5ff401b70163725110ad01ad4a22e25"}) as unknown as TypedDocumentString<ResendVerificationCodeMutation, ResendVerificationCodeMutationVariables>;
export const SignInDocument = new TypedDocumentString(`
    mutation SignIn($input: SignInInput!) {
  signIn(input: $input) {
    ...SignedInFields
  }
}
    fragment SignedInFields on ViewerPayload {
  viewer {
    id
    userId
    name
    emailVerified
  }
  errors {
    ...UserErrorFields
  }
}
fragment UserErrorFields on UserError {
  code
  message
  field
}`, {"hash":"sha256:786215e065ecf7dd505a59b516bf920047c768822b40a01286bc06c69429c6c6"}) as unknown as TypedDocumentString<SignInMutation, SignInMutationVariables>;
export const SignOutDocument = new TypedDocumentString(`
    mutation SignOut {
  signOut
}
    `, {"hash":"sha256:39300be1f6ff47633a8c264de2a924d5b71367b646d3bf86d82d7c51c6543956"}) as unknown as TypedDocumentString<SignOutMutation, SignOutMutationVariables>;
export const VerifyEmailDocument = new TypedDocumentString(`
    mutation VerifyEmail($input: VerifyEmailInput!) {
  verifyEmail(input: $input) {
    viewer {
      id
      emailVerified
    }
    errors {
      ...UserErrorFields
    }
  }
}
    fragment UserErrorFields on UserError {
  code
  message
  field
}`, {"hash":"sha256:1162b2054c19e04ab3dab5cd72a69c733b373606ed148d2b0a0c3afa79566f36"}) as unknown as TypedDocumentString<VerifyEmailMutation, VerifyEmailMutationVariables>;
export const CompanyDashboardDocument = new TypedDocumentString(`
    query CompanyDashboard {
  surrogateCompanies {
    id
    name
    tinLast4
    atRisk
    orphaned
    administrators {
      id
      name
    }
    associationCounts {
      status
      count
    }
  }
}
    `, {"hash":"sha256:45af3fbe8bfc26416bec87b927d30f4aacfe3037816db245066a22d40e6dfe84"}) as unknown as TypedDocumentString<CompanyDashboardQuery, CompanyDashboardQueryVariables>;
export const CompanyAssociationsDocument = new TypedDocumentString(`
    query CompanyAssociations($companyId: ID!, $first: Int, $after: String, $search: String, $state: String, $status: RequestStatus) {
  node(id: $companyId) {
    ... on SurrogateCompany {
      id
      associations(
        first: $first
        after: $after
        search: $search
        state: $state
        status: $status
      ) {
        totalCount
        pageInfo {
          hasNextPage
          endCursor
        }
        edges {
          node {
            status
            organization {
              id
              legalBusinessName
              city
              state
              npi
            }
            userGroup {
              id
              name
              members(first: 5) {
                totalCount
                edges {
                  node {
                    id
                    name
                    email
                  }
                }
              }
            }
            request {
              id
              trackingNumber
              createdAt
              decidedAt
              reason
              decidedBy {
                id
                name
              }
              approvers {
                id
                name
              }
            }
          }
        }
      }
    }
  }
}
    `, {"hash":"sha256:700cb99cbe51e010ee644579d0c0c09add98fe17668df462020fa80c7a7fd782"}) as unknown as TypedDocumentString<CompanyAssociationsQuery, CompanyAssociationsQueryVariables>;
export const CertificationQueueDocument = new TypedDocumentString(`
    query CertificationQueue($first: Int, $after: String) {
  certificationQueue(first: $first, after: $after) {
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
        certifiedAt
        suspendedAt
        canRevoke
        user {
          id
          name
          email
        }
      }
    }
  }
}
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
}`, {"hash":"sha256:f05570eaf4031a8af957050c6f5b0d63c384aa77c49e275f59cdbe7aa66e3f92"}) as unknown as TypedDocumentString<CertificationQueueQuery, CertificationQueueQueryVariables>;
export const CertifyRolesDocument = new TypedDocumentString(`
    mutation CertifyRoles($input: CertifyRolesInput!) {
  certifyRoles(input: $input) {
    roleAssignments {
      id
      status
      certifyBy
    }
    errors {
      ...UserErrorFields
    }
  }
}
    fragment UserErrorFields on UserError {
  code
  message
  field
}`, {"hash":"sha256:f9740dc3dab789b561bdc2e3dbcead2e61c36d5ab635cbe872e9aebe24deef87"}) as unknown as TypedDocumentString<CertifyRolesMutation, CertifyRolesMutationVariables>;
export const MailLogDocument = new TypedDocumentString(`
    query MailLog($first: Int) {
  mailLog(first: $first) {
    to
    subject
    body
    template
    createdAt
    sentAt
    attempts
    lastError
  }
}
    `, {"hash":"sha256:025b0b92733da1b02644f0667bd57b0941e940dd08098821ab47f1390bf4d6e8"}) as unknown as TypedDocumentString<MailLogQuery, MailLogQueryVariables>;
export const OrganizationPageDocument = new TypedDocumentString(`
    query OrganizationPage($id: ID!) {
  node(id: $id) {
    __typename
    ... on Organization {
      ...OrganizationSummaryFields
      providerType
      community
      securityOfficial {
        id
        name
      }
      backupSecurityOfficials {
        id
        name
      }
      officials {
        id
        role
        grantedAt
        certifyBy
        canRevoke
        user {
          id
          name
          email
          active
        }
        grantedBy {
          id
          name
        }
      }
      userGroups {
        ...UserGroupSummaryFields
        company {
          tinLast4
        }
        administrators {
          id
          name
        }
        roleAssignments {
          id
          role
          grantedAt
          canRevoke
          user {
            id
            name
            email
          }
          application {
            id
            name
          }
        }
        members(first: 100) {
          totalCount
          edges {
            node {
              id
              name
              email
            }
          }
        }
      }
    }
  }
}
    fragment OrganizationSummaryFields on Organization {
  id
  legalBusinessName
  kind
  npi
  tinLast4
  status
  city
  state
  atRisk
  orphaned
}
fragment UserGroupSummaryFields on UserGroup {
  id
  name
  kind
  description
  orphaned
  company {
    id
    name
  }
}`, {"hash":"sha256:6fca185b8e63c190b955cc73034ca9bbf9f7ca205446158087cec82eb1eb0906"}) as unknown as TypedDocumentString<OrganizationPageQuery, OrganizationPageQueryVariables>;
export const ProfileDocument = new TypedDocumentString(`
    query Profile {
  viewer {
    id
    name
    email
    phone
    pendingEmail
    userId
  }
}
    `, {"hash":"sha256:8607e830917ab98fca3d2be4febb714b792cc70cdcfd02fc3b06b5e61ef4e2de"}) as unknown as TypedDocumentString<ProfileQuery, ProfileQueryVariables>;
export const UpdateProfileDocument = new TypedDocumentString(`
    mutation UpdateProfile($input: UpdateProfileInput!) {
  updateProfile(input: $input) {
    viewer {
      id
      name
      phone
    }
    errors {
      ...UserErrorFields
    }
  }
}
    fragment UserErrorFields on UserError {
  code
  message
  field
}`, {"hash":"sha256:2f0bc64dc8920a9ded2c4e2f74deef75f22258f6bf66dbf8f617d63416f75ef0"}) as unknown as TypedDocumentString<UpdateProfileMutation, UpdateProfileMutationVariables>;
export const ChangePasswordDocument = new TypedDocumentString(`
    mutation ChangePassword($input: ChangePasswordInput!) {
  changePassword(input: $input) {
    viewer {
      id
    }
    errors {
      ...UserErrorFields
    }
  }
}
    fragment UserErrorFields on UserError {
  code
  message
  field
}`, {"hash":"sha256:d6bc2b46317287375d44be1f0d04c4b82b83244925dfa1ca58928da1a798b595"}) as unknown as TypedDocumentString<ChangePasswordMutation, ChangePasswordMutationVariables>;
export const RequestEmailChangeDocument = new TypedDocumentString(`
    mutation RequestEmailChange($input: RequestEmailChangeInput!) {
  requestEmailChange(input: $input) {
    viewer {
      id
      pendingEmail
    }
    errors {
      ...UserErrorFields
    }
  }
}
    fragment UserErrorFields on UserError {
  code
  message
  field
}`, {"hash":"sha256:41e2256c9f6a49923ce7b12cd00f41ada81252ef49644334bcf30f05c9642e44"}) as unknown as TypedDocumentString<RequestEmailChangeMutation, RequestEmailChangeMutationVariables>;
export const ConfirmEmailChangeDocument = new TypedDocumentString(`
    mutation ConfirmEmailChange($input: VerifyEmailInput!) {
  confirmEmailChange(input: $input) {
    viewer {
      id
      email
      pendingEmail
    }
    errors {
      ...UserErrorFields
    }
  }
}
    fragment UserErrorFields on UserError {
  code
  message
  field
}`, {"hash":"sha256:017a90eff77930e8812db1ea1fe7aefd1d4b0c8886b477e8bcd5e1ba615869b1"}) as unknown as TypedDocumentString<ConfirmEmailChangeMutation, ConfirmEmailChangeMutationVariables>;
export const ApiTokensDocument = new TypedDocumentString(`
    query ApiTokens {
  viewer {
    id
    apiTokens {
      id
      name
      createdAt
      expiresAt
      lastUsedAt
    }
  }
}
    `, {"hash":"sha256:2e60ea09df57d62f4104cda24547a94493469bad87caa82a70d793f642bb1761"}) as unknown as TypedDocumentString<ApiTokensQuery, ApiTokensQueryVariables>;
export const CreateApiTokenDocument = new TypedDocumentString(`
    mutation CreateApiToken($input: CreateApiTokenInput!) {
  createApiToken(input: $input) {
    token {
      id
      name
      expiresAt
    }
    secret
    errors {
      ...UserErrorFields
    }
  }
}
    fragment UserErrorFields on UserError {
  code
  message
  field
}`, {"hash":"sha256:2abf223882519bef89ee54fe2b3e0c687e823b6cac024278270e9cacf571253c"}) as unknown as TypedDocumentString<CreateApiTokenMutation, CreateApiTokenMutationVariables>;
export const RevokeApiTokenDocument = new TypedDocumentString(`
    mutation RevokeApiToken($input: NodeRefInput!) {
  revokeApiToken(input: $input) {
    token {
      id
    }
    errors {
      ...UserErrorFields
    }
  }
}
    fragment UserErrorFields on UserError {
  code
  message
  field
}`, {"hash":"sha256:5540bcea3ae8c74a06e55643a3a1894170d61f473a39cbd023a3557eda314f38"}) as unknown as TypedDocumentString<RevokeApiTokenMutation, RevokeApiTokenMutationVariables>;
export const CompaniesAtRiskDocument = new TypedDocumentString(`
    query CompaniesAtRisk {
  surrogateCompaniesAtRisk {
    id
    name
    tinLast4
    atRisk
    orphaned
    administrators {
      id
      name
    }
  }
}
    `, {"hash":"sha256:cf0a086fae833005f7f7d01570ed6231feb2ca5039bd80f6b13965123083f062"}) as unknown as TypedDocumentString<CompaniesAtRiskQuery, CompaniesAtRiskQueryVariables>;
export const DelegatedToMeDocument = new TypedDocumentString(`
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
}`, {"hash":"sha256:b81291a2c1ada62a0eb004a4e3521c87be41edd04a3340e6ba5dc1b6080fbef3"}) as unknown as TypedDocumentString<DelegatedToMeQuery, DelegatedToMeQueryVariables>;
export const HelpDeskLookupDocument = new TypedDocumentString(`
    query HelpDeskLookup($query: String!) {
  helpDeskLookup(query: $query) {
    people {
      id
      userId
      name
      email
      community
      emailVerified
      lockedUntil
      roles {
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
      }
    }
    organizations {
      ...OrganizationSummaryFields
    }
    requests {
      ...RequestSummaryFields
      status
      createdAt
      requester {
        id
        name
      }
    }
  }
}
    fragment OrganizationSummaryFields on Organization {
  id
  legalBusinessName
  kind
  npi
  tinLast4
  status
  city
  state
  atRisk
  orphaned
}
fragment RequestSummaryFields on AccessRequest {
  id
  trackingNumber
  kind
  proposedName
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
}`, {"hash":"sha256:39832e4eec608793a12b068b0e336ecd31ee8c0a3a4749f93be46966858802f5"}) as unknown as TypedDocumentString<HelpDeskLookupQuery, HelpDeskLookupQueryVariables>;
export const UnlockAccountDocument = new TypedDocumentString(`
    mutation UnlockAccount($input: UserRefInput!) {
  unlockAccount(input: $input) {
    user {
      id
      name
    }
    errors {
      ...UserErrorFields
    }
  }
}
    fragment UserErrorFields on UserError {
  code
  message
  field
}`, {"hash":"sha256:b8b1577e62adb65cd1a4db0ecb76c3d92661510cd7275c41e4a9090bd179503c"}) as unknown as TypedDocumentString<UnlockAccountMutation, UnlockAccountMutationVariables>;
export const ApprovalQueueEventsDocument = new TypedDocumentString(`
    subscription ApprovalQueueEvents {
  approvalQueue {
    kind
    requestId
    totalCount
    request {
      ...RequestSummaryFields
      status
      requester {
        name
      }
      decidedBy {
        id
      }
    }
  }
}
    fragment RequestSummaryFields on AccessRequest {
  id
  trackingNumber
  kind
  proposedName
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
}`, {"hash":"sha256:6c2bb9e21b21cd061b4a7ba832f846aed6dfa1c2672eb5c945ab64ed75c992ef"}) as unknown as TypedDocumentString<ApprovalQueueEventsSubscription, ApprovalQueueEventsSubscriptionVariables>;
export const ApprovalQueueDocument = new TypedDocumentString(`
    query ApprovalQueue($first: Int, $after: String, $kinds: [RequestKind!], $organizationId: ID) {
  approvalQueue(
    first: $first
    after: $after
    kinds: $kinds
    organizationId: $organizationId
  ) {
    totalCount
    pageInfo {
      hasNextPage
      endCursor
    }
    edges {
      node {
        ...RequestSummaryFields
        status
        createdAt
        expiresAt
        canDecide
        justification
        requestedEndsAt
        escalatedAt
        organization {
          status
          city
          state
          npi
        }
        company {
          tinLast4
        }
        requester {
          id
          userId
          name
          email
          roles {
            ...RoleSummaryFields
            grantedAt
          }
          requests(first: 6) {
            totalCount
            edges {
              node {
                ...RequestSummaryFields
                status
                createdAt
                reason
              }
            }
          }
        }
      }
    }
  }
}
    fragment RequestSummaryFields on AccessRequest {
  id
  trackingNumber
  kind
  proposedName
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
}`, {"hash":"sha256:62fabb67b86f7434f7b74bd8c83f4c025687c4c232bc0adccdc8e61d6147eff9"}) as unknown as TypedDocumentString<ApprovalQueueQuery, ApprovalQueueQueryVariables>;
export const ApproveRequestDocument = new TypedDocumentString(`
    mutation ApproveRequest($input: DecisionInput!) {
  approveRequest(input: $input) {
    ...DecidedRequest
  }
}
    fragment DecidedRequest on RequestPayload {
  request {
    id
    trackingNumber
    status
  }
  errors {
    ...UserErrorFields
  }
}
fragment UserErrorFields on UserError {
  code
  message
  field
}`, {"hash":"sha256:064fb6d5618c3e455769c1b99a7ae7445f9856a8c4d458a13e96cb262966e719"}) as unknown as TypedDocumentString<ApproveRequestMutation, ApproveRequestMutationVariables>;
export const DenyRequestDocument = new TypedDocumentString(`
    mutation DenyRequest($input: DecisionInput!) {
  denyRequest(input: $input) {
    ...DecidedRequest
  }
}
    fragment DecidedRequest on RequestPayload {
  request {
    id
    trackingNumber
    status
  }
  errors {
    ...UserErrorFields
  }
}
fragment UserErrorFields on UserError {
  code
  message
  field
}`, {"hash":"sha256:ef22c70a69ae536de9dd1d687ee1e5aa7ee9a838847d17e1f683e61cec2e3638"}) as unknown as TypedDocumentString<DenyRequestMutation, DenyRequestMutationVariables>;
export const DecideRequestsDocument = new TypedDocumentString(`
    mutation DecideRequests($input: BulkDecisionInput!) {
  decideRequests(input: $input) {
    requests {
      id
      trackingNumber
      status
    }
    errors {
      ...UserErrorFields
    }
  }
}
    fragment UserErrorFields on UserError {
  code
  message
  field
}`, {"hash":"sha256:9fb2a7cffeb00d074c3513d3190c2d468e5fe75918b395c99b64d66a5be5c14e"}) as unknown as TypedDocumentString<DecideRequestsMutation, DecideRequestsMutationVariables>;
export const StalledOrganizationsDocument = new TypedDocumentString(`
    query StalledOrganizations {
  stalledOrganizations {
    id
    legalBusinessName
    city
    state
  }
}
    `, {"hash":"sha256:a9ad3efd55fa4f4072296988087015f2c721b99ee50bec5cee9c93b4c4069854"}) as unknown as TypedDocumentString<StalledOrganizationsQuery, StalledOrganizationsQueryVariables>;
export const CmsApplicationsDocument = new TypedDocumentString(`
    query CmsApplications {
  applications {
    id
    code
    name
    description
    open
    closedReason
  }
}
    `, {"hash":"sha256:fbb7b6863b1e47a863f9b8b553598534a8cc80710d177c8361c2fb88a25c1ac9"}) as unknown as TypedDocumentString<CmsApplicationsQuery, CmsApplicationsQueryVariables>;
export const SetProviderTypeOpenDocument = new TypedDocumentString(`
    mutation SetProviderTypeOpen($input: ProviderTypeOpenInput!) {
  setProviderTypeOpen(input: $input) {
    setting {
      providerType
      open
      reason
    }
    errors {
      ...UserErrorFields
    }
  }
}
    fragment UserErrorFields on UserError {
  code
  message
  field
}`, {"hash":"sha256:bb3e0c5ab12afee933b8d737ee427a8ac16241ebf971241b4cef47fea9ed72e4"}) as unknown as TypedDocumentString<SetProviderTypeOpenMutation, SetProviderTypeOpenMutationVariables>;
export const PublishApplicationDocument = new TypedDocumentString(`
    mutation PublishApplication($input: PublishApplicationInput!) {
  publishApplication(input: $input) {
    application {
      id
      name
      open
    }
    errors {
      ...UserErrorFields
    }
  }
}
    fragment UserErrorFields on UserError {
  code
  message
  field
}`, {"hash":"sha256:2c750ade77489d348d49fe5bec0ffdd68591c6a7733030e31fbda83f73aff351"}) as unknown as TypedDocumentString<PublishApplicationMutation, PublishApplicationMutationVariables>;
export const SetApplicationOpenDocument = new TypedDocumentString(`
    mutation SetApplicationOpen($input: ApplicationOpenInput!) {
  setApplicationOpen(input: $input) {
    application {
      id
      name
      open
      closedReason
    }
    errors {
      ...UserErrorFields
    }
  }
}
    fragment UserErrorFields on UserError {
  code
  message
  field
}`, {"hash":"sha256:ab269413f5e8d20a62903a527fb460fd387db2440fb64c0a720a7712600724a1"}) as unknown as TypedDocumentString<SetApplicationOpenMutation, SetApplicationOpenMutationVariables>;
export const MyRequestsDocument = new TypedDocumentString(`
    query MyRequests($first: Int, $after: String, $status: RequestStatus) {
  viewer {
    id
    requests(first: $first, after: $after, status: $status) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      edges {
        node {
          ...RequestSummaryFields
          status
          createdAt
          expiresAt
          decidedAt
          reason
          justification
          requestedEndsAt
          escalatedAt
          organization {
            status
          }
          decidedBy {
            id
            name
          }
          onBehalfOf {
            id
            name
          }
          approvers {
            id
            name
          }
        }
      }
    }
  }
}
    fragment RequestSummaryFields on AccessRequest {
  id
  trackingNumber
  kind
  proposedName
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
}`, {"hash":"sha256:2f027f8fd85c3794db993fc5d3502d68dadd8b237b07ca6ceffefae8dc7b70e6"}) as unknown as TypedDocumentString<MyRequestsQuery, MyRequestsQueryVariables>;
export const CancelRequestDocument = new TypedDocumentString(`
    mutation CancelRequest($input: RequestRefInput!) {
  cancelRequest(input: $input) {
    request {
      id
      status
    }
    errors {
      ...UserErrorFields
    }
  }
}
    fragment UserErrorFields on UserError {
  code
  message
  field
}`, {"hash":"sha256:92845f3fe6e891a0c65cf735cb150c47f3c73f5038370856df39a0859bda038d"}) as unknown as TypedDocumentString<CancelRequestMutation, CancelRequestMutationVariables>;
export const MyDelegationsDocument = new TypedDocumentString(`
    query MyDelegations {
  viewer {
    id
    delegations {
      id
      startsAt
      endsAt
      endedAt
      active
      delegator {
        id
        name
      }
      delegate {
        id
        name
      }
      role {
        ...RoleSummaryFields
      }
    }
    delegableRoles: roleAssignments(
      first: 25
      roles: [SECURITY_OFFICIAL, BACKUP_SECURITY_OFFICIAL, USER_GROUP_ADMINISTRATOR]
    ) {
      totalCount
      edges {
        node {
          ...RoleSummaryFields
          status
          delegateCandidates {
            id
            name
          }
        }
      }
    }
  }
}
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
}`, {"hash":"sha256:f376736964f16162dbfc38b2ef4c709f2c4822b996e101060e80ade6d6aea477"}) as unknown as TypedDocumentString<MyDelegationsQuery, MyDelegationsQueryVariables>;
export const CreateDelegationDocument = new TypedDocumentString(`
    mutation CreateDelegation($input: CreateDelegationInput!) {
  createDelegation(input: $input) {
    delegation {
      id
    }
    errors {
      ...UserErrorFields
    }
  }
}
    fragment UserErrorFields on UserError {
  code
  message
  field
}`, {"hash":"sha256:71b7e050494a0d42960e30bb9afabf31b1c4ba066291d2e8ca20ddd374951a84"}) as unknown as TypedDocumentString<CreateDelegationMutation, CreateDelegationMutationVariables>;
export const EndDelegationDocument = new TypedDocumentString(`
    mutation EndDelegation($input: NodeRefInput!) {
  endDelegation(input: $input) {
    delegation {
      id
    }
    errors {
      ...UserErrorFields
    }
  }
}
    fragment UserErrorFields on UserError {
  code
  message
  field
}`, {"hash":"sha256:f9deddae1ee2b55469b06311b895efc2e66e7f3383629cadb273dccef9df438e"}) as unknown as TypedDocumentString<EndDelegationMutation, EndDelegationMutationVariables>;
export const MyRoleAssignmentsDocument = new TypedDocumentString(`
    query MyRoleAssignments($first: Int, $after: String, $search: String, $organizationId: ID) {
  viewer {
    id
    roleAssignments(
      first: $first
      after: $after
      search: $search
      organizationId: $organizationId
    ) {
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
}`, {"hash":"sha256:71a232aaa0eb7d14a463ac8bd55987077ad2c2a830f1b861a40ef18bfe0855c9"}) as unknown as TypedDocumentString<MyRoleAssignmentsQuery, MyRoleAssignmentsQueryVariables>;
export const WebhooksDocument = new TypedDocumentString(`
    query Webhooks {
  webhooks {
    id
    url
    events
    active
    createdAt
    organization {
      id
      legalBusinessName
    }
    deliveries(first: 20) {
      totalCount
      edges {
        node {
          id
          eventId
          event
          createdAt
          status
          attemptCount
          nextAttemptAt
          lastStatusCode
          lastError
          attempts {
            attemptedAt
            statusCode
            error
          }
        }
      }
    }
  }
}
    `, {"hash":"sha256:f30cb0b27e7464e5308f5e95265eedb5577b75304eab96a5d3b307661e10b816"}) as unknown as TypedDocumentString<WebhooksQuery, WebhooksQueryVariables>;
export const WebhookOrganizationsDocument = new TypedDocumentString(`
    query WebhookOrganizations {
  organizations(first: 100) {
    edges {
      node {
        id
        legalBusinessName
      }
    }
  }
}
    `, {"hash":"sha256:93962689f05894a2830eb6301eb7c5d7b647dd5534fb023003542ce4254f0290"}) as unknown as TypedDocumentString<WebhookOrganizationsQuery, WebhookOrganizationsQueryVariables>;
export const CreateWebhookDocument = new TypedDocumentString(`
    mutation CreateWebhook($input: CreateWebhookInput!) {
  createWebhook(input: $input) {
    webhook {
      id
      url
    }
    secret
    errors {
      ...UserErrorFields
    }
  }
}
    fragment UserErrorFields on UserError {
  code
  message
  field
}`, {"hash":"sha256:88aef9a7d782138ece021d0fc7515d1c28c7420030d986fa12a2c43da7505152"}) as unknown as TypedDocumentString<CreateWebhookMutation, CreateWebhookMutationVariables>;
export const DeleteWebhookDocument = new TypedDocumentString(`
    mutation DeleteWebhook($input: NodeRefInput!) {
  deleteWebhook(input: $input) {
    webhook {
      id
      active
    }
    errors {
      ...UserErrorFields
    }
  }
}
    fragment UserErrorFields on UserError {
  code
  message
  field
}`, {"hash":"sha256:f6c224b0988e71ea92a83929b4d3aa463390221e3571c9289cdbe250e6b6ffbe"}) as unknown as TypedDocumentString<DeleteWebhookMutation, DeleteWebhookMutationVariables>;
export const RedeliverWebhookDeliveryDocument = new TypedDocumentString(`
    mutation RedeliverWebhookDelivery($input: NodeRefInput!) {
  redeliverWebhookDelivery(input: $input) {
    delivery {
      id
      status
    }
    errors {
      ...UserErrorFields
    }
  }
}
    fragment UserErrorFields on UserError {
  code
  message
  field
}`, {"hash":"sha256:8d70f103ad585983b91281ff0d31d0a8ab9d66a5294e5cc536486539802c32c5"}) as unknown as TypedDocumentString<RedeliverWebhookDeliveryMutation, RedeliverWebhookDeliveryMutationVariables>;
export const GrantChainDocument = new TypedDocumentString(`
    query GrantChain($id: ID!) {
  node(id: $id) {
    __typename
    ... on RoleAssignment {
      id
      role
      user {
        id
        name
      }
      grantChain {
        reason
        roleAssignment {
          ...RoleSummaryFields
          grantedAt
          user {
            id
            name
          }
        }
        request {
          id
          trackingNumber
          kind
          createdAt
          decidedAt
          decidedBy {
            id
            name
          }
        }
        approverRole {
          ...RoleSummaryFields
          user {
            id
            name
          }
        }
      }
    }
  }
}
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
}`, {"hash":"sha256:bc9b91a4554c254e7bcced72d3f12ce15bcc21ee95d145046fdb71a90c61f264"}) as unknown as TypedDocumentString<GrantChainQuery, GrantChainQueryVariables>;
export const ViewerExplanationDocument = new TypedDocumentString(`
    query ViewerExplanation {
  viewer {
    ...PersonExplanationFields
  }
}
    fragment PersonExplanationFields on User {
  id
  name
  decisionRights(first: 25) {
    relation
    kinds
    everywhere
    becauseOf {
      ...RoleSummaryFields
    }
  }
  decisionRightCount
  departureImpact {
    roles(first: 25) {
      ...RoleSummaryFields
    }
    roleCount
    groupsWithoutAdministrator(first: 25) {
      id
      name
      organization {
        legalBusinessName
      }
    }
    groupsWithoutAdministratorCount
    organizationsWithoutSecurityOfficial(first: 25) {
      id
      legalBusinessName
    }
    organizationsWithoutSecurityOfficialCount
    organizationsWithoutAnyOfficial(first: 25) {
      id
      legalBusinessName
    }
    organizationsWithoutAnyOfficialCount
    companiesWithoutAdministrator(first: 25) {
      id
      name
    }
    companiesWithoutAdministratorCount
    requestsWithoutApprover(first: 25) {
      ...RequestSummaryFields
    }
    requestsWithoutApproverCount
  }
}
fragment RequestSummaryFields on AccessRequest {
  id
  trackingNumber
  kind
  proposedName
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
}`, {"hash":"sha256:19ecd73713fb5ed6de737a7a59b7fd2420fc447a8a483fb5555116fba0640bb0"}) as unknown as TypedDocumentString<ViewerExplanationQuery, ViewerExplanationQueryVariables>;
export const HolderExplanationDocument = new TypedDocumentString(`
    query HolderExplanation($roleId: ID!) {
  node(id: $roleId) {
    __typename
    ... on RoleAssignment {
      id
      user {
        ...PersonExplanationFields
      }
    }
  }
}
    fragment PersonExplanationFields on User {
  id
  name
  decisionRights(first: 25) {
    relation
    kinds
    everywhere
    becauseOf {
      ...RoleSummaryFields
    }
  }
  decisionRightCount
  departureImpact {
    roles(first: 25) {
      ...RoleSummaryFields
    }
    roleCount
    groupsWithoutAdministrator(first: 25) {
      id
      name
      organization {
        legalBusinessName
      }
    }
    groupsWithoutAdministratorCount
    organizationsWithoutSecurityOfficial(first: 25) {
      id
      legalBusinessName
    }
    organizationsWithoutSecurityOfficialCount
    organizationsWithoutAnyOfficial(first: 25) {
      id
      legalBusinessName
    }
    organizationsWithoutAnyOfficialCount
    companiesWithoutAdministrator(first: 25) {
      id
      name
    }
    companiesWithoutAdministratorCount
    requestsWithoutApprover(first: 25) {
      ...RequestSummaryFields
    }
    requestsWithoutApproverCount
  }
}
fragment RequestSummaryFields on AccessRequest {
  id
  trackingNumber
  kind
  proposedName
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
}`, {"hash":"sha256:2048bd442bed3ab4564d59346bb34e1d008a060bd385a9a2e2903cf37ac075e9"}) as unknown as TypedDocumentString<HolderExplanationQuery, HolderExplanationQueryVariables>;
export const MailLogAvailableDocument = new TypedDocumentString(`
    query MailLogAvailable {
  mailLog(first: 0) {
    subject
  }
}
    `, {"hash":"sha256:8ff48d14e3dab4138a2a6b89c5987e8317ef519d7d960d12e56b3ecac48dd005"}) as unknown as TypedDocumentString<MailLogAvailableQuery, MailLogAvailableQueryVariables>;
export const ProviderTypeSettingsDocument = new TypedDocumentString(`
    query ProviderTypeSettings {
  providerTypeSettings {
    providerType
    open
    reason
  }
}
    `, {"hash":"sha256:b1712f4d86ab4c3a1d6feffdb342e5de7b151094cb37bab0f1eb762b072020f2"}) as unknown as TypedDocumentString<ProviderTypeSettingsQuery, ProviderTypeSettingsQueryVariables>;
export const QueueCountDocument = new TypedDocumentString(`
    query QueueCount {
  approvalQueue(first: 0) {
    totalCount
  }
}
    `, {"hash":"sha256:bc118c5f1311d28aedc65f5f5d8359045c4638f39f65701e26eefdc6c3b23179"}) as unknown as TypedDocumentString<QueueCountQuery, QueueCountQueryVariables>;
export const RevokeRoleDocument = new TypedDocumentString(`
    mutation RevokeRole($input: RevokeRoleInput!) {
  revokeRole(input: $input) {
    roleAssignment {
      id
      role
      status
    }
    errors {
      ...UserErrorFields
    }
  }
}
    fragment UserErrorFields on UserError {
  code
  message
  field
}`, {"hash":"sha256:204197f5a17decba39f622ff23fe88713e1c86c9b4c9b64d6a28c3c64618c96f"}) as unknown as TypedDocumentString<RevokeRoleMutation, RevokeRoleMutationVariables>;
export const ViewerDocument = new TypedDocumentString(`
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
    `, {"hash":"sha256:bc5a6ada44195d10852354c835e2ea953dd9186a425b0ee7ac583ea6fd1af685"}) as unknown as TypedDocumentString<ViewerQuery, ViewerQueryVariables>;
export const ViewerCompaniesDocument = new TypedDocumentString(`
    query ViewerCompanies {
  surrogateCompanies {
    id
  }
}
    `, {"hash":"sha256:39f3fa52d2e2f8cbce1bbbfd5572acc3f8f88cdd9df4976b8aa656f02b99c25c"}) as unknown as TypedDocumentString<ViewerCompaniesQuery, ViewerCompaniesQueryVariables>;
export const ViewerRolesDocument = new TypedDocumentString(`
    query ViewerRoles($first: Int!, $roles: [Role!], $search: String, $organizationId: ID) {
  viewer {
    id
    roleAssignments(
      first: $first
      roles: $roles
      search: $search
      organizationId: $organizationId
    ) {
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
    `, {"hash":"sha256:22439201195a5530db43abc0e3e5c0c946c630a4f8068acf6762736c4b8d05f9"}) as unknown as TypedDocumentString<ViewerRolesQuery, ViewerRolesQueryVariables>;