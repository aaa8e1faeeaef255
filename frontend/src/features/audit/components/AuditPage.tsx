import { Dropdown, Table, TableBody, TableCell, TableHead, TableRow } from '@cmsgov/design-system';
import { useState } from 'react';
import { Link } from '@/components/Link';
import { LoadMore } from '@/components/LoadMore';
import { FilterForm, RoleOrganizationFilter } from '@/components/FilterForm';
import { PageHeading } from '@/components/PageHeading';
import { ExportLinks } from '@/components/ExportLinks';
import { QueryResult } from '@/components/QueryResult';
import { formatDate, formatTime } from '@/lib/format';
import { auditActionName, auditActionNames } from '@/lib/names';
import { navigate, useLocation } from '@/lib/router';
import { organizationPath, paths, withQuery } from '@/lib/routes';
import { isHelpDesk, officialRoles, useViewer, useViewerRoles } from '@/lib/viewer';
import { detailText, useAuditEvents } from '@/features/audit/api/audit';

const all = 'ALL';
const columns = ['When', 'What', 'Who', 'About', 'Organization', 'Details'] as const;

export function AuditPage() {
  const { data: viewer } = useViewer();
  const { search } = useLocation();
  const action = search.get('action');
  const organizationId = search.get('organization');
  const events = useAuditEvents(action === null ? null : [action], organizationId);
  const [actionChoice, setActionChoice] = useState(action ?? all);
  const [organizationChoice, setOrganizationChoice] = useState(organizationId ?? all);
  // whether the viewer is an official anywhere (a count: the picker reads the organizations themselves)
  const officialCount = useViewerRoles({ first: 0, roles: officialRoles }).data?.totalCount ?? 0;

  function applyFilters() {
    navigate(
      withQuery(paths.audit, {
        action: actionChoice === all ? null : actionChoice,
        organization: organizationChoice === all ? null : organizationChoice,
      }),
    );
  }

  const currentLabel =
    events.data?.pages[0]?.edges.find((edge) => edge.node.organization?.id === organizationId)?.node.organization
      ?.legalBusinessName ?? 'The organization you came from';

  const pages = events.data?.pages ?? [];
  const items = pages.flatMap((page) => page.edges.map((edge) => edge.node));
  const scope = isHelpDesk(viewer)
    ? 'As the help desk you see every event.'
    : officialCount > 0
      ? 'You see your own events and those of the organizations where you are an official.'
      : 'You see the events about you.';

  return (
    <>
      <PageHeading>Audit log</PageHeading>
      <p className="ds-text-body--lg ds-u-margin-top--0">
        Every request, decision, role and sign-in is recorded, newest first, and never changed. {scope}
      </p>
      <ExportLinks
        name="audit"
        params={{ actions: action === null ? null : [action], organizationId }}
        what={action === null && organizationId === null ? 'the whole log you see' : 'the events these filters show'}
      />
      <FilterForm label="Filter the audit log" onApply={applyFilters}>
        <Dropdown
          label="Action"
          name="action"
          value={actionChoice}
          options={[
            { value: all, label: 'All actions' },
            ...Object.entries(auditActionNames).map(([value, label]) => ({ value, label })),
          ]}
          onChange={(change) => {
            setActionChoice(change.target.value);
          }}
        />
        {/* the organizations where the viewer is an official, found by name when they are too many for one list */}
        <RoleOrganizationFilter
          roles={officialRoles}
          all={all}
          value={organizationChoice}
          current={organizationId}
          currentLabel={currentLabel}
          onChange={setOrganizationChoice}
        />
      </FilterForm>
      <QueryResult query={events} loading="Loading the audit log…" what="the audit log">
        {() =>
          items.length === 0 ? (
            <p className="ds-u-margin-top--3">No event matches.</p>
          ) : (
            <>
              <Table stackable stackableBreakpoint="lg" compact className="ds-u-margin-top--3">
                <caption className="ds-u-visibility--screen-reader">Audit events, newest first</caption>
                <TableHead>
                  <TableRow>
                    {columns.map((column) => (
                      <TableCell key={column} component="th" id={`audit-${column}`}>
                        {column}
                      </TableCell>
                    ))}
                  </TableRow>
                </TableHead>
                <TableBody>
                  {items.map((event) => (
                    <TableRow key={event.id} data-action={event.action}>
                      <TableCell stackedTitle="When" headers="audit-When">
                        <span className="iacs-nowrap">{formatDate(event.occurredAt)}</span>{' '}
                        <span className="iacs-nowrap ds-u-font-size--sm">{formatTime(event.occurredAt)}</span>
                      </TableCell>
                      <TableCell stackedTitle="What" headers="audit-What">
                        {auditActionName(event.action)}
                        {event.request != null && (
                          <>
                            <br />
                            <span className="iacs-mono ds-u-font-size--sm">{event.request.trackingNumber}</span>
                          </>
                        )}
                      </TableCell>
                      <TableCell stackedTitle="Who" headers="audit-Who">
                        {event.actor?.name ?? '—'}
                      </TableCell>
                      <TableCell stackedTitle="About" headers="audit-About">
                        {event.subjectUser?.name ?? '—'}
                      </TableCell>
                      <TableCell stackedTitle="Organization" headers="audit-Organization">
                        {event.organization == null ? (
                          '—'
                        ) : (
                          <Link to={organizationPath(event.organization.id)}>{event.organization.legalBusinessName}</Link>
                        )}
                      </TableCell>
                      <TableCell stackedTitle="Details" headers="audit-Details">
                        {detailText(event.details) || '—'}
                      </TableCell>
                    </TableRow>
                  ))}
                </TableBody>
              </Table>
              <LoadMore
                shown={items.length}
                total={pages[0]?.totalCount ?? items.length}
                query={events}
                noun="events"
              />
            </>
          )
        }
      </QueryResult>
    </>
  );
}
