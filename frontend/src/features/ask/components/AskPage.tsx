import { Alert, ChoiceList } from '@cmsgov/design-system';
import { useEffect, useRef, useState, type ChangeEvent } from 'react';
import { Link } from '@/components/Link';
import { PageHeading } from '@/components/PageHeading';
import { focusElement } from '@/lib/focus';
import { describeRequest, listNames } from '@/lib/requests';
import { navigate, useLocation } from '@/lib/router';
import { confirmEmailPath, paths, withQuery } from '@/lib/routes';
import { QueryError } from '@/components/QueryError';
import { useFreshViewer, useViewerRoles, type OrganizationRef, type ViewerRole } from '@/lib/viewer';
import type { SubmittedRequest } from '@/features/ask/api/ask';
import { OrganizationRegistrationForm } from './OrganizationRegistrationForm';
import { BackupOfficialForm, ExistingGroupForm, NewUserGroupForm, SuccessionForm } from './OrganizationRequestForms';
import {
  ApplicationAccessForm,
  CompanyMembershipForm,
  groupRoleKinds,
  groupRolePageSize,
  groupRolesOf,
  PractitionerForm,
} from './PersonalRequestForms';
import { SurrogateForm } from './SurrogateForm';

type AskKind =
  | 'organization'
  | 'practitioner'
  | 'backup'
  | 'succession'
  | 'new-group'
  | 'administer-group'
  | 'join-group'
  | 'surrogate'
  | 'join-company'
  | 'administer-company'
  | 'application';

interface AskChoice {
  kind: AskKind;
  label: string;
  hint: string;
}

/** What the viewer's roles say about what they may ask for: read as counts and first pages, never every role. */
interface AskContext {
  practitioner: boolean;
  /** Where the viewer is a BSO (the first 100 such roles). */
  bsoOrganizations: OrganizationRef[];
  /** The first page of the viewer's roles in user groups, one per group. */
  groupRoles: ViewerRole[];
  moreGroupRoles: boolean;
}

/** Only what this person may ask for (the API has the last word on each request). */
function choicesFor(context: AskContext): AskChoice[] {
  const choices: AskChoice[] = [
    {
      kind: 'organization',
      label: 'Register an organization and be its Security Official',
      hint: 'The first person of a provider organization; the CMS help desk approves.',
    },
  ];
  if (!context.practitioner) {
    choices.push({
      kind: 'practitioner',
      label: 'Register as an individual practitioner',
      hint: 'A professional using IACS personally; the CMS help desk approves.',
    });
  }
  choices.push(
    {
      kind: 'backup',
      label: 'Become a Backup Security Official',
      hint: 'Of an approved organization; its Security Official approves.',
    },
  );
  if (context.bsoOrganizations.length > 0) {
    choices.push({
      kind: 'succession',
      label: 'Succeed the Security Official',
      hint: 'Where you are a Backup Security Official; the CMS help desk approves.',
    });
  }
  choices.push(
    {
      kind: 'new-group',
      label: 'Create a user group and administer it',
      hint: 'In an approved organization; its Security Official or a Backup approves.',
    },
    {
      kind: 'administer-group',
      label: 'Administer an existing user group',
      hint: 'Its organization’s Security Official or a Backup approves.',
    },
    {
      kind: 'join-group',
      label: 'Join a user group as an end user',
      hint: 'A User Group Administrator of the group approves.',
    },
    {
      kind: 'surrogate',
      label: 'Serve organizations as a billing company or other surrogate',
      hint: 'Choose several organizations at once; each organization’s officials approve.',
    },
    {
      kind: 'join-company',
      label: 'Join the staff of a surrogate company',
      hint: 'A User Group Administrator of the company approves.',
    },
    {
      kind: 'administer-company',
      label: 'Administer a surrogate company',
      hint: 'Its administrators approve; the CMS help desk when it has none left.',
    },
  );
  if (context.groupRoles.length > 0 || context.moreGroupRoles) {
    choices.push({
      kind: 'application',
      label: 'Access a CMS application',
      hint: 'For your user group, or for yourself through it.',
    });
  }
  return choices;
}

function Submitted({ requests, onAgain }: { requests: SubmittedRequest[]; onAgain: () => void }) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    focusElement(ref.current);
  }, []);
  const many = requests.length > 1;
  return (
    <div ref={ref} tabIndex={-1}>
      <Alert variation="success" heading={many ? `${String(requests.length)} requests sent` : 'Request sent'} headingLevel="2">
        <ul className="ds-c-list ds-c-list--bare ds-u-margin-bottom--0" data-testid="submitted-requests">
          {requests.map((request) => (
            <li key={request.id} className="ds-u-margin-bottom--1">
              <strong>{describeRequest(request)}</strong>
              <br />
              Tracking number <span className="iacs-mono">{request.trackingNumber}</span>.{' '}
              {request.approvers.length > 0
                ? `Waiting on ${listNames(request.approvers)}.`
                : 'Waiting for someone who may decide it.'}
            </li>
          ))}
        </ul>
        <p className="ds-c-alert__text">You will get an e-mail when {many ? 'each is' : 'it is'} decided.</p>
      </Alert>
      <p className="ds-u-margin-top--3 ds-u-display--flex ds-u-flex-wrap--wrap iacs-actions">
        <Link to={paths.myRequests}>See my requests</Link>
        <Link
          to={paths.ask}
          onClick={() => {
            onAgain();
          }}
        >
          Ask for something else
        </Link>
      </p>
    </div>
  );
}

export function AskPage() {
  const { data: viewer } = useFreshViewer();
  const { search } = useLocation();
  const [submitted, setSubmitted] = useState<SubmittedRequest[] | null>(null);
  const kind = search.get('kind');
  const companyId = search.get('company');
  const practitionerRoles = useViewerRoles({ first: 0, roles: ['INDIVIDUAL_PRACTITIONER'] });
  const bsoRoles = useViewerRoles({ first: 100, roles: ['BACKUP_SECURITY_OFFICIAL'] });
  const groupRoles = useViewerRoles({ first: groupRolePageSize, roles: groupRoleKinds });
  const roleQueries = [practitionerRoles, bsoRoles, groupRoles];

  const failed = roleQueries.find((query) => query.isError);
  if (failed !== undefined) {
    return (
      <>
        <PageHeading>Ask for access</PageHeading>
        <QueryError
          what="your roles"
          error={failed.error}
          onRetry={() => {
            for (const query of roleQueries) void query.refetch();
          }}
        />
      </>
    );
  }
  if (viewer == null || practitionerRoles.data === undefined || bsoRoles.data === undefined || groupRoles.data === undefined) {
    return null;
  }
  const context: AskContext = {
    practitioner: practitionerRoles.data.totalCount > 0,
    bsoOrganizations: bsoRoles.data.roles.flatMap((role) => (role.organization == null ? [] : [role.organization])),
    groupRoles: groupRolesOf(groupRoles.data.roles),
    moreGroupRoles: groupRoles.data.hasMore,
  };
  const choices = choicesFor(context);
  const chosen = choices.find((choice) => choice.kind === kind) ?? null;
  const onSubmitted = (requests: SubmittedRequest[]) => {
    setSubmitted(requests);
  };

  return (
    <>
      <PageHeading>Ask for access</PageHeading>
      {submitted !== null ? (
        <Submitted
          requests={submitted}
          onAgain={() => {
            setSubmitted(null);
          }}
        />
      ) : (
        <>
          <p className="ds-text-body--lg ds-u-margin-top--0">
            One account for every role, in every organization: ask for what you need and the people entitled to decide
            approve or deny it. You will get an e-mail with the decision.
          </p>
          {!viewer.emailVerified && (
            <Alert variation="warn" heading="Confirm your e-mail address first" headingLevel="2" className="ds-u-margin-bottom--3">
              <p className="ds-c-alert__text">
                Requests are accepted once your e-mail address is confirmed.{' '}
                <Link to={confirmEmailPath(withQuery(paths.ask, { kind }))}>Enter your code</Link>
              </p>
            </Alert>
          )}
          <ChoiceList
            type="radio"
            name="kind"
            label="What do you need?"
            choices={choices.map((choice) => ({
              value: choice.kind,
              label: choice.label,
              hint: choice.hint,
              checked: choice.kind === chosen?.kind,
            }))}
            onChange={(event: ChangeEvent<HTMLInputElement>) => {
              navigate(withQuery(paths.ask, { kind: event.target.value }), { replace: true });
            }}
          />
          <div className="ds-u-margin-top--5 iacs-ask-form" key={chosen?.kind ?? 'none'}>
            {chosen?.kind === 'organization' && (
              <OrganizationRegistrationForm community={viewer.community} onSubmitted={onSubmitted} />
            )}
            {chosen?.kind === 'practitioner' && <PractitionerForm name={viewer.name} onSubmitted={onSubmitted} />}
            {chosen?.kind === 'backup' && <BackupOfficialForm onSubmitted={onSubmitted} />}
            {chosen?.kind === 'succession' && (
              <SuccessionForm organizations={context.bsoOrganizations} onSubmitted={onSubmitted} />
            )}
            {chosen?.kind === 'new-group' && <NewUserGroupForm onSubmitted={onSubmitted} />}
            {chosen?.kind === 'administer-group' && <ExistingGroupForm mode="administer" onSubmitted={onSubmitted} />}
            {chosen?.kind === 'join-group' && <ExistingGroupForm mode="join" onSubmitted={onSubmitted} />}
            {chosen?.kind === 'surrogate' && <SurrogateForm initialCompanyId={companyId} onSubmitted={onSubmitted} />}
            {chosen?.kind === 'join-company' && <CompanyMembershipForm onSubmitted={onSubmitted} />}
            {chosen?.kind === 'administer-company' && (
              <CompanyMembershipForm mode="administer" onSubmitted={onSubmitted} />
            )}
            {chosen?.kind === 'application' && (
              <ApplicationAccessForm
                groupRoles={context.groupRoles}
                moreGroupRoles={context.moreGroupRoles}
                onSubmitted={onSubmitted}
              />
            )}
          </div>
        </>
      )}
    </>
  );
}
