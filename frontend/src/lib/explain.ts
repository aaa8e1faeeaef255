// Explain why (R24, R31): the chain that grants a role, back to the help desk; what a person may
// decide and because of which role; what their leaving would leave without anyone to act.
import { useQuery } from '@tanstack/react-query';
import { graphql } from '@/gql';
import type { ApproverRelation, GrantChainQuery, PersonExplanationFieldsFragment } from '@/gql/graphql';
import { execute } from './execute';
import { formatDate } from './format';
import { requestKindNames, roleNames } from './names';
import { describeRole, type RoleSubject } from './roles';

const GrantChainDocument = graphql(`
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
`);

// A billing company's administrator holds a role per group their company serves: each list reads its first 25
// (explanationListSize), and its count says how many more there are.
graphql(`
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
`);

/** How many items each list of an explanation reads (the `first: 25` of PersonExplanationFields). */
export const explanationListSize = 25;

const ViewerExplanationDocument = graphql(`
  query ViewerExplanation {
    viewer {
      ...PersonExplanationFields
    }
  }
`);

// Officials see the people of their organizations through their roles (a person's node is theirs
// and the help desk's only): the person is read as the holder of one of their roles.
const HolderExplanationDocument = graphql(`
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
`);

type RoleNode = Extract<NonNullable<GrantChainQuery['node']>, { __typename: 'RoleAssignment' }>;
export type GrantStepData = RoleNode['grantChain'][number];
export type PersonExplanation = PersonExplanationFieldsFragment;

/** The role and its chain; null when the role does not exist or is not the viewer's to see. */
export function useGrantChain(roleId: string | null) {
  return useQuery({
    queryKey: ['grant-chain', roleId],
    queryFn: async () => {
      const node = (await execute(GrantChainDocument, { id: roleId ?? '' })).node;
      return node?.__typename === 'RoleAssignment' ? node : null;
    },
    enabled: roleId !== null,
  });
}

export function useViewerExplanation(enabled: boolean) {
  return useQuery({
    queryKey: ['person-explanation', 'viewer'],
    queryFn: async () => (await execute(ViewerExplanationDocument)).viewer ?? null,
    enabled,
    staleTime: 0,
  });
}

/** The holder of `roleId`, explained; null when the role is not the viewer's to see. */
export function useHolderExplanation(roleId: string | null) {
  return useQuery({
    queryKey: ['person-explanation', 'role', roleId],
    queryFn: async () => {
      const node = (await execute(HolderExplanationDocument, { roleId: roleId ?? '' })).node;
      return node?.__typename === 'RoleAssignment' ? node.user : null;
    },
    enabled: roleId !== null,
    staleTime: 0,
  });
}

// --- in words -----------------------------------------------------------------------------------------------

export interface ChainLink {
  key: string;
  /** "End user in Claims Team (Provider Organization XYZ)". */
  role: string;
  holder: string;
  /** "Ugo Admin approved request R261120-AAAAAA (Join a user group) on Nov 20, 2026." or how the link starts. */
  grant: string;
  /** "On the authority of Ugo Admin as User Group Administrator in Claims Team (Provider Organization XYZ)." */
  authority: string | null;
  /** The API's reason, in words: "Approved by a User Group Administrator of the group." */
  rule: string;
  trackingNumber: string | null;
}

function roleText(role: RoleSubject): string {
  return describeRole(role, roleNames[role.role]);
}

/** The chain as ordered links, from the role asked about back to the CMS help desk. */
export function chainLinks(chain: readonly GrantStepData[]): ChainLink[] {
  return chain.map((step) => {
    const assignment = step.roleAssignment;
    const request = step.request;
    let grant: string;
    if (assignment.role === 'HELP_DESK') {
      grant = 'A CMS help-desk account: created by CMS operators, not by a request.';
    } else if (request == null) {
      grant = `Granted on ${formatDate(assignment.grantedAt)} without a request.`;
    } else {
      const what = `request ${request.trackingNumber} (${requestKindNames[request.kind]})`;
      const when = formatDate(request.decidedAt ?? assignment.grantedAt);
      grant =
        request.decidedBy == null
          ? `Granted with ${what} on ${when}.`
          : `${request.decidedBy.name} approved ${what} on ${when}.`;
    }
    const approver = step.approverRole;
    return {
      key: assignment.id,
      role: roleText(assignment),
      holder: assignment.user.name,
      grant,
      authority: approver == null ? null : `On the authority of ${approver.user.name} as ${roleText(approver)}.`,
      rule: step.reason,
      trackingNumber: request?.trackingNumber ?? null,
    };
  });
}

/** "Approved: Emma User’s role by Ugo Admin; Ugo Admin’s role by Sally Official; ... of the CMS help desk." */
export function chainSummary(chain: readonly GrantStepData[]): string {
  const parts = chain.flatMap((step) => {
    const decider = step.request?.decidedBy?.name ?? step.approverRole?.user.name;
    return decider === undefined ? [] : [`${step.roleAssignment.user.name}’s role by ${decider}`];
  });
  if (parts.length === 0) return 'No approval is recorded for this role.';
  const end = chain.at(-1)?.roleAssignment.role === 'HELP_DESK' ? ', of the CMS help desk' : '';
  return `Approved: ${parts.join('; ')}${end}.`;
}

const relationWords: Record<ApproverRelation, string> = {
  HELP_DESK: 'As the CMS help desk, everywhere',
  ORGANIZATION_SECURITY_OFFICIAL: 'As the Security Official',
  ORGANIZATION_OFFICIALS: 'As an official (the Security Official or a Backup)',
  GROUP_ADMINISTRATORS: 'As a User Group Administrator of the group',
  COMPANY_ADMINISTRATORS: 'As a User Group Administrator of the company',
  PRACTITIONER: 'As the individual practitioner',
};

export interface RightText {
  key: string;
  /** "As an official (the Security Official or a Backup)". */
  capacity: string;
  /** "New user group, User group administration, Surrogate user group". */
  kinds: string;
  /** "Security Official of Provider Organization XYZ". */
  because: string;
}

/** What a person may decide, grouped by the role that lets them; in the API's order. */
export function decisionRightTexts(rights: PersonExplanation['decisionRights']): RightText[] {
  return rights.map((right, index) => ({
    key: `${right.becauseOf.id}-${right.relation}-${String(index)}`,
    capacity: relationWords[right.relation],
    kinds: right.kinds.map((kind) => requestKindNames[kind]).join(', '),
    because: right.everywhere ? `${roleText(right.becauseOf)} (everywhere)` : roleText(right.becauseOf),
  }));
}

export function departureCount(impact: NonNullable<PersonExplanation['departureImpact']>): number {
  return (
    impact.groupsWithoutAdministratorCount +
    impact.organizationsWithoutSecurityOfficialCount +
    impact.organizationsWithoutAnyOfficialCount +
    impact.companiesWithoutAdministratorCount +
    impact.requestsWithoutApproverCount
  );
}
