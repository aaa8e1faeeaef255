import { Alert, Badge, Button, Choice, Table, TableBody, TableCell, TableHead, TableRow } from '@cmsgov/design-system';
import { useEffect, useRef, useState, type ChangeEvent } from 'react';
import { BulkActionBar } from '@/components/BulkActionBar';
import { ErrorSummary } from '@/components/ErrorSummary';
import { LoadMore } from '@/components/LoadMore';
import { PageHeading } from '@/components/PageHeading';
import { QueryResult } from '@/components/QueryResult';
import { RevokeRoleDialog, type RoleToEnd } from '@/components/RevokeRoleDialog';
import { BulkOutcomes } from '@/components/BulkOutcomes';
import { RowAction } from '@/components/RowAction';
import { focusElement } from '@/lib/focus';
import { formatDate } from '@/lib/format';
import { roleNames } from '@/lib/names';
import { describeRole } from '@/lib/roles';
import { useBulkSelection } from '@/lib/use-bulk-selection';
import type { UserErrorLike } from '@/lib/user-errors';
import {
  certificationResult,
  useCertificationQueue,
  useCertifyRoles,
  type CertificationItem,
  type CertificationOutcome,
} from '@/features/certification/api/certification';

const dayMs = 24 * 60 * 60 * 1000;

/** "Due in 12 days", "Due today", "Overdue by 2 days". */
export function dueText(certifyBy: string | null | undefined, now: Date = new Date()): string {
  if (certifyBy == null) return 'No due date';
  const due = new Date(certifyBy);
  if (Number.isNaN(due.getTime())) return certifyBy;
  const days = Math.round((due.getTime() - now.getTime()) / dayMs);
  if (days > 1) return `Due in ${String(days)} days`;
  if (days === 1) return 'Due tomorrow';
  if (days === 0) return 'Due today';
  return `Overdue by ${String(-days)} day${days === -1 ? '' : 's'}`;
}

function itemDescription(item: CertificationItem): string {
  return `${describeRole(item)}, held by ${item.user.name}`;
}

function Outcomes({ outcomes }: { outcomes: readonly CertificationOutcome[] }) {
  const certified = outcomes.filter((outcome) => outcome.error === undefined).length;
  const refused = outcomes.length - certified;
  const roles = (n: number) => `${String(n)} role${n === 1 ? '' : 's'}`;
  const parts = [
    ...(certified > 0 ? [`${roles(certified)} certified`] : []),
    ...(refused > 0 ? [`${certified > 0 ? String(refused) : roles(refused)} not certified`] : []),
  ];
  return (
    <BulkOutcomes failed={refused > 0} heading={parts.join(', ')} testId="certification-outcomes">
      {outcomes.map((outcome) => (
        <li key={outcome.id}>
          {outcome.description}:{' '}
          {outcome.error === undefined ? (
            <>certified until {formatDate(outcome.certifyBy)}</>
          ) : (
            <>
              not certified — {outcome.error.message} <span className="iacs-mono">(error code {outcome.error.code})</span>
            </>
          )}
        </li>
      ))}
    </BulkOutcomes>
  );
}

function StatusCell({ item }: { item: CertificationItem }) {
  if (item.status === 'SUSPENDED') {
    return (
      <>
        <Badge variation="alert" hideScreenReaderText data-status="SUSPENDED">
          Suspended
        </Badge>
        <br />
        <span className="ds-u-font-size--sm">since {formatDate(item.suspendedAt)}; certifying restores it</span>
      </>
    );
  }
  return (
    <Badge variation="warn" hideScreenReaderText data-status={item.status}>
      {dueText(item.certifyBy)}
    </Badge>
  );
}

const columns = ['Select', 'Person', 'Role', 'Due', 'Status', 'Actions'] as const;

/**
 * R30: the roles this person may certify, due within 30 days or already suspended. Certify one, certify
 * the selected ones at once, or revoke one that is no longer needed.
 */
export function CertificationPage() {
  const queue = useCertificationQueue();
  const certify = useCertifyRoles();
  const [outcomes, setOutcomes] = useState<CertificationOutcome[] | null>(null);
  const [general, setGeneral] = useState<UserErrorLike[]>([]);
  const [roleToEnd, setRoleToEnd] = useState<RoleToEnd | null>(null);
  const [revoked, setRevoked] = useState<string | null>(null);
  const [focusRequests, setFocusRequests] = useState(0);
  const outcomesRef = useRef<HTMLDivElement>(null);

  const pages = queue.data?.pages ?? [];
  const items = pages.flatMap((page) => page.edges.map((edge) => edge.node));
  const total = pages[0]?.totalCount ?? items.length;
  const selection = useBulkSelection(items);
  const chosen = selection.chosen;

  useEffect(() => {
    if (focusRequests > 0) focusElement(outcomesRef.current);
  }, [focusRequests]);

  async function certifyItems(toCertify: readonly CertificationItem[]) {
    if (certify.isPending || toCertify.length === 0) return;
    setRevoked(null);
    setGeneral([]);
    const submitted = toCertify.map((item) => ({ id: item.id, description: itemDescription(item) }));
    try {
      const payload = await certify.mutateAsync(submitted.map((item) => item.id));
      const result = certificationResult(submitted, payload.roleAssignments, payload.errors);
      setGeneral(result.general);
      setOutcomes(result.outcomes);
      const done = new Set(result.outcomes.filter((outcome) => outcome.error === undefined).map((outcome) => outcome.id));
      selection.drop(done);
    } catch {
      setGeneral([{ code: 'REQUEST_FAILED', message: 'We could not reach the server. Please try again.' }]);
    }
    setFocusRequests((count) => count + 1);
  }

  return (
    <>
      <PageHeading>Certification</PageHeading>
      <p className="ds-text-body--lg ds-u-margin-top--0">
        Once a year, whoever may approve a role confirms that the person still needs it. Roles due within 30 days
        and roles already suspended are listed here, soonest first. A role not certified by its due date is suspended,
        not deleted: certifying it restores it.
      </p>
      <div ref={outcomesRef} tabIndex={-1}>
        <ErrorSummary heading="The roles were not certified" errors={general} />
        {outcomes !== null && outcomes.length > 0 && <Outcomes outcomes={outcomes} />}
        {revoked !== null && (
          <Alert variation="success" heading="Role revoked" headingLevel="2" className="ds-u-margin-bottom--3">
            <p className="ds-c-alert__text">Ended: {revoked}.</p>
          </Alert>
        )}
      </div>
      <QueryResult query={queue} loading="Loading the roles to certify…" what="the roles to certify">
        {() =>
          items.length === 0 ? (
            <div className="ds-u-margin-top--3" data-testid="certification-empty">
              <h2 className="ds-text-heading--xl">Nothing to certify</h2>
              <p>
                No role you may approve is due within 30 days, and none is suspended. You get an e-mail 30 and 7 days before
                a role is due.
              </p>
            </div>
          ) : (
            <>
              <BulkActionBar
                label="Certify several at once"
                selection={selection}
                countTestId="certification-selected-count"
                actions={
                  <Button variation="solid" disabled={certify.isPending || chosen.length === 0} onClick={() => void certifyItems(chosen)}>
                    Certify selected ({chosen.length})
                  </Button>
                }
              />
              <Table stackable stackableBreakpoint="md" className="ds-u-margin-top--2">
                <caption className="ds-u-visibility--screen-reader">Roles to certify, soonest due first</caption>
                <TableHead>
                  <TableRow>
                    {columns.map((title) => (
                      <TableCell key={title} component="th" id={`certification-${title.toLowerCase()}`}>
                        {title === 'Select' || title === 'Actions' ? <span className="ds-u-visibility--screen-reader">{title}</span> : title}
                      </TableCell>
                    ))}
                  </TableRow>
                </TableHead>
                <TableBody>
                  {items.map((item) => {
                    const description = itemDescription(item);
                    return (
                      <TableRow key={item.id} data-role-id={item.id}>
                        <TableCell stackedTitle="Select" headers="certification-select">
                          <Choice
                            type="checkbox"
                            name="selected"
                            value={item.id}
                            size="small"
                            className="ds-u-margin-top--0"
                            label={
                              <>
                                Select<span className="ds-u-visibility--screen-reader">: {description}</span>
                              </>
                            }
                            checked={selection.isSelected(item.id)}
                            onChange={(event: ChangeEvent<HTMLInputElement>) => {
                              selection.select(item.id, event.target.checked);
                            }}
                          />
                        </TableCell>
                        <TableCell stackedTitle="Person" headers="certification-person">
                          {item.user.name}
                          {item.user.email != null && (
                            <>
                              <br />
                              <span className="ds-u-font-size--sm">{item.user.email}</span>
                            </>
                          )}
                        </TableCell>
                        <TableCell stackedTitle="Role" headers="certification-role">
                          {describeRole(item, roleNames[item.role])}
                        </TableCell>
                        <TableCell stackedTitle="Due" headers="certification-due">
                          {formatDate(item.certifyBy)}
                        </TableCell>
                        <TableCell stackedTitle="Status" headers="certification-status">
                          <StatusCell item={item} />
                        </TableCell>
                        <TableCell stackedTitle="Actions" headers="certification-actions">
                          <div className="ds-u-display--flex ds-u-flex-wrap--wrap iacs-actions">
                            <Button size="small" variation="solid" disabled={certify.isPending} onClick={() => void certifyItems([item])}>
                              Certify<span className="ds-u-visibility--screen-reader">: {description}</span>
                            </Button>
                            {item.canRevoke && (
                              <RowAction
                                about={description}
                                onClick={() => {
                                  setRevoked(null);
                                  setRoleToEnd({ id: item.id, description: describeRole(item), holderName: item.user.name });
                                }}
                              >
                                Revoke
                              </RowAction>
                            )}
                          </div>
                        </TableCell>
                      </TableRow>
                    );
                  })}
                </TableBody>
              </Table>
              <LoadMore shown={items.length} total={total} query={queue} noun="roles" />
            </>
          )
        }
      </QueryResult>
      <RevokeRoleDialog
        role={roleToEnd}
        onClose={() => {
          setRoleToEnd(null);
        }}
        onDone={(role) => {
          setRoleToEnd(null);
          setOutcomes(null);
          setRevoked(`${role.description}, held by ${role.holderName ?? ''}`);
          selection.drop([role.id]);
          void queue.refetch();
          setFocusRequests((count) => count + 1);
        }}
      />
    </>
  );
}
