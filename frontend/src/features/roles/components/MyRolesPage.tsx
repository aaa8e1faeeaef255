import { Alert, Button, Table, TableBody, TableCell, TableHead, TableRow } from '@cmsgov/design-system';
import { Link } from '../../../components/Link';
import { Loading } from '../../../components/Loading';
import { PageHeading } from '../../../components/PageHeading';
import { formatDate } from '../../../lib/format';
import { paths } from '../../../lib/routes';
import { useViewer, type ViewerRole } from '../../../lib/viewer';
import { groupRoles, roleNames, roleStatusNames, type UserGroupRoles } from '../api/my-roles';

export const emptyStateHeading = 'You have no roles yet';

const columns: readonly { key: string; title: string; value: (role: ViewerRole) => string }[] = [
  { key: 'role', title: 'Role', value: (role) => roleNames[role.role] },
  { key: 'application', title: 'Application', value: (role) => role.application?.name ?? '—' },
  { key: 'status', title: 'Status', value: (role) => roleStatusNames[role.status] },
  { key: 'granted', title: 'Granted', value: (role) => formatDate(role.grantedAt) },
  { key: 'approved-by', title: 'Approved by', value: (role) => role.grantedBy?.name ?? '—' },
  { key: 'certify-by', title: 'Certification due', value: (role) => formatDate(role.certifyBy) },
];

function RolesTable({ group, caption }: { group: UserGroupRoles; caption: string }) {
  // Stacked (narrow-screen) cells name their column heading through `headers`.
  const idPrefix = `roles-${group.key.replace(/[^A-Za-z0-9_-]/g, '-')}`;
  return (
    <Table stackable stackableBreakpoint="md" className="ds-u-margin-top--2">
      <caption className="ds-u-visibility--screen-reader">{caption}</caption>
      <TableHead>
        <TableRow>
          {columns.map((column) => (
            <TableCell key={column.key} component="th" id={`${idPrefix}-${column.key}`}>
              {column.title}
            </TableCell>
          ))}
        </TableRow>
      </TableHead>
      <TableBody>
        {group.roles.map((role) => (
          <TableRow key={role.id}>
            {columns.map((column) => (
              <TableCell key={column.key} stackedTitle={column.title} headers={`${idPrefix}-${column.key}`}>
                {column.value(role)}
              </TableCell>
            ))}
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
    </section>
  );
}

export function MyRolesPage() {
  const viewerQuery = useViewer();
  const viewer = viewerQuery.data;

  return (
    <>
      <PageHeading>My roles</PageHeading>
      {viewerQuery.isPending ? (
        <Loading label="Loading your roles…" />
      ) : viewerQuery.isError ? (
        <Alert variation="error" heading="We could not load your roles" headingLevel="2">
          <p className="ds-c-alert__text">Please try again in a moment.</p>
          <Button size="small" onClick={() => void viewerQuery.refetch()}>
            Try again
          </Button>
        </Alert>
      ) : viewer == null ? null : (
        <>
          {!viewer.emailVerified && (
            <Alert variation="warn" heading="Confirm your e-mail address" headingLevel="2" className="ds-u-margin-bottom--3">
              <p className="ds-c-alert__text">
                Until you confirm it you cannot request access. <Link to={paths.confirmEmail}>Enter your code</Link>
              </p>
            </Alert>
          )}
          {viewer.roles.length === 0 ? (
            <EmptyState />
          ) : (
            groupRoles(viewer.roles).map((organization) => (
              <section key={organization.key} aria-labelledby={`${organization.key}-heading`} className="ds-u-margin-top--4">
                <h2 id={`${organization.key}-heading`} className="ds-text-heading--xl">
                  {organization.name}
                </h2>
                {organization.userGroups.map((group) => {
                  const groupName = group.name ?? 'Organization roles';
                  return (
                    <div key={group.key} className="ds-u-margin-top--3">
                      <h3 className="ds-text-heading--lg">{groupName}</h3>
                      <RolesTable group={group} caption={`${organization.name}: ${groupName}`} />
                    </div>
                  );
                })}
              </section>
            ))
          )}
        </>
      )}
    </>
  );
}
