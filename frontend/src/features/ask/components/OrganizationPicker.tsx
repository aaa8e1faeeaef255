import { Button, ChoiceList, InlineError } from '@cmsgov/design-system';
import { useId, useState, type ChangeEvent } from 'react';
import { Loading } from '@/components/Loading';
import { organizationKindNames } from '@/lib/names';
import { useOrganizationSearch } from '@/features/ask/api/ask';
import { SearchBox } from './SearchBox';

export interface OrganizationOption {
  id: string;
  legalBusinessName: string;
  city: string;
  state: string;
  npi: string;
}

function where(organization: OrganizationOption): string {
  return `${organization.city}, ${organization.state} · NPI ${organization.npi}`;
}

/**
 * Finds approved organizations (R19) by name, city or NPI and chooses one, or several at once
 * (R20). Searching is a button of its own (Enter in the search field searches too), so that it
 * never submits the form around it.
 */
export function OrganizationPicker({
  legend,
  hint,
  multiple,
  selected,
  onChange,
  errorMessage,
  errorsByOrganization = {},
}: {
  legend: string;
  hint?: string;
  multiple: boolean;
  selected: readonly OrganizationOption[];
  onChange: (selected: OrganizationOption[]) => void;
  /** A problem with the choice as a whole (nothing chosen, say). */
  errorMessage?: string;
  /** Multiple: each chosen organization's own problem, by its id. */
  errorsByOrganization?: Readonly<Record<string, string>>;
}) {
  const id = useId();
  const [term, setTerm] = useState('');
  const search = useOrganizationSearch(term);
  const results = search.data?.edges.map((edge) => edge.node) ?? [];
  const selectedIds = new Set(selected.map((organization) => organization.id));

  function toggle(organization: OrganizationOption, checked: boolean) {
    if (!multiple) {
      onChange([organization]);
    } else if (checked) {
      if (!selectedIds.has(organization.id)) onChange([...selected, organization]);
    } else {
      onChange(selected.filter((chosen) => chosen.id !== organization.id));
    }
  }

  return (
    <fieldset className="ds-c-fieldset ds-u-margin-top--4 iacs-picker" aria-describedby={errorMessage === undefined ? undefined : `${id}-error`}>
      <legend className="ds-text-heading--lg ds-u-padding-x--0">{legend}</legend>
      {hint !== undefined && <p className="ds-c-hint ds-u-margin-top--1">{hint}</p>}
      {errorMessage !== undefined && (
        <div data-error-focus="" tabIndex={-1}>
          <InlineError id={`${id}-error`}>{errorMessage}</InlineError>
        </div>
      )}
      <SearchBox
        label="Search approved organizations"
        hint="Part of the name or city, or the first digits of the NPI"
        name={`${id}-search`}
        onSearch={setTerm}
      />
      <div aria-live="polite">
        {term === '' ? null : search.isPending ? (
          <Loading label="Searching…" />
        ) : search.isError ? (
          <p className="ds-u-color--error">The search failed. Please try again.</p>
        ) : results.length === 0 ? (
          <p>
            No approved organization matches “{term}”. An organization appears in IACS only once CMS has approved its
            registration: if the one you need is missing, contact it and ask its Security Official to complete the
            registration.
          </p>
        ) : (
          <ChoiceList
            type={multiple ? 'checkbox' : 'radio'}
            name={`${id}-results`}
            label={`Search results for “${term}”: ${String(search.data.totalCount)} found`}
            hint={multiple ? 'Choose every organization you need; you can search again to add more.' : undefined}
            choices={results.map((organization) => ({
              value: organization.id,
              label: organization.legalBusinessName,
              hint: `${where(organization)}${organization.kind === 'PROVIDER' ? '' : ` · ${organizationKindNames[organization.kind]}`}`,
              checked: selectedIds.has(organization.id),
            }))}
            onChange={(event: ChangeEvent<HTMLInputElement>) => {
              const organization = results.find((candidate) => candidate.id === event.target.value);
              if (organization !== undefined) toggle(organization, event.target.checked);
            }}
          />
        )}
      </div>
      {multiple ? (
        <section aria-labelledby={`${id}-chosen`} className="ds-u-margin-top--3">
          <h3 id={`${id}-chosen`} className="ds-text-heading--md">
            Chosen organizations ({selected.length})
          </h3>
          {selected.length === 0 ? (
            <p className="ds-u-margin-y--1">None yet: search above and tick the ones you need.</p>
          ) : (
            <ul className="ds-c-list ds-c-list--bare iacs-chosen" data-testid="chosen-organizations">
              {selected.map((organization) => {
                const problem = errorsByOrganization[organization.id];
                const errorId = `${id}-${organization.id}-error`;
                return (
                  <li key={organization.id} className="iacs-chosen__item" data-organization={organization.legalBusinessName}>
                    <div className="ds-u-display--flex ds-u-justify-content--between ds-u-align-items--center ds-u-flex-wrap--wrap">
                      <span>
                        <strong>{organization.legalBusinessName}</strong>{' '}
                        <span className="ds-u-font-size--sm">{where(organization)}</span>
                      </span>
                      <Button
                        type="button"
                        size="small"
                        variation="ghost"
                        aria-describedby={problem === undefined ? undefined : errorId}
                        onClick={() => {
                          toggle(organization, false);
                        }}
                      >
                        Remove<span className="ds-u-visibility--screen-reader"> {organization.legalBusinessName}</span>
                      </Button>
                    </div>
                    {problem !== undefined && (
                      <div data-error-focus="" tabIndex={-1}>
                        <InlineError id={errorId}>{problem}</InlineError>
                      </div>
                    )}
                  </li>
                );
              })}
            </ul>
          )}
        </section>
      ) : (
        selected[0] !== undefined && (
          <p className="ds-u-margin-top--2" data-testid="chosen-organization">
            Chosen: <strong>{selected[0].legalBusinessName}</strong> <span className="ds-u-font-size--sm">{where(selected[0])}</span>
          </p>
        )
      )}
    </fieldset>
  );
}
