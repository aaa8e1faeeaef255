import { describe, expect, it } from 'vitest';
import { describeRole, groupWithOrganization } from './roles';

describe('groupWithOrganization', () => {
  it('names the organization after the group, once', () => {
    expect(groupWithOrganization('Claims Team', 'Provider Organization XYZ')).toBe('Claims Team (Provider Organization XYZ)');
    // A surrogate group's name already says which organization it serves.
    expect(groupWithOrganization('Acme Billing (demo) for Lakeside General Hospital (demo)', 'Lakeside General Hospital (demo)')).toBe(
      'Acme Billing (demo) for Lakeside General Hospital (demo)',
    );
    expect(groupWithOrganization('Claims Team', null)).toBe('Claims Team');
  });
});

describe('describeRole', () => {
  it('says the group, its organization once, and the application', () => {
    expect(
      describeRole({
        role: 'END_USER',
        userGroup: { name: 'Acme Billing (demo) for Lakeside General Hospital (demo)' },
        organization: { legalBusinessName: 'Lakeside General Hospital (demo)' },
      }),
    ).toBe('End user in Acme Billing (demo) for Lakeside General Hospital (demo)');
    expect(
      describeRole({
        role: 'USER_GROUP_ADMINISTRATOR',
        userGroup: { name: 'Patient Accounts' },
        organization: { legalBusinessName: 'Lakeside General Hospital (demo)' },
        application: { name: 'PQRI feedback reports' },
      }),
    ).toBe('User Group Administrator in Patient Accounts (Lakeside General Hospital (demo)) with access to PQRI feedback reports');
    expect(describeRole({ role: 'USER_GROUP_ADMINISTRATOR', company: { name: 'Acme Billing (demo)' } })).toBe(
      'User Group Administrator of Acme Billing (demo)',
    );
  });
});
