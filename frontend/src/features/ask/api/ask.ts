// Every kind of request a person can make (R6-R23), and what the forms look up to offer choices.
import { useMutation, useQuery } from '@tanstack/react-query';
import { graphql } from '@/gql';
import type { SubmittedRequestFragment } from '@/gql/graphql';
import { execute, sendInput } from '@/lib/execute';

export type SubmittedRequest = SubmittedRequestFragment;

// What the confirmation shows of each request sent.
graphql(`
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
`);

const RequestOrganizationRegistrationDocument = graphql(`
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
`);

const RequestBackupSecurityOfficialDocument = graphql(`
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
`);

const RequestSecurityOfficialSuccessionDocument = graphql(`
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
`);

const RequestUserGroupDocument = graphql(`
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
`);

const RequestUserGroupAdministrationDocument = graphql(`
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
`);

const RequestUserGroupMembershipDocument = graphql(`
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
`);

const RequestSurrogateUserGroupsDocument = graphql(`
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
`);

const RequestSurrogateCompanyMembershipDocument = graphql(`
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
`);

const RequestCompanyAdministrationDocument = graphql(`
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
`);

const RequestIndividualPractitionerDocument = graphql(`
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
`);

const RequestApplicationAccessDocument = graphql(`
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
`);

export function useRequestOrganizationRegistration() {
  return useMutation({
    mutationFn: sendInput(RequestOrganizationRegistrationDocument, 'requestOrganizationRegistration'),
  });
}

/** R40: the optional justification and end date any request may carry. */
export interface RequestTerms {
  justification: string | null;
  endsAt: string | null;
}

const noTerms: RequestTerms = { justification: null, endsAt: null };

/** A request about one organization, group or company (by the input's name of its id), with its terms or none. */
type RequestAbout<K extends string> = Record<K, string> & { terms?: RequestTerms };

const organizationInput = ({ organizationId, terms = noTerms }: RequestAbout<'organizationId'>) => ({
  organizationId,
  ...terms,
});
const userGroupInput = ({ userGroupId, terms = noTerms }: RequestAbout<'userGroupId'>) => ({ userGroupId, ...terms });
const companyInput = ({ companyId, terms = noTerms }: RequestAbout<'companyId'>) => ({ companyId, ...terms });

export function useRequestBackupSecurityOfficial() {
  return useMutation({
    mutationFn: sendInput(RequestBackupSecurityOfficialDocument, 'requestBackupSecurityOfficial', organizationInput),
  });
}

export function useRequestSecurityOfficialSuccession() {
  return useMutation({
    mutationFn: sendInput(
      RequestSecurityOfficialSuccessionDocument,
      'requestSecurityOfficialSuccession',
      organizationInput,
    ),
  });
}

export function useRequestUserGroup() {
  return useMutation({ mutationFn: sendInput(RequestUserGroupDocument, 'requestUserGroup') });
}

export function useRequestUserGroupAdministration() {
  return useMutation({
    mutationFn: sendInput(RequestUserGroupAdministrationDocument, 'requestUserGroupAdministration', userGroupInput),
  });
}

export function useRequestUserGroupMembership() {
  return useMutation({
    mutationFn: sendInput(RequestUserGroupMembershipDocument, 'requestUserGroupMembership', userGroupInput),
  });
}

export function useRequestSurrogateUserGroups() {
  return useMutation({ mutationFn: sendInput(RequestSurrogateUserGroupsDocument, 'requestSurrogateUserGroups') });
}

export function useRequestSurrogateCompanyMembership() {
  return useMutation({
    mutationFn: sendInput(RequestSurrogateCompanyMembershipDocument, 'requestSurrogateCompanyMembership', companyInput),
  });
}

/** R35: ask to administer a surrogate company; its administrators decide, or the help desk when none is left. */
export function useRequestCompanyAdministration() {
  return useMutation({
    mutationFn: sendInput(RequestCompanyAdministrationDocument, 'requestCompanyAdministration', companyInput),
  });
}

export function useRequestIndividualPractitioner() {
  return useMutation({
    mutationFn: sendInput(RequestIndividualPractitionerDocument, 'requestIndividualPractitioner'),
  });
}

export function useRequestApplicationAccess() {
  return useMutation({ mutationFn: sendInput(RequestApplicationAccessDocument, 'requestApplicationAccess') });
}

// --- what the forms offer ---------------------------------------------------------------------------------

const SearchOrganizationsDocument = graphql(`
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
`);

const OrganizationGroupsDocument = graphql(`
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
`);

const SearchCompaniesDocument = graphql(`
  query SearchCompanies($search: String!) {
    companySearch(search: $search) {
      id
      name
      tinLast4
      orphaned
    }
  }
`);

const MyCompaniesDocument = graphql(`
  query MyCompanies {
    surrogateCompanies {
      id
      name
      tinLast4
    }
  }
`);

const ApplicationsDocument = graphql(`
  query Applications {
    applications {
      id
      code
      name
      open
      closedReason
    }
  }
`);

/** Approved organizations (R19) matching a name, city or the start of an NPI. */
export function useOrganizationSearch(term: string) {
  return useQuery({
    queryKey: ['organization-search', term],
    queryFn: async () => (await execute(SearchOrganizationsDocument, { search: term })).organizations,
    enabled: term !== '',
  });
}

export function useOrganizationGroups(organizationId: string | null) {
  return useQuery({
    queryKey: ['organization-groups', organizationId],
    queryFn: async () => {
      const node = (await execute(OrganizationGroupsDocument, { id: organizationId ?? '' })).node;
      return node?.__typename === 'Organization' ? node.userGroups : [];
    },
    enabled: organizationId !== null,
  });
}

export function useCompanySearch(term: string) {
  return useQuery({
    queryKey: ['company-search', term],
    queryFn: async () => (await execute(SearchCompaniesDocument, { search: term })).companySearch,
    enabled: term.length >= 2,
  });
}

/** R17: the companies where the viewer is a UGA (they can ask for more organizations for them). */
export function useMyCompanies() {
  return useQuery({
    queryKey: ['my-companies'],
    queryFn: async () => (await execute(MyCompaniesDocument)).surrogateCompanies,
  });
}

export function useApplications() {
  return useQuery({
    queryKey: ['applications'],
    queryFn: async () => (await execute(ApplicationsDocument)).applications,
    staleTime: 5 * 60_000,
  });
}
