import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { renderWithQueryClient, requestsFor, stubGraphQLOperations } from '@/test/render';
import { HelpDeskPage } from './HelpDeskPage';

function person(id: string, name: string, lockedUntil: string | null) {
  return {
    id,
    userId: `ID${id.toUpperCase()}`,
    name,
    email: `${id}@example.org`,
    community: 'PROVIDER_SUPPLIER',
    emailVerified: true,
    lockedUntil,
    roles: [],
  };
}

const emptyQueue = {
  approvalQueue: { totalCount: 0, pageInfo: { hasNextPage: false, endCursor: null }, edges: [] },
};

describe('HelpDeskPage', () => {
  it('shows who is locked and until when, and offers Unlock only for them (R4, R33)', async () => {
    const user = userEvent.setup();
    // Today, 10:47 in the person's own time zone: shown as a time only.
    const lockEnd = new Date();
    lockEnd.setHours(10, 47, 0, 0);
    let locked = true;
    const requests = stubGraphQLOperations({
      ApprovalQueue: () => emptyQueue,
      HelpDeskLookup: () => ({
        helpDeskLookup: {
          people: [person('lou', 'Lou Locked', locked ? lockEnd.toISOString() : null), person('eli', 'Eli Free', null)],
          organizations: [],
          requests: [],
        },
      }),
      UnlockAccount: () => {
        locked = false;
        return { unlockAccount: { user: { id: 'lou', name: 'Lou Locked' }, errors: [] } };
      },
    });
    renderWithQueryClient(<HelpDeskPage />);

    await user.type(screen.getByLabelText(/^Name, e-mail, user ID/), 'lo');
    await user.click(screen.getByRole('button', { name: 'Look up' }));
    const table = await screen.findByRole('table', { name: 'People found' });
    const louRow = within(table).getByRole('row', { name: /Lou Locked/ });
    const eliRow = within(table).getByRole('row', { name: /Eli Free/ });
    expect(louRow).toHaveTextContent('Locked until 10:47 AM');
    expect(eliRow).toHaveTextContent('Not locked');
    expect(within(eliRow).queryByRole('button')).toBeNull();
    expect(within(table).getAllByRole('button').map((button) => button.textContent)).toEqual([
      'Unlock the account of Lou Locked',
    ]);

    await user.click(within(louRow).getByRole('button', { name: 'Unlock the account of Lou Locked' }));
    expect(await screen.findByRole('heading', { name: 'Account unlocked' })).toBeInTheDocument();
    expect(screen.getByText('Lou Locked can sign in again.')).toBeInTheDocument();
    expect(requestsFor(requests, 'UnlockAccount').map((request) => request.body.variables)).toEqual([
      { input: { userId: 'lou' } },
    ]);
    // The look-up is read again: the lock and its button are gone.
    expect(await within(table).findAllByText('Not locked')).toHaveLength(2);
    expect(within(table).queryByRole('button')).toBeNull();
    expect(requestsFor(requests, 'HelpDeskLookup')).toHaveLength(2);
  });
});
