import { Button, Dropdown } from '@cmsgov/design-system';
import type { ReactNode, SubmitEvent } from 'react';

/** The filters above a list: they apply when "Show" is pressed, so the list does not change under the person. */
export function FilterForm({
  label,
  onApply,
  children,
  more,
  below,
}: {
  label: string;
  onApply: () => void;
  /** The filter fields. */
  children: ReactNode;
  /** After the "Show" button, such as one that clears the filters. */
  more?: ReactNode;
  /** Under the row of fields. */
  below?: ReactNode;
}) {
  return (
    <form
      onSubmit={(event: SubmitEvent<HTMLFormElement>) => {
        event.preventDefault();
        onApply();
      }}
      className="iacs-filters"
      aria-label={label}
    >
      <div className="ds-u-display--flex ds-u-flex-wrap--wrap ds-u-align-items--end iacs-actions">
        {children}
        <Button type="submit">Show</Button>
        {more}
      </div>
      {below}
    </form>
  );
}

interface NamedOrganization {
  id: string;
  legalBusinessName: string;
}

/**
 * The choices of an organization filter: all, then the given organizations; the organization in
 * the address (`current`) is added under `currentLabel` when it is not among them.
 */
export function organizationFilterOptions(
  all: string,
  organizations: readonly NamedOrganization[],
  current: string | null,
  currentLabel: string,
): { value: string; label: string }[] {
  const options = [
    { value: all, label: 'All organizations' },
    ...organizations.map((organization) => ({ value: organization.id, label: organization.legalBusinessName })),
  ];
  if (current !== null && !organizations.some((organization) => organization.id === current)) {
    options.push({ value: current, label: currentLabel });
  }
  return options;
}

/** The "Organization" drop-down of a filter form. */
export function OrganizationFilter({
  value,
  options,
  onChange,
}: {
  value: string;
  options: { value: string; label: string }[];
  onChange: (value: string) => void;
}) {
  return (
    <Dropdown
      label="Organization"
      name="organization"
      value={value}
      options={options}
      onChange={(change) => {
        onChange(change.target.value);
      }}
    />
  );
}
