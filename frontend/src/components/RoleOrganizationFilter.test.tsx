import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useState } from 'react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { renderWithQueryClient, stubGraphQLOperations } from '@/test/render';
import { FilterForm, RoleOrganizationFilter } from './FilterForm';

function groupRole(index: number) {
  const number = String(index).padStart(4, '0');
  return {
    id: `role-${number}`,
    role: 'USER_GROUP_ADMINISTRATOR',
    organization: { id: `o-${number}`, legalBusinessName: `Provider ${number}` },
    userGroup: { id: `g-${number}`, name: `Billing for Provider ${number}` },
    application: null,
  };
}

/** The viewer's roles as the server pages them: `served` organizations, one role each, searched by name. */
function stubRoles(served: number) {
  return stubGraphQLOperations({
    ViewerRoles: (variables) => {
      const search = typeof variables.search === 'string' ? variables.search : '';
      const first = Number(variables.first);
      const matching = Array.from({ length: served }, (_, index) => groupRole(index)).filter((role) =>
        role.organization.legalBusinessName.includes(search),
      );
      return {
        viewer: {
          id: 'u-ada',
          roleAssignments: {
            totalCount: matching.length,
            pageInfo: { hasNextPage: matching.length > first },
            edges: matching.slice(0, first).map((node) => ({ node })),
          },
        },
      };
    },
  });
}

function Filters({ onApply }: { onApply: (organization: string) => void }) {
  const [organization, setOrganization] = useState('ALL');
  return (
    <FilterForm
      label="Filter the queue"
      onApply={() => {
        onApply(organization);
      }}
    >
      <RoleOrganizationFilter
        roles={null}
        all="ALL"
        value={organization}
        current={null}
        currentLabel="The organization you came from"
        onChange={setOrganization}
      />
    </FilterForm>
  );
}

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('RoleOrganizationFilter', () => {
  it('lets a person with roles in 2,000 organizations find any of them by name', async () => {
    Element.prototype.scrollIntoView = vi.fn();
    const requests = stubRoles(2_000);
    const user = userEvent.setup();
    const onApply = vi.fn();
    renderWithQueryClient(<Filters onApply={onApply} />);

    const find = await screen.findByLabelText(/^Find an organization/);
    await user.click(screen.getByRole('button', { name: /Organization/ }));
    expect(screen.getAllByRole('option')).toHaveLength(26); // all, and the organizations of the first 25 roles
    expect(screen.queryByRole('option', { name: 'Provider 1500' })).toBeNull();
    await user.keyboard('{Escape}');

    await user.type(find, '1500');
    await waitFor(() => {
      expect(screen.getByRole('button', { name: /Organization/ })).toHaveTextContent('Provider 1500');
    });
    await user.click(screen.getByRole('button', { name: 'Show' }));
    expect(onApply).toHaveBeenCalledWith('o-1500');
    // one read for the list, one once typing paused: not one a key
    expect(requests.map((request) => request.body.variables?.search ?? null)).toEqual([null, '1500']);
  });

  it('is a plain drop-down for a person whose organizations fit in it', async () => {
    stubRoles(3);
    renderWithQueryClient(<Filters onApply={vi.fn()} />);

    const user = userEvent.setup();
    await waitFor(() => {
      expect(screen.getByRole('button', { name: /Organization/ })).toBeInTheDocument();
    });
    await user.click(screen.getByRole('button', { name: /Organization/ }));
    expect((await screen.findAllByRole('option')).map((option) => option.textContent)).toEqual([
      'All organizations',
      'Provider 0000',
      'Provider 0001',
      'Provider 0002',
    ]);
    expect(screen.queryByLabelText(/^Find an organization/)).toBeNull();
  });
});
