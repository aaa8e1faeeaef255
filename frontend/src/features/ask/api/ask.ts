// Every kind of request a person can make (R6-R23), and what the forms look up to offer choices.
import { useMutation, useQuery } from '@tanstack/react-query';
import { graphql } from '../../../gql';
import type {
  ApplicationAccessInput,
  IndividualPractitionerInput,
  NewUserGroupInput,
  OrganizationRegistrationInput,
  SubmittedRequestFragment,
  SurrogateUserGroupsInput,
} from '../../../gql/graphql';
import { execute } from '../../../lib/execute';

export type SubmittedRequest = SubmittedRequestFragment;

// What the confirmation shows of each request sent.
graphql(`
  fragment SubmittedRequest on AccessRequest {
    id
    trackingNumber
    kind
    status
    proposedName
    organization {
      id
      legalBusinessName
      status
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
        code
        message
        field
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
        code
        message
        field
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
        code
        message
        field
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
        code
        message
        field
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
        code
        message
        field
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
        code
        message
        field
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
        code
        message
        field
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
        code
        message
        field
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
        code
        message
        field
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
        code
        message
        field
      }
    }
  }
`);

export function useRequestOrganizationRegistration() {
  return useMutation({
    mutationFn: async (input: OrganizationRegistrationInput) =>
      (await execute(RequestOrganizationRegistrationDocument, { input })).requestOrganizationRegistration,
  });
}

export function useRequestBackupSecurityOfficial() {
  return useMutation({
    mutationFn: async (organizationId: string) =>
      (await execute(RequestBackupSecurityOfficialDocument, { input: { organizationId } }))
        .requestBackupSecurityOfficial,
  });
}

export function useRequestSecurityOfficialSuccession() {
  return useMutation({
    mutationFn: async (organizationId: string) =>
      (await execute(RequestSecurityOfficialSuccessionDocument, { input: { organizationId } }))
        .requestSecurityOfficialSuccession,
  });
}

export function useRequestUserGroup() {
  return useMutation({
    mutationFn: async (input: NewUserGroupInput) => (await execute(RequestUserGroupDocument, { input })).requestUserGroup,
  });
}

export function useRequestUserGroupAdministration() {
  return useMutation({
    mutationFn: async (userGroupId: string) =>
      (await execute(RequestUserGroupAdministrationDocument, { input: { userGroupId } })).requestUserGroupAdministration,
  });
}

export function useRequestUserGroupMembership() {
  return useMutation({
    mutationFn: async (userGroupId: string) =>
      (await execute(RequestUserGroupMembershipDocument, { input: { userGroupId } })).requestUserGroupMembership,
  });
}

export function useRequestSurrogateUserGroups() {
  return useMutation({
    mutationFn: async (input: SurrogateUserGroupsInput) =>
      (await execute(RequestSurrogateUserGroupsDocument, { input })).requestSurrogateUserGroups,
  });
}

export function useRequestSurrogateCompanyMembership() {
  return useMutation({
    mutationFn: async (companyId: string) =>
      (await execute(RequestSurrogateCompanyMembershipDocument, { input: { companyId } }))
        .requestSurrogateCompanyMembership,
  });
}

export function useRequestIndividualPractitioner() {
  return useMutation({
    mutationFn: async (input: IndividualPractitionerInput) =>
      (await execute(RequestIndividualPractitionerDocument, { input })).requestIndividualPractitioner,
  });
}

export function useRequestApplicationAccess() {
  return useMutation({
    mutationFn: async (input: ApplicationAccessInput) =>
      (await execute(RequestApplicationAccessDocument, { input })).requestApplicationAccess,
  });
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
