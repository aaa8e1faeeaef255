import { Alert, Dropdown, TextField } from '@cmsgov/design-system';
import { useState } from 'react';
import { ErrorSummary } from '@/components/ErrorSummary';
import type { Community, ProviderType } from '@/gql/graphql';
import { communityNames, providerTypeNames, providerTypesByCommunity } from '@/lib/names';
import { useRequestOrganizationRegistration } from '@/features/ask/api/ask';
import { useProviderTypeSettings } from '@/lib/provider-types';
import { useRequestForm, type PrepareRequest } from '@/features/ask/hooks/use-request-form';
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
import { useTextFields } from '@/lib/use-text-fields';

// The paths of OrganizationRegistrationInput shown next to a field; nested ones joined with dots.
const fields = ['legalBusinessName', 'tin', 'npi', 'ptan', 'providerType', 'community', ...addressFields] as const;

/** "DMEPOS suppliers", "Clinical laboratories": a provider type's name for a heading about all of them. */
function pluralName(providerType: ProviderType): string {
  const name = providerTypeNames[providerType];
  return name.endsWith('y') ? `${name.slice(0, -1)}ies` : `${name}s`;
}

/** R6, R7, R11: register a provider organization and ask to be its Security Official. */
export function OrganizationRegistrationForm({
  community,
  onSubmitted,
}: {
  community: Community;
  onSubmitted: OnSubmitted;
}) {
  const register = useRequestOrganizationRegistration();
  const { formRef, errors, terms, setTerms, busy, onSubmit } = useRequestForm(fields, onSubmitted);
  const providerTypes = providerTypesByCommunity[community];
  // R11, R42: what CMS has closed is data the help desk changes; the server refuses it in any case.
  const settings = useProviderTypeSettings();
  const closedTypes = (settings.data ?? []).filter((s) => !s.open && providerTypes.includes(s.providerType));
  const closed = new Set(closedTypes.map((s) => s.providerType));
  const text = useTextFields({ legalBusinessName: '', tin: '', npi: '', ptan: '' }, errors.byField);
  const [providerType, setProviderType] = useState<ProviderType>(providerTypes[0] ?? 'OTHER_PROVIDER');
  const [address, setAddress] = useState<AddressValue>(emptyAddress);

  const { legalBusinessName, tin, npi, ptan } = text.values;
  const prepare: PrepareRequest = () => (requestTerms) =>
    register.mutateAsync({
      legalBusinessName: legalBusinessName.trim(),
      tin: tin.trim(),
      npi: npi.trim(),
      ptan: ptan.trim() === '' ? null : ptan.trim(),
      providerType,
      community,
      address: toAddressInput(address),
      ...requestTerms,
    });

  return (
    <form ref={formRef} noValidate onSubmit={onSubmit(prepare)} className="iacs-form" aria-labelledby="ask-form-heading">
      <h2 id="ask-form-heading" className="ds-text-heading--2xl">
        Register an organization
      </h2>
      <p>
        The first person of a provider organization registers it and becomes its Security Official (SO) once the CMS
        help desk approves. Each facility is an organization of its own. As few as two people suffice: you as SO, and a
        User Group Administrator who asks for access to CMS applications.
      </p>
      {closedTypes.map((setting) => (
        <Alert
          key={setting.providerType}
          heading={`${pluralName(setting.providerType)}: do not register at this time`}
          headingLevel="3"
          className="ds-u-margin-bottom--3"
        >
          <p className="ds-c-alert__text">{setting.reason ?? 'CMS has closed registration for now.'}</p>
        </Alert>
      ))}
      <ErrorSummary heading="We could not send your registration" errors={errors.general} />
      <TextField label="Legal business name" autoComplete="organization" {...text.field('legalBusinessName')} />
      <TextField
        label="Taxpayer Identification Number (TIN)"
        hint="9 digits; dashes are fine. Only the last 4 are ever shown."
        inputMode="numeric"
        size="medium"
        {...text.field('tin')}
      />
      <TextField
        label="National Provider Identifier (NPI)"
        hint="10 digits"
        inputMode="numeric"
        size="medium"
        {...text.field('npi')}
      />
      <TextField
        label="PTAN or CCN"
        requirementLabel="Optional"
        hint="Your Provider Transaction Access Number or CMS Certification Number, up to 20 characters"
        size="medium"
        {...text.field('ptan')}
      />
      <Dropdown
        label="Provider type"
        name="providerType"
        value={providerType}
        options={providerTypes.map((value) => ({
          value,
          label: closed.has(value) ? `${providerTypeNames[value]} (registration closed)` : providerTypeNames[value],
        }))}
        onChange={(change) => {
          const chosen = providerTypes.find((value) => value === change.target.value);
          if (chosen !== undefined) setProviderType(chosen);
        }}
        errorMessage={errors.byField.providerType}
      />
      <div className="ds-u-margin-top--3">
        <p className="ds-c-label ds-u-margin-top--0">Community</p>
        <p className="ds-u-margin-y--1">
          {communityNames[community]} <span className="ds-c-hint">(your account’s community)</span>
        </p>
        <FieldError message={errors.byField.community} />
      </div>
      <AddressFields legend="Organization address" value={address} onChange={setAddress} errors={errors.byField} />
      <TermsFields value={terms} onChange={setTerms} errors={errors.byField} />
      <SubmitButton pending={busy} label="Send registration" />
    </form>
  );
}
