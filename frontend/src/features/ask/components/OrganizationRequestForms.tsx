import { ChoiceList, TextField } from '@cmsgov/design-system';
import { useState } from 'react';
import { ErrorSummary } from '@/components/ErrorSummary';
import { Loading } from '@/components/Loading';
import { userGroupKindNames } from '@/lib/names';
import type { OrganizationRef } from '@/lib/viewer';
import {
  useOrganizationGroups,
  useRequestBackupSecurityOfficial,
  useRequestSecurityOfficialSuccession,
  useRequestUserGroup,
  useRequestUserGroupAdministration,
  useRequestUserGroupMembership,
} from '@/features/ask/api/ask';
import { invalid, useRequestForm, type PrepareRequest } from '@/features/ask/hooks/use-request-form';
import { OrganizationPicker, type OrganizationOption } from './OrganizationPicker';
import { FieldError, SubmitButton, TermsFields, type OnSubmitted } from './shared';
import { inputValue } from '@/lib/input';
import { useTextFields } from '@/lib/use-text-fields';

function FormHeading({ children }: { children: string }) {
  return (
    <h2 id="ask-form-heading" className="ds-text-heading--2xl">
      {children}
    </h2>
  );
}

/** The one organization a request is about (the server names its errors `organizationId`). */
function OrganizationField(props: {
  selected: OrganizationOption[];
  onChange: (chosen: OrganizationOption[]) => void;
  errorMessage: string | undefined;
}) {
  return <OrganizationPicker legend="Organization" multiple={false} {...props} />;
}

const organizationFields = ['organizationId'] as const;

/** R9: anyone in the community may ask to be a BSO of an approved organization; its SO decides. */
export function BackupOfficialForm({ onSubmitted }: { onSubmitted: OnSubmitted }) {
  const ask = useRequestBackupSecurityOfficial();
  const { formRef, errors, terms, setTerms, busy, onSubmit } = useRequestForm(organizationFields, onSubmitted);
  const [organization, setOrganization] = useState<OrganizationOption[]>([]);

  const prepare: PrepareRequest = () => {
    const chosen = organization[0];
    if (chosen === undefined) return [invalid('organizationId', 'Choose the organization.')];
    return (requestTerms) => ask.mutateAsync({ organizationId: chosen.id, terms: requestTerms });
  };

  return (
    <form ref={formRef} noValidate onSubmit={onSubmit(prepare)} className="iacs-form" aria-labelledby="ask-form-heading">
      <FormHeading>Become a Backup Security Official</FormHeading>
      <p>
        A Backup Security Official (BSO) approves requests in the organization alongside its Security Official, and may
        succeed the SO later. The organization’s Security Official decides.
      </p>
      <ErrorSummary heading="We could not send your request" errors={errors.general} />
      <OrganizationField
        selected={organization}
        onChange={setOrganization}
        errorMessage={errors.byField.organizationId}
      />
      <TermsFields value={terms} onChange={setTerms} errors={errors.byField} />
      <SubmitButton pending={busy} label="Ask to be a BSO" />
    </form>
  );
}

/** R10: a BSO asks to become the SO (the old SO leaves); the help desk decides. */
export function SuccessionForm({
  organizations,
  onSubmitted,
}: {
  organizations: readonly OrganizationRef[];
  onSubmitted: OnSubmitted;
}) {
  const ask = useRequestSecurityOfficialSuccession();
  const { formRef, errors, terms, setTerms, busy, onSubmit } = useRequestForm(organizationFields, onSubmitted);
  const [organizationId, setOrganizationId] = useState(organizations[0]?.id ?? '');

  const prepare: PrepareRequest = () => (requestTerms) => ask.mutateAsync({ organizationId, terms: requestTerms });

  return (
    <form ref={formRef} noValidate onSubmit={onSubmit(prepare)} className="iacs-form" aria-labelledby="ask-form-heading">
      <FormHeading>Succeed the Security Official</FormHeading>
      <p>
        When the Security Official leaves, a Backup Security Official may take over. The CMS help desk decides; once
        approved, the former SO’s role ends.
      </p>
      <ErrorSummary heading="We could not send your request" errors={errors.general} />
      <ChoiceList
        type="radio"
        name="organizationId"
        label="Organization where you are a BSO"
        choices={organizations.map((organization) => ({
          value: organization.id,
          label: organization.legalBusinessName,
          checked: organization.id === organizationId,
        }))}
        onChange={inputValue(setOrganizationId)}
        errorMessage={errors.byField.organizationId}
      />
      <TermsFields value={terms} onChange={setTerms} errors={errors.byField} />
      <SubmitButton pending={busy} label="Ask to become the SO" />
    </form>
  );
}

const newGroupFields = ['organizationId', 'name', 'description'] as const;

/** R12 (a): create a provider user group and administer it; the SO or a BSO decides. */
export function NewUserGroupForm({ onSubmitted }: { onSubmitted: OnSubmitted }) {
  const ask = useRequestUserGroup();
  const { formRef, errors, terms, setTerms, busy, onSubmit } = useRequestForm(newGroupFields, onSubmitted);
  const [organization, setOrganization] = useState<OrganizationOption[]>([]);
  const text = useTextFields({ name: '', description: '' }, errors.byField);

  const prepare: PrepareRequest = () => {
    const chosen = organization[0];
    if (chosen === undefined) return [invalid('organizationId', 'Choose the organization.')];
    const { name, description } = text.values;
    return (requestTerms) =>
      ask.mutateAsync({
        organizationId: chosen.id,
        name: name.trim(),
        description: description.trim() === '' ? null : description.trim(),
        ...requestTerms,
      });
  };

  return (
    <form ref={formRef} noValidate onSubmit={onSubmit(prepare)} className="iacs-form" aria-labelledby="ask-form-heading">
      <FormHeading>Create a user group</FormHeading>
      <p>
        As its User Group Administrator (UGA) you approve the end users who join the group and ask for access to CMS
        applications for it. The organization’s Security Official or a Backup decides. Nobody may be both an official
        and a UGA of the same organization.
      </p>
      <ErrorSummary heading="We could not send your request" errors={errors.general} />
      <OrganizationField
        selected={organization}
        onChange={setOrganization}
        errorMessage={errors.byField.organizationId}
      />
      <TextField
        label="Group name"
        hint="Up to 120 characters, unique in the organization; for example Claims Team"
        {...text.field('name')}
      />
      <TextField label="Description" requirementLabel="Optional" multiline rows={3} {...text.field('description')} />
      <TermsFields value={terms} onChange={setTerms} errors={errors.byField} />
      <SubmitButton pending={busy} label="Ask to create the group" />
    </form>
  );
}

const groupFields = ['organizationId', 'userGroupId'] as const;

/** R12 (b) administer, R13 join: an existing user group of an approved organization. */
export function ExistingGroupForm({ mode, onSubmitted }: { mode: 'join' | 'administer'; onSubmitted: OnSubmitted }) {
  const join = useRequestUserGroupMembership();
  const administer = useRequestUserGroupAdministration();
  const ask = mode === 'join' ? join : administer;
  const { formRef, errors, terms, setTerms, busy, onSubmit } = useRequestForm(groupFields, onSubmitted);
  const [organization, setOrganization] = useState<OrganizationOption[]>([]);
  const [groupId, setGroupId] = useState<string | null>(null);
  const chosenOrganization = organization[0] ?? null;
  const groups = useOrganizationGroups(chosenOrganization?.id ?? null);
  const offered = (groups.data ?? []).filter((group) => mode === 'join' || group.kind === 'PROVIDER');
  const groupListShown = chosenOrganization !== null && groups.isSuccess && offered.length > 0;

  const prepare: PrepareRequest = () => {
    // First things first: the organization, then one of its groups.
    if (chosenOrganization === null) return [invalid('organizationId', 'Choose the organization first.')];
    if (groupId === null) return [invalid('userGroupId', 'Choose the user group.')];
    return (requestTerms) => ask.mutateAsync({ userGroupId: groupId, terms: requestTerms });
  };

  return (
    <form ref={formRef} noValidate onSubmit={onSubmit(prepare)} className="iacs-form" aria-labelledby="ask-form-heading">
      <FormHeading>{mode === 'join' ? 'Join a user group' : 'Administer a user group'}</FormHeading>
      <p>
        {mode === 'join'
          ? 'As an end user of a group you use the CMS applications the group has access to. A User Group Administrator of the group decides; they should know you.'
          : 'As a User Group Administrator (UGA) of an existing group you approve its end users. The organization’s Security Official or a Backup decides.'}
      </p>
      <ErrorSummary heading="We could not send your request" errors={errors.general} />
      <OrganizationField
        selected={organization}
        onChange={(chosen) => {
          setOrganization(chosen);
          setGroupId(null);
        }}
        errorMessage={errors.byField.organizationId}
      />
      {chosenOrganization !== null &&
        (groups.isPending ? (
          <Loading label="Loading the organization’s user groups…" />
        ) : groups.isError ? (
          <p className="ds-u-color--error">We could not load the user groups. Please choose the organization again.</p>
        ) : offered.length === 0 ? (
          <p className="ds-u-margin-top--3">
            {chosenOrganization.legalBusinessName} has no user group yet. Ask its people to create one, or{' '}
            create one yourself.
          </p>
        ) : (
          <ChoiceList
            type="radio"
            name="userGroupId"
            label={`User groups of ${chosenOrganization.legalBusinessName}`}
            choices={offered.map((group) => ({
              value: group.id,
              label: group.name,
              hint: [
                group.kind === 'SURROGATE' ? `${userGroupKindNames.SURROGATE} of ${group.company?.name ?? 'a company'}` : null,
                group.description,
                group.orphaned ? 'No administrator at the moment' : null,
              ]
                .filter((part) => part != null && part !== '')
                .join(' · '),
              checked: group.id === groupId,
            }))}
            onChange={inputValue(setGroupId)}
            errorMessage={errors.byField.userGroupId}
          />
        ))}
      {!groupListShown && <FieldError message={errors.byField.userGroupId} />}
      <TermsFields value={terms} onChange={setTerms} errors={errors.byField} />
      <SubmitButton pending={busy} label={mode === 'join' ? 'Ask to join' : 'Ask to administer'} />
    </form>
  );
}
