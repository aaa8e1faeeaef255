import { Alert, ChoiceList, TextField } from '@cmsgov/design-system';
import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import { ErrorSummary } from '@/components/ErrorSummary';
import { Loading } from '@/components/Loading';
import { focusElement } from '@/lib/focus';
import { describeRequest } from '@/lib/requests';
import { refreshViewer } from '@/lib/viewer';
import { useMyCompanies, useRequestSurrogateUserGroups, type SubmittedRequest } from '@/features/ask/api/ask';
import { splitSurrogateErrors } from '@/features/ask/api/surrogate-errors';
import { useRequestForm, type PrepareRequest } from '@/features/ask/hooks/use-request-form';
import { OrganizationPicker, type OrganizationOption } from './OrganizationPicker';
import { SubmitButton, TermsFields, type OnSubmitted } from './shared';
import { inputValue } from '@/lib/input';

// SurrogateUserGroupsInput paths shown next to a field; ["organizationIds", "<i>"] goes next to
// the organization it names (splitSurrogateErrors).
const fields = ['companyId', 'company.name', 'company.tin', 'organizationIds'] as const;

const newCompany = 'new';

/**
 * R16-R20: a billing company (or other contractor) asks to serve several organizations at once, one
 * request (and, once approved, one surrogate user group) per organization, each decided by that
 * organization's own officials. The first request creates the company and makes the person its UGA.
 */
export function SurrogateForm({
  initialCompanyId,
  onSubmitted,
}: {
  initialCompanyId: string | null;
  onSubmitted: OnSubmitted;
}) {
  const queryClient = useQueryClient();
  const companies = useMyCompanies();
  const ask = useRequestSurrogateUserGroups();
  const { formRef, errors, terms, setTerms, busy, onSubmit } = useRequestForm(fields, onSubmitted);
  const sentRef = useRef<HTMLDivElement>(null);
  const [companyChoice, setCompanyChoice] = useState<string | null>(initialCompanyId);
  const [companyName, setCompanyName] = useState('');
  const [companyTin, setCompanyTin] = useState('');
  const [organizations, setOrganizations] = useState<OrganizationOption[]>([]);
  const [errorsByOrganization, setErrorsByOrganization] = useState<Record<string, string>>({});
  const [sentSoFar, setSentSoFar] = useState<SubmittedRequest[]>([]);
  const [focusRequest, setFocusRequest] = useState(0);

  // When only organizations were refused (no error for the summary), focus goes to what was sent,
  // if anything, else to the first refused organization's message.
  useEffect(() => {
    if (focusRequest === 0) return;
    if ((sentRef.current?.childElementCount ?? 0) > 0) focusElement(sentRef.current);
    else formRef.current?.querySelector<HTMLElement>('[data-error-focus]')?.focus();
  }, [focusRequest, formRef]);

  const myCompanies = companies.data ?? [];
  // A person who administers no company yet creates one; otherwise they choose.
  const chosenCompany = companyChoice ?? (myCompanies[0]?.id ?? newCompany);
  const creating = myCompanies.length === 0 || chosenCompany === newCompany;

  // Done once every organization went through: then the form hands on all it sent, over its tries.
  const prepare: PrepareRequest = () => {
    const submittedIds = organizations.map((organization) => organization.id);
    return async (requestTerms) => {
      const payload = await ask.mutateAsync({
        ...(creating
          ? { company: { name: companyName.trim(), tin: companyTin.trim() } }
          : { companyId: chosenCompany }),
        organizationIds: submittedIds,
        ...requestTerms,
      });
      const split = splitSurrogateErrors(payload.errors, submittedIds);
      const sent = payload.requests;
      if (sent.length > 0 && split.rest.length === 0 && Object.keys(split.byOrganization).length === 0) {
        await refreshViewer(queryClient);
        return { errors: [], requests: [...sentSoFar, ...sent] };
      }
      if (sent.length > 0) {
        // R20: the valid organizations went through. Keep only the refused ones on the form; a new
        // company now exists, so a second try adds to it instead of creating another.
        const sentIds = new Set(sent.map((request) => request.organization?.id));
        setOrganizations((current) => current.filter((organization) => !sentIds.has(organization.id)));
        setSentSoFar((previous) => [...previous, ...sent]);
        const company = sent[0]?.company;
        if (creating && company != null) {
          setCompanyChoice(company.id);
          await queryClient.invalidateQueries({ queryKey: ['my-companies'] });
          await refreshViewer(queryClient);
        }
      }
      setErrorsByOrganization(split.byOrganization);
      if (split.rest.length === 0) setFocusRequest((count) => count + 1);
      // Not done: the form's own errors are shown (none: those shown before are cleared).
      return { errors: split.rest, requests: [] };
    };
  };

  if (companies.isPending) return <Loading label="Loading your companies…" />;

  return (
    <form ref={formRef} noValidate onSubmit={onSubmit(prepare)} className="iacs-form" aria-labelledby="ask-form-heading">
      <h2 id="ask-form-heading" className="ds-text-heading--2xl">
        Serve organizations as a surrogate
      </h2>
      <p>
        A billing company or other contractor works for a provider organization through a surrogate user group under
        that organization. Choose every organization you work for: each gets its own request, decided by its own
        Security Official or a Backup. Only organizations approved in IACS can be chosen.
      </p>
      <div ref={sentRef} tabIndex={-1}>
        {sentSoFar.length > 0 && (
          <Alert variation="success" heading={`Sent for ${String(sentSoFar.length)} organization${sentSoFar.length === 1 ? '' : 's'}`} headingLevel="3" className="ds-u-margin-bottom--3">
            <ul className="ds-c-list ds-u-margin-bottom--0">
              {sentSoFar.map((request) => (
                <li key={request.id}>
                  {describeRequest(request)} — <span className="iacs-mono">{request.trackingNumber}</span>
                </li>
              ))}
            </ul>
            <p className="ds-c-alert__text">The organizations below were not sent: see why next to each one.</p>
          </Alert>
        )}
      </div>
      <ErrorSummary heading="We could not send your request" errors={errors.general} />
      {myCompanies.length > 0 && (
        <ChoiceList
          type="radio"
          name="companyId"
          label="Company"
          choices={[
            ...myCompanies.map((company) => ({
              value: company.id,
              label: company.name,
              hint: `TIN ending ${company.tinLast4}`,
              checked: chosenCompany === company.id,
            })),
            { value: newCompany, label: 'A new company', checked: chosenCompany === newCompany },
          ]}
          onChange={inputValue(setCompanyChoice)}
          errorMessage={errors.byField.companyId}
        />
      )}
      {creating && (
        <fieldset className="ds-c-fieldset ds-u-margin-top--3">
          <legend className="ds-text-heading--lg ds-u-padding-x--0">{myCompanies.length > 0 ? 'The new company' : 'Your company'}</legend>
          <p className="ds-c-hint ds-u-margin-top--1">You become its first User Group Administrator once an organization approves one of these requests.</p>
          <TextField
            label="Company name"
            name="companyName"
            autoComplete="organization"
            value={companyName}
            onChange={inputValue(setCompanyName)}
            errorMessage={errors.byField['company.name']}
          />
          <TextField
            label="Company TIN"
            hint="9 digits; only the last 4 are ever shown"
            name="companyTin"
            inputMode="numeric"
            size="medium"
            value={companyTin}
            onChange={inputValue(setCompanyTin)}
            errorMessage={errors.byField['company.tin']}
          />
        </fieldset>
      )}
      <OrganizationPicker
        legend="Organizations to serve"
        hint="Search, tick each organization, search again to add more."
        multiple
        selected={organizations}
        onChange={(chosen) => {
          setOrganizations(chosen);
        }}
        errorMessage={errors.byField.organizationIds}
        errorsByOrganization={errorsByOrganization}
      />
      <TermsFields value={terms} onChange={setTerms} errors={errors.byField} />
      <SubmitButton
        pending={busy}
        label={organizations.length > 1 ? `Ask to serve ${String(organizations.length)} organizations` : 'Ask to serve'}
      />
    </form>
  );
}
