import { Alert, Button, Table, TableBody, TableCell, TableHead, TableRow, TextField } from '@cmsgov/design-system';
import { useQueryClient } from '@tanstack/react-query';
import { useState, type ReactNode } from 'react';
import { ExplainRoleDialog, type RoleToExplain } from '@/components/ExplainRoleDialog';
import { Link } from '@/components/Link';
import { Loading } from '@/components/Loading';
import { PageHeading } from '@/components/PageHeading';
import { Pager } from '@/components/Pager';
import { PersonExplanationView } from '@/components/PersonExplanation';
import { QueryResult } from '@/components/QueryResult';
import { RevokeRoleDialog, type RoleToEnd } from '@/components/RevokeRoleDialog';
import { useViewerExplanation } from '@/lib/explain';
import { useFocusAfterRender } from '@/lib/focus';
import { formatDate } from '@/lib/format';
import { roleNames, roleStatusNames } from '@/lib/names';
import { organizationPath, paths } from '@/lib/routes';
import { mayApprove, refreshViewer, useFreshViewer } from '@/lib/viewer';
import {
  describeRole,
  groupRoles,
  myRoleAssignmentsKey,
  noRoleFilters,
  rolePageSize,
  useMyRoleAssignments,
  type MyRole,
  type OrganizationRoles,
  type RoleFilters,
  type UserGroupRoles,
} from '@/features/roles/api/my-roles';
import { Delegations } from './Delegations';
import { FilterForm } from '@/components/FilterForm';
import { RowAction } from '@/components/RowAction';
import { inputValue } from '@/lib/input';

export const emptyStateHeading = 'You have no roles yet';

const columns: readonly { key: string; title: string; value: (role: MyRole) => string }[] = [
  { key: 'role', title: 'Role', value: (role) => roleNames[role.role] },
  { key: 'application', title: 'Application', value: (role) => role.application?.name ?? '—' },
  { key: 'status', title: 'Status', value: (role) => roleStatusNames[role.status] },
  { key: 'granted', title: 'Granted', value: (role) => formatDate(role.grantedAt) },
  { key: 'approved-by', title: 'Approved by', value: (role) => role.grantedBy?.name ?? '—' },
  { key: 'certify-by', title: 'Certification due', value: (role) => formatDate(role.certifyBy) },
  // R40: a role granted until a date ends by itself then
  { key: 'ends', title: 'Ends', value: (role) => (role.endsAt == null ? 'When ended' : formatDate(role.endsAt)) },
];

function RolesTable({
  group,
  caption,
  onGiveUp,
  onExplain,
}: {
  group: UserGroupRoles;
  caption: string;
  onGiveUp: (role: MyRole) => void;
  onExplain: (role: MyRole) => void;
}) {
  // Stacked (narrow-screen) cells name their column heading through `headers`.
  const idPrefix = `roles-${group.key.replace(/[^A-Za-z0-9_-]/g, '-')}`;
  return (
    <Table stackable stackableBreakpoint="md" className="ds-u-margin-top--2">
      <caption className="ds-u-visibility--screen-reader">{caption}</caption>
      <TableHead>
        {/* One array of cells: TableRow marks only its direct children as column headers. */}
        <TableRow>
          {[
            ...columns.map((column) => (
              <TableCell key={column.key} component="th" id={`${idPrefix}-${column.key}`}>
                {column.title}
              </TableCell>
            )),
            <TableCell key="actions" component="th" id={`${idPrefix}-actions`}>
              <span className="ds-u-visibility--screen-reader">Actions</span>
            </TableCell>,
          ]}
        </TableRow>
      </TableHead>
      <TableBody>
        {group.roles.map((role) => (
          <TableRow key={role.id} data-role-id={role.id}>
            {columns.map((column) => (
              <TableCell key={column.key} stackedTitle={column.title} headers={`${idPrefix}-${column.key}`}>
                {column.value(role)}
              </TableCell>
            ))}
            <TableCell stackedTitle="Actions" headers={`${idPrefix}-actions`}>
              <div className="ds-u-display--flex ds-u-flex-wrap--wrap iacs-actions">
                <Button
                  size="small"
                  variation="ghost"
                  onClick={() => {
                    onExplain(role);
                  }}
                >
                  Why do I have this?
                  <span className="ds-u-visibility--screen-reader"> {describeRole(role, roleNames[role.role])}</span>
                </Button>
                {role.canRevoke && (
                  <RowAction
                    about={describeRole(role, roleNames[role.role])}
                    onClick={() => {
                      onGiveUp(role);
                    }}
                  >
                    Give up this role
                  </RowAction>
                )}
              </div>
            </TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}

function EmptyState() {
  return (
    <section aria-labelledby="no-roles" className="ds-u-margin-top--4">
      <h2 id="no-roles" className="ds-text-heading--xl">
        {emptyStateHeading}
      </h2>
      <p>
        A role gives you access in an organization: you ask for it, and someone who may approve it decides. The Security
        Official of a new provider organization registers it and is approved by the CMS help desk; other people ask to
        join a user group of an approved organization, and its administrator or the organization’s officials decide.
        You get an e-mail when your request is decided, and your roles then appear here.
      </p>
      <p>
        <Link to={paths.ask} className="ds-c-button ds-c-button--solid">
          Ask for access
        </Link>
      </p>
    </section>
  );
}

function OrganizationHeading({ organization }: { organization: OrganizationRoles }): ReactNode {
  if (organization.organizationId !== null) {
    return <Link to={organizationPath(organization.organizationId)}>{organization.name}</Link>;
  }
  if (organization.companyId !== null) return <Link to={paths.billing}>{organization.name}</Link>;
  return organization.name;
}

/** Officials, administrators and the help desk: what they decide, and what their leaving would leave behind. */
function MyDecisions() {
  const explanation = useViewerExplanation(true);
  return (
    <QueryResult query={explanation} loading="Reading what you can decide…" what="what you can decide">
      {(explained) => explained != null && <PersonExplanationView person={explained} you headingLevel={2} idPrefix="my-decisions" />}
    </QueryResult>
  );
}

/** Find roles by the name of their organization, group or company; the server searches, a page at a time. */
function RoleFilterForm({ filters, onApply }: { filters: RoleFilters; onApply: (filters: RoleFilters) => void }) {
  const [search, setSearch] = useState(filters.search);

  function apply() {
    onApply({ ...filters, search: search.trim() });
  }

  return (
    <FilterForm
      label="Find your roles"
      onApply={apply}
      more={
        (filters.search !== '' || filters.organization !== null) && (
          <Button
            variation="ghost"
            onClick={() => {
              setSearch('');
              onApply(noRoleFilters);
            }}
          >
            Show all my roles
          </Button>
        )
      }
      below={
        filters.organization !== null && (
          <p className="ds-u-margin-bottom--0" data-testid="role-organization-filter">
            Only your roles in <strong>{filters.organization.name}</strong>.
          </p>
        )
      }
    >
      <TextField
        label="Organization, group or company"
        name="search"
        value={search}
        maxLength={100}
        className="ds-u-margin-top--0"
        onChange={inputValue(setSearch)}
      />
    </FilterForm>
  );
}

export function MyRolesPage() {
  const queryClient = useQueryClient();
  const viewerQuery = useFreshViewer();
  const viewer = viewerQuery.data;
  const [roleToEnd, setRoleToEnd] = useState<RoleToEnd | null>(null);
  const [roleToExplain, setRoleToExplain] = useState<RoleToExplain | null>(null);
  const [ended, setEnded] = useState<string | null>(null);
  const [endedRef, focusEnded] = useFocusAfterRender<HTMLDivElement>();
  const [filters, setFilters] = useState<RoleFilters>(noRoleFilters);
  // Keyset paging: the cursor of each page shown so far (null: the first), to go back as well as on.
  const [cursors, setCursors] = useState<(string | null)[]>([null]);
  const rolePage = useMyRoleAssignments(filters, cursors[cursors.length - 1] ?? null);
  const filtered = filters.search !== '' || filters.organization !== null;

  function applyFilters(next: RoleFilters) {
    setFilters(next);
    setCursors([null]);
  }

  async function handleEnded(role: RoleToEnd) {
    setRoleToEnd(null);
    setEnded(role.description);
    await Promise.all([
      refreshViewer(queryClient),
      queryClient.invalidateQueries({ queryKey: myRoleAssignmentsKey }),
    ]);
    // The button that opened the dialog is gone with the role: focus goes to the confirmation.
    focusEnded();
  }

  return (
    <>
      <PageHeading>My roles</PageHeading>
      {viewerQuery.isPending || rolePage.isPending ? (
        <Loading label="Loading your roles…" />
      ) : viewerQuery.isError || rolePage.isError ? (
        <Alert variation="error" heading="We could not load your roles" headingLevel="2">
          <p className="ds-c-alert__text">Please try again in a moment.</p>
          <Button
            size="small"
            onClick={() => {
              void viewerQuery.refetch();
              void rolePage.refetch();
            }}
          >
            Try again
          </Button>
        </Alert>
      ) : viewer == null || rolePage.data == null ? null : (
        <>
          <div ref={endedRef} tabIndex={-1}>
            {ended !== null && (
              <Alert variation="success" heading="You gave up a role" headingLevel="2" className="ds-u-margin-bottom--3">
                <p className="ds-c-alert__text">You are no longer {ended}.</p>
              </Alert>
            )}
          </div>
          {!viewer.emailVerified && (
            <Alert variation="warn" heading="Confirm your e-mail address" headingLevel="2" className="ds-u-margin-bottom--3">
              <p className="ds-c-alert__text">
                Until you confirm it you cannot request access.{' '}
                <Link to={paths.confirmEmail}>Enter your code</Link>
              </p>
            </Alert>
          )}
          {rolePage.data.totalCount === 0 && !filtered ? (
            <EmptyState />
          ) : (
            <>
              <p className="ds-text-body--lg ds-u-margin-top--0">
                Every role you hold, in every organization. Need another? <Link to={paths.ask}>Ask for access</Link>.
              </p>
              <RoleFilterForm key={`${filters.search}|${filters.organization?.id ?? ''}`} filters={filters} onApply={applyFilters} />
              {rolePage.data.edges.length === 0 && (
                <p data-testid="roles-empty">No role of yours matches. Try another name, or show all your roles.</p>
              )}
              {groupRoles(rolePage.data.edges.map((edge) => edge.node)).map((organization) => (
                <section key={organization.key} aria-labelledby={`${organization.key}-heading`} className="ds-u-margin-top--4">
                  <h2 id={`${organization.key}-heading`} className="ds-text-heading--xl">
                    <OrganizationHeading organization={organization} />
                  </h2>
                  {organization.organizationId !== null && filters.organization === null && (
                    <RowAction
                      about={organization.name}
                      onClick={() => {
                        const { organizationId, name } = organization;
                        if (organizationId !== null) applyFilters({ search: '', organization: { id: organizationId, name } });
                      }}
                    >
                      Only my roles in this organization
                    </RowAction>
                  )}
                  {organization.userGroups.map((group) => {
                    const groupName = group.name ?? (organization.companyId !== null ? 'Company roles' : 'Organization roles');
                    return (
                      <div key={group.key} className="ds-u-margin-top--3">
                        <h3 className="ds-text-heading--lg">{groupName}</h3>
                        <RolesTable
                          group={group}
                          caption={`${organization.name}: ${groupName}`}
                          onGiveUp={(role) => {
                            setEnded(null);
                            setRoleToEnd({ id: role.id, description: describeRole(role, roleNames[role.role]) });
                          }}
                          onExplain={(role) => {
                            setRoleToExplain({ id: role.id, description: describeRole(role, roleNames[role.role]) });
                          }}
                        />
                      </div>
                    );
                  })}
                </section>
              ))}
              {rolePage.data.edges.length > 0 && (
                <Pager
                  pageNumber={cursors.length - 1}
                  pageSize={rolePageSize}
                  shown={rolePage.data.edges.length}
                  total={rolePage.data.totalCount}
                  noun={rolePage.data.totalCount === 1 ? 'role' : 'roles'}
                  hasNext={rolePage.data.pageInfo.hasNextPage}
                  loading={rolePage.isPlaceholderData}
                  onPrevious={() => {
                    setCursors((shown) => shown.slice(0, -1));
                  }}
                  onNext={() => {
                    const next = rolePage.data?.pageInfo.endCursor ?? null;
                    if (next !== null) setCursors((shown) => [...shown, next]);
                  }}
                  testId="roles-shown"
                />
              )}
              {mayApprove(viewer) && (
                <div className="ds-u-margin-top--5 iacs-explanation">
                  <MyDecisions />
                </div>
              )}
            </>
          )}
        </>
      )}
      <Delegations />
      <ExplainRoleDialog
        role={roleToExplain}
        onClose={() => {
          setRoleToExplain(null);
        }}
      />
      <RevokeRoleDialog
        role={roleToEnd}
        onClose={() => {
          setRoleToEnd(null);
        }}
        onDone={(role) => void handleEnded(role)}
      />
    </>
  );
}
