import { Button, Dropdown, TextField } from '@cmsgov/design-system';
import { useEffect, useState, type ReactNode, type SubmitEvent } from 'react';
import type { Role } from '@/gql/graphql';
import { inputValue } from '@/lib/input';
import { organizationsOf, useViewerRoles } from '@/lib/viewer';

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

/** How many of the viewer's roles a picker reads at a time: a page, as every list of the app. */
const pickerRoles = 25;
/** How long typing pauses before the organizations are looked up. */
const typingPauseMs = 300;

/**
 * The "Organization" filter over the organizations of the viewer's roles (of the `roles` kinds; every kind when
 * null): a drop-down of those of their first 25 roles. A person with more (a billing company's administrator holds
 * a role per organization the company serves) finds one by name first, so that every organization can be chosen
 * and the drop-down stays short.
 */
export function RoleOrganizationFilter({
  roles,
  all,
  value,
  current,
  currentLabel,
  onChange,
}: {
  roles: readonly Role[] | null;
  /** The value of "All organizations". */
  all: string;
  value: string;
  /** The organization the list is filtered by now (from the address), shown even when not among the choices. */
  current: string | null;
  currentLabel: string;
  onChange: (value: string) => void;
}) {
  const [typed, setTyped] = useState('');
  const [search, setSearch] = useState('');
  useEffect(() => {
    const handle = setTimeout(() => {
      setSearch(typed.trim());
    }, typingPauseMs);
    return () => {
      clearTimeout(handle);
    };
  }, [typed]);
  const page = useViewerRoles({ first: pickerRoles, roles, search: search === '' ? null : search });
  const organizations = organizationsOf(page.data?.roles ?? []);
  const options = organizationFilterOptions(all, organizations, current, currentLabel);
  const findable = search !== '' || typed !== '' || (page.data?.hasMore ?? false);

  // Once a search has found organizations, the drop-down holds the first of them unless the choice is among them;
  // a choice the list has left out gives way to all: "Show" applies what the drop-down shows.
  const foundIds = page.data === undefined ? null : organizations.map((organization) => organization.id);
  const foundKey = foundIds?.join(' ') ?? null;
  useEffect(() => {
    if (foundKey === null) return;
    const ids = foundKey === '' ? [] : foundKey.split(' ');
    const first = ids[0];
    if (search !== '' && first !== undefined && !ids.includes(value)) onChange(first);
    else if (value !== all && value !== current && !ids.includes(value)) onChange(all);
  }, [foundKey, search, value, all, current, onChange]);

  return (
    <>
      {findable && (
        <TextField
          label="Find an organization"
          hint="You hold roles in more organizations than one list can show: type part of a name."
          name="organization-search"
          value={typed}
          maxLength={100}
          onChange={inputValue(setTyped)}
        />
      )}
      <OrganizationFilter value={value} options={options} onChange={onChange} />
    </>
  );
}
