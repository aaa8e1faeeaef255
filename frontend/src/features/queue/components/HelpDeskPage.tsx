import { Alert, Badge, Button, Table, TableBody, TableCell, TableRow, TextField } from '@cmsgov/design-system';
import { useState, type SubmitEvent } from 'react';
import { Link } from '@/components/Link';
import { TableHeadings } from '@/components/TableHeadings';
import { LiveQueueStatus } from './LiveQueueStatus';
import { PageHeading } from '@/components/PageHeading';
import { QueryResult } from '@/components/QueryResult';
import { StatusBadge } from '@/components/StatusBadge';
import type { RequestKind } from '@/gql/graphql';
import { useFocusAfterRender } from '@/lib/focus';
import { formatDate, formatDateTime, formatTime } from '@/lib/format';
import { organizationKindNames, organizationStatusNames } from '@/lib/names';
import { describeRequest } from '@/lib/requests';
import { describeRole } from '@/lib/roles';
import { organizationPath } from '@/lib/routes';
import { useHelpDeskLookup, useUnlockAccount, type LookupResult } from '@/features/queue/api/help-desk';
import { CmsSwitches } from './CmsSwitches';
import { CompaniesAtRisk } from './CompaniesAtRisk';
import { StalledOrganizations } from './StalledOrganizations';
import { QueueList } from './QueueList';
import { inputValue } from '@/lib/input';

// R7, R10, R22: what only the help desk decides; R35: administering a company that has no administrator left.
const registrationKinds: RequestKind[] = [
  'REGISTER_ORGANIZATION',
  'REGISTER_INDIVIDUAL_PRACTITIONER',
  'SUCCEED_SECURITY_OFFICIAL',
  'ADMINISTER_SURROGATE_COMPANY',
];

type Person = LookupResult['people'][number];

/** "10:47 AM" today, else the date too (a lock lasts 15 minutes, but the page may be left open). */
function formatLockEnd(value: string, now: Date = new Date()): string {
  return new Date(value).toDateString() === now.toDateString() ? formatTime(value) : formatDateTime(value);
}

function People({ people, onUnlock }: { people: LookupResult['people']; onUnlock: (person: Person) => void }) {
  if (people.length === 0) return <p>No person matches.</p>;
  return (
    <Table stackable stackableBreakpoint="md" className="ds-u-margin-top--2">
      <caption className="ds-u-visibility--screen-reader">People found</caption>
      <TableHeadings
        columns={[
          ['people-name', 'Name'],
          ['people-login', 'E-mail and user ID'],
          ['people-roles', 'Roles'],
          ['people-sign-in', 'Sign-in'],
        ]}
      />
      <TableBody>
        {people.map((person) => (
          <TableRow key={person.id}>
            <TableCell stackedTitle="Name" headers="people-name">
              {person.name}
              {!person.emailVerified && (
                <>
                  {' '}
                  <Badge variation="warn">E-mail not confirmed</Badge>
                </>
              )}
            </TableCell>
            <TableCell stackedTitle="E-mail and user ID" headers="people-login">
              {person.email}
              <br />
              <span className="iacs-mono">{person.userId}</span>
            </TableCell>
            <TableCell stackedTitle="Roles" headers="people-roles">
              {person.roles.length === 0
                ? 'None'
                : person.roles.map((role) => describeRole(role)).join('; ')}
            </TableCell>
            <TableCell stackedTitle="Sign-in" headers="people-sign-in">
              {person.lockedUntil == null ? (
                'Not locked'
              ) : (
                // R4: locked after five failed sign-ins; the lock ends by itself, or the help desk lifts it.
                <>
                  <Badge variation="alert" className="iacs-nowrap">
                    Locked until {formatLockEnd(person.lockedUntil)}
                  </Badge>
                  <Button
                    size="small"
                    className="ds-u-display--block ds-u-margin-top--1"
                    onClick={() => {
                      onUnlock(person);
                    }}
                  >
                    Unlock <span className="ds-u-visibility--screen-reader">the account of {person.name}</span>
                  </Button>
                </>
              )}
            </TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}

function Organizations({ organizations }: { organizations: LookupResult['organizations'] }) {
  if (organizations.length === 0) return <p>No organization matches.</p>;
  return (
    <ul className="ds-c-list ds-c-list--bare">
      {organizations.map((organization) => (
        <li key={organization.id} className="ds-u-margin-bottom--2">
          <Link to={organizationPath(organization.id)}>{organization.legalBusinessName}</Link>{' '}
          <span className="ds-u-font-size--sm">
            {organizationKindNames[organization.kind]} · {organization.city}, {organization.state} · NPI {organization.npi}
            {organization.tinLast4 === '' ? '' : ` · TIN ending ${organization.tinLast4}`} ·{' '}
            {organizationStatusNames[organization.status]}
          </span>
          {/* R37: nobody left to approve for it, or one departure from that (allowed for a small organization). */}
          {organization.orphaned && (
            <>
              {' '}
              <Badge variation="alert">Nobody can approve</Badge>
            </>
          )}
          {organization.atRisk && (
            <>
              {' '}
              <Badge variation="warn">At risk: no Backup</Badge>
            </>
          )}
        </li>
      ))}
    </ul>
  );
}

function Requests({ requests }: { requests: LookupResult['requests'] }) {
  if (requests.length === 0) return <p>No request matches.</p>;
  return (
    <ul className="ds-c-list ds-c-list--bare">
      {requests.map((request) => (
        <li key={request.id} className="ds-u-margin-bottom--2">
          <span className="iacs-mono">{request.trackingNumber}</span> <StatusBadge status={request.status} />{' '}
          {describeRequest(request)} — asked by {request.requester.name} on {formatDate(request.createdAt)}
        </li>
      ))}
    </ul>
  );
}

function Lookup() {
  const [text, setText] = useState('');
  const [query, setQuery] = useState('');
  const [tooShort, setTooShort] = useState(false);
  const lookup = useHelpDeskLookup(query);
  const unlock = useUnlockAccount();
  const [unlockMessage, setUnlockMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const [messageRef, focusMessage] = useFocusAfterRender<HTMLDivElement>();

  function handleSubmit(event: SubmitEvent<HTMLFormElement>) {
    event.preventDefault();
    const trimmed = text.trim();
    setTooShort(trimmed.length < 2);
    setUnlockMessage(null);
    if (trimmed.length >= 2) setQuery(trimmed);
  }

  async function handleUnlock(person: Person) {
    if (unlock.isPending) return;
    try {
      const payload = await unlock.mutateAsync(person.id);
      setUnlockMessage(
        payload.errors.length > 0
          ? { ok: false, text: payload.errors.map((error) => error.message).join(' ') }
          : { ok: true, text: `${person.name} can sign in again.` },
      );
    } catch {
      setUnlockMessage({ ok: false, text: 'We could not reach the server. Please try again.' });
    }
    focusMessage();
  }

  return (
    <section aria-labelledby="lookup-heading" className="ds-u-margin-top--6">
      <h2 id="lookup-heading" className="ds-text-heading--2xl">
        Look up people, organizations and requests
      </h2>
      <form onSubmit={handleSubmit} className="ds-u-display--flex ds-u-flex-wrap--wrap ds-u-align-items--end iacs-actions" noValidate>
        <TextField
          label="Name, e-mail, user ID, NPI or tracking number"
          hint="At least 2 characters"
          name="lookup"
          type="search"
          value={text}
          onChange={inputValue(setText)}
          errorMessage={tooShort ? 'Type at least 2 characters.' : undefined}
        />
        <Button type="submit" variation="solid">
          Look up
        </Button>
      </form>
      <div ref={messageRef} tabIndex={-1} className="ds-u-margin-top--3">
        {unlockMessage !== null && (
          <Alert variation={unlockMessage.ok ? 'success' : 'error'} heading={unlockMessage.ok ? 'Account unlocked' : 'The account was not unlocked'} headingLevel="3">
            <p className="ds-c-alert__text">{unlockMessage.text}</p>
          </Alert>
        )}
      </div>
      {query !== '' && (
        <QueryResult query={lookup} loading="Looking up…" what="the look-up">
          {(result) =>
            result == null ? (
              <p>Only the help desk can look people up.</p>
            ) : (
              <div aria-live="polite">
                <section aria-labelledby="found-people">
                  <h3 id="found-people" className="ds-text-heading--xl">
                    People ({result.people.length})
                  </h3>
                  <People people={result.people} onUnlock={(person) => void handleUnlock(person)} />
                </section>
                <section aria-labelledby="found-organizations">
                  <h3 id="found-organizations" className="ds-text-heading--xl">
                    Organizations ({result.organizations.length})
                  </h3>
                  <Organizations organizations={result.organizations} />
                </section>
                <section aria-labelledby="found-requests">
                  <h3 id="found-requests" className="ds-text-heading--xl">
                    Requests ({result.requests.length})
                  </h3>
                  <Requests requests={result.requests} />
                </section>
              </div>
            )
          }
        </QueryResult>
      )}
    </section>
  );
}

/** R33: the CMS help desk's work: registrations to decide, look-ups, unlocking accounts. */
export function HelpDeskPage() {
  return (
    <>
      <PageHeading>Help desk console</PageHeading>
      <p className="ds-text-body--lg ds-u-margin-top--0">
        New organizations and individual practitioners wait for your decision, as do Backup Security Officials who ask
        to succeed their Security Official and people who ask to administer a billing company that has no administrator
        left.
      </p>
      <section aria-labelledby="registrations-heading">
        <h2 id="registrations-heading" className="ds-text-heading--2xl">
          Pending registrations
        </h2>
        <LiveQueueStatus />
        <QueueList
          filters={{ kinds: registrationKinds, organizationId: null }}
          headingLevel={3}
          emptyHeading="No registration is waiting"
          emptyText="New organization and practitioner registrations appear here."
        />
      </section>
      <Lookup />
      <CmsSwitches />
      <CompaniesAtRisk />
      <StalledOrganizations />
    </>
  );
}
