import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { renderWithQueryClient, requestsFor, stubGraphQLOperations } from '@/test/render';
import { bulkOutcome } from '@/features/queue/api/decisions';
import { QueueList } from './QueueList';

function item(id: string, trackingNumber: string, requesterName: string, proposedName: string) {
  return {
    id,
    trackingNumber,
    kind: 'CREATE_USER_GROUP',
    status: 'PENDING',
    createdAt: '2026-11-20T10:00:00+00:00',
    expiresAt: '2026-12-20T10:00:00+00:00',
    proposedName,
    canDecide: true,
    organization: {
      id: 'org-xyz',
      legalBusinessName: 'Provider Organization XYZ',
      status: 'APPROVED',
      city: 'Springfield',
      state: 'IL',
      npi: '1000001010',
    },
    userGroup: null,
    company: null,
    application: null,
    requester: {
      id: `user-${id}`,
      userId: `U${id.toUpperCase()}`,
      name: requesterName,
      email: `${id}@example.org`,
      roles: [],
      requests: { totalCount: 1, edges: [] },
    },
  };
}

const items = [
  item('a', 'R261120-AAAAAA', 'Ugo Admin', 'Claims Team'),
  item('b', 'R261120-BBBBBB', 'Vera Admin', 'Front Desk'),
  item('c', 'R261120-CCCCCC', 'Walt Admin', 'Billing'),
];

function page(nodes: typeof items) {
  return {
    approvalQueue: {
      totalCount: nodes.length,
      pageInfo: { hasNextPage: false, endCursor: null },
      edges: nodes.map((node) => ({ cursor: node.id, node })),
    },
  };
}

function renderQueue() {
  return renderWithQueryClient(
    <QueueList
      filters={{ kinds: null, organizationId: null }}
      headingLevel={2}
      emptyHeading="Nothing is waiting for you"
      emptyText="When someone asks, it appears here."
    />,
  );
}

function checkboxOf(trackingNumber: string) {
  return screen.getByRole('checkbox', { name: new RegExp(`Select\\s*${trackingNumber}`) });
}

describe('QueueList bulk selection', () => {
  it('decides the selected requests at once and shows each one’s result or error', async () => {
    let remaining = items;
    const requests = stubGraphQLOperations({
      ApprovalQueue: () => page(remaining),
      DecideRequests: () => {
        // a (index 0) is approved; c (index 1) was decided by someone else a moment ago
        remaining = items.filter((candidate) => candidate.id !== 'a');
        return {
          decideRequests: {
            requests: [{ id: 'a', trackingNumber: 'R261120-AAAAAA', status: 'APPROVED' }],
            errors: [{ code: 'ALREADY_DECIDED', message: 'Someone else decided this request a moment ago.', field: ['requestIds', '1'] }],
          },
        };
      },
    });
    renderQueue();
    const user = userEvent.setup();

    // given two of the three selected (the first and the last)
    await user.click(await screen.findByRole('checkbox', { name: /Select\s*R261120-AAAAAA/ }));
    await user.click(checkboxOf('R261120-CCCCCC'));
    expect(screen.getByTestId('selected-count')).toHaveTextContent('2 selected');

    // when they are approved at once
    await user.click(screen.getByRole('button', { name: 'Approve selected (2)' }));

    // then one decideRequests call named both, in screen order
    expect(requestsFor(requests, 'DecideRequests')[0]?.body.variables).toEqual({
      input: { requestIds: ['a', 'c'], decision: 'APPROVE', reason: null },
    });
    // and the outcome lists each request's own result, and takes the focus
    const outcomes = await screen.findByTestId('decision-outcomes');
    expect(outcomes).toHaveTextContent('1 request approved, 1 not decided');
    expect(outcomes).toHaveTextContent(
      'R261120-AAAAAA (Create the user group “Claims Team” in Provider Organization XYZ and administer it): approved',
    );
    expect(outcomes).toHaveTextContent(
      'R261120-CCCCCC (Create the user group “Billing” in Provider Organization XYZ and administer it): not decided — Someone else decided this request a moment ago.',
    );
    expect(outcomes.parentElement).toHaveFocus();
    // and the request still waiting carries its error; the decided one has left the list and the selection
    const stillThere = (await screen.findByRole('heading', { name: /Create the user group “Billing”/ })).closest('li') as HTMLElement;
    expect(within(stillThere).getByText(/Not decided: Someone else decided/)).toBeInTheDocument();
    await waitUntilGone('R261120-AAAAAA');
    expect(screen.getByTestId('selected-count')).toHaveTextContent('1 selected');
    expect(checkboxOf('R261120-CCCCCC')).toBeChecked();
    expect(checkboxOf('R261120-BBBBBB')).not.toBeChecked();
  });

  it('selects and clears every request shown with "Select all"', async () => {
    stubGraphQLOperations({ ApprovalQueue: () => page(items) });
    renderQueue();
    const user = userEvent.setup();

    const all = await screen.findByRole('checkbox', { name: 'Select all 3 shown' });
    await user.click(all);
    expect(screen.getByTestId('selected-count')).toHaveTextContent('3 selected');
    for (const candidate of items) expect(checkboxOf(candidate.trackingNumber)).toBeChecked();
    expect(screen.getByRole('button', { name: 'Approve selected (3)' })).toBeEnabled();

    await user.click(checkboxOf('R261120-BBBBBB'));
    expect(all).not.toBeChecked();
    await user.click(all);
    await user.click(all);
    expect(screen.getByTestId('selected-count')).toHaveTextContent('0 selected');
    expect(screen.getByRole('button', { name: 'Approve selected (0)' })).toBeDisabled();
  });

  it('asks for a reason before denying several, without calling the server (R26)', async () => {
    const requests = stubGraphQLOperations({ ApprovalQueue: () => page(items) });
    renderQueue();
    const user = userEvent.setup();

    await user.click(await screen.findByRole('checkbox', { name: 'Select all 3 shown' }));
    await user.click(screen.getByRole('button', { name: 'Deny selected (3)' }));

    const reason = screen.getByLabelText(/^Reason/);
    expect(reason).toHaveFocus();
    expect(reason).toHaveAccessibleDescription(expect.stringContaining('Say why these requests are denied'));
    expect(requestsFor(requests, 'DecideRequests')).toHaveLength(0);
  });
});

async function waitUntilGone(trackingNumber: string) {
  await screen.findByTestId('selected-count');
  await expect
    .poll(() => screen.queryByRole('checkbox', { name: new RegExp(`Select\\s*${trackingNumber}`) }))
    .toBeNull();
}

describe('bulkOutcome', () => {
  it('maps ["requestIds", i] to the i-th submitted request; a reason error is kept for its field', () => {
    const outcome = bulkOutcome(
      [
        { id: 'a', trackingNumber: 'TA' },
        { id: 'b', trackingNumber: 'TB' },
      ],
      [{ id: 'b', trackingNumber: 'TB', status: 'DENIED' }],
      [
        { code: 'FORBIDDEN', message: 'You may see this request but not decide it.', field: ['requestIds', '0'] },
        { code: 'REASON_REQUIRED', message: 'Say why.', field: ['reason'] },
        { code: 'INVALID_INPUT', message: 'At most 100.', field: null },
      ],
    );
    expect(outcome.outcomes).toEqual([
      { requestId: 'a', trackingNumber: 'TA', error: 'You may see this request but not decide it.' },
      { requestId: 'b', trackingNumber: 'TB', status: 'DENIED' },
    ]);
    expect(outcome.reasonError).toBe('Say why.');
    expect(outcome.general.map((error) => error.message)).toEqual(['At most 100.']);
  });
});
