import { Alert, Button, Dropdown, Table, TableBody, TableCell, TableRow, TextField } from '@cmsgov/design-system';
import { useRef, useState, type SubmitEvent } from 'react';
import { ErrorSummary } from '@/components/ErrorSummary';
import { TableHeadings } from '@/components/TableHeadings';
import { QueryResult } from '@/components/QueryResult';
import { dayFromToday, endOfPickedDay, startOfPickedDay } from '@/lib/days';
import { formatDate } from '@/lib/format';
import { describeRole } from '@/lib/roles';
import { useFormErrors } from '@/lib/use-form-errors';
import {
  useCreateDelegation,
  useDelegations,
  useEndDelegation,
  type DelegableRole,
  type DelegationRow,
} from '@/features/roles/api/delegations';
import { useTextFields } from '@/lib/use-text-fields';
import { useActionProblem } from '@/lib/use-action-problem';

const delegationFields = ['roleAssignmentId', 'delegateId', 'startsAt', 'endsAt'] as const;
const delegable = new Set(['SECURITY_OFFICIAL', 'BACKUP_SECURITY_OFFICIAL', 'USER_GROUP_ADMINISTRATOR']);

function stateOf(delegation: DelegationRow): string {
  if (delegation.active) return 'In effect';
  if (delegation.endedAt != null) return `Ended on ${formatDate(delegation.endedAt)}`;
  if (new Date(delegation.startsAt).getTime() > Date.now()) return 'Starts later';
  return 'Over';
}

function DelegationList({ delegations, viewerId }: { delegations: DelegationRow[]; viewerId: string | null }) {
  const end = useEndDelegation();
  const { problem, run } = useActionProblem();
  const [now] = useState(() => Date.now());

  async function endIt(delegation: DelegationRow) {
    await run(() => end.mutateAsync(delegation.id));
  }

  if (delegations.length === 0) {
    return <p>Nobody stands in for you, and you stand in for nobody.</p>;
  }
  return (
    <>
      {problem !== null && (
        <Alert variation="error" headingLevel="3" heading="The delegation was not ended" className="ds-u-margin-bottom--3">
          <p className="ds-c-alert__text">{problem}</p>
        </Alert>
      )}
      <Table stackable stackableBreakpoint="md" className="ds-u-margin-top--2">
        <caption className="ds-u-visibility--screen-reader">Who stands in for whom, latest first</caption>
        <TableHeadings
          columns={[
            ['delegations-who', 'Who decides for whom'],
            ['delegations-role', 'Role'],
            ['delegations-dates', 'Dates'],
            ['delegations-state', 'State'],
            ['delegations-actions', <span className="ds-u-visibility--screen-reader">Actions</span>],
          ]}
        />
        <TableBody>
          {delegations.map((delegation) => {
            const mine = delegation.delegator.id === viewerId;
            const open = delegation.endedAt == null && new Date(delegation.endsAt).getTime() > now;
            return (
              <TableRow key={delegation.id} data-delegation-id={delegation.id}>
                <TableCell stackedTitle="Who decides for whom" headers="delegations-who">
                  {mine ? `${delegation.delegate.name} decides for you` : `You decide for ${delegation.delegator.name}`}
                </TableCell>
                <TableCell stackedTitle="Role" headers="delegations-role">
                  {describeRole(delegation.role)}
                </TableCell>
                <TableCell stackedTitle="Dates" headers="delegations-dates">
                  {formatDate(delegation.startsAt)} to {formatDate(delegation.endsAt)}
                </TableCell>
                <TableCell stackedTitle="State" headers="delegations-state">
                  {stateOf(delegation)}
                </TableCell>
                <TableCell stackedTitle="Actions" headers="delegations-actions">
                  {mine && open ? (
                    <Button size="small" variation="ghost" disabled={end.isPending} onClick={() => void endIt(delegation)}>
                      End now<span className="ds-u-visibility--screen-reader"> ({delegation.delegate.name})</span>
                    </Button>
                  ) : null}
                </TableCell>
              </TableRow>
            );
          })}
        </TableBody>
      </Table>
    </>
  );
}

function NameDelegate({ roles, roleCount }: { roles: DelegableRole[]; roleCount: number }) {
  const create = useCreateDelegation();
  const formRef = useRef<HTMLFormElement>(null);
  const errors = useFormErrors(delegationFields, formRef);
  const [roleId, setRoleId] = useState(roles[0]?.id ?? '');
  const role = roles.find((r) => r.id === roleId) ?? roles[0];
  const candidates = role?.delegateCandidates ?? [];
  const [delegateId, setDelegateId] = useState('');
  const text = useTextFields({ startsAt: dayFromToday(0), endsAt: dayFromToday(14) }, errors.byField);
  const [done, setDone] = useState<string | null>(null);
  const chosen = candidates.some((c) => c.id === delegateId) ? delegateId : (candidates[0]?.id ?? '');

  async function handleSubmit(event: SubmitEvent<HTMLFormElement>) {
    event.preventDefault();
    if (create.isPending || role === undefined) return;
    setDone(null);
    await errors.submit(
      () =>
        create.mutateAsync({
          roleAssignmentId: role.id,
          delegateId: chosen,
          startsAt: startOfPickedDay(text.values.startsAt),
          endsAt: endOfPickedDay(text.values.endsAt),
        }),
      () => {
        const name = candidates.find((c) => c.id === chosen)?.name ?? 'Your delegate';
        const { startsAt, endsAt } = text.values;
        setDone(`${name} decides your queue from ${formatDate(startOfPickedDay(startsAt))} to ${formatDate(endOfPickedDay(endsAt))}.`);
      },
    );
  }

  return (
    <>
      <h3 className="ds-text-heading--xl ds-u-margin-top--4">Name someone to stand in for you</h3>
      {done !== null && (
        <Alert variation="success" headingLevel="4" heading="Delegate named" className="ds-u-margin-bottom--3">
          <p className="ds-c-alert__text">{done}</p>
        </Alert>
      )}
      <form ref={formRef} noValidate onSubmit={(event) => void handleSubmit(event)} className="iacs-form">
        <ErrorSummary heading="There is a problem" errors={errors.general} />
        <Dropdown
          label="Role"
          hint={
            roleCount > roles.length
              ? `The first ${String(roles.length)} of your ${roleCount.toLocaleString('en-US')} roles that may be delegated, by organization.`
              : undefined
          }
          name="roleAssignmentId"
          value={role?.id ?? ''}
          options={roles.map((r) => ({ value: r.id, label: describeRole(r) }))}
          onChange={(change) => {
            setRoleId(change.target.value);
          }}
          errorMessage={errors.byField.roleAssignmentId}
        />
        {candidates.length === 0 ? (
          <p className="ds-u-margin-top--3" data-testid="no-candidates">
            Nobody else who could hold this role has a role there yet, so there is nobody to name.
          </p>
        ) : (
          <Dropdown
            label="Who decides for you"
            hint="Someone with a role where yours is, who could hold your role."
            name="delegateId"
            value={chosen}
            options={candidates.map((c) => ({ value: c.id, label: c.name }))}
            onChange={(change) => {
              setDelegateId(change.target.value);
            }}
            errorMessage={errors.byField.delegateId}
          />
        )}
        <TextField label="From" type="date" size="medium" min={dayFromToday(0)} {...text.field('startsAt')} />
        <TextField
          label="Until"
          hint="At most 90 days. It ends at the end of that day, or sooner if you end it."
          type="date"
          size="medium"
          min={dayFromToday(0)}
          {...text.field('endsAt')}
        />
        <Button type="submit" variation="solid" className="ds-u-margin-top--4" disabled={candidates.length === 0}>
          {create.isPending ? 'Naming…' : 'Name this person'}
        </Button>
      </form>
    </>
  );
}

/**
 * R38, "out of office": an official or a group administrator names a colleague who decides their queue for
 * a while; the people they stand in for, and those who stand in for them, are listed here.
 */
export function Delegations() {
  const data = useDelegations();
  const roles =
    data.data?.roles.filter((r) => r.status === 'ACTIVE' && r.application == null && delegable.has(r.role)) ?? [];
  const viewerId = data.data?.viewerId ?? null;
  const received = data.data?.delegations.some((d) => d.delegate.id === viewerId) ?? false;
  if (data.isSuccess && roles.length === 0 && data.data.delegations.length === 0) return null;
  return (
    <section aria-labelledby="delegations-heading" className="ds-u-margin-top--6">
      <h2 id="delegations-heading" className="ds-text-heading--2xl">
        Standing in
      </h2>
      <p>
        Going away? Name someone to decide your requests while you are out, for up to 90 days. They decide as
        themselves, for you, and the record says both. They never decide their own requests or yours.
      </p>
      <QueryResult query={data} loading="Loading who stands in for whom…" what="who stands in for whom">
        {(loaded) => (
          <>
            <DelegationList delegations={loaded.delegations} viewerId={loaded.viewerId} />
            {received && (
              <p className="ds-u-margin-top--2">What you decide for someone is in your approval queue while it lasts.</p>
            )}
            {roles.length > 0 && <NameDelegate roles={roles} roleCount={loaded.roleCount} />}
          </>
        )}
      </QueryResult>
    </section>
  );
}
