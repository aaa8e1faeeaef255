import { Alert, Badge, Button, Table, TableBody, TableCell, TableHead, TableRow } from '@cmsgov/design-system';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { ExplainRoleDialog, type RoleToExplain } from '@/components/ExplainRoleDialog';
import { Link } from '@/components/Link';
import { Loading } from '@/components/Loading';
import { PageHeading } from '@/components/PageHeading';
import { ExportLinks } from '@/components/ExportLinks';
import { PersonExplainDialog, type PersonToExplain } from '@/components/PersonExplanation';
import { QueryError } from '@/components/QueryError';
import { RevokeRoleDialog, type RoleToEnd } from '@/components/RevokeRoleDialog';
import { RowAction } from '@/components/RowAction';
import { useFocusAfterRender } from '@/lib/focus';
import { formatDate, slug } from '@/lib/format';
import {
  communityNames,
  organizationKindNames,
  organizationStatusNames,
  providerTypeNames,
  roleNames,
} from '@/lib/names';
import { useLocation } from '@/lib/router';
import { groupWithOrganization } from '@/lib/roles';
import { matchRoute, paths, withQuery } from '@/lib/routes';
import { isHelpDesk, officialRoles, useViewer, useViewerRoles } from '@/lib/viewer';
import { organizationQueryKey, useOrganization, type OrganizationDetails, type OrganizationUserGroup } from '@/features/organizations/api/organization';
import { OrganizationGraph } from './OrganizationGraph';

interface AssignmentRow {
  id: string;
  name: string;
  email: string | null; // a contact field: null unless the viewer manages the person (docs/visibility.md)
  what: string;
  since: string;
  extra?: string;
  canRevoke: boolean;
  /** "End user in Claims Team (Provider Organization XYZ)". */
  roleText: string;
  /** The role and its holder, for buttons and dialogs. */
  description: string;
}

interface RowActions {
  onRevoke: (row: AssignmentRow) => void;
  onExplain: (row: AssignmentRow) => void;
  /**
   * Whether every row's chain is the viewer's to see (officials, the help desk); otherwise only the
   * rows they may end (their own, and those they approve) are explained.
   */
  explainAll: boolean;
  /** Officials and the help desk: what the person decides, and if they left. */
  onAboutPerson?: (row: AssignmentRow) => void;
}

function AssignmentsTable({
  idPrefix,
  caption,
  rows,
  extraTitle,
  actions,
}: {
  idPrefix: string;
  caption: string;
  rows: AssignmentRow[];
  extraTitle?: string;
  actions: RowActions;
}) {
  const titles = ['Name', 'Role', 'Since', ...(extraTitle === undefined ? [] : [extraTitle])];
  return (
    <Table stackable stackableBreakpoint="md" className="ds-u-margin-top--2">
      <caption className="ds-u-visibility--screen-reader">{caption}</caption>
      <TableHead>
        {/* One array of cells: TableRow marks only its direct children as column headers. */}
        <TableRow>
          {[
            ...titles.map((title) => (
              <TableCell key={title} component="th" id={`${idPrefix}-${slug(title)}`}>
                {title}
              </TableCell>
            )),
            <TableCell key="actions" component="th" id={`${idPrefix}-actions`}>
              <span className="ds-u-visibility--screen-reader">Actions</span>
            </TableCell>,
          ]}
        </TableRow>
      </TableHead>
      <TableBody>
        {rows.map((row) => (
          <TableRow key={row.id}>
            <TableCell stackedTitle="Name" headers={`${idPrefix}-Name`}>
              {row.name}
              {row.email != null && (
                <>
                  <br />
                  <span className="ds-u-font-size--sm iacs-break">{row.email}</span>
                </>
              )}
            </TableCell>
            <TableCell stackedTitle="Role" headers={`${idPrefix}-Role`}>
              {row.what}
            </TableCell>
            <TableCell stackedTitle="Since" headers={`${idPrefix}-Since`}>
              {row.since}
            </TableCell>
            {extraTitle !== undefined && (
              <TableCell stackedTitle={extraTitle} headers={`${idPrefix}-${slug(extraTitle)}`}>
                {row.extra}
              </TableCell>
            )}
            <TableCell stackedTitle="Actions" headers={`${idPrefix}-actions`}>
              <div className="ds-u-display--flex ds-u-flex-wrap--wrap iacs-actions">
                {(actions.explainAll || row.canRevoke) && (
                  <RowAction
                    about={row.description}
                    onClick={() => {
                      actions.onExplain(row);
                    }}
                  >
                    Explain
                  </RowAction>
                )}
                {actions.onAboutPerson !== undefined && (
                  <Button
                    size="small"
                    variation="ghost"
                    onClick={() => {
                      actions.onAboutPerson?.(row);
                    }}
                  >
                    What can they decide?<span className="ds-u-visibility--screen-reader"> {row.name}</span>
                  </Button>
                )}
                {row.canRevoke && (
                  <RowAction
                    about={row.description}
                    onClick={() => {
                      actions.onRevoke(row);
                    }}
                  >
                    Revoke
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

function groupRows(group: OrganizationUserGroup, organizationName: string): AssignmentRow[] {
  return group.roleAssignments.map((assignment) => {
    const what = `${roleNames[assignment.role]}${assignment.application == null ? '' : `: ${assignment.application.name}`}`;
    return {
      id: assignment.id,
      name: assignment.user.name,
      email: assignment.user.email,
      what,
      since: formatDate(assignment.grantedAt),
      canRevoke: assignment.canRevoke,
      roleText: `${what} in ${groupWithOrganization(group.name, organizationName)}`,
      description: `${what} in ${groupWithOrganization(group.name, organizationName)}, held by ${assignment.user.name}`,
    };
  });
}

function UserGroupSection({
  group,
  organizationName,
  actions,
}: {
  group: OrganizationUserGroup;
  organizationName: string;
  actions: RowActions;
}) {
  const rows = groupRows(group, organizationName);
  const headingId = `group-${slug(group.id)}`;
  // A UGA who also holds application access for the group is listed once.
  const administrators = [...new Map(group.administrators.map((user) => [user.id, user])).values()];
  return (
    <section aria-labelledby={headingId} className="ds-u-margin-top--4 iacs-group" data-group={group.name}>
      <h3 id={headingId} className="ds-text-heading--xl ds-u-margin-bottom--1">
        {group.name}{' '}
        {group.orphaned && (
          <Badge variation="warn" className="ds-u-margin-left--1">
            Orphaned
          </Badge>
        )}
      </h3>
      {group.company != null && (
        <p className="ds-u-margin-y--0">
          Surrogate group of <strong>{group.company.name}</strong> (TIN ending {group.company.tinLast4})
        </p>
      )}
      {group.description != null && <p className="ds-u-margin-y--1">{group.description}</p>}
      <p className="ds-u-margin-y--1">
        Administrators: {administrators.length === 0 ? 'none' : administrators.map((user) => user.name).join(', ')}
        {group.orphaned && ' — the Security Official or a Backup should approve one.'}
        {' · '}
        End users: {group.members.totalCount}
      </p>
      {rows.length > 0 ? (
        <AssignmentsTable idPrefix={headingId} caption={`People of ${group.name}`} rows={rows} actions={actions} />
      ) : (
        <p className="ds-c-hint">Only the group’s people, the organization’s officials and the help desk see its members.</p>
      )}
    </section>
  );
}

function Summary({ organization }: { organization: OrganizationDetails }) {
  const facts: [string, string][] = [
    ['Kind', organizationKindNames[organization.kind]],
    ['Provider type', providerTypeNames[organization.providerType]],
    ['Community', communityNames[organization.community]],
    ['NPI', organization.npi],
    ...(organization.tinLast4 === '' ? [] : ([['TIN', `ending ${organization.tinLast4}`]] as [string, string][])),
    ['Location', `${organization.city}, ${organization.state}`],
    ['Status', organizationStatusNames[organization.status]],
  ];
  return (
    <dl className="iacs-facts">
      {facts.map(([term, value]) => (
        <div key={term} className="iacs-facts__row">
          <dt>{term}</dt>
          <dd>{value}</dd>
        </div>
      ))}
    </dl>
  );
}

/** The officials whose accounts the help desk has disabled: their roles count for nothing until enabled (R36). */
function disabledOfficials(organization: OrganizationDetails): string {
  const names = organization.officials.filter((official) => !official.user.active).map((official) => official.user.name);
  if (names.length === 0) return '';
  const who = names.join(' and ');
  return ` The CMS help desk has disabled the account of ${who}: while it stays disabled, ${names.length > 1 ? 'they approve' : 'that person approves'} nothing.`;
}

/** R37: nobody is left who can approve for the organization: why, and what to do. */
function orphanExplanation(organization: OrganizationDetails): { why: string; todo: string } {
  if (organization.kind === 'INDIVIDUAL_PRACTITIONER') {
    return {
      why: 'The practitioner’s account is not active, so nobody can approve anything for this practice.',
      todo: 'The CMS help desk decides what is waiting until the practitioner’s account is active again.',
    };
  }
  const backups = organization.backupSecurityOfficials.map((person) => person.name);
  if (backups.length > 0) {
    return {
      why:
        `It has no Security Official at the moment.${disabledOfficials(organization)} ` +
        `Its Backup Security Official${backups.length > 1 ? 's' : ''} (${backups.join(', ')}) can still approve most requests, but nobody can approve a new Backup.`,
      todo: 'A Backup Security Official asks to take over as Security Official; the CMS help desk decides.',
    };
  }
  return {
    why: `It has no Security Official and no Backup Security Official at the moment, so nobody in the organization can approve its people’s requests.${disabledOfficials(organization)}`,
    todo: 'Contact the CMS help desk: it decides what is waiting and helps a new Security Official take over.',
  };
}

/** R37: one departure from nobody being able to approve: allowed for a small organization, with what to do. */
function riskExplanation(organization: OrganizationDetails): { why: string; todo: string } {
  const official = organization.securityOfficial?.name ?? 'its Security Official';
  return {
    why: `${official} is its only Security Official and it has no Backup. That is fine for a small organization, but if ${official} left or were away, nobody in it could approve its people’s requests.`,
    todo: `Someone in the organization asks to be a Backup Security Official (on the Ask for access page), and ${official} approves.`,
  };
}

function ContinuityNotice({ organization }: { organization: OrganizationDetails }) {
  if (organization.orphaned) {
    const { why, todo } = orphanExplanation(organization);
    return (
      <Alert variation="warn" heading="Nobody can approve for this organization" headingLevel="2" className="ds-u-margin-bottom--3">
        <p className="ds-c-alert__text">{why}</p>
        <p className="ds-c-alert__text">
          <strong>What to do:</strong> {todo}
        </p>
      </Alert>
    );
  }
  if (organization.atRisk) {
    const { why, todo } = riskExplanation(organization);
    return (
      <Alert heading="Only one person can approve for this organization" headingLevel="2" className="ds-u-margin-bottom--3">
        <p className="ds-c-alert__text">{why}</p>
        <p className="ds-c-alert__text">
          <strong>What to do:</strong> {todo}
        </p>
      </Alert>
    );
  }
  return null;
}

export function OrganizationPage() {
  const queryClient = useQueryClient();
  const { pathname } = useLocation();
  const id = matchRoute(pathname)?.params.id ?? '';
  const organizationQuery = useOrganization(id);
  const { data: viewer } = useViewer();
  // whether the viewer is an official here: a count, no role row
  const officialHere = useViewerRoles({ first: 0, roles: officialRoles, organizationId: id }, id !== '');
  const [roleToEnd, setRoleToEnd] = useState<RoleToEnd | null>(null);
  const [revoked, setRevoked] = useState<string | null>(null);
  const [revokedRef, focusRevoked] = useFocusAfterRender<HTMLDivElement>();
  const [roleToExplain, setRoleToExplain] = useState<RoleToExplain | null>(null);
  const [personToExplain, setPersonToExplain] = useState<PersonToExplain | null>(null);
  const organization = organizationQuery.data;

  async function handleRevoked(role: RoleToEnd) {
    setRoleToEnd(null);
    setRevoked(role.description);
    await queryClient.invalidateQueries({ queryKey: organizationQueryKey(id) });
    focusRevoked();
  }

  function revoke(row: AssignmentRow) {
    setRevoked(null);
    setRoleToEnd(
      row.email === viewer?.email
        ? { id: row.id, description: row.description }
        : { id: row.id, description: row.description, holderName: row.name },
    );
  }

  if (organizationQuery.isPending) {
    return (
      <>
        <PageHeading>Organization</PageHeading>
        <Loading label="Loading the organization…" />
      </>
    );
  }
  if (organizationQuery.isError) {
    return (
      <>
        <PageHeading>Organization</PageHeading>
        <QueryError what="the organization" error={organizationQuery.error} onRetry={() => void organizationQuery.refetch()} />
      </>
    );
  }
  if (organization == null) {
    return (
      <>
        <PageHeading>Organization not found</PageHeading>
        <p>
          There is no organization here, or it is not one you can see. <Link to={paths.myRoles}>Go to My roles</Link>
        </p>
      </>
    );
  }

  const providerGroups = organization.userGroups.filter((group) => group.kind === 'PROVIDER');
  const surrogateGroups = organization.userGroups.filter((group) => group.kind === 'SURROGATE');
  const orphaned = organization.userGroups.filter((group) => group.orphaned);
  const seesOfficials = organization.officials.length > 0;
  const mayAudit = isHelpDesk(viewer) || (officialHere.data?.totalCount ?? 0) > 0;
  const actions: RowActions = {
    onRevoke: revoke,
    onExplain: (row) => {
      setRoleToExplain(
        row.email === viewer?.email
          ? { id: row.id, description: row.roleText }
          : { id: row.id, description: row.roleText, holderName: row.name },
      );
    },
    explainAll: mayAudit,
    // The API explains a person to their organization's officials and the help desk.
    onAboutPerson: mayAudit
      ? (row) => {
          setPersonToExplain({ roleId: row.id, name: row.name });
        }
      : undefined,
  };
  const officialRows: AssignmentRow[] = organization.officials.map((official) => ({
    id: official.id,
    name: official.user.name,
    email: official.user.email,
    // A disabled account's role stays for the record and may be ended, but approves nothing until enabled.
    what: official.user.active ? roleNames[official.role] : `${roleNames[official.role]} (account disabled: approves nothing)`,
    since: formatDate(official.grantedAt),
    extra: official.grantedBy?.name ?? 'CMS help desk',
    canRevoke: official.canRevoke,
    roleText: `${roleNames[official.role]} of ${organization.legalBusinessName}`,
    description: `${roleNames[official.role]} of ${organization.legalBusinessName}, held by ${official.user.name}`,
  }));

  return (
    <>
      <PageHeading>{organization.legalBusinessName}</PageHeading>
      <div ref={revokedRef} tabIndex={-1}>
        {revoked !== null && (
          <Alert variation="success" heading="Role ended" headingLevel="2" className="ds-u-margin-bottom--3">
            <p className="ds-c-alert__text">Ended: {revoked}.</p>
          </Alert>
        )}
      </div>
      <ContinuityNotice organization={organization} />
      {orphaned.length > 0 && (
        <Alert variation="warn" heading="User groups without an administrator" headingLevel="2" className="ds-u-margin-bottom--3">
          <p className="ds-c-alert__text">
            {orphaned.map((group) => group.name).join(', ')}: nobody can approve new end users until someone is approved
            as User Group Administrator.
          </p>
        </Alert>
      )}
      <Summary organization={organization} />
      <section aria-labelledby="picture-heading" className="ds-u-margin-top--4">
        <h2 id="picture-heading" className="ds-text-heading--2xl">
          Organization picture
        </h2>
        <OrganizationGraph organization={organization} />
      </section>
      {mayAudit && (
        <p>
          <Link to={withQuery(paths.audit, { organization: organization.id })}>Audit log of this organization</Link>
        </p>
      )}
      <ExportLinks
        name="organization-roles"
        params={{ organizationId: organization.id }}
        what={`the people and roles of ${organization.legalBusinessName} you see`}
      />
      <section aria-labelledby="officials-heading" className="ds-u-margin-top--5">
        <h2 id="officials-heading" className="ds-text-heading--2xl">
          Security Official and Backups
        </h2>
        {seesOfficials ? (
          <AssignmentsTable
            idPrefix="officials"
            caption="Security Official and Backup Security Officials"
            rows={officialRows}
            extraTitle="Approved by"
            actions={actions}
          />
        ) : organization.securityOfficial != null || organization.backupSecurityOfficials.length > 0 ? (
          // Their roles are for the officials and the help desk to see; everyone may know who they are.
          <dl className="ds-u-margin-y--0">
            <dt className="ds-text-heading--md">Security Official</dt>
            <dd>{organization.securityOfficial?.name ?? 'None at the moment'}</dd>
            <dt className="ds-text-heading--md">Backup Security Officials</dt>
            <dd>
              {organization.backupSecurityOfficials.length > 0
                ? organization.backupSecurityOfficials.map((person) => person.name).join(', ')
                : 'None at the moment'}
            </dd>
          </dl>
        ) : (
          <p>
            {organization.status === 'APPROVED'
              ? 'No active Security Official or Backup.'
              : 'The organization is not approved yet: the CMS help desk decides its registration.'}
          </p>
        )}
      </section>
      <section aria-labelledby="groups-heading" className="ds-u-margin-top--5">
        <h2 id="groups-heading" className="ds-text-heading--2xl">
          User groups
        </h2>
        {providerGroups.length === 0 ? (
          <p>No user group yet.</p>
        ) : (
          providerGroups.map((group) => (
            <UserGroupSection key={group.id} group={group} organizationName={organization.legalBusinessName} actions={actions} />
          ))
        )}
      </section>
      <section aria-labelledby="surrogates-heading" className="ds-u-margin-top--5">
        <h2 id="surrogates-heading" className="ds-text-heading--2xl">
          Surrogate user groups
        </h2>
        <p className="ds-u-margin-top--0">Billing companies and other contractors working for the organization.</p>
        {surrogateGroups.length === 0 ? (
          <p>No surrogate group.</p>
        ) : (
          surrogateGroups.map((group) => (
            <UserGroupSection key={group.id} group={group} organizationName={organization.legalBusinessName} actions={actions} />
          ))
        )}
      </section>
      <RevokeRoleDialog
        role={roleToEnd}
        onClose={() => {
          setRoleToEnd(null);
        }}
        onDone={(role) => void handleRevoked(role)}
      />
      <ExplainRoleDialog
        role={roleToExplain}
        onClose={() => {
          setRoleToExplain(null);
        }}
      />
      <PersonExplainDialog
        person={personToExplain}
        onClose={() => {
          setPersonToExplain(null);
        }}
      />
    </>
  );
}
