import { describe, expect, it } from 'vitest';
import { chainLinks, chainSummary, decisionRightTexts, departureCount, type GrantStepData, type PersonExplanation } from './explain';

const xyz = { id: 'org-xyz', legalBusinessName: 'Provider Organization XYZ' };
const claims = { id: 'group-claims', name: 'Claims Team' };

function role(id: string, kind: GrantStepData['roleAssignment']['role'], holder: string, scope: { organization?: typeof xyz; userGroup?: typeof claims } = {}) {
  return {
    id,
    role: kind,
    grantedAt: '2026-11-20T10:00:00+00:00',
    user: { id: `u-${holder}`, name: holder },
    organization: scope.organization ?? null,
    userGroup: scope.userGroup ?? null,
    company: null,
    application: null,
  };
}

function request(trackingNumber: string, kind: NonNullable<GrantStepData['request']>['kind'], decidedBy: string) {
  return {
    id: `req-${trackingNumber}`,
    trackingNumber,
    kind,
    createdAt: '2026-11-19T10:00:00+00:00',
    decidedAt: '2026-11-20T10:00:00+00:00',
    decidedBy: { id: `u-${decidedBy}`, name: decidedBy },
  };
}

const emmaRole = role('r-emma', 'END_USER', 'Emma User', { organization: xyz, userGroup: claims });
const ugoRole = role('r-ugo', 'USER_GROUP_ADMINISTRATOR', 'Ugo Admin', { organization: xyz, userGroup: claims });
const sallyRole = role('r-sally', 'SECURITY_OFFICIAL', 'Sally Official', { organization: xyz });
const helenRole = role('r-helen', 'HELP_DESK', 'Helen Desk');

const chain: GrantStepData[] = [
  {
    reason: 'Approved by a User Group Administrator of the group.',
    roleAssignment: emmaRole,
    request: request('R261120-EMMA01', 'JOIN_USER_GROUP', 'Ugo Admin'),
    approverRole: ugoRole,
  },
  {
    reason: "Approved by the organization's Security Official or a Backup.",
    roleAssignment: ugoRole,
    request: request('R261119-UGO001', 'CREATE_USER_GROUP', 'Sally Official'),
    approverRole: sallyRole,
  },
  {
    reason: 'Approved by the help desk.',
    roleAssignment: sallyRole,
    request: request('R261118-SALLY1', 'REGISTER_ORGANIZATION', 'Helen Desk'),
    approverRole: helenRole,
  },
  { reason: 'Help-desk accounts are created by CMS operators.', roleAssignment: helenRole, request: null, approverRole: null },
];

describe('chainLinks', () => {
  it('reads the chain from the role back to the help desk: who approved, which request, on what authority', () => {
    expect(chainLinks(chain).map(({ role: what, holder, grant, authority, rule }) => ({ what, holder, grant, authority, rule }))).toEqual([
      {
        what: 'End user in Claims Team (Provider Organization XYZ)',
        holder: 'Emma User',
        grant: 'Ugo Admin approved request R261120-EMMA01 (Join a user group) on Nov 20, 2026.',
        authority: 'On the authority of Ugo Admin as User Group Administrator in Claims Team (Provider Organization XYZ).',
        rule: 'Approved by a User Group Administrator of the group.',
      },
      {
        what: 'User Group Administrator in Claims Team (Provider Organization XYZ)',
        holder: 'Ugo Admin',
        grant: 'Sally Official approved request R261119-UGO001 (New user group) on Nov 20, 2026.',
        authority: 'On the authority of Sally Official as Security Official of Provider Organization XYZ.',
        rule: "Approved by the organization's Security Official or a Backup.",
      },
      {
        what: 'Security Official of Provider Organization XYZ',
        holder: 'Sally Official',
        grant: 'Helen Desk approved request R261118-SALLY1 (Organization registration) on Nov 20, 2026.',
        authority: 'On the authority of Helen Desk as Help desk.',
        rule: 'Approved by the help desk.',
      },
      {
        what: 'Help desk',
        holder: 'Helen Desk',
        grant: 'A CMS help-desk account: created by CMS operators, not by a request.',
        authority: null,
        rule: 'Help-desk accounts are created by CMS operators.',
      },
    ]);
  });

  it('says so when a role has no request (a surrogate company founder, old data)', () => {
    const founder = role('r-abe', 'USER_GROUP_ADMINISTRATOR', 'Abe Billing');
    expect(chainLinks([{ reason: 'Granted without a request.', roleAssignment: founder, request: null, approverRole: null }])[0]?.grant).toBe(
      'Granted on Nov 20, 2026 without a request.',
    );
  });
});

describe('chainSummary', () => {
  it('names each approver, back to the help desk', () => {
    expect(chainSummary(chain)).toBe(
      'Approved: Emma User’s role by Ugo Admin; Ugo Admin’s role by Sally Official; Sally Official’s role by Helen Desk, of the CMS help desk.',
    );
    expect(chainSummary([])).toBe('No approval is recorded for this role.');
  });
});

describe('decision rights and departure', () => {
  const person: PersonExplanation = {
    id: 'u-sally',
    name: 'Sally Official',
    decisionRights: [
      {
        relation: 'ORGANIZATION_OFFICIALS',
        kinds: ['ADMINISTER_USER_GROUP', 'CREATE_USER_GROUP'],
        everywhere: false,
        becauseOf: sallyRole,
      },
      { relation: 'HELP_DESK', kinds: ['REGISTER_ORGANIZATION'], everywhere: true, becauseOf: helenRole },
    ],
    decisionRightCount: 2,
    departureImpact: {
      roles: [sallyRole],
      roleCount: 1,
      groupsWithoutAdministrator: [],
      groupsWithoutAdministratorCount: 0,
      companiesWithoutAdministrator: [],
      companiesWithoutAdministratorCount: 0,
      organizationsWithoutSecurityOfficial: [{ id: 'o', legalBusinessName: 'Provider Organization XYZ' }],
      organizationsWithoutSecurityOfficialCount: 1,
      organizationsWithoutAnyOfficial: [],
      organizationsWithoutAnyOfficialCount: 0,
      requestsWithoutApprover: [],
      requestsWithoutApproverCount: 0,
    },
  };

  it('says in which capacity, what, and because of which role', () => {
    expect(decisionRightTexts(person.decisionRights).map(({ capacity, kinds, because }) => [capacity, kinds, because])).toEqual([
      [
        'As an official (the Security Official or a Backup)',
        'User group administration, New user group',
        'Security Official of Provider Organization XYZ',
      ],
      ['As the CMS help desk, everywhere', 'Organization registration', 'Help desk (everywhere)'],
    ]);
  });

  it('counts what would be left with nobody to act', () => {
    expect(person.departureImpact && departureCount(person.departureImpact)).toBe(1);
  });

  it('counts what the lists hold beyond the items read (a billing company’s administrator: a group per organization)', () => {
    const impact = person.departureImpact;
    if (impact == null) throw new Error('the example has a departure impact');
    expect(departureCount({ ...impact, groupsWithoutAdministratorCount: 2_000, requestsWithoutApproverCount: 3 })).toBe(2_004);
  });
});
