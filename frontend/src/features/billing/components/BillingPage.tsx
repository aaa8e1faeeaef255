import { Alert, Table, TableBody, TableCell, TableHead, TableRow } from '@cmsgov/design-system';
import { Link } from '../../../components/Link';
import { Loading } from '../../../components/Loading';
import { PageHeading } from '../../../components/PageHeading';
import { ExportLinks } from '../../../components/ExportLinks';
import { QueryError } from '../../../components/QueryError';
import { StatusBadge } from '../../../components/StatusBadge';
import { formatDate, slug } from '../../../lib/format';
import { listNames } from '../../../lib/requests';
import { organizationPath, paths, withQuery } from '../../../lib/routes';
import { useCompanyDashboard, type Association, type Company } from '../api/billing';

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

function CompanySection({ company }: { company: Company }) {
  const associations = company.associations.edges.map((edge) => edge.node);
  const idPrefix = `company-${slug(company.id)}`;
  const counts = {
    approved: associations.filter((association) => association.status === 'APPROVED').length,
    pending: associations.filter((association) => association.status === 'PENDING').length,
  };
  return (
    <section aria-labelledby={`${idPrefix}-heading`} className="ds-u-margin-top--4" data-company={company.name}>
      <h2 id={`${idPrefix}-heading`} className="ds-text-heading--2xl ds-u-margin-bottom--1">
        {company.name}
      </h2>
      <p className="ds-u-margin-y--0">
        TIN ending {company.tinLast4} · serves {counts.approved} organization{counts.approved === 1 ? '' : 's'} ·{' '}
        {counts.pending} waiting
      </p>
      <AdministratorsNote company={company} />
      <p className="ds-u-margin-top--2">
        <Link to={withQuery(paths.ask, { kind: 'surrogate', company: company.id })} className="ds-c-button ds-c-button--solid">
          Serve more organizations<span className="ds-u-visibility--screen-reader"> for {company.name}</span>
        </Link>
      </p>
      {associations.length > 0 && (
        <ExportLinks name="associations" params={{ companyId: company.id }} what={`every organization of ${company.name}`} />
      )}
      {associations.length === 0 ? (
        <p>{company.name} has not asked to serve any organization yet.</p>
      ) : (
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
      )}
      {company.associations.totalCount > associations.length && (
        <p className="ds-c-hint">
          Showing the first {associations.length} of {company.associations.totalCount} organizations.
        </p>
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
      {dashboard.isPending ? (
        <Loading label="Loading your companies…" />
      ) : dashboard.isError ? (
        <QueryError what="your companies" error={dashboard.error} onRetry={() => void dashboard.refetch()} />
      ) : dashboard.data.length === 0 ? (
        <p>
          You administer no surrogate company. <Link to={withQuery(paths.ask, { kind: 'surrogate' })}>Serve organizations as a surrogate</Link>
        </p>
      ) : (
        dashboard.data.map((company) => <CompanySection key={company.id} company={company} />)
      )}
    </>
  );
}
