/* eslint-disable */
import * as types from './graphql';



/**
 * Map of all GraphQL operations in the project.
 *
 * This map has several performance disadvantages:
 * 1. It is not tree-shakeable, so it will include all operations in the project.
 * 2. It is not minifiable, so the string of a GraphQL query will be multiple times inside the bundle.
 * 3. It does not support dead code elimination, so it will add unused operations.
 *
 * Therefore it is highly recommended to use the babel or swc plugin for production.
 * Learn more about it here: https://the-guild.dev/graphql/codegen/plugins/presets/preset-client#reducing-bundle-size
 */
type Documents = {
    "\n  fragment SubmittedRequest on AccessRequest {\n    ...RequestSummaryFields\n    status\n    organization {\n      status\n    }\n    approvers {\n      id\n      name\n    }\n  }\n": typeof types.SubmittedRequestFragmentDoc,
    "\n  mutation RequestOrganizationRegistration($input: OrganizationRegistrationInput!) {\n    requestOrganizationRegistration(input: $input) {\n      request {\n        ...SubmittedRequest\n      }\n      errors {\n        ...UserErrorFields\n      }\n    }\n  }\n": typeof types.RequestOrganizationRegistrationDocument,
    "\n  mutation RequestBackupSecurityOfficial($input: OrganizationRefInput!) {\n    requestBackupSecurityOfficial(input: $input) {\n      request {\n        ...SubmittedRequest\n      }\n      errors {\n        ...UserErrorFields\n      }\n    }\n  }\n": typeof types.RequestBackupSecurityOfficialDocument,
    "\n  mutation RequestSecurityOfficialSuccession($input: OrganizationRefInput!) {\n    requestSecurityOfficialSuccession(input: $input) {\n      request {\n        ...SubmittedRequest\n      }\n      errors {\n        ...UserErrorFields\n      }\n    }\n  }\n": typeof types.RequestSecurityOfficialSuccessionDocument,
    "\n  mutation RequestUserGroup($input: NewUserGroupInput!) {\n    requestUserGroup(input: $input) {\n      request {\n        ...SubmittedRequest\n      }\n      errors {\n        ...UserErrorFields\n      }\n    }\n  }\n": typeof types.RequestUserGroupDocument,
    "\n  mutation RequestUserGroupAdministration($input: UserGroupRefInput!) {\n    requestUserGroupAdministration(input: $input) {\n      request {\n        ...SubmittedRequest\n      }\n      errors {\n        ...UserErrorFields\n      }\n    }\n  }\n": typeof types.RequestUserGroupAdministrationDocument,
    "\n  mutation RequestUserGroupMembership($input: UserGroupRefInput!) {\n    requestUserGroupMembership(input: $input) {\n      request {\n        ...SubmittedRequest\n      }\n      errors {\n        ...UserErrorFields\n      }\n    }\n  }\n": typeof types.RequestUserGroupMembershipDocument,
    "\n  mutation RequestSurrogateUserGroups($input: SurrogateUserGroupsInput!) {\n    requestSurrogateUserGroups(input: $input) {\n      requests {\n        ...SubmittedRequest\n      }\n      errors {\n        ...UserErrorFields\n      }\n    }\n  }\n": typeof types.RequestSurrogateUserGroupsDocument,
    "\n  mutation RequestSurrogateCompanyMembership($input: CompanyRefInput!) {\n    requestSurrogateCompanyMembership(input: $input) {\n      request {\n        ...SubmittedRequest\n      }\n      errors {\n        ...UserErrorFields\n      }\n    }\n  }\n": typeof types.RequestSurrogateCompanyMembershipDocument,
    "\n  mutation RequestCompanyAdministration($input: CompanyRefInput!) {\n    requestCompanyAdministration(input: $input) {\n      request {\n        ...SubmittedRequest\n      }\n      errors {\n        ...UserErrorFields\n      }\n    }\n  }\n": typeof types.RequestCompanyAdministrationDocument,
    "\n  mutation RequestIndividualPractitioner($input: IndividualPractitionerInput!) {\n    requestIndividualPractitioner(input: $input) {\n      request {\n        ...SubmittedRequest\n      }\n      errors {\n        ...UserErrorFields\n      }\n    }\n  }\n": typeof types.RequestIndividualPractitionerDocument,
    "\n  mutation RequestApplicationAccess($input: ApplicationAccessInput!) {\n    requestApplicationAccess(input: $input) {\n      request {\n        ...SubmittedRequest\n      }\n      errors {\n        ...UserErrorFields\n      }\n    }\n  }\n": typeof types.RequestApplicationAccessDocument,
    "\n  query SearchOrganizations($search: String!) {\n    organizations(search: $search, first: 20) {\n      totalCount\n      edges {\n        node {\n          id\n          legalBusinessName\n          kind\n          npi\n          city\n          state\n        }\n      }\n    }\n  }\n": typeof types.SearchOrganizationsDocument,
    "\n  query OrganizationGroups($id: ID!) {\n    node(id: $id) {\n      __typename\n      ... on Organization {\n        id\n        userGroups {\n          ...UserGroupSummaryFields\n        }\n      }\n    }\n  }\n": typeof types.OrganizationGroupsDocument,
    "\n  query SearchCompanies($search: String!) {\n    companySearch(search: $search) {\n      id\n      name\n      tinLast4\n      orphaned\n    }\n  }\n": typeof types.SearchCompaniesDocument,
    "\n  query MyCompanies {\n    surrogateCompanies {\n      id\n      name\n      tinLast4\n    }\n  }\n": typeof types.MyCompaniesDocument,
    "\n  query Applications {\n    applications {\n      id\n      code\n      name\n      open\n      closedReason\n    }\n  }\n": typeof types.ApplicationsDocument,
    "\n  query AuditEvents($first: Int, $after: String, $actions: [String!], $organizationId: ID) {\n    auditEvents(first: $first, after: $after, actions: $actions, organizationId: $organizationId) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      edges {\n        node {\n          id\n          occurredAt\n          action\n          details\n          actor {\n            id\n            name\n          }\n          subjectUser {\n            id\n            name\n          }\n          organization {\n            id\n            legalBusinessName\n          }\n          request {\n            id\n            trackingNumber\n          }\n        }\n      }\n    }\n  }\n": typeof types.AuditEventsDocument,
    "\n  mutation RegisterAccount($input: RegisterAccountInput!) {\n    registerAccount(input: $input) {\n      ...SignedInFields\n    }\n  }\n": typeof types.RegisterAccountDocument,
    "\n  mutation ResendVerificationCode {\n    resendVerificationCode {\n      viewer {\n        id\n      }\n      errors {\n        ...UserErrorFields\n      }\n    }\n  }\n": typeof types.ResendVerificationCodeDocument,
    "\n  fragment SignedInFields on ViewerPayload {\n    viewer {\n      id\n      userId\n      name\n      emailVerified\n    }\n    errors {\n      ...UserErrorFields\n    }\n  }\n": typeof types.SignedInFieldsFragmentDoc,
    "\n  mutation SignIn($input: SignInInput!) {\n    signIn(input: $input) {\n      ...SignedInFields\n    }\n  }\n": typeof types.SignInDocument,
    "\n  mutation SignOut {\n    signOut\n  }\n": typeof types.SignOutDocument,
    "\n  mutation VerifyEmail($input: VerifyEmailInput!) {\n    verifyEmail(input: $input) {\n      viewer {\n        id\n        emailVerified\n      }\n      errors {\n        ...UserErrorFields\n      }\n    }\n  }\n": typeof types.VerifyEmailDocument,
    "\n  query CompanyDashboard {\n    surrogateCompanies {\n      id\n      name\n      tinLast4\n      atRisk\n      orphaned\n      administrators {\n        id\n        name\n      }\n      associationCounts {\n        status\n        count\n      }\n    }\n  }\n": typeof types.CompanyDashboardDocument,
    "\n  query CompanyAssociations(\n    $companyId: ID!\n    $first: Int\n    $after: String\n    $search: String\n    $state: String\n    $status: RequestStatus\n  ) {\n    node(id: $companyId) {\n      ... on SurrogateCompany {\n        id\n        associations(first: $first, after: $after, search: $search, state: $state, status: $status) {\n          totalCount\n          pageInfo {\n            hasNextPage\n            endCursor\n          }\n          edges {\n            node {\n              status\n              organization {\n                id\n                legalBusinessName\n                city\n                state\n                npi\n              }\n              userGroup {\n                id\n                name\n                members(first: 5) {\n                  totalCount\n                  edges {\n                    node {\n                      id\n                      name\n                      email\n                    }\n                  }\n                }\n              }\n              request {\n                id\n                trackingNumber\n                createdAt\n                decidedAt\n                reason\n                decidedBy {\n                  id\n                  name\n                }\n                approvers {\n                  id\n                  name\n                }\n              }\n            }\n          }\n        }\n      }\n    }\n  }\n": typeof types.CompanyAssociationsDocument,
    "\n  query CertificationQueue($first: Int, $after: String) {\n    certificationQueue(first: $first, after: $after) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      edges {\n        node {\n          ...RoleSummaryFields\n          status\n          grantedAt\n          certifyBy\n          certifiedAt\n          suspendedAt\n          canRevoke\n          user {\n            id\n            name\n            email\n          }\n        }\n      }\n    }\n  }\n": typeof types.CertificationQueueDocument,
    "\n  mutation CertifyRoles($input: CertifyRolesInput!) {\n    certifyRoles(input: $input) {\n      roleAssignments {\n        id\n        status\n        certifyBy\n      }\n      errors {\n        ...UserErrorFields\n      }\n    }\n  }\n": typeof types.CertifyRolesDocument,
    "\n  query MailLog($first: Int) {\n    mailLog(first: $first) {\n      to\n      subject\n      body\n      template\n      createdAt\n      sentAt\n      attempts\n      lastError\n    }\n  }\n": typeof types.MailLogDocument,
    "\n  query OrganizationPage($id: ID!) {\n    node(id: $id) {\n      __typename\n      ... on Organization {\n        ...OrganizationSummaryFields\n        providerType\n        community\n        securityOfficial {\n          id\n          name\n        }\n        backupSecurityOfficials {\n          id\n          name\n        }\n        officials {\n          id\n          role\n          grantedAt\n          certifyBy\n          canRevoke\n          user {\n            id\n            name\n            email\n            active\n          }\n          grantedBy {\n            id\n            name\n          }\n        }\n        userGroups {\n          ...UserGroupSummaryFields\n          company {\n            tinLast4\n          }\n          administrators {\n            id\n            name\n          }\n          roleAssignments {\n            id\n            role\n            grantedAt\n            canRevoke\n            user {\n              id\n              name\n              email\n            }\n            application {\n              id\n              name\n            }\n          }\n          members(first: 100) {\n            totalCount\n            edges {\n              node {\n                id\n                name\n                email\n              }\n            }\n          }\n        }\n      }\n    }\n  }\n": typeof types.OrganizationPageDocument,
    "\n  query Profile {\n    viewer {\n      id\n      name\n      email\n      phone\n      pendingEmail\n      userId\n    }\n  }\n": typeof types.ProfileDocument,
    "\n  mutation UpdateProfile($input: UpdateProfileInput!) {\n    updateProfile(input: $input) {\n      viewer {\n        id\n        name\n        phone\n      }\n      errors {\n        ...UserErrorFields\n      }\n    }\n  }\n": typeof types.UpdateProfileDocument,
    "\n  mutation ChangePassword($input: ChangePasswordInput!) {\n    changePassword(input: $input) {\n      viewer {\n        id\n      }\n      errors {\n        ...UserErrorFields\n      }\n    }\n  }\n": typeof types.ChangePasswordDocument,
    "\n  mutation RequestEmailChange($input: RequestEmailChangeInput!) {\n    requestEmailChange(input: $input) {\n      viewer {\n        id\n        pendingEmail\n      }\n      errors {\n        ...UserErrorFields\n      }\n    }\n  }\n": typeof types.RequestEmailChangeDocument,
    "\n  mutation ConfirmEmailChange($input: VerifyEmailInput!) {\n    confirmEmailChange(input: $input) {\n      viewer {\n        id\n        email\n        pendingEmail\n      }\n      errors {\n        ...UserErrorFields\n      }\n    }\n  }\n": typeof types.ConfirmEmailChangeDocument,
    "\n  query ApiTokens {\n    viewer {\n      id\n      apiTokens {\n        id\n        name\n        createdAt\n        expiresAt\n        lastUsedAt\n      }\n    }\n  }\n": typeof types.ApiTokensDocument,
    "\n  mutation CreateApiToken($input: CreateApiTokenInput!) {\n    createApiToken(input: $input) {\n      token {\n        id\n        name\n        expiresAt\n      }\n      secret\n      errors {\n        ...UserErrorFields\n      }\n    }\n  }\n": typeof types.CreateApiTokenDocument,
    "\n  mutation RevokeApiToken($input: NodeRefInput!) {\n    revokeApiToken(input: $input) {\n      token {\n        id\n      }\n      errors {\n        ...UserErrorFields\n      }\n    }\n  }\n": typeof types.RevokeApiTokenDocument,
    "\n  query CompaniesAtRisk {\n    surrogateCompaniesAtRisk {\n      id\n      name\n      tinLast4\n      atRisk\n      orphaned\n      administrators {\n        id\n        name\n      }\n    }\n  }\n": typeof types.CompaniesAtRiskDocument,
    "\n  query DelegatedToMe {\n    viewer {\n      id\n      delegations {\n        id\n        active\n        endsAt\n        delegate {\n          id\n        }\n        delegator {\n          name\n        }\n        role {\n          ...RoleSummaryFields\n        }\n      }\n    }\n  }\n": typeof types.DelegatedToMeDocument,
    "\n  query HelpDeskLookup($query: String!) {\n    helpDeskLookup(query: $query) {\n      people {\n        id\n        userId\n        name\n        email\n        community\n        emailVerified\n        lockedUntil\n        roles {\n          id\n          role\n          organization {\n            id\n            legalBusinessName\n          }\n          userGroup {\n            id\n            name\n          }\n          company {\n            id\n            name\n          }\n        }\n      }\n      organizations {\n        ...OrganizationSummaryFields\n      }\n      requests {\n        ...RequestSummaryFields\n        status\n        createdAt\n        requester {\n          id\n          name\n        }\n      }\n    }\n  }\n": typeof types.HelpDeskLookupDocument,
    "\n  mutation UnlockAccount($input: UserRefInput!) {\n    unlockAccount(input: $input) {\n      user {\n        id\n        name\n      }\n      errors {\n        ...UserErrorFields\n      }\n    }\n  }\n": typeof types.UnlockAccountDocument,
    "\n  subscription ApprovalQueueEvents {\n    approvalQueue {\n      kind\n      requestId\n      totalCount\n      request {\n        ...RequestSummaryFields\n        status\n        requester {\n          name\n        }\n        decidedBy {\n          id\n        }\n      }\n    }\n  }\n": typeof types.ApprovalQueueEventsDocument,
    "\n  query ApprovalQueue($first: Int, $after: String, $kinds: [RequestKind!], $organizationId: ID) {\n    approvalQueue(first: $first, after: $after, kinds: $kinds, organizationId: $organizationId) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      edges {\n        node {\n          ...RequestSummaryFields\n          status\n          createdAt\n          expiresAt\n          canDecide\n          justification\n          requestedEndsAt\n          escalatedAt\n          organization {\n            status\n            city\n            state\n            npi\n          }\n          company {\n            tinLast4\n          }\n          requester {\n            id\n            userId\n            name\n            email\n            roles {\n              ...RoleSummaryFields\n              grantedAt\n            }\n            requests(first: 6) {\n              totalCount\n              edges {\n                node {\n                  ...RequestSummaryFields\n                  status\n                  createdAt\n                  reason\n                }\n              }\n            }\n          }\n        }\n      }\n    }\n  }\n": typeof types.ApprovalQueueDocument,
    "\n  fragment DecidedRequest on RequestPayload {\n    request {\n      id\n      trackingNumber\n      status\n    }\n    errors {\n      ...UserErrorFields\n    }\n  }\n": typeof types.DecidedRequestFragmentDoc,
    "\n  mutation ApproveRequest($input: DecisionInput!) {\n    approveRequest(input: $input) {\n      ...DecidedRequest\n    }\n  }\n": typeof types.ApproveRequestDocument,
    "\n  mutation DenyRequest($input: DecisionInput!) {\n    denyRequest(input: $input) {\n      ...DecidedRequest\n    }\n  }\n": typeof types.DenyRequestDocument,
    "\n  mutation DecideRequests($input: BulkDecisionInput!) {\n    decideRequests(input: $input) {\n      requests {\n        id\n        trackingNumber\n        status\n      }\n      errors {\n        ...UserErrorFields\n      }\n    }\n  }\n": typeof types.DecideRequestsDocument,
    "\n  query StalledOrganizations {\n    stalledOrganizations {\n      id\n      legalBusinessName\n      city\n      state\n    }\n  }\n": typeof types.StalledOrganizationsDocument,
    "\n  query CmsApplications {\n    applications {\n      id\n      code\n      name\n      description\n      open\n      closedReason\n    }\n  }\n": typeof types.CmsApplicationsDocument,
    "\n  mutation SetProviderTypeOpen($input: ProviderTypeOpenInput!) {\n    setProviderTypeOpen(input: $input) {\n      setting {\n        providerType\n        open\n        reason\n      }\n      errors {\n        ...UserErrorFields\n      }\n    }\n  }\n": typeof types.SetProviderTypeOpenDocument,
    "\n  mutation PublishApplication($input: PublishApplicationInput!) {\n    publishApplication(input: $input) {\n      application {\n        id\n        name\n        open\n      }\n      errors {\n        ...UserErrorFields\n      }\n    }\n  }\n": typeof types.PublishApplicationDocument,
    "\n  mutation SetApplicationOpen($input: ApplicationOpenInput!) {\n    setApplicationOpen(input: $input) {\n      application {\n        id\n        name\n        open\n        closedReason\n      }\n      errors {\n        ...UserErrorFields\n      }\n    }\n  }\n": typeof types.SetApplicationOpenDocument,
    "\n  query MyRequests($first: Int, $after: String, $status: RequestStatus) {\n    viewer {\n      id\n      requests(first: $first, after: $after, status: $status) {\n        totalCount\n        pageInfo {\n          hasNextPage\n          endCursor\n        }\n        edges {\n          node {\n            ...RequestSummaryFields\n            status\n            createdAt\n            expiresAt\n            decidedAt\n            reason\n            justification\n            requestedEndsAt\n            escalatedAt\n            organization {\n              status\n            }\n            decidedBy {\n              id\n              name\n            }\n            onBehalfOf {\n              id\n              name\n            }\n            approvers {\n              id\n              name\n            }\n          }\n        }\n      }\n    }\n  }\n": typeof types.MyRequestsDocument,
    "\n  mutation CancelRequest($input: RequestRefInput!) {\n    cancelRequest(input: $input) {\n      request {\n        id\n        status\n      }\n      errors {\n        ...UserErrorFields\n      }\n    }\n  }\n": typeof types.CancelRequestDocument,
    "\n  query MyDelegations {\n    viewer {\n      id\n      delegations {\n        id\n        startsAt\n        endsAt\n        endedAt\n        active\n        delegator {\n          id\n          name\n        }\n        delegate {\n          id\n          name\n        }\n        role {\n          ...RoleSummaryFields\n        }\n      }\n      delegableRoles: roleAssignments(\n        first: 25\n        roles: [SECURITY_OFFICIAL, BACKUP_SECURITY_OFFICIAL, USER_GROUP_ADMINISTRATOR]\n      ) {\n        totalCount\n        edges {\n          node {\n            ...RoleSummaryFields\n            status\n            delegateCandidates {\n              id\n              name\n            }\n          }\n        }\n      }\n    }\n  }\n": typeof types.MyDelegationsDocument,
    "\n  mutation CreateDelegation($input: CreateDelegationInput!) {\n    createDelegation(input: $input) {\n      delegation {\n        id\n      }\n      errors {\n        ...UserErrorFields\n      }\n    }\n  }\n": typeof types.CreateDelegationDocument,
    "\n  mutation EndDelegation($input: NodeRefInput!) {\n    endDelegation(input: $input) {\n      delegation {\n        id\n      }\n      errors {\n        ...UserErrorFields\n      }\n    }\n  }\n": typeof types.EndDelegationDocument,
    "\n  query MyRoleAssignments($first: Int, $after: String, $search: String, $organizationId: ID) {\n    viewer {\n      id\n      roleAssignments(first: $first, after: $after, search: $search, organizationId: $organizationId) {\n        totalCount\n        pageInfo {\n          hasNextPage\n          endCursor\n        }\n        edges {\n          node {\n            ...RoleSummaryFields\n            status\n            grantedAt\n            certifyBy\n            endsAt\n            canRevoke\n            organization {\n              kind\n            }\n            userGroup {\n              kind\n            }\n            grantedBy {\n              id\n              name\n            }\n          }\n        }\n      }\n    }\n  }\n": typeof types.MyRoleAssignmentsDocument,
    "\n  query Webhooks {\n    webhooks {\n      id\n      url\n      events\n      active\n      createdAt\n      organization {\n        id\n        legalBusinessName\n      }\n      deliveries(first: 20) {\n        totalCount\n        edges {\n          node {\n            id\n            eventId\n            event\n            createdAt\n            status\n            attemptCount\n            nextAttemptAt\n            lastStatusCode\n            lastError\n            attempts {\n              attemptedAt\n              statusCode\n              error\n            }\n          }\n        }\n      }\n    }\n  }\n": typeof types.WebhooksDocument,
    "\n  query WebhookOrganizations {\n    organizations(first: 100) {\n      edges {\n        node {\n          id\n          legalBusinessName\n        }\n      }\n    }\n  }\n": typeof types.WebhookOrganizationsDocument,
    "\n  mutation CreateWebhook($input: CreateWebhookInput!) {\n    createWebhook(input: $input) {\n      webhook {\n        id\n        url\n      }\n      secret\n      errors {\n        ...UserErrorFields\n      }\n    }\n  }\n": typeof types.CreateWebhookDocument,
    "\n  mutation DeleteWebhook($input: NodeRefInput!) {\n    deleteWebhook(input: $input) {\n      webhook {\n        id\n        active\n      }\n      errors {\n        ...UserErrorFields\n      }\n    }\n  }\n": typeof types.DeleteWebhookDocument,
    "\n  mutation RedeliverWebhookDelivery($input: NodeRefInput!) {\n    redeliverWebhookDelivery(input: $input) {\n      delivery {\n        id\n        status\n      }\n      errors {\n        ...UserErrorFields\n      }\n    }\n  }\n": typeof types.RedeliverWebhookDeliveryDocument,
    "\n  query GrantChain($id: ID!) {\n    node(id: $id) {\n      __typename\n      ... on RoleAssignment {\n        id\n        role\n        user {\n          id\n          name\n        }\n        grantChain {\n          reason\n          roleAssignment {\n            ...RoleSummaryFields\n            grantedAt\n            user {\n              id\n              name\n            }\n          }\n          request {\n            id\n            trackingNumber\n            kind\n            createdAt\n            decidedAt\n            decidedBy {\n              id\n              name\n            }\n          }\n          approverRole {\n            ...RoleSummaryFields\n            user {\n              id\n              name\n            }\n          }\n        }\n      }\n    }\n  }\n": typeof types.GrantChainDocument,
    "\n  fragment PersonExplanationFields on User {\n    id\n    name\n    decisionRights(first: 25) {\n      relation\n      kinds\n      everywhere\n      becauseOf {\n        ...RoleSummaryFields\n      }\n    }\n    decisionRightCount\n    departureImpact {\n      roles(first: 25) {\n        ...RoleSummaryFields\n      }\n      roleCount\n      groupsWithoutAdministrator(first: 25) {\n        id\n        name\n        organization {\n          legalBusinessName\n        }\n      }\n      groupsWithoutAdministratorCount\n      organizationsWithoutSecurityOfficial(first: 25) {\n        id\n        legalBusinessName\n      }\n      organizationsWithoutSecurityOfficialCount\n      organizationsWithoutAnyOfficial(first: 25) {\n        id\n        legalBusinessName\n      }\n      organizationsWithoutAnyOfficialCount\n      companiesWithoutAdministrator(first: 25) {\n        id\n        name\n      }\n      companiesWithoutAdministratorCount\n      requestsWithoutApprover(first: 25) {\n        ...RequestSummaryFields\n      }\n      requestsWithoutApproverCount\n    }\n  }\n": typeof types.PersonExplanationFieldsFragmentDoc,
    "\n  query ViewerExplanation {\n    viewer {\n      ...PersonExplanationFields\n    }\n  }\n": typeof types.ViewerExplanationDocument,
    "\n  query HolderExplanation($roleId: ID!) {\n    node(id: $roleId) {\n      __typename\n      ... on RoleAssignment {\n        id\n        user {\n          ...PersonExplanationFields\n        }\n      }\n    }\n  }\n": typeof types.HolderExplanationDocument,
    "\n  query MailLogAvailable {\n    mailLog(first: 0) {\n      subject\n    }\n  }\n": typeof types.MailLogAvailableDocument,
    "\n  fragment OrganizationSummaryFields on Organization {\n    id\n    legalBusinessName\n    kind\n    npi\n    tinLast4\n    status\n    city\n    state\n    atRisk\n    orphaned\n  }\n": typeof types.OrganizationSummaryFieldsFragmentDoc,
    "\n  fragment UserGroupSummaryFields on UserGroup {\n    id\n    name\n    kind\n    description\n    orphaned\n    company {\n      id\n      name\n    }\n  }\n": typeof types.UserGroupSummaryFieldsFragmentDoc,
    "\n  query ProviderTypeSettings {\n    providerTypeSettings {\n      providerType\n      open\n      reason\n    }\n  }\n": typeof types.ProviderTypeSettingsDocument,
    "\n  query QueueCount {\n    approvalQueue(first: 0) {\n      totalCount\n    }\n  }\n": typeof types.QueueCountDocument,
    "\n  fragment RequestSummaryFields on AccessRequest {\n    id\n    trackingNumber\n    kind\n    proposedName\n    organization {\n      id\n      legalBusinessName\n    }\n    userGroup {\n      id\n      name\n    }\n    company {\n      id\n      name\n    }\n    application {\n      id\n      name\n    }\n  }\n": typeof types.RequestSummaryFieldsFragmentDoc,
    "\n  mutation RevokeRole($input: RevokeRoleInput!) {\n    revokeRole(input: $input) {\n      roleAssignment {\n        id\n        role\n        status\n      }\n      errors {\n        ...UserErrorFields\n      }\n    }\n  }\n": typeof types.RevokeRoleDocument,
    "\n  fragment RoleSummaryFields on RoleAssignment {\n    id\n    role\n    organization {\n      id\n      legalBusinessName\n    }\n    userGroup {\n      id\n      name\n    }\n    company {\n      id\n      name\n    }\n    application {\n      id\n      name\n    }\n  }\n": typeof types.RoleSummaryFieldsFragmentDoc,
    "\n  fragment UserErrorFields on UserError {\n    code\n    message\n    field\n  }\n": typeof types.UserErrorFieldsFragmentDoc,
    "\n  query Viewer {\n    viewer {\n      id\n      userId\n      name\n      email\n      community\n      emailVerified\n      helpDeskRoles: roleAssignments(first: 0, roles: [HELP_DESK]) {\n        totalCount\n      }\n      approverRoles: roleAssignments(\n        first: 0\n        roles: [SECURITY_OFFICIAL, BACKUP_SECURITY_OFFICIAL, USER_GROUP_ADMINISTRATOR, INDIVIDUAL_PRACTITIONER, HELP_DESK]\n      ) {\n        totalCount\n      }\n      administratorRoles: roleAssignments(first: 0, roles: [USER_GROUP_ADMINISTRATOR]) {\n        totalCount\n      }\n    }\n  }\n": typeof types.ViewerDocument,
    "\n  query ViewerCompanies {\n    surrogateCompanies {\n      id\n    }\n  }\n": typeof types.ViewerCompaniesDocument,
    "\n  query ViewerRoles($first: Int!, $roles: [Role!], $search: String, $organizationId: ID) {\n    viewer {\n      id\n      roleAssignments(first: $first, roles: $roles, search: $search, organizationId: $organizationId) {\n        totalCount\n        pageInfo {\n          hasNextPage\n        }\n        edges {\n          node {\n            id\n            role\n            organization {\n              id\n              legalBusinessName\n            }\n            userGroup {\n              id\n              name\n            }\n            application {\n              id\n            }\n          }\n        }\n      }\n    }\n  }\n": typeof types.ViewerRolesDocument,
};
const documents: Documents = {
    "\n  fragment SubmittedRequest on AccessRequest {\n    ...RequestSummaryFields\n    status\n    organization {\n      status\n    }\n    approvers {\n      id\n      name\n    }\n  }\n": types.SubmittedRequestFragmentDoc,
    "\n  mutation RequestOrganizationRegistration($input: OrganizationRegistrationInput!) {\n    requestOrganizationRegistration(input: $input) {\n      request {\n        ...SubmittedRequest\n      }\n      errors {\n        ...UserErrorFields\n      }\n    }\n  }\n": types.RequestOrganizationRegistrationDocument,
    "\n  mutation RequestBackupSecurityOfficial($input: OrganizationRefInput!) {\n    requestBackupSecurityOfficial(input: $input) {\n      request {\n        ...SubmittedRequest\n      }\n      errors {\n        ...UserErrorFields\n      }\n    }\n  }\n": types.RequestBackupSecurityOfficialDocument,
    "\n  mutation RequestSecurityOfficialSuccession($input: OrganizationRefInput!) {\n    requestSecurityOfficialSuccession(input: $input) {\n      request {\n        ...SubmittedRequest\n      }\n      errors {\n        ...UserErrorFields\n      }\n    }\n  }\n": types.RequestSecurityOfficialSuccessionDocument,
    "\n  mutation RequestUserGroup($input: NewUserGroupInput!) {\n    requestUserGroup(input: $input) {\n      request {\n        ...SubmittedRequest\n      }\n      errors {\n        ...UserErrorFields\n      }\n    }\n  }\n": types.RequestUserGroupDocument,
    "\n  mutation RequestUserGroupAdministration($input: UserGroupRefInput!) {\n    requestUserGroupAdministration(input: $input) {\n      request {\n        ...SubmittedRequest\n      }\n      errors {\n        ...UserErrorFields\n      }\n    }\n  }\n": types.RequestUserGroupAdministrationDocument,
    "\n  mutation RequestUserGroupMembership($input: UserGroupRefInput!) {\n    requestUserGroupMembership(input: $input) {\n      request {\n        ...SubmittedRequest\n      }\n      errors {\n        ...UserErrorFields\n      }\n    }\n  }\n": types.RequestUserGroupMembershipDocument,
    "\n  mutation RequestSurrogateUserGroups($input: SurrogateUserGroupsInput!) {\n    requestSurrogateUserGroups(input: $input) {\n      requests {\n        ...SubmittedRequest\n      }\n      errors {\n        ...UserErrorFields\n      }\n    }\n  }\n": types.RequestSurrogateUserGroupsDocument,
    "\n  mutation RequestSurrogateCompanyMembership($input: CompanyRefInput!) {\n    requestSurrogateCompanyMembership(input: $input) {\n      request {\n        ...SubmittedRequest\n      }\n      errors {\n        ...UserErrorFields\n      }\n    }\n  }\n": types.RequestSurrogateCompanyMembershipDocument,
    "\n  mutation RequestCompanyAdministration($input: CompanyRefInput!) {\n    requestCompanyAdministration(input: $input) {\n      request {\n        ...SubmittedRequest\n      }\n      errors {\n        ...UserErrorFields\n      }\n    }\n  }\n": types.RequestCompanyAdministrationDocument,
    "\n  mutation RequestIndividualPractitioner($input: IndividualPractitionerInput!) {\n    requestIndividualPractitioner(input: $input) {\n      request {\n        ...SubmittedRequest\n      }\n      errors {\n        ...UserErrorFields\n      }\n    }\n  }\n": types.RequestIndividualPractitionerDocument,
    "\n  mutation RequestApplicationAccess($input: ApplicationAccessInput!) {\n    requestApplicationAccess(input: $input) {\n      request {\n        ...SubmittedRequest\n      }\n      errors {\n        ...UserErrorFields\n      }\n    }\n  }\n": types.RequestApplicationAccessDocument,
    "\n  query SearchOrganizations($search: String!) {\n    organizations(search: $search, first: 20) {\n      totalCount\n      edges {\n        node {\n          id\n          legalBusinessName\n          kind\n          npi\n          city\n          state\n        }\n      }\n    }\n  }\n": types.SearchOrganizationsDocument,
    "\n  query OrganizationGroups($id: ID!) {\n    node(id: $id) {\n      __typename\n      ... on Organization {\n        id\n        userGroups {\n          ...UserGroupSummaryFields\n        }\n      }\n    }\n  }\n": types.OrganizationGroupsDocument,
    "\n  query SearchCompanies($search: String!) {\n    companySearch(search: $search) {\n      id\n      name\n      tinLast4\n      orphaned\n    }\n  }\n": types.SearchCompaniesDocument,
    "\n  query MyCompanies {\n    surrogateCompanies {\n      id\n      name\n      tinLast4\n    }\n  }\n": types.MyCompaniesDocument,
    "\n  query Applications {\n    applications {\n      id\n      code\n      name\n      open\n      closedReason\n    }\n  }\n": types.ApplicationsDocument,
    "\n  query AuditEvents($first: Int, $after: String, $actions: [String!], $organizationId: ID) {\n    auditEvents(first: $first, after: $after, actions: $actions, organizationId: $organizationId) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      edges {\n        node {\n          id\n          occurredAt\n          action\n          details\n          actor {\n            id\n            name\n          }\n          subjectUser {\n            id\n            name\n          }\n          organization {\n            id\n            legalBusinessName\n          }\n          request {\n            id\n            trackingNumber\n          }\n        }\n      }\n    }\n  }\n": types.AuditEventsDocument,
    "\n  mutation RegisterAccount($input: RegisterAccountInput!) {\n    registerAccount(input: $input) {\n      ...SignedInFields\n    }\n  }\n": types.RegisterAccountDocument,
    "\n  mutation ResendVerificationCode {\n    resendVerificationCode {\n      viewer {\n        id\n      }\n      errors {\n        ...UserErrorFields\n      }\n    }\n  }\n": types.ResendVerificationCodeDocument,
    "\n  fragment SignedInFields on ViewerPayload {\n    viewer {\n      id\n      userId\n      name\n      emailVerified\n    }\n    errors {\n      ...UserErrorFields\n    }\n  }\n": types.SignedInFieldsFragmentDoc,
    "\n  mutation SignIn($input: SignInInput!) {\n    signIn(input: $input) {\n      ...SignedInFields\n    }\n  }\n": types.SignInDocument,
    "\n  mutation SignOut {\n    signOut\n  }\n": types.SignOutDocument,
    "\n  mutation VerifyEmail($input: VerifyEmailInput!) {\n    verifyEmail(input: $input) {\n      viewer {\n        id\n        emailVerified\n      }\n      errors {\n        ...UserErrorFields\n      }\n    }\n  }\n": types.VerifyEmailDocument,
    "\n  query CompanyDashboard {\n    surrogateCompanies {\n      id\n      name\n      tinLast4\n      atRisk\n      orphaned\n      administrators {\n        id\n        name\n      }\n      associationCounts {\n        status\n        count\n      }\n    }\n  }\n": types.CompanyDashboardDocument,
    "\n  query CompanyAssociations(\n    $companyId: ID!\n    $first: Int\n    $after: String\n    $search: String\n    $state: String\n    $status: RequestStatus\n  ) {\n    node(id: $companyId) {\n      ... on SurrogateCompany {\n        id\n        associations(first: $first, after: $after, search: $search, state: $state, status: $status) {\n          totalCount\n          pageInfo {\n            hasNextPage\n            endCursor\n          }\n          edges {\n            node {\n              status\n              organization {\n                id\n                legalBusinessName\n                city\n                state\n                npi\n              }\n              userGroup {\n                id\n                name\n                members(first: 5) {\n                  totalCount\n                  edges {\n                    node {\n                      id\n                      name\n                      email\n                    }\n                  }\n                }\n              }\n              request {\n                id\n                trackingNumber\n                createdAt\n                decidedAt\n                reason\n                decidedBy {\n                  id\n                  name\n                }\n                approvers {\n                  id\n                  name\n                }\n              }\n            }\n          }\n        }\n      }\n    }\n  }\n": types.CompanyAssociationsDocument,
    "\n  query CertificationQueue($first: Int, $after: String) {\n    certificationQueue(first: $first, after: $after) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      edges {\n        node {\n          ...RoleSummaryFields\n          status\n          grantedAt\n          certifyBy\n          certifiedAt\n          suspendedAt\n          canRevoke\n          user {\n            id\n            name\n            email\n          }\n        }\n      }\n    }\n  }\n": types.CertificationQueueDocument,
    "\n  mutation CertifyRoles($input: CertifyRolesInput!) {\n    certifyRoles(input: $input) {\n      roleAssignments {\n        id\n        status\n        certifyBy\n      }\n      errors {\n        ...UserErrorFields\n      }\n    }\n  }\n": types.CertifyRolesDocument,
    "\n  query MailLog($first: Int) {\n    mailLog(first: $first) {\n      to\n      subject\n      body\n      template\n      createdAt\n      sentAt\n      attempts\n      lastError\n    }\n  }\n": types.MailLogDocument,
    "\n  query OrganizationPage($id: ID!) {\n    node(id: $id) {\n      __typename\n      ... on Organization {\n        ...OrganizationSummaryFields\n        providerType\n        community\n        securityOfficial {\n          id\n          name\n        }\n        backupSecurityOfficials {\n          id\n          name\n        }\n        officials {\n          id\n          role\n          grantedAt\n          certifyBy\n          canRevoke\n          user {\n            id\n            name\n            email\n            active\n          }\n          grantedBy {\n            id\n            name\n          }\n        }\n        userGroups {\n          ...UserGroupSummaryFields\n          company {\n            tinLast4\n          }\n          administrators {\n            id\n            name\n          }\n          roleAssignments {\n            id\n            role\n            grantedAt\n            canRevoke\n            user {\n              id\n              name\n              email\n            }\n            application {\n              id\n              name\n            }\n          }\n          members(first: 100) {\n            totalCount\n            edges {\n              node {\n                id\n                name\n                email\n              }\n            }\n          }\n        }\n      }\n    }\n  }\n": types.OrganizationPageDocument,
    "\n  query Profile {\n    viewer {\n      id\n      name\n      email\n      phone\n      pendingEmail\n      userId\n    }\n  }\n": types.ProfileDocument,
    "\n  mutation UpdateProfile($input: UpdateProfileInput!) {\n    updateProfile(input: $input) {\n      viewer {\n        id\n        name\n        phone\n      }\n      errors {\n        ...UserErrorFields\n      }\n    }\n  }\n": types.UpdateProfileDocument,
    "\n  mutation ChangePassword($input: ChangePasswordInput!) {\n    changePassword(input: $input) {\n      viewer {\n        id\n      }\n      errors {\n        ...UserErrorFields\n      }\n    }\n  }\n": types.ChangePasswordDocument,
    "\n  mutation RequestEmailChange($input: RequestEmailChangeInput!) {\n    requestEmailChange(input: $input) {\n      viewer {\n        id\n        pendingEmail\n      }\n      errors {\n        ...UserErrorFields\n      }\n    }\n  }\n": types.RequestEmailChangeDocument,
    "\n  mutation ConfirmEmailChange($input: VerifyEmailInput!) {\n    confirmEmailChange(input: $input) {\n      viewer {\n        id\n        email\n        pendingEmail\n      }\n      errors {\n        ...UserErrorFields\n      }\n    }\n  }\n": types.ConfirmEmailChangeDocument,
    "\n  query ApiTokens {\n    viewer {\n      id\n      apiTokens {\n        id\n        name\n        createdAt\n        expiresAt\n        lastUsedAt\n      }\n    }\n  }\n": types.ApiTokensDocument,
    "\n  mutation CreateApiToken($input: CreateApiTokenInput!) {\n    createApiToken(input: $input) {\n      token {\n        id\n        name\n        expiresAt\n      }\n      secret\n      errors {\n        ...UserErrorFields\n      }\n    }\n  }\n": types.CreateApiTokenDocument,
    "\n  mutation RevokeApiToken($input: NodeRefInput!) {\n    revokeApiToken(input: $input) {\n      token {\n        id\n      }\n      errors {\n        ...UserErrorFields\n      }\n    }\n  }\n": types.RevokeApiTokenDocument,
    "\n  query CompaniesAtRisk {\n    surrogateCompaniesAtRisk {\n      id\n      name\n      tinLast4\n      atRisk\n      orphaned\n      administrators {\n        id\n        name\n      }\n    }\n  }\n": types.CompaniesAtRiskDocument,
    "\n  query DelegatedToMe {\n    viewer {\n      id\n      delegations {\n        id\n        active\n        endsAt\n        delegate {\n          id\n        }\n        delegator {\n          name\n        }\n        role {\n          ...RoleSummaryFields\n        }\n      }\n    }\n  }\n": types.DelegatedToMeDocument,
    "\n  query HelpDeskLookup($query: String!) {\n    helpDeskLookup(query: $query) {\n      people {\n        id\n        userId\n        name\n        email\n        community\n        emailVerified\n        lockedUntil\n        roles {\n          id\n          role\n          organization {\n            id\n            legalBusinessName\n          }\n          userGroup {\n            id\n            name\n          }\n          company {\n            id\n            name\n          }\n        }\n      }\n      organizations {\n        ...OrganizationSummaryFields\n      }\n      requests {\n        ...RequestSummaryFields\n        status\n        createdAt\n        requester {\n          id\n          name\n        }\n      }\n    }\n  }\n": types.HelpDeskLookupDocument,
    "\n  mutation UnlockAccount($input: UserRefInput!) {\n    unlockAccount(input: $input) {\n      user {\n        id\n        name\n      }\n      errors {\n        ...UserErrorFields\n      }\n    }\n  }\n": types.UnlockAccountDocument,
    "\n  subscription ApprovalQueueEvents {\n    approvalQueue {\n      kind\n      requestId\n      totalCount\n      request {\n        ...RequestSummaryFields\n        status\n        requester {\n          name\n        }\n        decidedBy {\n          id\n        }\n      }\n    }\n  }\n": types.ApprovalQueueEventsDocument,
    "\n  query ApprovalQueue($first: Int, $after: String, $kinds: [RequestKind!], $organizationId: ID) {\n    approvalQueue(first: $first, after: $after, kinds: $kinds, organizationId: $organizationId) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      edges {\n        node {\n          ...RequestSummaryFields\n          status\n          createdAt\n          expiresAt\n          canDecide\n          justification\n          requestedEndsAt\n          escalatedAt\n          organization {\n            status\n            city\n            state\n            npi\n          }\n          company {\n            tinLast4\n          }\n          requester {\n            id\n            userId\n            name\n            email\n            roles {\n              ...RoleSummaryFields\n              grantedAt\n            }\n            requests(first: 6) {\n              totalCount\n              edges {\n                node {\n                  ...RequestSummaryFields\n                  status\n                  createdAt\n                  reason\n                }\n              }\n            }\n          }\n        }\n      }\n    }\n  }\n": types.ApprovalQueueDocument,
    "\n  fragment DecidedRequest on RequestPayload {\n    request {\n      id\n      trackingNumber\n      status\n    }\n    errors {\n      ...UserErrorFields\n    }\n  }\n": types.DecidedRequestFragmentDoc,
    "\n  mutation ApproveRequest($input: DecisionInput!) {\n    approveRequest(input: $input) {\n      ...DecidedRequest\n    }\n  }\n": types.ApproveRequestDocument,
    "\n  mutation DenyRequest($input: DecisionInput!) {\n    denyRequest(input: $input) {\n      ...DecidedRequest\n    }\n  }\n": types.DenyRequestDocument,
    "\n  mutation DecideRequests($input: BulkDecisionInput!) {\n    decideRequests(input: $input) {\n      requests {\n        id\n        trackingNumber\n        status\n      }\n      errors {\n        ...UserErrorFields\n      }\n    }\n  }\n": types.DecideRequestsDocument,
    "\n  query StalledOrganizations {\n    stalledOrganizations {\n      id\n      legalBusinessName\n      city\n      state\n    }\n  }\n": types.StalledOrganizationsDocument,
    "\n  query CmsApplications {\n    applications {\n      id\n      code\n      name\n      description\n      open\n      closedReason\n    }\n  }\n": types.CmsApplicationsDocument,
    "\n  mutation SetProviderTypeOpen($input: ProviderTypeOpenInput!) {\n    setProviderTypeOpen(input: $input) {\n      setting {\n        providerType\n        open\n        reason\n      }\n      errors {\n        ...UserErrorFields\n      }\n    }\n  }\n": types.SetProviderTypeOpenDocument,
    "\n  mutation PublishApplication($input: PublishApplicationInput!) {\n    publishApplication(input: $input) {\n      application {\n        id\n        name\n        open\n      }\n      errors {\n        ...UserErrorFields\n      }\n    }\n  }\n": types.PublishApplicationDocument,
    "\n  mutation SetApplicationOpen($input: ApplicationOpenInput!) {\n    setApplicationOpen(input: $input) {\n      application {\n        id\n        name\n        open\n        closedReason\n      }\n      errors {\n        ...UserErrorFields\n      }\n    }\n  }\n": types.SetApplicationOpenDocument,
    "\n  query MyRequests($first: Int, $after: String, $status: RequestStatus) {\n    viewer {\n      id\n      requests(first: $first, after: $after, status: $status) {\n        totalCount\n        pageInfo {\n          hasNextPage\n          endCursor\n        }\n        edges {\n          node {\n            ...RequestSummaryFields\n            status\n            createdAt\n            expiresAt\n            decidedAt\n            reason\n            justification\n            requestedEndsAt\n            escalatedAt\n            organization {\n              status\n            }\n            decidedBy {\n              id\n              name\n            }\n            onBehalfOf {\n              id\n              name\n            }\n            approvers {\n              id\n              name\n            }\n          }\n        }\n      }\n    }\n  }\n": types.MyRequestsDocument,
    "\n  mutation CancelRequest($input: RequestRefInput!) {\n    cancelRequest(input: $input) {\n      request {\n        id\n        status\n      }\n      errors {\n        ...UserErrorFields\n      }\n    }\n  }\n": types.CancelRequestDocument,
    "\n  query MyDelegations {\n    viewer {\n      id\n      delegations {\n        id\n        startsAt\n        endsAt\n        endedAt\n        active\n        delegator {\n          id\n          name\n        }\n        delegate {\n          id\n          name\n        }\n        role {\n          ...RoleSummaryFields\n        }\n      }\n      delegableRoles: roleAssignments(\n        first: 25\n        roles: [SECURITY_OFFICIAL, BACKUP_SECURITY_OFFICIAL, USER_GROUP_ADMINISTRATOR]\n      ) {\n        totalCount\n        edges {\n          node {\n            ...RoleSummaryFields\n            status\n            delegateCandidates {\n              id\n              name\n            }\n          }\n        }\n      }\n    }\n  }\n": types.MyDelegationsDocument,
    "\n  mutation CreateDelegation($input: CreateDelegationInput!) {\n    createDelegation(input: $input) {\n      delegation {\n        id\n      }\n      errors {\n        ...UserErrorFields\n      }\n    }\n  }\n": types.CreateDelegationDocument,
    "\n  mutation EndDelegation($input: NodeRefInput!) {\n    endDelegation(input: $input) {\n      delegation {\n        id\n      }\n      errors {\n        ...UserErrorFields\n      }\n    }\n  }\n": types.EndDelegationDocument,
    "\n  query MyRoleAssignments($first: Int, $after: String, $search: String, $organizationId: ID) {\n    viewer {\n      id\n      roleAssignments(first: $first, after: $after, search: $search, organizationId: $organizationId) {\n        totalCount\n        pageInfo {\n          hasNextPage\n          endCursor\n        }\n        edges {\n          node {\n            ...RoleSummaryFields\n            status\n            grantedAt\n            certifyBy\n            endsAt\n            canRevoke\n            organization {\n              kind\n            }\n            userGroup {\n              kind\n            }\n            grantedBy {\n              id\n              name\n            }\n          }\n        }\n      }\n    }\n  }\n": types.MyRoleAssignmentsDocument,
    "\n  query Webhooks {\n    webhooks {\n      id\n      url\n      events\n      active\n      createdAt\n      organization {\n        id\n        legalBusinessName\n      }\n      deliveries(first: 20) {\n        totalCount\n        edges {\n          node {\n            id\n            eventId\n            event\n            createdAt\n            status\n            attemptCount\n            nextAttemptAt\n            lastStatusCode\n            lastError\n            attempts {\n              attemptedAt\n              statusCode\n              error\n            }\n          }\n        }\n      }\n    }\n  }\n": types.WebhooksDocument,
    "\n  query WebhookOrganizations {\n    organizations(first: 100) {\n      edges {\n        node {\n          id\n          legalBusinessName\n        }\n      }\n    }\n  }\n": types.WebhookOrganizationsDocument,
    "\n  mutation CreateWebhook($input: CreateWebhookInput!) {\n    createWebhook(input: $input) {\n      webhook {\n        id\n        url\n      }\n      secret\n      errors {\n        ...UserErrorFields\n      }\n    }\n  }\n": types.CreateWebhookDocument,
    "\n  mutation DeleteWebhook($input: NodeRefInput!) {\n    deleteWebhook(input: $input) {\n      webhook {\n        id\n        active\n      }\n      errors {\n        ...UserErrorFields\n      }\n    }\n  }\n": types.DeleteWebhookDocument,
    "\n  mutation RedeliverWebhookDelivery($input: NodeRefInput!) {\n    redeliverWebhookDelivery(input: $input) {\n      delivery {\n        id\n        status\n      }\n      errors {\n        ...UserErrorFields\n      }\n    }\n  }\n": types.RedeliverWebhookDeliveryDocument,
    "\n  query GrantChain($id: ID!) {\n    node(id: $id) {\n      __typename\n      ... on RoleAssignment {\n        id\n        role\n        user {\n          id\n          name\n        }\n        grantChain {\n          reason\n          roleAssignment {\n            ...RoleSummaryFields\n            grantedAt\n            user {\n              id\n              name\n            }\n          }\n          request {\n            id\n            trackingNumber\n            kind\n            createdAt\n            decidedAt\n            decidedBy {\n              id\n              name\n            }\n          }\n          approverRole {\n            ...RoleSummaryFields\n            user {\n              id\n              name\n            }\n          }\n        }\n      }\n    }\n  }\n": types.GrantChainDocument,
    "\n  fragment PersonExplanationFields on User {\n    id\n    name\n    decisionRights(first: 25) {\n      relation\n      kinds\n      everywhere\n      becauseOf {\n        ...RoleSummaryFields\n      }\n    }\n    decisionRightCount\n    departureImpact {\n      roles(first: 25) {\n        ...RoleSummaryFields\n      }\n      roleCount\n      groupsWithoutAdministrator(first: 25) {\n        id\n        name\n        organization {\n          legalBusinessName\n        }\n      }\n      groupsWithoutAdministratorCount\n      organizationsWithoutSecurityOfficial(first: 25) {\n        id\n        legalBusinessName\n      }\n      organizationsWithoutSecurityOfficialCount\n      organizationsWithoutAnyOfficial(first: 25) {\n        id\n        legalBusinessName\n      }\n      organizationsWithoutAnyOfficialCount\n      companiesWithoutAdministrator(first: 25) {\n        id\n        name\n      }\n      companiesWithoutAdministratorCount\n      requestsWithoutApprover(first: 25) {\n        ...RequestSummaryFields\n      }\n      requestsWithoutApproverCount\n    }\n  }\n": types.PersonExplanationFieldsFragmentDoc,
    "\n  query ViewerExplanation {\n    viewer {\n      ...PersonExplanationFields\n    }\n  }\n": types.ViewerExplanationDocument,
    "\n  query HolderExplanation($roleId: ID!) {\n    node(id: $roleId) {\n      __typename\n      ... on RoleAssignment {\n        id\n        user {\n          ...PersonExplanationFields\n        }\n      }\n    }\n  }\n": types.HolderExplanationDocument,
    "\n  query MailLogAvailable {\n    mailLog(first: 0) {\n      subject\n    }\n  }\n": types.MailLogAvailableDocument,
    "\n  fragment OrganizationSummaryFields on Organization {\n    id\n    legalBusinessName\n    kind\n    npi\n    tinLast4\n    status\n    city\n    state\n    atRisk\n    orphaned\n  }\n": types.OrganizationSummaryFieldsFragmentDoc,
    "\n  fragment UserGroupSummaryFields on UserGroup {\n    id\n    name\n    kind\n    description\n    orphaned\n    company {\n      id\n      name\n    }\n  }\n": types.UserGroupSummaryFieldsFragmentDoc,
    "\n  query ProviderTypeSettings {\n    providerTypeSettings {\n      providerType\n      open\n      reason\n    }\n  }\n": types.ProviderTypeSettingsDocument,
    "\n  query QueueCount {\n    approvalQueue(first: 0) {\n      totalCount\n    }\n  }\n": types.QueueCountDocument,
    "\n  fragment RequestSummaryFields on AccessRequest {\n    id\n    trackingNumber\n    kind\n    proposedName\n    organization {\n      id\n      legalBusinessName\n    }\n    userGroup {\n      id\n      name\n    }\n    company {\n      id\n      name\n    }\n    application {\n      id\n      name\n    }\n  }\n": types.RequestSummaryFieldsFragmentDoc,
    "\n  mutation RevokeRole($input: RevokeRoleInput!) {\n    revokeRole(input: $input) {\n      roleAssignment {\n        id\n        role\n        status\n      }\n      errors {\n        ...UserErrorFields\n      }\n    }\n  }\n": types.RevokeRoleDocument,
    "\n  fragment RoleSummaryFields on RoleAssignment {\n    id\n    role\n    organization {\n      id\n      legalBusinessName\n    }\n    userGroup {\n      id\n      name\n    }\n    company {\n      id\n      name\n    }\n    application {\n      id\n      name\n    }\n  }\n": types.RoleSummaryFieldsFragmentDoc,
    "\n  fragment UserErrorFields on UserError {\n    code\n    message\n    field\n  }\n": types.UserErrorFieldsFragmentDoc,
    "\n  query Viewer {\n    viewer {\n      id\n      userId\n      name\n      email\n      community\n      emailVerified\n      helpDeskRoles: roleAssignments(first: 0, roles: [HELP_DESK]) {\n        totalCount\n      }\n      approverRoles: roleAssignments(\n        first: 0\n        roles: [SECURITY_OFFICIAL, BACKUP_SECURITY_OFFICIAL, USER_GROUP_ADMINISTRATOR, INDIVIDUAL_PRACTITIONER, HELP_DESK]\n      ) {\n        totalCount\n      }\n      administratorRoles: roleAssignments(first: 0, roles: [USER_GROUP_ADMINISTRATOR]) {\n        totalCount\n      }\n    }\n  }\n": types.ViewerDocument,
    "\n  query ViewerCompanies {\n    surrogateCompanies {\n      id\n    }\n  }\n": types.ViewerCompaniesDocument,
    "\n  query ViewerRoles($first: Int!, $roles: [Role!], $search: String, $organizationId: ID) {\n    viewer {\n      id\n      roleAssignments(first: $first, roles: $roles, search: $search, organizationId: $organizationId) {\n        totalCount\n        pageInfo {\n          hasNextPage\n        }\n        edges {\n          node {\n            id\n            role\n            organization {\n              id\n              legalBusinessName\n            }\n            userGroup {\n              id\n              name\n            }\n            application {\n              id\n            }\n          }\n        }\n      }\n    }\n  }\n": types.ViewerRolesDocument,
};

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment SubmittedRequest on AccessRequest {\n    ...RequestSummaryFields\n    status\n    organization {\n      status\n    }\n    approvers {\n      id\n      name\n    }\n  }\n"): typeof import('./graphql').SubmittedRequestFragmentDoc;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RequestOrganizationRegistration($input: OrganizationRegistrationInput!) {\n    requestOrganizationRegistration(input: $input) {\n      request {\n        ...SubmittedRequest\n      }\n      errors {\n        ...UserErrorFields\n      }\n    }\n  }\n"): typeof import('./graphql').RequestOrganizationRegistrationDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RequestBackupSecurityOfficial($input: OrganizationRefInput!) {\n    requestBackupSecurityOfficial(input: $input) {\n      request {\n        ...SubmittedRequest\n      }\n      errors {\n        ...UserErrorFields\n      }\n    }\n  }\n"): typeof import('./graphql').RequestBackupSecurityOfficialDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RequestSecurityOfficialSuccession($input: OrganizationRefInput!) {\n    requestSecurityOfficialSuccession(input: $input) {\n      request {\n        ...SubmittedRequest\n      }\n      errors {\n        ...UserErrorFields\n      }\n    }\n  }\n"): typeof import('./graphql').RequestSecurityOfficialSuccessionDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RequestUserGroup($input: NewUserGroupInput!) {\n    requestUserGroup(input: $input) {\n      request {\n        ...SubmittedRequest\n      }\n      errors {\n        ...UserErrorFields\n      }\n    }\n  }\n"): typeof import('./graphql').RequestUserGroupDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RequestUserGroupAdministration($input: UserGroupRefInput!) {\n    requestUserGroupAdministration(input: $input) {\n      request {\n        ...SubmittedRequest\n      }\n      errors {\n        ...UserErrorFields\n      }\n    }\n  }\n"): typeof import('./graphql').RequestUserGroupAdministrationDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RequestUserGroupMembership($input: UserGroupRefInput!) {\n    requestUserGroupMembership(input: $input) {\n      request {\n        ...SubmittedRequest\n      }\n      errors {\n        ...UserErrorFields\n      }\n    }\n  }\n"): typeof import('./graphql').RequestUserGroupMembershipDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RequestSurrogateUserGroups($input: SurrogateUserGroupsInput!) {\n    requestSurrogateUserGroups(input: $input) {\n      requests {\n        ...SubmittedRequest\n      }\n      errors {\n        ...UserErrorFields\n      }\n    }\n  }\n"): typeof import('./graphql').RequestSurrogateUserGroupsDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RequestSurrogateCompanyMembership($input: CompanyRefInput!) {\n    requestSurrogateCompanyMembership(input: $input) {\n      request {\n        ...SubmittedRequest\n      }\n      errors {\n        ...UserErrorFields\n      }\n    }\n  }\n"): typeof import('./graphql').RequestSurrogateCompanyMembershipDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RequestCompanyAdministration($input: CompanyRefInput!) {\n    requestCompanyAdministration(input: $input) {\n      request {\n        ...SubmittedRequest\n      }\n      errors {\n        ...UserErrorFields\n      }\n    }\n  }\n"): typeof import('./graphql').RequestCompanyAdministrationDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RequestIndividualPractitioner($input: IndividualPractitionerInput!) {\n    requestIndividualPractitioner(input: $input) {\n      request {\n        ...SubmittedRequest\n      }\n      errors {\n        ...UserErrorFields\n      }\n    }\n  }\n"): typeof import('./graphql').RequestIndividualPractitionerDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RequestApplicationAccess($input: ApplicationAccessInput!) {\n    requestApplicationAccess(input: $input) {\n      request {\n        ...SubmittedRequest\n      }\n      errors {\n        ...UserErrorFields\n      }\n    }\n  }\n"): typeof import('./graphql').RequestApplicationAccessDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query SearchOrganizations($search: String!) {\n    organizations(search: $search, first: 20) {\n      totalCount\n      edges {\n        node {\n          id\n          legalBusinessName\n          kind\n          npi\n          city\n          state\n        }\n      }\n    }\n  }\n"): typeof import('./graphql').SearchOrganizationsDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query OrganizationGroups($id: ID!) {\n    node(id: $id) {\n      __typename\n      ... on Organization {\n        id\n        userGroups {\n          ...UserGroupSummaryFields\n        }\n      }\n    }\n  }\n"): typeof import('./graphql').OrganizationGroupsDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query SearchCompanies($search: String!) {\n    companySearch(search: $search) {\n      id\n      name\n      tinLast4\n      orphaned\n    }\n  }\n"): typeof import('./graphql').SearchCompaniesDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query MyCompanies {\n    surrogateCompanies {\n      id\n      name\n      tinLast4\n    }\n  }\n"): typeof import('./graphql').MyCompaniesDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Applications {\n    applications {\n      id\n      code\n      name\n      open\n      closedReason\n    }\n  }\n"): typeof import('./graphql').ApplicationsDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query AuditEvents($first: Int, $after: String, $actions: [String!], $organizationId: ID) {\n    auditEvents(first: $first, after: $after, actions: $actions, organizationId: $organizationId) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      edges {\n        node {\n          id\n          occurredAt\n          action\n          details\n          actor {\n            id\n            name\n          }\n          subjectUser {\n            id\n            name\n          }\n          organization {\n            id\n            legalBusinessName\n          }\n          request {\n            id\n            trackingNumber\n          }\n        }\n      }\n    }\n  }\n"): typeof import('./graphql').AuditEventsDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RegisterAccount($input: RegisterAccountInput!) {\n    registerAccount(input: $input) {\n      ...SignedInFields\n    }\n  }\n"): typeof import('./graphql').RegisterAccountDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ResendVerificationCode {\n    resendVerificationCode {\n      viewer {\n        id\n      }\n      errors {\n        ...UserErrorFields\n      }\n    }\n  }\n"): typeof import('./graphql').ResendVerificationCodeDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment SignedInFields on ViewerPayload {\n    viewer {\n      id\n      userId\n      name\n      emailVerified\n    }\n    errors {\n      ...UserErrorFields\n    }\n  }\n"): typeof import('./graphql').SignedInFieldsFragmentDoc;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation SignIn($input: SignInInput!) {\n    signIn(input: $input) {\n      ...SignedInFields\n    }\n  }\n"): typeof import('./graphql').SignInDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation SignOut {\n    signOut\n  }\n"): typeof import('./graphql').SignOutDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation VerifyEmail($input: VerifyEmailInput!) {\n    verifyEmail(input: $input) {\n      viewer {\n        id\n        emailVerified\n      }\n      errors {\n        ...UserErrorFields\n      }\n    }\n  }\n"): typeof import('./graphql').VerifyEmailDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query CompanyDashboard {\n    surrogateCompanies {\n      id\n      name\n      tinLast4\n      atRisk\n      orphaned\n      administrators {\n        id\n        name\n      }\n      associationCounts {\n        status\n        count\n      }\n    }\n  }\n"): typeof import('./graphql').CompanyDashboardDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query CompanyAssociations(\n    $companyId: ID!\n    $first: Int\n    $after: String\n    $search: String\n    $state: String\n    $status: RequestStatus\n  ) {\n    node(id: $companyId) {\n      ... on SurrogateCompany {\n        id\n        associations(first: $first, after: $after, search: $search, state: $state, status: $status) {\n          totalCount\n          pageInfo {\n            hasNextPage\n            endCursor\n          }\n          edges {\n            node {\n              status\n              organization {\n                id\n                legalBusinessName\n                city\n                state\n                npi\n              }\n              userGroup {\n                id\n                name\n                members(first: 5) {\n                  totalCount\n                  edges {\n                    node {\n                      id\n                      name\n                      email\n                    }\n                  }\n                }\n              }\n              request {\n                id\n                trackingNumber\n                createdAt\n                decidedAt\n                reason\n                decidedBy {\n                  id\n                  name\n                }\n                approvers {\n                  id\n                  name\n                }\n              }\n            }\n          }\n        }\n      }\n    }\n  }\n"): typeof import('./graphql').CompanyAssociationsDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query CertificationQueue($first: Int, $after: String) {\n    certificationQueue(first: $first, after: $after) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      edges {\n        node {\n          ...RoleSummaryFields\n          status\n          grantedAt\n          certifyBy\n          certifiedAt\n          suspendedAt\n          canRevoke\n          user {\n            id\n            name\n            email\n          }\n        }\n      }\n    }\n  }\n"): typeof import('./graphql').CertificationQueueDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CertifyRoles($input: CertifyRolesInput!) {\n    certifyRoles(input: $input) {\n      roleAssignments {\n        id\n        status\n        certifyBy\n      }\n      errors {\n        ...UserErrorFields\n      }\n    }\n  }\n"): typeof import('./graphql').CertifyRolesDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query MailLog($first: Int) {\n    mailLog(first: $first) {\n      to\n      subject\n      body\n      template\n      createdAt\n      sentAt\n      attempts\n      lastError\n    }\n  }\n"): typeof import('./graphql').MailLogDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query OrganizationPage($id: ID!) {\n    node(id: $id) {\n      __typename\n      ... on Organization {\n        ...OrganizationSummaryFields\n        providerType\n        community\n        securityOfficial {\n          id\n          name\n        }\n        backupSecurityOfficials {\n          id\n          name\n        }\n        officials {\n          id\n          role\n          grantedAt\n          certifyBy\n          canRevoke\n          user {\n            id\n            name\n            email\n            active\n          }\n          grantedBy {\n            id\n            name\n          }\n        }\n        userGroups {\n          ...UserGroupSummaryFields\n          company {\n            tinLast4\n          }\n          administrators {\n            id\n            name\n          }\n          roleAssignments {\n            id\n            role\n            grantedAt\n            canRevoke\n            user {\n              id\n              name\n              email\n            }\n            application {\n              id\n              name\n            }\n          }\n          members(first: 100) {\n            totalCount\n            edges {\n              node {\n                id\n                name\n                email\n              }\n            }\n          }\n        }\n      }\n    }\n  }\n"): typeof import('./graphql').OrganizationPageDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Profile {\n    viewer {\n      id\n      name\n      email\n      phone\n      pendingEmail\n      userId\n    }\n  }\n"): typeof import('./graphql').ProfileDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation UpdateProfile($input: UpdateProfileInput!) {\n    updateProfile(input: $input) {\n      viewer {\n        id\n        name\n        phone\n      }\n      errors {\n        ...UserErrorFields\n      }\n    }\n  }\n"): typeof import('./graphql').UpdateProfileDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ChangePassword($input: ChangePasswordInput!) {\n    changePassword(input: $input) {\n      viewer {\n        id\n      }\n      errors {\n        ...UserErrorFields\n      }\n    }\n  }\n"): typeof import('./graphql').ChangePasswordDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RequestEmailChange($input: RequestEmailChangeInput!) {\n    requestEmailChange(input: $input) {\n      viewer {\n        id\n        pendingEmail\n      }\n      errors {\n        ...UserErrorFields\n      }\n    }\n  }\n"): typeof import('./graphql').RequestEmailChangeDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ConfirmEmailChange($input: VerifyEmailInput!) {\n    confirmEmailChange(input: $input) {\n      viewer {\n        id\n        email\n        pendingEmail\n      }\n      errors {\n        ...UserErrorFields\n      }\n    }\n  }\n"): typeof import('./graphql').ConfirmEmailChangeDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ApiTokens {\n    viewer {\n      id\n      apiTokens {\n        id\n        name\n        createdAt\n        expiresAt\n        lastUsedAt\n      }\n    }\n  }\n"): typeof import('./graphql').ApiTokensDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CreateApiToken($input: CreateApiTokenInput!) {\n    createApiToken(input: $input) {\n      token {\n        id\n        name\n        expiresAt\n      }\n      secret\n      errors {\n        ...UserErrorFields\n      }\n    }\n  }\n"): typeof import('./graphql').CreateApiTokenDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RevokeApiToken($input: NodeRefInput!) {\n    revokeApiToken(input: $input) {\n      token {\n        id\n      }\n      errors {\n        ...UserErrorFields\n      }\n    }\n  }\n"): typeof import('./graphql').RevokeApiTokenDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query CompaniesAtRisk {\n    surrogateCompaniesAtRisk {\n      id\n      name\n      tinLast4\n      atRisk\n      orphaned\n      administrators {\n        id\n        name\n      }\n    }\n  }\n"): typeof import('./graphql').CompaniesAtRiskDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query DelegatedToMe {\n    viewer {\n      id\n      delegations {\n        id\n        active\n        endsAt\n        delegate {\n          id\n        }\n        delegator {\n          name\n        }\n        role {\n          ...RoleSummaryFields\n        }\n      }\n    }\n  }\n"): typeof import('./graphql').DelegatedToMeDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query HelpDeskLookup($query: String!) {\n    helpDeskLookup(query: $query) {\n      people {\n        id\n        userId\n        name\n        email\n        community\n        emailVerified\n        lockedUntil\n        roles {\n          id\n          role\n          organization {\n            id\n            legalBusinessName\n          }\n          userGroup {\n            id\n            name\n          }\n          company {\n            id\n            name\n          }\n        }\n      }\n      organizations {\n        ...OrganizationSummaryFields\n      }\n      requests {\n        ...RequestSummaryFields\n        status\n        createdAt\n        requester {\n          id\n          name\n        }\n      }\n    }\n  }\n"): typeof import('./graphql').HelpDeskLookupDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation UnlockAccount($input: UserRefInput!) {\n    unlockAccount(input: $input) {\n      user {\n        id\n        name\n      }\n      errors {\n        ...UserErrorFields\n      }\n    }\n  }\n"): typeof import('./graphql').UnlockAccountDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription ApprovalQueueEvents {\n    approvalQueue {\n      kind\n      requestId\n      totalCount\n      request {\n        ...RequestSummaryFields\n        status\n        requester {\n          name\n        }\n        decidedBy {\n          id\n        }\n      }\n    }\n  }\n"): typeof import('./graphql').ApprovalQueueEventsDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ApprovalQueue($first: Int, $after: String, $kinds: [RequestKind!], $organizationId: ID) {\n    approvalQueue(first: $first, after: $after, kinds: $kinds, organizationId: $organizationId) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      edges {\n        node {\n          ...RequestSummaryFields\n          status\n          createdAt\n          expiresAt\n          canDecide\n          justification\n          requestedEndsAt\n          escalatedAt\n          organization {\n            status\n            city\n            state\n            npi\n          }\n          company {\n            tinLast4\n          }\n          requester {\n            id\n            userId\n            name\n            email\n            roles {\n              ...RoleSummaryFields\n              grantedAt\n            }\n            requests(first: 6) {\n              totalCount\n              edges {\n                node {\n                  ...RequestSummaryFields\n                  status\n                  createdAt\n                  reason\n                }\n              }\n            }\n          }\n        }\n      }\n    }\n  }\n"): typeof import('./graphql').ApprovalQueueDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment DecidedRequest on RequestPayload {\n    request {\n      id\n      trackingNumber\n      status\n    }\n    errors {\n      ...UserErrorFields\n    }\n  }\n"): typeof import('./graphql').DecidedRequestFragmentDoc;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ApproveRequest($input: DecisionInput!) {\n    approveRequest(input: $input) {\n      ...DecidedRequest\n    }\n  }\n"): typeof import('./graphql').ApproveRequestDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation DenyRequest($input: DecisionInput!) {\n    denyRequest(input: $input) {\n      ...DecidedRequest\n    }\n  }\n"): typeof import('./graphql').DenyRequestDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation DecideRequests($input: BulkDecisionInput!) {\n    decideRequests(input: $input) {\n      requests {\n        id\n        trackingNumber\n        status\n      }\n      errors {\n        ...UserErrorFields\n      }\n    }\n  }\n"): typeof import('./graphql').DecideRequestsDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query StalledOrganizations {\n    stalledOrganizations {\n      id\n      legalBusinessName\n      city\n      state\n    }\n  }\n"): typeof import('./graphql').StalledOrganizationsDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query CmsApplications {\n    applications {\n      id\n      code\n      name\n      description\n      open\n      closedReason\n    }\n  }\n"): typeof import('./graphql').CmsApplicationsDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation SetProviderTypeOpen($input: ProviderTypeOpenInput!) {\n    setProviderTypeOpen(input: $input) {\n      setting {\n        providerType\n        open\n        reason\n      }\n      errors {\n        ...UserErrorFields\n      }\n    }\n  }\n"): typeof import('./graphql').SetProviderTypeOpenDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation PublishApplication($input: PublishApplicationInput!) {\n    publishApplication(input: $input) {\n      application {\n        id\n        name\n        open\n      }\n      errors {\n        ...UserErrorFields\n      }\n    }\n  }\n"): typeof import('./graphql').PublishApplicationDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation SetApplicationOpen($input: ApplicationOpenInput!) {\n    setApplicationOpen(input: $input) {\n      application {\n        id\n        name\n        open\n        closedReason\n      }\n      errors {\n        ...UserErrorFields\n      }\n    }\n  }\n"): typeof import('./graphql').SetApplicationOpenDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query MyRequests($first: Int, $after: String, $status: RequestStatus) {\n    viewer {\n      id\n      requests(first: $first, after: $after, status: $status) {\n        totalCount\n        pageInfo {\n          hasNextPage\n          endCursor\n        }\n        edges {\n          node {\n            ...RequestSummaryFields\n            status\n            createdAt\n            expiresAt\n            decidedAt\n            reason\n            justification\n            requestedEndsAt\n            escalatedAt\n            organization {\n              status\n            }\n            decidedBy {\n              id\n              name\n            }\n            onBehalfOf {\n              id\n              name\n            }\n            approvers {\n              id\n              name\n            }\n          }\n        }\n      }\n    }\n  }\n"): typeof import('./graphql').MyRequestsDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CancelRequest($input: RequestRefInput!) {\n    cancelRequest(input: $input) {\n      request {\n        id\n        status\n      }\n      errors {\n        ...UserErrorFields\n      }\n    }\n  }\n"): typeof import('./graphql').CancelRequestDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query MyDelegations {\n    viewer {\n      id\n      delegations {\n        id\n        startsAt\n        endsAt\n        endedAt\n        active\n        delegator {\n          id\n          name\n        }\n        delegate {\n          id\n          name\n        }\n        role {\n          ...RoleSummaryFields\n        }\n      }\n      delegableRoles: roleAssignments(\n        first: 25\n        roles: [SECURITY_OFFICIAL, BACKUP_SECURITY_OFFICIAL, USER_GROUP_ADMINISTRATOR]\n      ) {\n        totalCount\n        edges {\n          node {\n            ...RoleSummaryFields\n            status\n            delegateCandidates {\n              id\n              name\n            }\n          }\n        }\n      }\n    }\n  }\n"): typeof import('./graphql').MyDelegationsDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CreateDelegation($input: CreateDelegationInput!) {\n    createDelegation(input: $input) {\n      delegation {\n        id\n      }\n      errors {\n        ...UserErrorFields\n      }\n    }\n  }\n"): typeof import('./graphql').CreateDelegationDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation EndDelegation($input: NodeRefInput!) {\n    endDelegation(input: $input) {\n      delegation {\n        id\n      }\n      errors {\n        ...UserErrorFields\n      }\n    }\n  }\n"): typeof import('./graphql').EndDelegationDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query MyRoleAssignments($first: Int, $after: String, $search: String, $organizationId: ID) {\n    viewer {\n      id\n      roleAssignments(first: $first, after: $after, search: $search, organizationId: $organizationId) {\n        totalCount\n        pageInfo {\n          hasNextPage\n          endCursor\n        }\n        edges {\n          node {\n            ...RoleSummaryFields\n            status\n            grantedAt\n            certifyBy\n            endsAt\n            canRevoke\n            organization {\n              kind\n            }\n            userGroup {\n              kind\n            }\n            grantedBy {\n              id\n              name\n            }\n          }\n        }\n      }\n    }\n  }\n"): typeof import('./graphql').MyRoleAssignmentsDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Webhooks {\n    webhooks {\n      id\n      url\n      events\n      active\n      createdAt\n      organization {\n        id\n        legalBusinessName\n      }\n      deliveries(first: 20) {\n        totalCount\n        edges {\n          node {\n            id\n            eventId\n            event\n            createdAt\n            status\n            attemptCount\n            nextAttemptAt\n            lastStatusCode\n            lastError\n            attempts {\n              attemptedAt\n              statusCode\n              error\n            }\n          }\n        }\n      }\n    }\n  }\n"): typeof import('./graphql').WebhooksDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query WebhookOrganizations {\n    organizations(first: 100) {\n      edges {\n        node {\n          id\n          legalBusinessName\n        }\n      }\n    }\n  }\n"): typeof import('./graphql').WebhookOrganizationsDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CreateWebhook($input: CreateWebhookInput!) {\n    createWebhook(input: $input) {\n      webhook {\n        id\n        url\n      }\n      secret\n      errors {\n        ...UserErrorFields\n      }\n    }\n  }\n"): typeof import('./graphql').CreateWebhookDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation DeleteWebhook($input: NodeRefInput!) {\n    deleteWebhook(input: $input) {\n      webhook {\n        id\n        active\n      }\n      errors {\n        ...UserErrorFields\n      }\n    }\n  }\n"): typeof import('./graphql').DeleteWebhookDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RedeliverWebhookDelivery($input: NodeRefInput!) {\n    redeliverWebhookDelivery(input: $input) {\n      delivery {\n        id\n        status\n      }\n      errors {\n        ...UserErrorFields\n      }\n    }\n  }\n"): typeof import('./graphql').RedeliverWebhookDeliveryDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query GrantChain($id: ID!) {\n    node(id: $id) {\n      __typename\n      ... on RoleAssignment {\n        id\n        role\n        user {\n          id\n          name\n        }\n        grantChain {\n          reason\n          roleAssignment {\n            ...RoleSummaryFields\n            grantedAt\n            user {\n              id\n              name\n            }\n          }\n          request {\n            id\n            trackingNumber\n            kind\n            createdAt\n            decidedAt\n            decidedBy {\n              id\n              name\n            }\n          }\n          approverRole {\n            ...RoleSummaryFields\n            user {\n              id\n              name\n            }\n          }\n        }\n      }\n    }\n  }\n"): typeof import('./graphql').GrantChainDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment PersonExplanationFields on User {\n    id\n    name\n    decisionRights(first: 25) {\n      relation\n      kinds\n      everywhere\n      becauseOf {\n        ...RoleSummaryFields\n      }\n    }\n    decisionRightCount\n    departureImpact {\n      roles(first: 25) {\n        ...RoleSummaryFields\n      }\n      roleCount\n      groupsWithoutAdministrator(first: 25) {\n        id\n        name\n        organization {\n          legalBusinessName\n        }\n      }\n      groupsWithoutAdministratorCount\n      organizationsWithoutSecurityOfficial(first: 25) {\n        id\n        legalBusinessName\n      }\n      organizationsWithoutSecurityOfficialCount\n      organizationsWithoutAnyOfficial(first: 25) {\n        id\n        legalBusinessName\n      }\n      organizationsWithoutAnyOfficialCount\n      companiesWithoutAdministrator(first: 25) {\n        id\n        name\n      }\n      companiesWithoutAdministratorCount\n      requestsWithoutApprover(first: 25) {\n        ...RequestSummaryFields\n      }\n      requestsWithoutApproverCount\n    }\n  }\n"): typeof import('./graphql').PersonExplanationFieldsFragmentDoc;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ViewerExplanation {\n    viewer {\n      ...PersonExplanationFields\n    }\n  }\n"): typeof import('./graphql').ViewerExplanationDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query HolderExplanation($roleId: ID!) {\n    node(id: $roleId) {\n      __typename\n      ... on RoleAssignment {\n        id\n        user {\n          ...PersonExplanationFields\n        }\n      }\n    }\n  }\n"): typeof import('./graphql').HolderExplanationDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query MailLogAvailable {\n    mailLog(first: 0) {\n      subject\n    }\n  }\n"): typeof import('./graphql').MailLogAvailableDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment OrganizationSummaryFields on Organization {\n    id\n    legalBusinessName\n    kind\n    npi\n    tinLast4\n    status\n    city\n    state\n    atRisk\n    orphaned\n  }\n"): typeof import('./graphql').OrganizationSummaryFieldsFragmentDoc;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment UserGroupSummaryFields on UserGroup {\n    id\n    name\n    kind\n    description\n    orphaned\n    company {\n      id\n      name\n    }\n  }\n"): typeof import('./graphql').UserGroupSummaryFieldsFragmentDoc;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ProviderTypeSettings {\n    providerTypeSettings {\n      providerType\n      open\n      reason\n    }\n  }\n"): typeof import('./graphql').ProviderTypeSettingsDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query QueueCount {\n    approvalQueue(first: 0) {\n      totalCount\n    }\n  }\n"): typeof import('./graphql').QueueCountDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment RequestSummaryFields on AccessRequest {\n    id\n    trackingNumber\n    kind\n    proposedName\n    organization {\n      id\n      legalBusinessName\n    }\n    userGroup {\n      id\n      name\n    }\n    company {\n      id\n      name\n    }\n    application {\n      id\n      name\n    }\n  }\n"): typeof import('./graphql').RequestSummaryFieldsFragmentDoc;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RevokeRole($input: RevokeRoleInput!) {\n    revokeRole(input: $input) {\n      roleAssignment {\n        id\n        role\n        status\n      }\n      errors {\n        ...UserErrorFields\n      }\n    }\n  }\n"): typeof import('./graphql').RevokeRoleDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment RoleSummaryFields on RoleAssignment {\n    id\n    role\n    organization {\n      id\n      legalBusinessName\n    }\n    userGroup {\n      id\n      name\n    }\n    company {\n      id\n      name\n    }\n    application {\n      id\n      name\n    }\n  }\n"): typeof import('./graphql').RoleSummaryFieldsFragmentDoc;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment UserErrorFields on UserError {\n    code\n    message\n    field\n  }\n"): typeof import('./graphql').UserErrorFieldsFragmentDoc;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Viewer {\n    viewer {\n      id\n      userId\n      name\n      email\n      community\n      emailVerified\n      helpDeskRoles: roleAssignments(first: 0, roles: [HELP_DESK]) {\n        totalCount\n      }\n      approverRoles: roleAssignments(\n        first: 0\n        roles: [SECURITY_OFFICIAL, BACKUP_SECURITY_OFFICIAL, USER_GROUP_ADMINISTRATOR, INDIVIDUAL_PRACTITIONER, HELP_DESK]\n      ) {\n        totalCount\n      }\n      administratorRoles: roleAssignments(first: 0, roles: [USER_GROUP_ADMINISTRATOR]) {\n        totalCount\n      }\n    }\n  }\n"): typeof import('./graphql').ViewerDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ViewerCompanies {\n    surrogateCompanies {\n      id\n    }\n  }\n"): typeof import('./graphql').ViewerCompaniesDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ViewerRoles($first: Int!, $roles: [Role!], $search: String, $organizationId: ID) {\n    viewer {\n      id\n      roleAssignments(first: $first, roles: $roles, search: $search, organizationId: $organizationId) {\n        totalCount\n        pageInfo {\n          hasNextPage\n        }\n        edges {\n          node {\n            id\n            role\n            organization {\n              id\n              legalBusinessName\n            }\n            userGroup {\n              id\n              name\n            }\n            application {\n              id\n            }\n          }\n        }\n      }\n    }\n  }\n"): typeof import('./graphql').ViewerRolesDocument;


export function graphql(source: string) {
  return (documents as any)[source] ?? {};
}
