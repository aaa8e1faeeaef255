import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { renderWithQueryClient, requestsFor, stubGraphQLOperations } from '@/test/render';
import { splitSurrogateErrors } from '@/features/ask/api/surrogate-errors';
import { SurrogateForm } from './SurrogateForm';

const organizations = {
  XYZ: { id: 'org-xyz', legalBusinessName: 'Provider Organization XYZ', kind: 'PROVIDER', npi: '1000001010', city: 'Springfield', state: 'IL' },
  Lakeview: { id: 'org-lakeview', legalBusinessName: 'Lakeview Clinic', kind: 'PROVIDER', npi: '1000001028', city: 'Peoria', state: 'IL' },
  Riverside: { id: 'org-riverside', legalBusinessName: 'Riverside Hospital', kind: 'PROVIDER', npi: '1000001036', city: 'Decatur', state: 'IL' },
} as const;

const company = { id: 'company-abc', name: 'Surrogate Billing Company ABC', tinLast4: '1111' };

function sent(organization: (typeof organizations)[keyof typeof organizations], trackingNumber: string) {
  return {
    id: `request-${organization.id}`,
    trackingNumber,
    kind: 'CREATE_SURROGATE_USER_GROUP',
    status: 'PENDING',
    proposedName: null,
    organization: { id: organization.id, legalBusinessName: organization.legalBusinessName, status: 'APPROVED' },
    userGroup: null,
    company: { id: company.id, name: company.name },
    application: null,
    approvers: [{ id: 'user-so', name: 'Sally Official' }],
  };
}

async function choose(user: ReturnType<typeof userEvent.setup>, search: keyof typeof organizations) {
  const field = screen.getByLabelText(/^Search approved organizations/);
  await user.clear(field);
  await user.type(field, `${search}{Enter}`);
  const results = await screen.findByRole('group', { name: new RegExp(`^Search results for “${search}”`) });
  await user.click(within(results).getByLabelText(organizations[search].legalBusinessName));
}

describe('SurrogateForm', () => {
  it('shows each refused organization’s error next to it (["organizationIds","2"]) and keeps only those', async () => {
    let companies: (typeof company)[] = [];
    const requests = stubGraphQLOperations({
      MyCompanies: () => ({ surrogateCompanies: companies }),
      SearchOrganizations: (variables) => {
        const found = organizations[variables.search as keyof typeof organizations];
        return { organizations: { totalCount: 1, edges: [{ node: found }] } };
      },
      RequestSurrogateUserGroups: () => {
        companies = [company];
        return {
          requestSurrogateUserGroups: {
            requests: [sent(organizations.XYZ, 'R261128-AAAAAA'), sent(organizations.Lakeview, 'R261128-BBBBBB')],
            errors: [
              {
                code: 'ORGANIZATION_NOT_APPROVED',
                message: 'Riverside Hospital is not approved in IACS yet (or has no Security Official).',
                field: ['organizationIds', '2'],
              },
            ],
          },
        };
      },
    });
    const onSubmitted = vi.fn();
    renderWithQueryClient(<SurrogateForm initialCompanyId={null} onSubmitted={onSubmitted} />);
    const user = userEvent.setup();

    // given a new company and three organizations chosen from three searches
    await user.type(await screen.findByLabelText(/^Company name/), company.name);
    await user.type(screen.getByLabelText(/^Company TIN/), '11-1111111');
    await choose(user, 'XYZ');
    await choose(user, 'Lakeview');
    await choose(user, 'Riverside');
    const chosen = screen.getByTestId('chosen-organizations');
    expect(within(chosen).getAllByRole('listitem')).toHaveLength(3);

    // when they are sent in one submission
    await user.click(screen.getByRole('button', { name: 'Ask to serve 3 organizations' }));

    // then the request named them in the order chosen, with the new company
    expect(requestsFor(requests, 'RequestSurrogateUserGroups')[0]?.body.variables).toEqual({
      input: {
        company: { name: company.name, tin: '11-1111111' },
        organizationIds: ['org-xyz', 'org-lakeview', 'org-riverside'],
        justification: null, // R40: no reason and no end date given
        endsAt: null,
      },
    });
    // and the two that went through are confirmed, the refused one stays with its own message
    const confirmation = await screen.findByRole('status', { name: /Sent for 2 organizations/ });
    expect(confirmation).toHaveTextContent('R261128-AAAAAA');
    expect(confirmation).toHaveTextContent('R261128-BBBBBB');
    // (getByRole: exactly one left)
    const refused = within(screen.getByTestId('chosen-organizations')).getByRole('listitem');
    expect(refused).toHaveTextContent('Riverside Hospital');
    expect(refused).toHaveTextContent('is not approved in IACS yet');
    expect(within(refused).getByRole('button', { name: /Remove/ })).toHaveAccessibleDescription(
      expect.stringContaining('is not approved in IACS yet'),
    );
    expect(onSubmitted).not.toHaveBeenCalled();
    // and a second try adds to the company just created instead of creating another
    expect(await screen.findByRole('radio', { name: /Surrogate Billing Company ABC/ })).toBeChecked();
    expect(screen.queryByLabelText(/^Company name/)).not.toBeInTheDocument();
  });

  it('hands every request on when all organizations went through', async () => {
    stubGraphQLOperations({
      MyCompanies: () => ({ surrogateCompanies: [company] }),
      SearchOrganizations: () => ({ organizations: { totalCount: 1, edges: [{ node: organizations.XYZ }] } }),
      RequestSurrogateUserGroups: () => ({
        requestSurrogateUserGroups: { requests: [sent(organizations.XYZ, 'R261128-CCCCCC')], errors: [] },
      }),
    });
    const onSubmitted = vi.fn();
    renderWithQueryClient(<SurrogateForm initialCompanyId={company.id} onSubmitted={onSubmitted} />);
    const user = userEvent.setup();

    await screen.findByRole('radio', { name: /Surrogate Billing Company ABC/ });
    await choose(user, 'XYZ');
    await user.click(screen.getByRole('button', { name: 'Ask to serve' }));

    await vi.waitFor(() => {
      expect(onSubmitted).toHaveBeenCalledWith([expect.objectContaining({ trackingNumber: 'R261128-CCCCCC' })]);
    });
  });
});

describe('splitSurrogateErrors', () => {
  it('maps ["organizationIds", i] to the i-th submitted organization and leaves the rest', () => {
    const split = splitSurrogateErrors(
      [
        { code: 'ORGANIZATION_NOT_APPROVED', message: 'Not approved.', field: ['organizationIds', '2'] },
        { code: 'SURROGATE_GROUP_EXISTS', message: 'Already served.', field: ['organizationIds', '0'] },
        { code: 'COMMUNITY_MISMATCH', message: 'Other community.', field: ['organizationIds', '0'] },
        { code: 'INVALID_TIN', message: 'Bad TIN.', field: ['company', 'tin'] },
        { code: 'INVALID_INPUT', message: 'Name at least one organization.', field: ['organizationIds'] },
        { code: 'NOT_FOUND', message: 'Out of range.', field: ['organizationIds', '7'] },
      ],
      ['a', 'b', 'c'],
    );
    expect(split.byOrganization).toEqual({ c: 'Not approved.', a: 'Already served. Other community.' });
    expect(split.rest.map((error) => error.message)).toEqual(['Bad TIN.', 'Name at least one organization.', 'Out of range.']);
  });
});
