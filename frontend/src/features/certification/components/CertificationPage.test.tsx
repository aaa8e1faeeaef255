import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { renderWithQueryClient, requestsFor, stubGraphQLOperations } from '@/test/render';
import { certificationResult } from '@/features/certification/api/certification';
import { CertificationPage, dueText } from './CertificationPage';

const day = 24 * 60 * 60 * 1000;

function item(id: string, name: string, status: 'ACTIVE' | 'SUSPENDED', dueInDays: number) {
  return {
    id,
    role: 'END_USER',
    status,
    grantedAt: '2025-11-20T10:00:00+00:00',
    certifyBy: new Date(Date.now() + dueInDays * day).toISOString(),
    certifiedAt: null,
    suspendedAt: status === 'SUSPENDED' ? new Date(Date.now() + dueInDays * day).toISOString() : null,
    canRevoke: status === 'ACTIVE',
    user: { id: `u-${id}`, name, email: `${id}@example.org` },
    organization: { id: 'org', legalBusinessName: 'Provider Organization XYZ' },
    userGroup: { id: 'g', name: 'Claims Team' },
    company: null,
    application: null,
  };
}

const items = [item('a', 'Ann User', 'SUSPENDED', -3), item('b', 'Ben User', 'ACTIVE', 5), item('c', 'Cy User', 'ACTIVE', 20)];

function queue(nodes: ReturnType<typeof item>[]) {
  return {
    certificationQueue: {
      totalCount: nodes.length,
      pageInfo: { hasNextPage: false, endCursor: null },
      edges: nodes.map((node) => ({ cursor: node.id, node })),
    },
  };
}

describe('dueText', () => {
  const now = new Date('2026-11-28T12:00:00Z');
  it.each([
    ['2026-12-08T12:00:00Z', 'Due in 10 days'],
    ['2026-11-29T12:00:00Z', 'Due tomorrow'],
    ['2026-11-28T15:00:00Z', 'Due today'],
    ['2026-11-27T12:00:00Z', 'Overdue by 1 day'],
    ['2026-11-25T12:00:00Z', 'Overdue by 3 days'],
  ])('%s reads "%s"', (certifyBy, expected) => {
    expect(dueText(certifyBy, now)).toBe(expected);
  });
});

describe('certificationResult', () => {
  it('matches each refusal to its role by the index in its field path, in the order submitted', () => {
    const submitted = [
      { id: 'a', description: 'A' },
      { id: 'b', description: 'B' },
      { id: 'c', description: 'C' },
    ];
    const result = certificationResult(
      submitted,
      [{ id: 'c', certifyBy: '2027-11-28T10:00:00+00:00' }, { id: 'a', certifyBy: '2027-11-28T10:00:00+00:00' }],
      [
        { code: 'SELF_DECISION_FORBIDDEN', message: 'Nobody certifies their own role.', field: ['roleAssignmentIds', '1'] },
        { code: 'INVALID_INPUT', message: 'Certify at most 100 roles at once.', field: ['roleAssignmentIds'] },
      ],
    );
    expect(result.outcomes.map((outcome) => [outcome.id, outcome.error?.code ?? outcome.certifyBy])).toEqual([
      ['a', '2027-11-28T10:00:00+00:00'],
      ['b', 'SELF_DECISION_FORBIDDEN'],
      ['c', '2027-11-28T10:00:00+00:00'],
    ]);
    expect(result.general.map((error) => error.code)).toEqual(['INVALID_INPUT']);
  });
});

describe('CertificationPage', () => {
  it('lists the roles soonest first, with suspended ones marked, and certifies the selected ones at once', async () => {
    const user = userEvent.setup();
    let remaining = items;
    const requests = stubGraphQLOperations({
      CertificationQueue: () => queue(remaining),
      CertifyRoles: (variables) => {
        const ids = (variables.input as { roleAssignmentIds: string[] }).roleAssignmentIds;
        remaining = remaining.filter((candidate) => candidate.id === 'c' || !ids.includes(candidate.id));
        return {
          certifyRoles: {
            roleAssignments: ids
              .filter((id) => id !== 'c')
              .map((id) => ({ id, status: 'ACTIVE', certifyBy: '2027-11-28T10:00:00+00:00' })),
            errors: ids.includes('c')
              ? [
                  {
                    code: 'FORBIDDEN',
                    message: 'Only someone who may approve this role may certify it.',
                    field: ['roleAssignmentIds', String(ids.indexOf('c'))],
                  },
                ]
              : [],
          },
        };
      },
    });
    renderWithQueryClient(<CertificationPage />);

    const rows = await screen.findAllByRole('row');
    expect(rows.slice(1).map((row) => within(row).getAllByRole('cell')[1]?.textContent)).toEqual([
      'Ann Usera@example.org',
      'Ben Userb@example.org',
      'Cy Userc@example.org',
    ]);
    expect(rows[1]).toHaveTextContent('Suspended');
    expect(rows[2]).toHaveTextContent('Due in 5 days');

    await user.click(screen.getByRole('checkbox', { name: /^Select: End user in Claims Team .* held by Ann User/ }));
    await user.click(screen.getByRole('checkbox', { name: /^Select: End user in Claims Team .* held by Cy User/ }));
    expect(screen.getByTestId('certification-selected-count')).toHaveTextContent('2 selected');
    await user.click(screen.getByRole('button', { name: 'Certify selected (2)' }));

    const outcomes = await screen.findByTestId('certification-outcomes');
    expect(outcomes).toHaveTextContent('1 role certified, 1 not certified');
    expect(outcomes).toHaveTextContent(/held by Ann User: certified until Nov 28, 2027/);
    expect(outcomes).toHaveTextContent(
      'held by Cy User: not certified — Only someone who may approve this role may certify it. (error code FORBIDDEN)',
    );
    expect(requestsFor(requests, 'CertifyRoles')[0]?.body.variables).toEqual({ input: { roleAssignmentIds: ['a', 'c'] } });
    // The list is read again: Ann is done, Cy (refused) stays selected.
    await screen.findByText('Showing 2 of 2 roles');
    expect(screen.getByTestId('certification-selected-count')).toHaveTextContent('1 selected');
  });

  it('certifies one role from its row', async () => {
    const user = userEvent.setup();
    const requests = stubGraphQLOperations({
      CertificationQueue: () => queue(items.slice(1, 2)),
      CertifyRoles: () => ({
        certifyRoles: { roleAssignments: [{ id: 'b', status: 'ACTIVE', certifyBy: '2027-11-28T10:00:00+00:00' }], errors: [] },
      }),
    });
    renderWithQueryClient(<CertificationPage />);
    await user.click(await screen.findByRole('button', { name: /^Certify: End user in Claims Team .* held by Ben User/ }));
    expect(await screen.findByTestId('certification-outcomes')).toHaveTextContent('1 role certified');
    expect(requestsFor(requests, 'CertifyRoles')[0]?.body.variables).toEqual({ input: { roleAssignmentIds: ['b'] } });
  });

  it('says when there is nothing to certify', async () => {
    stubGraphQLOperations({ CertificationQueue: () => queue([]) });
    renderWithQueryClient(<CertificationPage />);
    expect(await screen.findByRole('heading', { name: 'Nothing to certify' })).toBeInTheDocument();
  });
});
