import { Button, ChoiceList, TextField } from '@cmsgov/design-system';
import { useState, type KeyboardEvent } from 'react';
import { ErrorSummary } from '@/components/ErrorSummary';
import { Loading } from '@/components/Loading';
import { roleNames } from '@/lib/names';
import type { Role } from '@/gql/graphql';
import { useViewerRoles, type ViewerRole } from '@/lib/viewer';
import {
  useApplications,
  useCompanySearch,
  useRequestApplicationAccess,
  useRequestCompanyAdministration,
  useRequestIndividualPractitioner,
  useRequestSurrogateCompanyMembership,
} from '@/features/ask/api/ask';
import { invalid, useRequestForm, type PrepareRequest } from '@/features/ask/hooks/use-request-form';
import {
  AddressFields,
  addressFields,
  emptyAddress,
  FieldError,
  SubmitButton,
  TermsFields,
  toAddressInput,
  type AddressValue,
  type OnSubmitted,
} from './shared';
import { inputValue } from '@/lib/input';
import { SearchBox } from './SearchBox';

const companyFields = ['companyId'] as const;

/** R17: staff of a surrogate company join it; one of its UGAs decides. R35 (`administer`): a person asks to
 * administer it; its administrators decide, or the help desk when it has none left. */
export function CompanyMembershipForm({
  onSubmitted,
  mode = 'join',
}: {
  onSubmitted: OnSubmitted;
  mode?: 'join' | 'administer';
}) {
  const join = useRequestSurrogateCompanyMembership();
  const administer = useRequestCompanyAdministration();
  const ask = mode === 'join' ? join : administer;
  const { formRef, errors, terms, setTerms, busy, onSubmit } = useRequestForm(companyFields, onSubmitted);
  const [term, setTerm] = useState('');
  const [companyId, setCompanyId] = useState<string | null>(null);
  const search = useCompanySearch(term);
  const results = search.data ?? [];

  const prepare: PrepareRequest = () => {
    if (companyId === null) return [invalid('companyId', 'Search for your company and choose it.')];
    return (requestTerms) => ask.mutateAsync({ companyId, terms: requestTerms });
  };

  return (
    <form ref={formRef} noValidate onSubmit={onSubmit(prepare)} className="iacs-form" aria-labelledby="ask-form-heading">
      <h2 id="ask-form-heading" className="ds-text-heading--2xl">
        {mode === 'join' ? 'Join a surrogate company' : 'Administer a surrogate company'}
      </h2>
      {mode === 'join' ? (
        <p>
          Staff of a billing company or other contractor join their company; one of its User Group Administrators
          decides. Once approved you are one of its staff; to run its work with organizations, ask to administer the
          company.
        </p>
      ) : (
        <p>
          A company should have at least two administrators, so that its work never stops when one leaves. One of its
          administrators decides; when it has none left, the CMS help desk does. Once approved you add staff and ask
          to serve organizations for the company.
        </p>
      )}
      <ErrorSummary heading="We could not send your request" errors={errors.general} />
      <SearchBox label="Search companies" hint="At least 2 letters of the company’s name" name="companySearch" onSearch={setTerm} />
      <div aria-live="polite">
        {term.length > 0 && term.length < 2 ? (
          <p>Type at least 2 letters.</p>
        ) : term === '' ? null : search.isPending ? (
          <Loading label="Searching…" />
        ) : search.isError ? (
          <p className="ds-u-color--error">The search failed. Please try again.</p>
        ) : results.length === 0 ? (
          <p>No company matches “{term}”. The first person of a company creates it by asking to serve an organization.</p>
        ) : (
          <ChoiceList
            type="radio"
            name="companyId"
            label={`Companies matching “${term}”`}
            choices={results.map((company) => ({
              value: company.id,
              label: company.name,
              hint:
                mode === 'administer' && company.orphaned
                  ? `TIN ending ${company.tinLast4} · no administrator at the moment: the CMS help desk decides`
                  : `TIN ending ${company.tinLast4}`,
              checked: company.id === companyId,
            }))}
            onChange={inputValue(setCompanyId)}
            errorMessage={errors.byField.companyId}
          />
        )}
      </div>
      {results.length === 0 && <FieldError message={errors.byField.companyId} />}
      <TermsFields value={terms} onChange={setTerms} errors={errors.byField} />
      <SubmitButton pending={busy} label={mode === 'join' ? 'Ask to join' : 'Ask to administer'} />
    </form>
  );
}

const practitionerFields = ['npi', ...addressFields] as const;

/** R22: a professional using IACS personally; the help desk decides. */
export function PractitionerForm({ name, onSubmitted }: { name: string; onSubmitted: OnSubmitted }) {
  const ask = useRequestIndividualPractitioner();
  const { formRef, errors, terms, setTerms, busy, onSubmit } = useRequestForm(practitionerFields, onSubmitted);
  const [npi, setNpi] = useState('');
  const [address, setAddress] = useState<AddressValue>(emptyAddress);

  const prepare: PrepareRequest = () => (requestTerms) =>
    ask.mutateAsync({ npi: npi.trim(), address: toAddressInput(address), ...requestTerms });

  return (
    <form ref={formRef} noValidate onSubmit={onSubmit(prepare)} className="iacs-form" aria-labelledby="ask-form-heading">
      <h2 id="ask-form-heading" className="ds-text-heading--2xl">
        Register as an individual practitioner
      </h2>
      <p>
        For a professional who will use IACS personally: the single role of individual practitioner, registered under
        your own name (<strong>{name}</strong>). The CMS help desk decides. Your practice is an organization of one,
        with no Backup Security Official and no user groups.
      </p>
      <ErrorSummary heading="We could not send your registration" errors={errors.general} />
      <TextField
        label="Your National Provider Identifier (NPI)"
        hint="10 digits"
        name="npi"
        inputMode="numeric"
        size="medium"
        value={npi}
        onChange={inputValue(setNpi)}
        errorMessage={errors.byField.npi}
      />
      <AddressFields legend="Practice address" value={address} onChange={setAddress} errors={errors.byField} />
      <TermsFields value={terms} onChange={setTerms} errors={errors.byField} />
      <SubmitButton pending={busy} label="Send registration" />
    </form>
  );
}

const applicationFields = ['applicationId', 'userGroupId'] as const;

/** The kinds of role held in a user group through which one asks for an application (R23). */
export const groupRoleKinds: readonly Role[] = ['USER_GROUP_ADMINISTRATOR', 'END_USER'];
/** Roles read at a time for the group choice: a billing company's administrator holds a thousand. */
export const groupRolePageSize = 25;

/** One role per user group, in a group (not a company's own role), not an application's. */
export function groupRolesOf(roles: readonly ViewerRole[]): ViewerRole[] {
  const seen = new Set<string>();
  return roles.filter((role) => {
    if (role.userGroup == null || role.application != null) return false;
    if (role.role !== 'USER_GROUP_ADMINISTRATOR' && role.role !== 'END_USER') return false;
    if (seen.has(role.userGroup.id)) return false;
    seen.add(role.userGroup.id);
    return true;
  });
}

/**
 * R23: a UGA asks access to an open CMS application for their group; an end user asks it for
 * themselves, through their group. Closed applications are shown, and cannot be chosen.
 */
export function ApplicationAccessForm({
  groupRoles: firstGroupRoles,
  moreGroupRoles,
  onSubmitted,
}: {
  groupRoles: readonly ViewerRole[];
  /** Whether the viewer holds more roles than the first page (then they find their group by name). */
  moreGroupRoles: boolean;
  onSubmitted: OnSubmitted;
}) {
  const [groupSearch, setGroupSearch] = useState('');
  const [foundBy, setFoundBy] = useState('');
  const found = useViewerRoles({ first: groupRolePageSize, roles: groupRoleKinds, search: foundBy }, foundBy !== '');
  const groupRoles = foundBy === '' ? firstGroupRoles : groupRolesOf(found.data?.roles ?? []);
  const applications = useApplications();
  const ask = useRequestApplicationAccess();
  const { formRef, errors, terms, setTerms, busy, onSubmit } = useRequestForm(applicationFields, onSubmitted);
  const [applicationId, setApplicationId] = useState<string | null>(null);
  const [userGroupId, setUserGroupId] = useState<string | null>(groupRoles[0]?.userGroup?.id ?? null);

  const prepare: PrepareRequest = () => {
    if (applicationId === null || userGroupId === null) {
      return [
        ...(applicationId === null ? [invalid('applicationId', 'Choose an application.')] : []),
        ...(userGroupId === null ? [invalid('userGroupId', 'Choose a user group.')] : []),
      ];
    }
    return (requestTerms) => ask.mutateAsync({ applicationId, userGroupId, ...requestTerms });
  };

  return (
    <form ref={formRef} noValidate onSubmit={onSubmit(prepare)} className="iacs-form" aria-labelledby="ask-form-heading">
      <h2 id="ask-form-heading" className="ds-text-heading--2xl">
        Access a CMS application
      </h2>
      <p>
        As a User Group Administrator you ask for your whole group, and the organization’s Security Official or a
        Backup decides; as an end user you ask for yourself, and a UGA of your group decides.
      </p>
      <ErrorSummary heading="We could not send your request" errors={errors.general} />
      {applications.isPending ? (
        <Loading label="Loading the applications…" />
      ) : applications.isError ? (
        <p className="ds-u-color--error">We could not load the applications. Please reload the page.</p>
      ) : (
        <ChoiceList
          type="radio"
          name="applicationId"
          label="Application"
          choices={applications.data.map((application) => ({
            value: application.id,
            label: application.open ? application.name : `${application.name} (closed)`,
            hint: application.open
              ? application.code
              : `${application.code} · closed to new requests${application.closedReason == null ? '' : `: ${application.closedReason}`}`,
            disabled: !application.open,
            checked: application.id === applicationId,
          }))}
          onChange={inputValue(setApplicationId)}
          errorMessage={errors.byField.applicationId}
        />
      )}
      {moreGroupRoles && (
        <div className="ds-u-display--flex ds-u-flex-wrap--wrap ds-u-align-items--end iacs-actions">
          <TextField
            label="Find your user group"
            hint={`You hold roles in many groups: the first ${String(groupRolePageSize)} are listed, by organization. Search by group or organization name.`}
            name="groupSearch"
            value={groupSearch}
            onChange={inputValue(setGroupSearch)}
            onKeyDown={(event: KeyboardEvent<HTMLInputElement>) => {
              if (event.key === 'Enter') {
                event.preventDefault();
                setFoundBy(groupSearch.trim());
              }
            }}
          />
          <Button
            type="button"
            onClick={() => {
              setFoundBy(groupSearch.trim());
            }}
          >
            Find
          </Button>
        </div>
      )}
      <ChoiceList
        type="radio"
        name="userGroupId"
        label="Through the user group"
        choices={groupRoles.flatMap((role) =>
          role.userGroup == null
            ? []
            : [
                {
                  value: role.userGroup.id,
                  label: role.userGroup.name,
                  hint: `${roleNames[role.role]}${role.organization == null ? '' : ` · ${role.organization.legalBusinessName}`}`,
                  checked: role.userGroup.id === userGroupId,
                },
              ],
        )}
        onChange={inputValue(setUserGroupId)}
        errorMessage={errors.byField.userGroupId}
      />
      <TermsFields value={terms} onChange={setTerms} errors={errors.byField} />
      <SubmitButton pending={busy} label="Ask for access" />
    </form>
  );
}
