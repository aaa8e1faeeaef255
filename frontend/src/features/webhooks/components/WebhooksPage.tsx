import {
  Alert,
  Badge,
  Button,
  ChoiceList,
  Dropdown,
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableRow,
  TextField,
} from '@cmsgov/design-system';
import { useRef, useState, type ChangeEvent, type SubmitEvent } from 'react';
import { ErrorSummary } from '@/components/ErrorSummary';
import { PageHeading } from '@/components/PageHeading';
import { QueryResult } from '@/components/QueryResult';
import type { WebhookEvent } from '@/gql/graphql';
import { formatDateTime } from '@/lib/format';
import { useFormErrors } from '@/lib/use-form-errors';
import { useTextFields } from '@/lib/use-text-fields';
import {
  useCreateWebhook,
  useDeleteWebhook,
  useRedeliverWebhookDelivery,
  useWebhookOrganizations,
  useWebhooks,
  webhookEventNames,
  webhookEvents,
  type DeliveryRow,
  type WebhookRow,
} from '@/features/webhooks/api/webhooks';
import { useActionProblem } from '@/lib/use-action-problem';

const formFields = ['url', 'events', 'organizationId'] as const;
const everyOrganization = 'ALL';

const deliveryStatusNames: Record<DeliveryRow['status'], string> = {
  PENDING: 'Waiting to be sent',
  DELIVERED: 'Delivered',
  FAILED: 'Failed',
};

function lastAnswer(delivery: DeliveryRow): string {
  if (delivery.attemptCount === 0) return 'Not tried yet';
  if (delivery.lastError != null) return delivery.lastError;
  return `Answered ${String(delivery.lastStatusCode ?? '')}`;
}

/** The signing secret, shown once right after the endpoint is added. */
function NewSecret({ url, secret, onDone }: { url: string; secret: string; onDone: () => void }) {
  return (
    <Alert variation="success" headingLevel="2" heading="Copy the signing secret now" className="ds-u-margin-bottom--3">
      <p className="ds-c-alert__text">
        Give it to whoever runs{' '}
        <span style={{ fontFamily: 'var(--font-mono, monospace)', overflowWrap: 'anywhere' }}>{url}</span>: it checks
        with it that each message comes from us. This is the only time it is shown.
      </p>
      <TextField
        label="Signing secret"
        name="newWebhookSecret"
        value={secret}
        readOnly
        onFocus={(event) => event.target.select()}
      />
      <Button size="small" variation="ghost" className="ds-u-margin-top--2" onClick={onDone}>
        I have saved it
      </Button>
    </Alert>
  );
}

function Deliveries({ webhook }: { webhook: WebhookRow }) {
  const redeliver = useRedeliverWebhookDelivery();
  const { problem, run } = useActionProblem();
  const deliveries = webhook.deliveries.edges.map((edge) => edge.node);

  async function sendAgain(delivery: DeliveryRow) {
    await run(() => redeliver.mutateAsync(delivery.id));
  }

  if (deliveries.length === 0) return <p className="ds-u-margin-top--1">Nothing has been sent to it yet.</p>;
  const headerId = (column: string) => `deliveries-${webhook.id}-${column.replace(/\s+/g, '-').toLowerCase()}`;
  return (
    <>
      {problem !== null && (
        <Alert variation="error" headingLevel="3" heading="It was not sent again" className="ds-u-margin-y--2">
          <p className="ds-c-alert__text">{problem}</p>
        </Alert>
      )}
      <Table stackable stackableBreakpoint="lg" compact className="ds-u-margin-top--1">
        <caption className="ds-u-visibility--screen-reader">
          Messages to {webhook.url}, newest first ({webhook.deliveries.totalCount} in all)
        </caption>
        <TableHead>
          <TableRow>
            {['When', 'Event', 'Status', 'Attempts', 'Last answer', 'Actions'].map((column) => (
              <TableCell key={column} component="th" id={headerId(column)}>
                {column === 'Actions' ? <span className="ds-u-visibility--screen-reader">Actions</span> : column}
              </TableCell>
            ))}
          </TableRow>
        </TableHead>
        <TableBody>
          {deliveries.map((delivery) => (
            <TableRow key={delivery.id} data-delivery-status={delivery.status}>
              <TableCell stackedTitle="When" headers={headerId('When')}>
                {formatDateTime(delivery.createdAt)}
              </TableCell>
              <TableCell stackedTitle="Event" headers={headerId('Event')}>
                {webhookEventNames[delivery.event]}
                <br />
                <span className="ds-u-font-size--sm" style={{ fontFamily: 'var(--font-mono, monospace)' }}>
                  {delivery.eventId}
                </span>
              </TableCell>
              <TableCell stackedTitle="Status" headers={headerId('Status')}>
                {deliveryStatusNames[delivery.status]}
                {delivery.status === 'PENDING' && delivery.attemptCount > 0 && delivery.nextAttemptAt != null && (
                  <span className="ds-u-font-size--sm"> (next try {formatDateTime(delivery.nextAttemptAt)})</span>
                )}
              </TableCell>
              <TableCell stackedTitle="Attempts" headers={headerId('Attempts')}>
                {delivery.attempts.length === 0 ? (
                  '0'
                ) : (
                  <details>
                    <summary>{delivery.attemptCount}</summary>
                    <ul className="ds-c-list ds-u-font-size--sm ds-u-margin-y--1">
                      {delivery.attempts.map((attempt, index) => (
                        <li key={`${attempt.attemptedAt}-${String(index)}`}>
                          {formatDateTime(attempt.attemptedAt)}:{' '}
                          {attempt.error ?? `answered ${String(attempt.statusCode ?? '')}`}
                        </li>
                      ))}
                    </ul>
                  </details>
                )}
              </TableCell>
              <TableCell stackedTitle="Last answer" headers={headerId('Last answer')}>
                {lastAnswer(delivery)}
              </TableCell>
              <TableCell stackedTitle="Actions" headers={headerId('Actions')}>
                {webhook.active && (
                  <Button
                    size="small"
                    variation="ghost"
                    disabled={redeliver.isPending}
                    onClick={() => void sendAgain(delivery)}
                  >
                    Send again
                    <span className="ds-u-visibility--screen-reader"> this message</span>
                  </Button>
                )}
              </TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </>
  );
}

function Endpoint({ webhook }: { webhook: WebhookRow }) {
  const remove = useDeleteWebhook();
  const { problem, run } = useActionProblem();

  async function deleteEndpoint() {
    await run(() => remove.mutateAsync(webhook.id));
  }

  return (
    <li
      className="ds-u-border--1 ds-u-padding--2 ds-u-margin-bottom--3"
      style={{ overflowWrap: 'anywhere' }}
      data-webhook-id={webhook.id}
    >
      <h3 className="ds-text-heading--lg ds-u-margin-top--0">{webhook.url}</h3>
      <p className="ds-u-margin-y--1">
        {webhook.active ? <Badge variation="success">Active</Badge> : <Badge>Deleted</Badge>}{' '}
        {webhook.organization == null ? 'Every organization' : `Only ${webhook.organization.legalBusinessName}`} · added{' '}
        {formatDateTime(webhook.createdAt)}
      </p>
      <p className="ds-u-margin-y--1">
        Told when: {webhook.events.map((event) => webhookEventNames[event].toLowerCase()).join('; ')}.
      </p>
      {problem !== null && (
        <Alert variation="error" headingLevel="4" heading="The endpoint was not deleted" className="ds-u-margin-y--2">
          <p className="ds-c-alert__text">{problem}</p>
        </Alert>
      )}
      {webhook.active && (
        <Button size="small" variation="ghost" disabled={remove.isPending} onClick={() => void deleteEndpoint()}>
          Delete
          <span className="ds-u-visibility--screen-reader"> the endpoint {webhook.url}</span>
        </Button>
      )}
      <h4 className="ds-text-heading--md ds-u-margin-bottom--0">Messages</h4>
      <Deliveries webhook={webhook} />
    </li>
  );
}

function AddEndpoint({ onAdded }: { onAdded: (url: string, secret: string) => void }) {
  const create = useCreateWebhook();
  const organizations = useWebhookOrganizations();
  const formRef = useRef<HTMLFormElement>(null);
  const errors = useFormErrors(formFields, formRef);
  const text = useTextFields({ url: '', organizationId: everyOrganization }, errors.byField);
  const [events, setEvents] = useState<WebhookEvent[]>(webhookEvents);

  async function handleSubmit(event: SubmitEvent<HTMLFormElement>) {
    event.preventDefault();
    if (create.isPending) return;
    await errors.submit(
      () =>
        create.mutateAsync({
          url: text.values.url,
          events,
          organizationId: text.values.organizationId === everyOrganization ? null : text.values.organizationId,
        }),
      (payload) => {
        if (payload.webhook != null && payload.secret != null) {
          onAdded(payload.webhook.url, payload.secret);
          text.set('url', '');
        }
      },
    );
  }

  return (
    <form
      ref={formRef}
      noValidate
      onSubmit={(event) => void handleSubmit(event)}
      className="iacs-form"
      aria-labelledby="add-webhook"
    >
      <h2 id="add-webhook" className="ds-text-heading--2xl">
        Add an endpoint
      </h2>
      <ErrorSummary heading="There is a problem" errors={errors.general} />
      <TextField
        label="URL"
        hint="Where to send the messages: an https address on the internet, without a user name or password."
        type="url"
        maxLength={2000}
        {...text.field('url')}
      />
      <ChoiceList
        type="checkbox"
        name="events"
        label="Send a message when"
        choices={webhookEvents.map((value) => ({
          value,
          label: webhookEventNames[value],
          checked: events.includes(value),
        }))}
        onChange={(change: ChangeEvent<HTMLInputElement>) => {
          const value = change.target.value as WebhookEvent;
          setEvents((current) =>
            change.target.checked
              ? webhookEvents.filter((e) => e === value || current.includes(e))
              : current.filter((e) => e !== value),
          );
        }}
        errorMessage={errors.byField.events}
      />
      <Dropdown
        label="Organization"
        hint="Limit the messages to one organization's requests and roles, or send those of every organization."
        options={[
          { value: everyOrganization, label: 'Every organization' },
          ...(organizations.data ?? []).map((org) => ({
            value: org.id,
            label: org.legalBusinessName,
          })),
        ]}
        {...text.field('organizationId')}
      />
      <Button type="submit" variation="solid" className="ds-u-margin-top--4">
        {create.isPending ? 'Adding…' : 'Add the endpoint'}
      </Button>
    </form>
  );
}

/** The help desk's endpoints for signed messages about requests and roles, what was sent, and a way to resend. */
export function WebhooksPage() {
  const webhooks = useWebhooks();
  const [added, setAdded] = useState<{ url: string; secret: string } | null>(null);

  return (
    <>
      <PageHeading>Webhooks</PageHeading>
      <p className="ds-text-body--lg ds-u-margin-top--0">
        Other systems can be told when a request is submitted, decided, expires or moves up, and when a role is granted,
        ends, is suspended or restored. Each message is signed and carries an id, so the receiver can check where it
        comes from and ignore a repeat. Messages that are not accepted are tried again for 24 hours.
      </p>
      {added !== null && (
        <NewSecret
          url={added.url}
          secret={added.secret}
          onDone={() => {
            setAdded(null);
          }}
        />
      )}
      <h2 className="ds-text-heading--2xl">Endpoints</h2>
      <QueryResult query={webhooks} loading="Loading the endpoints…" what="the endpoints">
        {(endpoints) =>
          endpoints.length === 0 ? (
            <p>No endpoint yet. Add one below.</p>
          ) : (
            <ul className="ds-c-list--bare">
              {endpoints.map((webhook) => (
                <Endpoint key={webhook.id} webhook={webhook} />
              ))}
            </ul>
          )
        }
      </QueryResult>
      <AddEndpoint
        onAdded={(url, secret) => {
          setAdded({ url, secret });
        }}
      />
    </>
  );
}
