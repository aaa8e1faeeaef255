// How a request reads in a sentence, wherever it is shown (My requests, the queue, the help desk).
import { graphql } from '@/gql';
import type { RequestKind, RequestStatus } from '@/gql/graphql';

/**
 * What every list of requests shows of one: its number and what it asks, with the ids of what it is about
 * (for links). Documents spread `...RequestSummaryFields` and add what their page alone needs (status, dates,
 * people); nothing here costs more than the request's own row and the objects it names.
 */
export const RequestSummaryFieldsFragment = graphql(`
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
`);

export interface RequestSubject {
  kind: RequestKind;
  proposedName?: string | null;
  organization?: { legalBusinessName: string } | null;
  userGroup?: { name: string } | null;
  company?: { name: string } | null;
  application?: { name: string } | null;
}

function quoted(name: string | null | undefined): string {
  return name == null || name === '' ? 'a user group' : `“${name}”`;
}

/** "Create the user group “Claims Team” in Provider Organization XYZ". */
export function describeRequest(request: RequestSubject): string {
  const organization = request.organization?.legalBusinessName ?? 'an organization';
  const group = request.userGroup?.name ?? request.proposedName;
  switch (request.kind) {
    case 'REGISTER_ORGANIZATION':
      return `Register ${organization} and be its Security Official`;
    case 'BACKUP_SECURITY_OFFICIAL':
      return `Be a Backup Security Official of ${organization}`;
    case 'SUCCEED_SECURITY_OFFICIAL':
      return `Succeed the Security Official of ${organization}`;
    case 'CREATE_USER_GROUP':
      return `Create the user group ${quoted(request.proposedName ?? group)} in ${organization} and administer it`;
    case 'ADMINISTER_USER_GROUP':
      return `Administer the user group ${quoted(group)} in ${organization}`;
    case 'JOIN_USER_GROUP':
      return `Join the user group ${quoted(group)} in ${organization}`;
    case 'JOIN_SURROGATE_COMPANY':
      return `Join the staff of ${request.company?.name ?? 'a surrogate company'}`;
    case 'ADMINISTER_SURROGATE_COMPANY':
      return `Administer ${request.company?.name ?? 'a surrogate company'}`;
    case 'CREATE_SURROGATE_USER_GROUP':
      return `Serve ${organization} for ${request.company?.name ?? 'a surrogate company'} (surrogate user group)`;
    case 'REGISTER_INDIVIDUAL_PRACTITIONER':
      return `Register as an individual practitioner${request.organization == null ? '' : ` (${organization})`}`;
    case 'APPLICATION_ACCESS':
      return `Access ${request.application?.name ?? 'a CMS application'} through the user group ${quoted(group)}`;
  }
}

export type BadgeVariation = 'info' | 'success' | 'warn' | 'alert';

export const statusBadge: Record<RequestStatus, BadgeVariation | undefined> = {
  PENDING: 'warn',
  APPROVED: 'success',
  DENIED: 'alert',
  CANCELLED: undefined,
  EXPIRED: undefined,
};

/** "Sally Official and Bob Backup"; for who a request is waiting on. */
export function listNames(people: readonly { name: string }[]): string {
  const names = people.map((person) => person.name);
  if (names.length <= 1) return names[0] ?? '';
  return `${names.slice(0, -1).join(', ')} and ${names.at(-1) ?? ''}`;
}
