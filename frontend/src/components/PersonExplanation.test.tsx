import { render, screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { explanationListSize, type PersonExplanation } from '@/lib/explain';
import { PersonExplanationView } from './PersonExplanation';

// A billing company's administrator: a User Group Administrator role in each of 2,001 surrogate groups, of which
// the answer carries the first 25 of each list, with the counts of all.
function groupRole(index: number) {
  return {
    id: `role-${String(index)}`,
    role: 'USER_GROUP_ADMINISTRATOR' as const,
    organization: { id: `org-${String(index)}`, legalBusinessName: `Provider ${String(index)}` },
    userGroup: { id: `group-${String(index)}`, name: `Billing for Provider ${String(index)}` },
    company: null,
    application: null,
  };
}

const roles = Array.from({ length: explanationListSize }, (_, index) => groupRole(index));
const administrator: PersonExplanation = {
  id: 'u-ada',
  name: 'Ada Biller',
  decisionRights: roles.map((role) => ({
    relation: 'GROUP_ADMINISTRATORS',
    kinds: ['JOIN_USER_GROUP'],
    everywhere: false,
    becauseOf: role,
  })),
  decisionRightCount: 2_001,
  departureImpact: {
    roles,
    roleCount: 2_001,
    groupsWithoutAdministrator: roles.map((role) => ({
      id: role.userGroup.id,
      name: role.userGroup.name,
      organization: { legalBusinessName: role.organization.legalBusinessName },
    })),
    groupsWithoutAdministratorCount: 1_999,
    organizationsWithoutSecurityOfficial: [],
    organizationsWithoutSecurityOfficialCount: 0,
    organizationsWithoutAnyOfficial: [],
    organizationsWithoutAnyOfficialCount: 0,
    companiesWithoutAdministrator: [],
    companiesWithoutAdministratorCount: 0,
    requestsWithoutApprover: [],
    requestsWithoutApproverCount: 0,
  },
};

describe('PersonExplanationView', () => {
  it('shows the first items of each long list and says how many more there are', () => {
    render(<PersonExplanationView person={administrator} you headingLevel={2} idPrefix="mine" />);

    const rights = within(screen.getByTestId('decision-rights')).getAllByRole('listitem');
    expect(rights).toHaveLength(explanationListSize + 1);
    expect(rights[explanationListSize]).toHaveTextContent(/^and 1,976 more$/);
    expect(screen.getByText('Roles that would end (2,001)')).toBeInTheDocument();
    expect(screen.getAllByTestId('more-listed').map((more) => more.textContent)).toEqual([
      'and 1,976 more',
      'and 1,976 more',
      'and 1,974 more',
    ]);
    expect(screen.getByText(/would be left with nobody to act if you left now/)).toBeInTheDocument();
  });

  it('says nothing more when a list is whole', () => {
    const whole: PersonExplanation = {
      ...administrator,
      decisionRights: administrator.decisionRights.slice(0, 2),
      decisionRightCount: 2,
      departureImpact: null,
    };
    render(<PersonExplanationView person={whole} you headingLevel={2} idPrefix="mine" />);

    expect(within(screen.getByTestId('decision-rights')).getAllByRole('listitem')).toHaveLength(2);
    expect(screen.queryByTestId('more-listed')).toBeNull();
  });
});
