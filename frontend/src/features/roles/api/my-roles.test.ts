import { describe, expect, it } from 'vitest';
import { groupRoles, type MyRole } from './my-roles';

function role(id: string, scope: Partial<Pick<MyRole, 'organization' | 'userGroup' | 'company'>>): MyRole {
  return {
    id,
    role: 'END_USER',
    status: 'ACTIVE',
    grantedAt: '2026-11-01T10:00:00+00:00',
    certifyBy: null,
    endsAt: null,
    canRevoke: true,
    organization: null,
    userGroup: null,
    company: null,
    application: null,
    grantedBy: null,
    ...scope,
  };
}

describe('groupRoles', () => {
  it('groups by organization, then by user group, organization-wide roles first', () => {
    const zeta = { id: 'o1', legalBusinessName: 'Zeta Clinic', kind: 'PROVIDER' as const };
    const alpha = { id: 'o2', legalBusinessName: 'Alpha Hospital', kind: 'PROVIDER' as const };
    const groups = groupRoles([
      role('r1', { organization: zeta, userGroup: { id: 'g1', name: 'Billing', kind: 'PROVIDER' } }),
      role('r2', {}),
      role('r3', { organization: alpha }),
      role('r4', { organization: zeta }),
      role('r5', { organization: zeta, userGroup: { id: 'g1', name: 'Billing', kind: 'PROVIDER' } }),
    ]);

    expect(
      groups.map((o) => ({ name: o.name, groups: o.userGroups.map((g) => [g.name, g.roles.map((r) => r.id)]) })),
    ).toEqual([
      { name: 'Alpha Hospital', groups: [[null, ['r3']]] },
      { name: 'Zeta Clinic', groups: [[null, ['r4']], ['Billing', ['r1', 'r5']]] },
      { name: 'Not tied to an organization', groups: [[null, ['r2']]] },
    ]);
  });
});
