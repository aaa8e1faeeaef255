import { Accordion, AccordionItem, Badge, Button, Choice, TextField } from '@cmsgov/design-system';
import { useEffect, useRef, useState, type ChangeEvent } from 'react';
import { BulkActionBar } from '@/components/BulkActionBar';
import { ErrorSummary } from '@/components/ErrorSummary';
import { Link } from '@/components/Link';
import { LoadMore } from '@/components/LoadMore';
import { QueryResult } from '@/components/QueryResult';
import { StatusBadge } from '@/components/StatusBadge';
import { BulkOutcomes } from '@/components/BulkOutcomes';
import type { Decision } from '@/gql/graphql';
import { focusElement } from '@/lib/focus';
import { endOfDay, formatDate, pickerDate } from '@/lib/format';
import { requestKindNames } from '@/lib/names';
import { describeRequest } from '@/lib/requests';
import { describeRole } from '@/lib/roles';
import { organizationPath } from '@/lib/routes';
import { useBulkSelection } from '@/lib/use-bulk-selection';
import type { UserErrorLike } from '@/lib/user-errors';
import { bulkOutcome, type DecisionOutcome } from '@/features/queue/api/decisions';
import { useApprovalQueue, useDecideRequest, useDecideRequests, type QueueFilters, type QueueItem } from '@/features/queue/api/queue';
import { inputValue } from '@/lib/input';

type HeadingLevel = 2 | 3;

function RequesterContext({ item, headingLevel }: { item: QueueItem; headingLevel: HeadingLevel }) {
  const requester = item.requester;
  const others = requester.requests.edges.map((edge) => edge.node).filter((request) => request.id !== item.id);
  const otherCount = Math.max(requester.requests.totalCount - 1, 0);
  return (
    <Accordion bordered className="ds-u-margin-top--2 iacs-context">
      <AccordionItem
        headingLevel={String(headingLevel + 1) as '3' | '4'}
        heading={`About ${requester.name}: ${String(requester.roles.length)} role${requester.roles.length === 1 ? '' : 's'}, ${String(otherCount)} other request${otherCount === 1 ? '' : 's'}`}
      >
        {requester.email != null && requester.userId != null && (
          <p className="ds-u-margin-top--0">
            {requester.email} · User ID <span className="iacs-mono">{requester.userId}</span>
          </p>
        )}
        <p className="ds-u-font-weight--bold ds-u-margin-bottom--1">Roles held now</p>
        {requester.roles.length === 0 ? (
          <p className="ds-u-margin-top--0">None yet.</p>
        ) : (
          <ul className="ds-c-list ds-u-margin-top--0">
            {requester.roles.map((role) => (
              <li key={role.id}>
                {describeRole(role)}, since {formatDate(role.grantedAt)}
              </li>
            ))}
          </ul>
        )}
        <p className="ds-u-font-weight--bold ds-u-margin-bottom--1">Other requests, newest first</p>
        {others.length === 0 ? (
          <p className="ds-u-margin-top--0">None.</p>
        ) : (
          <ul className="ds-c-list ds-u-margin-top--0">
            {others.map((request) => (
              <li key={request.id}>
                {describeRequest(request)} (<span className="iacs-mono">{request.trackingNumber}</span>,{' '}
                {formatDate(request.createdAt)}) <StatusBadge status={request.status} />
                {request.reason != null && <> Reason: {request.reason}</>}
              </li>
            ))}
          </ul>
        )}
      </AccordionItem>
    </Accordion>
  );
}

function QueueItemCard({
  item,
  headingLevel,
  selected,
  onSelect,
  busy,
  error,
  onDecide,
}: {
  item: QueueItem;
  headingLevel: HeadingLevel;
  selected: boolean;
  onSelect: (selected: boolean) => void;
  busy: boolean;
  error: string | undefined;
  onDecide: (decision: Decision, reason: string | null, endsAt?: string | null) => Promise<string | undefined>;
}) {
  const [denying, setDenying] = useState(false);
  // R40: the end date the role is granted with; the requester's, or an earlier one
  const asked = pickerDate(item.requestedEndsAt);
  const [endDate, setEndDate] = useState(asked);
  const [endError, setEndError] = useState<string | undefined>(undefined);
  const [reason, setReason] = useState('');
  const [reasonError, setReasonError] = useState<string | undefined>(undefined);
  const reasonRef = useRef<HTMLTextAreaElement>(null);
  const Heading = headingLevel === 2 ? 'h2' : 'h3';
  const headingId = `queue-item-${item.id}`;

  useEffect(() => {
    if (denying) reasonRef.current?.focus();
  }, [denying]);

  async function deny() {
    if (reason.trim() === '') {
      setReasonError('Say why the request is denied; the requester will see it.');
      reasonRef.current?.focus();
      return;
    }
    setReasonError(await onDecide('DENY', reason.trim()));
  }

  async function approve() {
    // the date asked for is sent as asked (to the second); another one as the end of that day
    const endsAt = endDate === '' || endDate === asked ? null : endOfDay(endDate);
    setEndError(await onDecide('APPROVE', null, endsAt));
  }

  return (
    <li className="iacs-queue-item" aria-labelledby={headingId} data-tracking-number={item.trackingNumber}>
      <div className="iacs-queue-item__select">
        <Choice
          type="checkbox"
          name="selected"
          value={item.id}
          size="small"
          label={
            <>
              Select<span className="ds-u-visibility--screen-reader"> {item.trackingNumber}</span>
            </>
          }
          checked={selected}
          onChange={(event: ChangeEvent<HTMLInputElement>) => {
            onSelect(event.target.checked);
          }}
        />
      </div>
      <div className="iacs-queue-item__body">
        <p className="ds-u-margin-y--0">
          <Badge variation="info">{requestKindNames[item.kind]}</Badge>
        </p>
        <Heading id={headingId} className="ds-text-heading--lg ds-u-margin-y--1">
          {describeRequest(item)}
        </Heading>
        <p className="ds-u-margin-y--0">
          Asked by <strong>{item.requester.name}</strong> on {formatDate(item.createdAt)} · Tracking number{' '}
          <span className="iacs-mono">{item.trackingNumber}</span> · Expires {formatDate(item.expiresAt)}
        </p>
        {item.escalatedAt != null && (
          <p className="ds-u-margin-y--0">
            <Badge variation="warn">Passed up</Badge> Passed up for a decision on {formatDate(item.escalatedAt)}: nobody
            who usually decides it could, or it waited two weeks.
          </p>
        )}
        {item.justification != null && (
          <p className="ds-u-margin-y--0 iacs-justification">
            <strong>Why:</strong> {item.justification}
          </p>
        )}
        {item.requestedEndsAt != null && (
          <p className="ds-u-margin-y--0">
            <strong>Until:</strong> {formatDate(item.requestedEndsAt)}, then the role ends by itself
          </p>
        )}
        {item.organization != null && (
          <p className="ds-u-margin-y--0">
            <Link to={organizationPath(item.organization.id)}>{item.organization.legalBusinessName}</Link>{' '}
            · {item.organization.city}, {item.organization.state} · NPI {item.organization.npi}
            {item.company != null && ` · for ${item.company.name} (TIN ending ${item.company.tinLast4})`}
          </p>
        )}
        <RequesterContext item={item} headingLevel={headingLevel} />
        {error !== undefined && (
          <p className="ds-c-inline-error ds-u-margin-top--2" data-item-error="">
            Not decided: {error}
          </p>
        )}
        {denying ? (
          <div className="ds-u-margin-top--2 iacs-deny">
            <TextField
              label="Reason for denying"
              hint="Required; the requester will see it."
              name={`reason-${item.id}`}
              multiline
              rows={2}
              inputRef={reasonRef}
              value={reason}
              onChange={inputValue(setReason)}
              errorMessage={reasonError}
            />
            <div className="ds-u-margin-top--2 ds-u-display--flex ds-u-flex-wrap--wrap iacs-actions">
              <Button variation="solid" className="iacs-danger" disabled={busy} onClick={() => void deny()}>
                Deny request<span className="ds-u-visibility--screen-reader"> {item.trackingNumber}</span>
              </Button>
              <Button
                variation="ghost"
                onClick={() => {
                  setDenying(false);
                  setReasonError(undefined);
                }}
              >
                Cancel<span className="ds-u-visibility--screen-reader"> denying {item.trackingNumber}</span>
              </Button>
            </div>
          </div>
        ) : (
          <div className="ds-u-margin-top--2 ds-u-display--flex ds-u-align-items--end ds-u-flex-wrap--wrap iacs-actions">
            <TextField
              label={
                <>
                  Role ends<span className="ds-u-visibility--screen-reader"> for {item.trackingNumber}</span>
                </>
              }
              requirementLabel="Optional"
              hint={asked === '' ? 'Empty: no end date.' : 'An earlier date, or the one asked for.'}
              name={`ends-${item.id}`}
              type="date"
              size="medium"
              max={asked === '' ? undefined : asked}
              value={endDate}
              onChange={inputValue(setEndDate)}
              errorMessage={endError}
            />
            <Button variation="solid" disabled={busy} onClick={() => void approve()}>
              Approve<span className="ds-u-visibility--screen-reader"> {item.trackingNumber}</span>
            </Button>
            <Button
              disabled={busy}
              onClick={() => {
                setDenying(true);
              }}
            >
              Deny…<span className="ds-u-visibility--screen-reader"> {item.trackingNumber}</span>
            </Button>
          </div>
        )}
      </div>
    </li>
  );
}

function outcomeHeading(outcomes: readonly DecisionOutcome[]): string {
  const count = (status: string) => outcomes.filter((outcome) => outcome.status === status).length;
  const parts: string[] = [];
  const approved = count('APPROVED');
  const denied = count('DENIED');
  const failed = outcomes.filter((outcome) => outcome.error !== undefined).length;
  const requests = (n: number) => `${String(n)} request${n === 1 ? '' : 's'}`;
  if (approved > 0) parts.push(`${requests(approved)} approved`);
  if (denied > 0) parts.push(`${parts.length === 0 ? requests(denied) : String(denied)} denied`);
  if (failed > 0) parts.push(`${parts.length === 0 ? requests(failed) : String(failed)} not decided`);
  return parts.join(', ');
}

function Outcomes({
  outcomes,
  descriptions,
}: {
  outcomes: readonly DecisionOutcome[];
  descriptions: ReadonlyMap<string, string>;
}) {
  const failed = outcomes.some((outcome) => outcome.error !== undefined);
  return (
    <BulkOutcomes failed={failed} heading={outcomeHeading(outcomes)} testId="decision-outcomes">
      {outcomes.map((outcome) => (
        <li key={outcome.requestId}>
          <span className="iacs-mono">{outcome.trackingNumber}</span>
          {descriptions.has(outcome.requestId) && ` (${descriptions.get(outcome.requestId) ?? ''})`}:{' '}
          {outcome.status !== undefined ? (
            outcome.status === 'APPROVED' ? (
              'approved'
            ) : outcome.status === 'DENIED' ? (
              'denied'
            ) : (
              outcome.status.toLowerCase()
            )
          ) : (
            <>not decided — {outcome.error}</>
          )}
        </li>
      ))}
    </BulkOutcomes>
  );
}

/**
 * R24: the requests the viewer may decide, with the requester's context, one by one or many at
 * once. After each decision focus goes to its outcome, above the list; items that could not be
 * decided keep their message next to them.
 */
export function QueueList({
  filters,
  headingLevel,
  emptyHeading,
  emptyText,
  onTotal,
}: {
  filters: QueueFilters;
  headingLevel: HeadingLevel;
  emptyHeading: string;
  emptyText: string;
  onTotal?: (total: number) => void;
}) {
  const queue = useApprovalQueue(filters);
  const decideOne = useDecideRequest();
  const decideMany = useDecideRequests();
  const [outcomes, setOutcomes] = useState<DecisionOutcome[] | null>(null);
  // What each decided request was, for the outcome (it leaves the list once decided).
  const [descriptions, setDescriptions] = useState<ReadonlyMap<string, string>>(new Map());
  const [itemErrors, setItemErrors] = useState<Readonly<Record<string, string>>>({});
  const [bulkReason, setBulkReason] = useState('');
  const [bulkReasonError, setBulkReasonError] = useState<string | undefined>(undefined);
  const [bulkGeneral, setBulkGeneral] = useState<UserErrorLike[]>([]);
  const outcomesRef = useRef<HTMLDivElement>(null);
  const bulkReasonRef = useRef<HTMLTextAreaElement>(null);
  const [focusOutcomes, setFocusOutcomes] = useState(0);

  const pages = queue.data?.pages ?? [];
  const items = pages.flatMap((page) => page.edges.map((edge) => edge.node));
  const total = pages[0]?.totalCount;
  const selection = useBulkSelection(items);
  const chosen = selection.chosen;
  const busy = decideOne.isPending || decideMany.isPending;

  useEffect(() => {
    if (total !== undefined) onTotal?.(total);
  }, [total, onTotal]);

  useEffect(() => {
    if (focusOutcomes > 0) focusElement(outcomesRef.current);
  }, [focusOutcomes]);

  function record(newOutcomes: DecisionOutcome[]) {
    setDescriptions(new Map(items.map((item) => [item.id, describeRequest(item)])));
    setOutcomes(newOutcomes);
    setItemErrors((previous) => {
      const decidedNow = new Set(newOutcomes.map((outcome) => outcome.requestId));
      const next = Object.fromEntries(Object.entries(previous).filter(([id]) => !decidedNow.has(id)));
      for (const outcome of newOutcomes) {
        if (outcome.error !== undefined) next[outcome.requestId] = outcome.error;
      }
      return next;
    });
    const decided = new Set(newOutcomes.filter((outcome) => outcome.status !== undefined).map((outcome) => outcome.requestId));
    selection.drop(decided);
    setFocusOutcomes((count) => count + 1);
  }

  /** One decision; returns a message for the reason field, if the reason was the problem. */
  async function decide(
    item: QueueItem,
    decision: Decision,
    reason: string | null,
    endsAt: string | null = null,
  ): Promise<string | undefined> {
    if (busy) return undefined;
    try {
      const payload = await decideOne.mutateAsync({ requestId: item.id, decision, reason, endsAt });
      // R26, R40: a reason or an end date the person can correct is shown next to its field
      const reasonErrors = payload.errors.filter((error) => error.field?.[0] === 'reason' || error.field?.[0] === 'endsAt');
      if (reasonErrors.length > 0) return reasonErrors.map((error) => error.message).join(' ');
      const status = payload.request?.status;
      record([
        payload.errors.length > 0 || status === undefined
          ? {
              requestId: item.id,
              trackingNumber: item.trackingNumber,
              error: payload.errors.map((error) => error.message).join(' ') || 'The request was not decided.',
            }
          : { requestId: item.id, trackingNumber: item.trackingNumber, status },
      ]);
    } catch {
      record([{ requestId: item.id, trackingNumber: item.trackingNumber, error: 'We could not reach the server. Please try again.' }]);
    }
    return undefined;
  }

  async function decideSelected(decision: Decision) {
    if (busy || chosen.length === 0) return;
    const reason = bulkReason.trim();
    if (decision === 'DENY' && reason === '') {
      setBulkReasonError('Say why these requests are denied; each requester will see it.');
      bulkReasonRef.current?.focus();
      return;
    }
    setBulkReasonError(undefined);
    setBulkGeneral([]);
    const submitted = chosen.map((item) => ({ id: item.id, trackingNumber: item.trackingNumber }));
    try {
      const payload = await decideMany.mutateAsync({
        requestIds: submitted.map((item) => item.id),
        decision,
        reason: reason === '' ? null : reason,
      });
      const outcome = bulkOutcome(submitted, payload.requests, payload.errors);
      if (outcome.reasonError !== undefined || outcome.general.length > 0) {
        setBulkReasonError(outcome.reasonError);
        setBulkGeneral(outcome.general);
        if (outcome.outcomes.length === 0) {
          if (outcome.reasonError !== undefined) bulkReasonRef.current?.focus();
          return;
        }
      }
      setBulkReason('');
      record(outcome.outcomes);
    } catch {
      setBulkGeneral([{ code: 'REQUEST_FAILED', message: 'We could not reach the server. Please try again.' }]);
    }
  }

  return (
    <div className="iacs-queue">
      <div ref={outcomesRef} tabIndex={-1}>
        {outcomes !== null && outcomes.length > 0 && <Outcomes outcomes={outcomes} descriptions={descriptions} />}
      </div>
      <QueryResult query={queue} loading="Loading the requests waiting for you…" what="the requests waiting for you">
        {() =>
          items.length === 0 ? (
            <div className="ds-u-margin-top--3">
              <p className="ds-text-heading--xl">{emptyHeading}</p>
              <p>{emptyText}</p>
            </div>
          ) : (
            <>
              <BulkActionBar
                label="Decide several at once"
                selection={selection}
                countTestId="selected-count"
                summary={<ErrorSummary heading="The selected requests were not decided" errors={bulkGeneral} />}
              >
                <TextField
                  label="Reason"
                  hint="Required to deny; optional to approve. Each requester sees it."
                  name="bulk-reason"
                  multiline
                  rows={2}
                  inputRef={bulkReasonRef}
                  value={bulkReason}
                  onChange={inputValue(setBulkReason)}
                  errorMessage={bulkReasonError}
                />
                <div className="ds-u-margin-top--2 ds-u-display--flex ds-u-flex-wrap--wrap iacs-actions">
                  <Button variation="solid" disabled={busy || chosen.length === 0} onClick={() => void decideSelected('APPROVE')}>
                    Approve selected ({chosen.length})
                  </Button>
                  <Button disabled={busy || chosen.length === 0} onClick={() => void decideSelected('DENY')}>
                    Deny selected ({chosen.length})
                  </Button>
                </div>
              </BulkActionBar>
              <ul className="ds-c-list ds-c-list--bare iacs-queue__list">
                {items.map((item) => (
                  <QueueItemCard
                    key={item.id}
                    item={item}
                    headingLevel={headingLevel}
                    selected={selection.isSelected(item.id)}
                    busy={busy}
                    error={itemErrors[item.id]}
                    onSelect={(isSelected) => {
                      selection.select(item.id, isSelected);
                    }}
                    onDecide={(decision, reason, endsAt) => decide(item, decision, reason, endsAt)}
                  />
                ))}
              </ul>
              <LoadMore shown={items.length} total={total ?? items.length} query={queue} noun="requests" />
            </>
          )
        }
      </QueryResult>
    </div>
  );
}
