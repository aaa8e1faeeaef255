import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { renderWithQueryClient, requestsFor, stubGraphQLOperations } from '@/test/render';
import { ExistingGroupForm } from './OrganizationRequestForms';

const lakeside = { id: 'org-1', legalBusinessName: 'Lakeside General Hospital', kind: 'PROVIDER', npi: '1000000012', city: 'Springfield', state: 'IL' };
const group = { id: 'group-1', name: 'Patient Accounts', kind: 'PROVIDER', description: null, orphaned: false, company: null };

describe('ExistingGroupForm (join a user group)', () => {
  it('asks for the organization first, then for one of its groups, before sending anything', async () => {
    const user = userEvent.setup();
    const requests = stubGraphQLOperations({
      SearchOrganizations: () => ({ organizations: { totalCount: 1, edges: [{ node: lakeside }] } }),
      OrganizationGroups: () => ({ node: { __typename: 'Organization', id: lakeside.id, userGroups: [group] } }),
    });
    const onSubmitted = vi.fn();
    renderWithQueryClient(<ExistingGroupForm mode="join" onSubmitted={onSubmitted} />);

    // Nothing chosen: the organization is what is missing, not the group.
    await user.click(screen.getByRole('button', { name: 'Ask to join' }));
    const first = await screen.findByText('Choose the organization first.');
    expect(first.closest('[data-error-focus]')).toHaveFocus();
    expect(screen.queryByText('Choose the user group.')).not.toBeInTheDocument();

    await user.type(screen.getByLabelText(/^Search approved organizations/), 'Lakeside');
    await user.click(screen.getByRole('button', { name: 'Search' }));
    await user.click(await screen.findByLabelText(/^Lakeside General Hospital/));
    await screen.findByRole('radio', { name: 'Patient Accounts' });

    // The organization chosen, no group yet: now the group is asked for, next to the groups.
    await user.click(screen.getByRole('button', { name: 'Ask to join' }));
    expect(await screen.findByText('Choose the user group.')).toBeInTheDocument();
    expect(screen.queryByText('Choose the organization first.')).not.toBeInTheDocument();
    expect(requestsFor(requests, 'RequestUserGroupMembership')).toEqual([]);
    expect(onSubmitted).not.toHaveBeenCalled();
  });
});
