import { Alert, Button, Dropdown, Table, TableBody, TableCell, TableHead, TableRow, TextField } from '@cmsgov/design-system';
import { useState } from 'react';
import type { RequestStatus } from '@/gql/graphql';
import { Link } from '@/components/Link';
import { PageHeading } from '@/components/PageHeading';
import { Pager } from '@/components/Pager';
import { ExportLinks } from '@/components/ExportLinks';
import { QueryResult } from '@/components/QueryResult';
import { StatusBadge } from '@/components/StatusBadge';
import { formatCount, formatDate, slug } from '@/lib/format';
import { requestStatuses, requestStatusNames } from '@/lib/names';
import { listNames } from '@/lib/requests';
import { organizationPath, paths, withQuery } from '@/lib/routes';
import {
  associationPageSize,
  noAssociationFilters,
  useCompanyAssociations,
  useCompanyDashboard,
  type Association,
  type AssociationFilters,
  type Company,
} from '@/features/billing/api/billing';
import { FilterForm } from '@/components/FilterForm';
import { inputValue } from '@/lib/input';

const columns = ['Organization', 'Status', 'Requested', 'Decision', 'Surrogate group and members'] as const;

function DecisionCell({ association }: { association: Association }) {
  const request = association.request;
  if (association.status === 'PENDING') {
    return (
      <>
        Waiting on {request.approvers.length > 0 ? <strong>{listNames(request.approvers)}</strong> : 'the organization’s officials'}
      </>
    );
  }
  return (
    <>
      {formatDate(request.decidedAt)}
      {request.decidedBy != null && <> by {request.decidedBy.name}</>}
      {request.reason != null && (
        <>
          <br />
          Reason: {request.reason}
        </>
      )}
    </>
  );
}

function MembersCell({ association }: { association: Association }) {
  const group = association.userGroup;
  if (group == null) return <>No group (not approved)</>;
  const members = group.members.edges.map((edge) => edge.node);
  return (
    <>
      <strong>{group.name}</strong>
      <br />
      {members.length === 0 ? (
        'No end users yet'
      ) : (
        <ul className="ds-c-list ds-u-margin-y--0">
          {members.map((member) => (
            <li key={member.id}>
              {member.name}
              {member.email != null && <span className="ds-u-font-size--sm"> ({member.email})</span>}
            </li>
          ))}
        </ul>
      )}
      {group.members.totalCount > members.length && <>and {group.members.totalCount - members.length} more</>}
    </>
  );
}

/** R35: who runs the company, and a warning when one departure would leave nobody to. */
function AdministratorsNote({ company }: { company: Company }) {
  const names = listNames(company.administrators);
  return (
    <>
      <p className="ds-u-margin-y--0" data-testid="company-administrators">
        Administrators: {names === '' ? 'none' : names}
      </p>
      {company.atRisk && (
        <Alert heading="Only one administrator" headingLevel="3" className="ds-u-margin-top--2">
          {names} is the only administrator of {company.name}. If they leave, nobody can add staff or serve new
          organizations for the company until the CMS help desk names someone. Ask a colleague to choose “Administer
          a surrogate company” under <Link to={withQuery(paths.ask, { kind: 'administer-company' })}>Ask for access</Link>,
          then approve the request in your queue.
        </Alert>
      )}
      {company.orphaned && (
        <Alert variation="warn" heading="No administrator" headingLevel="3" className="ds-u-margin-top--2">
          {company.name} has no administrator who can act. Ask to administer it; the CMS help desk decides.
        </Alert>
      )}
    </>
  );
}

const allStatuses = 'ALL';

function countOf(company: Company, status: RequestStatus): number {
  return company.associationCounts.find((count) => count.status === status)?.count ?? 0;
}

/** R17: the company's organizations by status, for the whole company whatever the filters. */
function StatusCounts({ company, idPrefix }: { company: Company; idPrefix: string }) {
  const shown = company.associationCounts.filter((count) => count.count > 0);
  if (shown.length === 0) return null;
  return (
    <ul className="iacs-counts ds-u-margin-y--1" aria-label={`Organizations of ${company.name} by status`} id={`${idPrefix}-counts`} data-testid="association-counts">
      {shown.map((count) => (
        <li key={count.status} data-status={count.status}>
          {requestStatusNames[count.status]}: <strong>{formatCount(count.count)}</strong>
        </li>
      ))}
    </ul>
  );
}

/** Search by name or NPI, filter by state and status: the server does it, a page at a time. */
function AssociationFilterForm({
  company,
  idPrefix,
  filters,
  onApply,
}: {
  company: Company;
  idPrefix: string;
  filters: AssociationFilters;
  onApply: (filters: AssociationFilters) => void;
}) {
  const [search, setSearch] = useState(filters.search);
  const [state, setState] = useState(filters.state);
  const [status, setStatus] = useState<string>(filters.status ?? allStatuses);
  const filtered = filters.search !== '' || filters.state !== '' || filters.status !== null;

  function apply() {
    onApply({
      search: search.trim(),
      state: state.trim().toUpperCase(),
      status: status === allStatuses ? null : (status as RequestStatus),
    });
  }

  return (
    <FilterForm
      label={`Find organizations of ${company.name}`}
      onApply={apply}
      more={
        filtered && (
          <Button
            variation="ghost"
            onClick={() => {
              setSearch('');
              setState('');
              setStatus(allStatuses);
              onApply(noAssociationFilters);
            }}
          >
            Clear
          </Button>
        )
      }
    >
      <TextField
        label="Organization name or NPI"
        name="search"
        id={`${idPrefix}-search`}
        value={search}
        maxLength={100}
        className="ds-u-margin-top--0"
        onChange={inputValue(setSearch)}
      />
      <TextField
        label="State"
        hint="Two letters, like MD"
        name="state"
        id={`${idPrefix}-state`}
        size="small"
        value={state}
        maxLength={2}
        className="ds-u-margin-top--0"
        onChange={inputValue(setState)}
      />
      <Dropdown
        label="Status"
        name="status"
        id={`${idPrefix}-status`}
        value={status}
        options={[
          { value: allStatuses, label: 'All statuses' },
          ...requestStatuses.map((value) => ({
            value,
            label: `${requestStatusNames[value]} (${formatCount(countOf(company, value))})`,
          })),
        ]}
        onChange={(change) => {
          setStatus(change.target.value);
        }}
      />
    </FilterForm>
  );
}

function AssociationsTable({ company, idPrefix, associations }: { company: Company; idPrefix: string; associations: Association[] }) {
  return (
    <Table stackable stackableBreakpoint="lg" className="ds-u-margin-top--2">
      <caption className="ds-u-visibility--screen-reader">Organizations {company.name} serves or asked to serve</caption>
      <TableHead>
        <TableRow>
          {columns.map((column) => (
            <TableCell key={column} component="th" id={`${idPrefix}-${slug(column)}`}>
              {column}
            </TableCell>
          ))}
        </TableRow>
      </TableHead>
      <TableBody>
        {associations.map((association) => (
          <TableRow key={association.organization.id} data-organization={association.organization.legalBusinessName}>
            <TableCell stackedTitle="Organization" headers={`${idPrefix}-Organization`}>
              <Link to={organizationPath(association.organization.id)}>{association.organization.legalBusinessName}</Link>
              <br />
              <span className="ds-u-font-size--sm">
                {association.organization.city}, {association.organization.state} · NPI {association.organization.npi}
              </span>
            </TableCell>
            <TableCell stackedTitle="Status" headers={`${idPrefix}-Status`}>
              <StatusBadge status={association.status} />
            </TableCell>
            <TableCell stackedTitle="Requested" headers={`${idPrefix}-Requested`}>
              {formatDate(association.request.createdAt)}
              <br />
              <span className="iacs-mono ds-u-font-size--sm">{association.request.trackingNumber}</span>
            </TableCell>
            <TableCell stackedTitle="Decision" headers={`${idPrefix}-Decision`}>
              <DecisionCell association={association} />
            </TableCell>
            <TableCell stackedTitle="Surrogate group and members" headers={`${idPrefix}-${slug('Surrogate group and members')}`}>
              <MembersCell association={association} />
            </TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}

function CompanySection({ company }: { company: Company }) {
  const idPrefix = `company-${slug(company.id)}`;
  const [filters, setFilters] = useState<AssociationFilters>(noAssociationFilters);
  // Keyset paging: the cursor of each page shown so far (null: the first), to go back as well as on.
  const [cursors, setCursors] = useState<(string | null)[]>([null]);
  const after = cursors[cursors.length - 1] ?? null;
  const page = useCompanyAssociations(company.id, filters, after);
  const counts = { approved: countOf(company, 'APPROVED'), pending: countOf(company, 'PENDING') };
  const total = company.associationCounts.reduce((sum, count) => sum + count.count, 0);
  const filtered = filters.search !== '' || filters.state !== '' || filters.status !== null;
  const associations = page.data?.edges.map((edge) => edge.node) ?? [];
  return (
    <section aria-labelledby={`${idPrefix}-heading`} className="ds-u-margin-top--4" data-company={company.name}>
      <h2 id={`${idPrefix}-heading`} className="ds-text-heading--2xl ds-u-margin-bottom--1">
        {company.name}
      </h2>
      <p className="ds-u-margin-y--0">
        TIN ending {company.tinLast4} · serves {formatCount(counts.approved)} organization{counts.approved === 1 ? '' : 's'} ·{' '}
        {formatCount(counts.pending)} waiting
      </p>
      <StatusCounts company={company} idPrefix={idPrefix} />
      <AdministratorsNote company={company} />
      <p className="ds-u-margin-top--2">
        <Link to={withQuery(paths.ask, { kind: 'surrogate', company: company.id })} className="ds-c-button ds-c-button--solid">
          Serve more organizations<span className="ds-u-visibility--screen-reader"> for {company.name}</span>
        </Link>
      </p>
      {total === 0 ? (
        <p>{company.name} has not asked to serve any organization yet.</p>
      ) : (
        <>
          <ExportLinks name="associations" params={{ companyId: company.id }} what={`every organization of ${company.name}`} />
          <AssociationFilterForm
            company={company}
            idPrefix={idPrefix}
            filters={filters}
            onApply={(next) => {
              setFilters(next);
              setCursors([null]);
            }}
          />
          <QueryResult
            query={page}
            loading={`Loading the organizations of ${company.name}…`}
            what={`the organizations of ${company.name}`}
          >
            {(data) =>
              associations.length === 0 ? (
                <p data-testid="associations-empty">
                  {filtered ? 'No organization matches these filters.' : `${company.name} has not asked to serve any organization yet.`}
                </p>
              ) : (
                <>
                  <AssociationsTable company={company} idPrefix={idPrefix} associations={associations} />
                  <Pager
                    pageNumber={cursors.length - 1}
                    pageSize={associationPageSize}
                    shown={associations.length}
                    total={data.totalCount}
                    noun="organizations"
                    hasNext={data.pageInfo.hasNextPage}
                    loading={page.isPlaceholderData}
                    onPrevious={() => {
                      setCursors((shown) => shown.slice(0, -1));
                    }}
                    onNext={() => {
                      const next = data.pageInfo.endCursor;
                      if (next !== null) setCursors((shown) => [...shown, next]);
                    }}
                    testId="associations-shown"
                  />
                </>
              )
            }
          </QueryResult>
        </>
      )}
    </section>
  );
}

/** R16-R20: what a billing company's UGA sees of its work for each provider organization. */
export function BillingPage() {
  const dashboard = useCompanyDashboard();
  return (
    <>
      <PageHeading>Billing company</PageHeading>
      <p className="ds-text-body--lg ds-u-margin-top--0">
        Every organization your company serves or asked to serve, with the decision of its officials and the people of
        each surrogate user group.
      </p>
      <QueryResult query={dashboard} loading="Loading your companies…" what="your companies">
        {(data) =>
          data.length === 0 ? (
            <p>
              You administer no surrogate company. <Link to={withQuery(paths.ask, { kind: 'surrogate' })}>Serve organizations as a surrogate</Link>
            </p>
          ) : (
            data.map((company) => <CompanySection key={company.id} company={company} />)
          )
        }
      </QueryResult>
    </>
  );
}
