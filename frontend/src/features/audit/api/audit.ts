import { useInfiniteQuery } from '@tanstack/react-query';
import { graphql } from '@/gql';
import type { AuditEventsQuery, ProviderType, RequestKind, Role } from '@/gql/graphql';
import { execute } from '@/lib/execute';
import { formatDate } from '@/lib/format';
import { providerTypeNames, requestKindNames, roleNames } from '@/lib/names';

const AuditEventsDocument = graphql(`
  query AuditEvents($first: Int, $after: String, $actions: [String!], $organizationId: ID) {
    auditEvents(first: $first, after: $after, actions: $actions, organizationId: $organizationId) {
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
`);

export type AuditEvent = AuditEventsQuery['auditEvents']['edges'][number]['node'];

const pageSize = 25;

/** R31: the events of the viewer's scope, newest first (the API decides the scope). */
export function useAuditEvents(actions: string[] | null, organizationId: string | null) {
  return useInfiniteQuery({
    queryKey: ['audit-events', actions, organizationId],
    initialPageParam: null as string | null,
    queryFn: async ({ pageParam }) =>
      (await execute(AuditEventsDocument, { first: pageSize, after: pageParam, actions, organizationId })).auditEvents,
    getNextPageParam: (page) => (page.pageInfo.hasNextPage ? page.pageInfo.endCursor : null),
    staleTime: 0,
  });
}

const detailLabels: Record<string, string> = {
  kind: 'Request',
  role: 'Role',
  reason: 'Reason',
  why: 'Why',
  company: 'Company',
  companyName: 'Company',
  application: 'Application',
  name: 'Name',
  provider_type: 'Provider type',
  code: 'Code',
  open: 'Open',
  was_open: 'Open before',
  onBehalfOf: 'For',
  delegate: 'Delegate',
  startsAt: 'From',
  endsAt: 'Until',
};

function detailValue(key: string, value: string | number | boolean): string {
  if (key === 'kind' && typeof value === 'string' && value in requestKindNames) return requestKindNames[value as RequestKind];
  if (key === 'role' && typeof value === 'string' && value in roleNames) return roleNames[value as Role];
  if (key === 'provider_type' && typeof value === 'string' && value in providerTypeNames) {
    return providerTypeNames[value as ProviderType];
  }
  if ((key === 'startsAt' || key === 'endsAt') && typeof value === 'string') return formatDate(value);
  if (typeof value === 'boolean') return value ? 'yes' : 'no';
  return String(value);
}

/** `details` is free-form JSON: its simple values as "Label: value", leaving out what the row already says. */
export function detailText(details: unknown): string {
  if (details === null || typeof details !== 'object' || Array.isArray(details)) return '';
  const skip = new Set(['trackingNumber', 'onBehalfOfId', 'delegator']);
  return Object.entries(details as Record<string, unknown>)
    .flatMap(([key, value]) =>
      skip.has(key) || (typeof value !== 'string' && typeof value !== 'number' && typeof value !== 'boolean') || value === ''
        ? []
        : [`${detailLabels[key] ?? key}: ${detailValue(key, value)}`],
    )
    .join(' · ');
}
