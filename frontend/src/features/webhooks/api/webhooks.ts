import { useQuery } from '@tanstack/react-query';
import { graphql } from '@/gql';
import type { WebhookEvent, WebhooksQuery } from '@/gql/graphql';
import { execute, sendInput } from '@/lib/execute';
import { useRefreshingMutation } from '@/lib/query-client';

const WebhooksDocument = graphql(`
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
`);

const WebhookOrganizationsDocument = graphql(`
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
`);

const CreateWebhookDocument = graphql(`
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
`);

const DeleteWebhookDocument = graphql(`
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
`);

const RedeliverWebhookDeliveryDocument = graphql(`
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
`);

export type WebhookRow = WebhooksQuery['webhooks'][number];
export type DeliveryRow = WebhookRow['deliveries']['edges'][number]['node'];

/** What each event means, in the words the page uses (the order of the form's checkboxes). */
export const webhookEventNames: Record<WebhookEvent, string> = {
  REQUEST_SUBMITTED: 'A request is submitted',
  REQUEST_DECIDED: 'A request is approved or denied',
  REQUEST_EXPIRED: 'A request expires',
  REQUEST_ESCALATED: 'A request moves up a level',
  ROLE_GRANTED: 'A role is granted',
  ROLE_ENDED: 'A role ends',
  ROLE_SUSPENDED: 'A role is suspended',
  ROLE_RESTORED: 'A role is restored',
};

export const webhookEvents = Object.keys(webhookEventNames) as WebhookEvent[];

const webhooksQueryKey = ['webhooks'] as const;

/** The help desk's endpoints with their newest deliveries (the API shows them to the help desk only). */
export function useWebhooks() {
  return useQuery({
    queryKey: webhooksQueryKey,
    queryFn: async () => (await execute(WebhooksDocument)).webhooks,
    staleTime: 0,
  });
}

/** Organizations to limit an endpoint to, by name. */
export function useWebhookOrganizations() {
  return useQuery({
    queryKey: ['webhook-organizations'],
    queryFn: async () => (await execute(WebhookOrganizationsDocument)).organizations.edges.map((edge) => edge.node),
    staleTime: 60_000,
  });
}

export function useCreateWebhook() {
  return useRefreshingMutation(sendInput(CreateWebhookDocument, 'createWebhook'), webhooksQueryKey);
}

export function useDeleteWebhook() {
  return useRefreshingMutation(
    sendInput(DeleteWebhookDocument, 'deleteWebhook', (id: string) => ({ id })),
    webhooksQueryKey,
  );
}

export function useRedeliverWebhookDelivery() {
  return useRefreshingMutation(
    sendInput(RedeliverWebhookDeliveryDocument, 'redeliverWebhookDelivery', (id: string) => ({ id })),
    webhooksQueryKey,
  );
}
