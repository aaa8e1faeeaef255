import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useState } from 'react';
import { describe, expect, it, vi } from 'vitest';
import { FilterForm, OrganizationFilter, organizationFilterOptions } from './FilterForm';

const acme = { id: 'o-acme', legalBusinessName: 'Acme Clinic' };
const bolt = { id: 'o-bolt', legalBusinessName: 'Bolt Labs' };

describe('organizationFilterOptions', () => {
  it('lists all, then the organizations, and adds the one from the address when it is not among them', () => {
    expect(organizationFilterOptions('ALL', [acme, bolt], null, 'The organization you came from')).toEqual([
      { value: 'ALL', label: 'All organizations' },
      { value: 'o-acme', label: 'Acme Clinic' },
      { value: 'o-bolt', label: 'Bolt Labs' },
    ]);
    expect(organizationFilterOptions('ALL', [acme], 'o-acme', 'The organization you came from')).toEqual([
      { value: 'ALL', label: 'All organizations' },
      { value: 'o-acme', label: 'Acme Clinic' },
    ]);
    expect(organizationFilterOptions('ALL', [acme], 'o-zed', 'Zed Care')).toEqual([
      { value: 'ALL', label: 'All organizations' },
      { value: 'o-acme', label: 'Acme Clinic' },
      { value: 'o-zed', label: 'Zed Care' },
    ]);
  });
});

function Filters({ onApply }: { onApply: (organization: string) => void }) {
  const [organization, setOrganization] = useState('ALL');
  return (
    <FilterForm
      label="Filter the list"
      onApply={() => {
        onApply(organization);
      }}
      more={<button type="button">Clear</button>}
      below={<p>Only some rows.</p>}
    >
      <OrganizationFilter
        value={organization}
        options={organizationFilterOptions('ALL', [acme, bolt], null, '')}
        onChange={setOrganization}
      />
    </FilterForm>
  );
}

describe('FilterForm', () => {
  it('applies the chosen filters only when Show is pressed', async () => {
    // jsdom has no scrolling; the drop-down scrolls its chosen option into view.
    Element.prototype.scrollIntoView = vi.fn();
    const user = userEvent.setup();
    const onApply = vi.fn();
    render(<Filters onApply={onApply} />);
    const form = screen.getByRole('form', { name: 'Filter the list' });
    expect(form).toHaveClass('iacs-filters');
    await user.click(screen.getByRole('button', { name: /Organization/ }));
    await user.click(screen.getByRole('option', { name: 'Bolt Labs' }));
    expect(onApply).not.toHaveBeenCalled();
    await user.click(screen.getByRole('button', { name: 'Show' }));
    expect(onApply).toHaveBeenCalledTimes(1);
    expect(onApply).toHaveBeenCalledWith('o-bolt');
    expect(screen.getByRole('button', { name: 'Show' }).nextElementSibling).toBe(screen.getByRole('button', { name: 'Clear' }));
    expect(screen.getByText('Only some rows.')).toBeInTheDocument();
  });
});
