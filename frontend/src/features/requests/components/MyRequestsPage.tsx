import { Alert, Button, Dialog, Dropdown, Table, TableBody, TableCell, TableHead, TableRow } from '@cmsgov/design-system';
import { useState } from 'react';
import { ErrorSummary } from '@/components/ErrorSummary';
import { Link } from '@/components/Link';
import { LoadMore } from '@/components/LoadMore';
import { PageHeading } from '@/components/PageHeading';
import { QueryResult } from '@/components/QueryResult';
import { StatusBadge } from '@/components/StatusBadge';
import type { RequestStatus } from '@/gql/graphql';
import { useFocusAfterRender } from '@/lib/focus';
import { formatDate, slug } from '@/lib/format';
import { requestStatuses, requestStatusNames } from '@/lib/names';
import { describeRequest, listNames } from '@/lib/requests';
import { organizationPath, paths } from '@/lib/routes';
import type { UserErrorLike } from '@/lib/user-errors';
import { useCancelRequest, useMyRequests, type MyRequest } from '@/features/requests/api/my-requests';

const allStatuses = 'ALL';

function Decision({ request }: { request: MyRequest }) {
  switch (request.status) {
    case 'PENDING':
      return (
        <>
          {request.approvers.length > 0 ? (
            <p className="ds-u-margin-y--0">
              Waiting on <strong>{listNames(request.approvers)}</strong>
            </p>
          ) : (
            <p className="ds-u-margin-y--0">Nobody may decide it at the moment; the help desk has been told.</p>
          )}
          {request.escalatedAt != null && (
            <p className="ds-u-margin-y--0">Passed up for a decision on {formatDate(request.escalatedAt)}</p>
          )}
          <p className="ds-u-margin-y--0 ds-u-font-size--sm">Expires {formatDate(request.expiresAt)}</p>
        </>
      );
    case 'APPROVED':
    case 'DENIED':
      return (
        <>
          <p className="ds-u-margin-y--0">
            {request.status === 'APPROVED' ? 'Approved' : 'Denied'} by <strong>{request.decidedBy?.name ?? 'IACS'}</strong>
            {request.onBehalfOf != null && (
              <>
                {' '}
                for <strong>{request.onBehalfOf.name}</strong>
              </>
            )}{' '}
            on {formatDate(request.decidedAt)}
          </p>
          {request.reason != null && <p className="ds-u-margin-y--0">Reason: {request.reason}</p>}
        </>
      );
    case 'CANCELLED':
      return <p className="ds-u-margin-y--0">You cancelled it on {formatDate(request.decidedAt)}</p>;
    case 'EXPIRED':
      return <p className="ds-u-margin-y--0">Nobody decided it by {formatDate(request.expiresAt)}</p>;
  }
}

const headers = ['Request', 'Tracking number', 'Submitted', 'Status', 'Decision'] as const;

function RequestsTable({ requests, onCancel }: { requests: MyRequest[]; onCancel: (request: MyRequest) => void }) {
  return (
    <Table stackable stackableBreakpoint="lg" className="ds-u-margin-top--2">
      <caption className="ds-u-visibility--screen-reader">Your requests, newest first</caption>
      <TableHead>
        {/* One array of cells: TableRow marks only its direct children as column headers. */}
        <TableRow>
          {[
            ...headers.map((header) => (
              <TableCell key={header} component="th" id={`my-requests-${slug(header)}`}>
                {header}
              </TableCell>
            )),
            <TableCell key="actions" component="th" id="my-requests-actions">
              <span className="ds-u-visibility--screen-reader">Actions</span>
            </TableCell>,
          ]}
        </TableRow>
      </TableHead>
      <TableBody>
        {requests.map((request) => (
          <TableRow key={request.id} data-tracking-number={request.trackingNumber}>
            <TableCell stackedTitle="Request" headers="my-requests-Request">
              {describeRequest(request)}
              {request.requestedEndsAt != null && <> · until {formatDate(request.requestedEndsAt)}</>}
              {request.justification != null && (
                <span className="ds-u-display--block ds-u-font-size--sm">Why: {request.justification}</span>
              )}
              {request.organization?.status === 'APPROVED' && (
                <>
                  {' '}
                  <Link to={organizationPath(request.organization.id)} className="ds-u-font-size--sm">
                    Organization page<span className="ds-u-visibility--screen-reader"> of {request.organization.legalBusinessName}</span>
                  </Link>
                </>
              )}
            </TableCell>
            <TableCell stackedTitle="Tracking number" headers="my-requests-Tracking-number">
              <span className="iacs-mono">{request.trackingNumber}</span>
            </TableCell>
            <TableCell stackedTitle="Submitted" headers="my-requests-Submitted">
              {formatDate(request.createdAt)}
            </TableCell>
            <TableCell stackedTitle="Status" headers="my-requests-Status">
              <StatusBadge status={request.status} />
            </TableCell>
            <TableCell stackedTitle="Decision" headers="my-requests-Decision">
              <Decision request={request} />
            </TableCell>
            <TableCell stackedTitle="Actions" headers="my-requests-actions">
              {request.status === 'PENDING' && (
                <Button
                  size="small"
                  variation="ghost"
                  onClick={() => {
                    onCancel(request);
                  }}
                >
                  Cancel request<span className="ds-u-visibility--screen-reader"> {request.trackingNumber}</span>
                </Button>
              )}
            </TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}

export function MyRequestsPage() {
  const [status, setStatus] = useState<RequestStatus | null>(null);
  const requests = useMyRequests(status);
  const cancel = useCancelRequest();
  const [toCancel, setToCancel] = useState<MyRequest | null>(null);
  const [cancelErrors, setCancelErrors] = useState<UserErrorLike[]>([]);
  const [cancelled, setCancelled] = useState<string | null>(null);
  const [messageRef, focusMessage] = useFocusAfterRender<HTMLDivElement>();

  async function confirmCancel() {
    if (toCancel === null || cancel.isPending) return;
    try {
      const payload = await cancel.mutateAsync(toCancel.id);
      if (payload.errors.length > 0) {
        setCancelErrors(payload.errors);
        return;
      }
      setCancelled(toCancel.trackingNumber);
      setToCancel(null);
      setCancelErrors([]);
      focusMessage();
    } catch {
      setCancelErrors([{ code: 'REQUEST_FAILED', message: 'We could not reach the server. Please try again.' }]);
    }
  }

  const pages = requests.data?.pages ?? [];
  const items = pages.flatMap((page) => page.edges.map((edge) => edge.node));
  const total = pages[0]?.totalCount ?? 0;

  return (
    <>
      <PageHeading>My requests</PageHeading>
      <p className="ds-text-body--lg ds-u-margin-top--0">
        Everything you asked for, newest first: who it is waiting on, and who decided and why.{' '}
        <Link to={paths.ask}>Ask for access</Link>
      </p>
      <div ref={messageRef} tabIndex={-1}>
        {cancelled !== null && (
          <Alert variation="success" heading="Request cancelled" headingLevel="2" className="ds-u-margin-bottom--3">
            <p className="ds-c-alert__text">Request {cancelled} will not be decided.</p>
          </Alert>
        )}
      </div>
      <Dropdown
        label="Show"
        name="status"
        value={status ?? allStatuses}
        options={[
          { value: allStatuses, label: 'All requests' },
          ...requestStatuses.map((value) => ({ value, label: requestStatusNames[value] })),
        ]}
        onChange={(change) => {
          const chosen = requestStatuses.find((value) => value === change.target.value);
          setStatus(chosen ?? null);
        }}
      />
      <QueryResult query={requests} loading="Loading your requests…" what="your requests">
        {() =>
          items.length === 0 ? (
            <section aria-labelledby="no-requests" className="ds-u-margin-top--4">
              <h2 id="no-requests" className="ds-text-heading--xl">
                {status === null ? 'You have not asked for anything yet' : `No ${requestStatusNames[status].toLowerCase()} requests`}
              </h2>
              <p>
                To register an organization, join a user group or serve organizations as a billing company,{' '}
                <Link to={paths.ask}>ask for access</Link>.
              </p>
            </section>
          ) : (
            <>
              <RequestsTable
                requests={items}
                onCancel={(request) => {
                  setCancelled(null);
                  setCancelErrors([]);
                  setToCancel(request);
                }}
              />
              <LoadMore shown={items.length} total={total} query={requests} noun="requests" />
            </>
          )
        }
      </QueryResult>
      <Dialog
        isOpen={toCancel !== null}
        heading="Cancel this request?"
        ariaCloseLabel="Close, and keep the request"
        size="narrow"
        onExit={() => {
          setToCancel(null);
        }}
        actions={
          <div className="ds-u-display--flex ds-u-flex-wrap--wrap iacs-actions">
            <Button variation="solid" onClick={() => void confirmCancel()}>
              {cancel.isPending ? 'Cancelling…' : 'Yes, cancel it'}
            </Button>
            <Button
              variation="ghost"
              onClick={() => {
                setToCancel(null);
              }}
            >
              Keep it
            </Button>
          </div>
        }
      >
        {toCancel !== null && (
          <>
            <ErrorSummary heading="The request was not cancelled" errors={cancelErrors} />
            <p>
              {describeRequest(toCancel)} (<span className="iacs-mono">{toCancel.trackingNumber}</span>). Nobody will
              decide it; you can ask again later.
            </p>
          </>
        )}
      </Dialog>
    </>
  );
}
