import { describe, expect, it } from 'vitest';
import { graphInput, graphSummary, layout, layoutGraph, layoutNarrowGraph, narrowLayout, wrapLabel, type GraphInput } from './graph-layout';
import type { OrganizationDetails } from './organization';

function person(id: string, name: string) {
  return { id, name, email: `${id}@example.org` };
}

function group(
  id: string,
  name: string,
  options: {
    kind?: 'PROVIDER' | 'SURROGATE';
    administrators?: { id: string; name: string }[];
    members?: { id: string; name: string }[];
    totalCount?: number;
    company?: { id: string; name: string; tinLast4: string } | null;
  } = {},
): OrganizationDetails['userGroups'][number] {
  const members = options.members ?? [];
  return {
    id,
    name,
    kind: options.kind ?? 'PROVIDER',
    description: null,
    orphaned: (options.administrators ?? []).length === 0,
    company: options.company ?? null,
    administrators: options.administrators ?? [],
    roleAssignments: [],
    members: {
      totalCount: options.totalCount ?? members.length,
      edges: members.map((member) => ({ node: person(member.id, member.name) })),
    },
  };
}

function official(id: string, name: string, role: 'SECURITY_OFFICIAL' | 'BACKUP_SECURITY_OFFICIAL') {
  return {
    id,
    role,
    grantedAt: '2026-11-01T10:00:00+00:00',
    certifyBy: null,
    canRevoke: false,
    user: { ...person(`u-${id}`, name), active: true },
    grantedBy: null,
  };
}

const xyz: OrganizationDetails = {
  __typename: 'Organization',
  id: 'org-xyz',
  legalBusinessName: 'Provider Organization XYZ',
  kind: 'PROVIDER',
  providerType: 'HOSPITAL',
  community: 'PROVIDER_SUPPLIER',
  npi: '1000001010',
  tinLast4: '0101',
  status: 'APPROVED',
  city: 'Springfield',
  state: 'IL',
  atRisk: false,
  orphaned: false,
  securityOfficial: { id: 'u-so', name: 'Sally Official' },
  backupSecurityOfficials: [{ id: 'u-bso', name: 'Bob Backup' }],
  officials: [official('bso', 'Bob Backup', 'BACKUP_SECURITY_OFFICIAL'), official('so', 'Sally Official', 'SECURITY_OFFICIAL')],
  userGroups: [
    group('g-surrogate', 'Surrogate Billing Company ABC for Provider Organization XYZ', {
      kind: 'SURROGATE',
      administrators: [{ id: 'abe', name: 'Abe Billing' }],
      company: { id: 'abc', name: 'Surrogate Billing Company ABC', tinLast4: '1111' },
    }),
    group('g-claims', 'Claims Team', {
      administrators: [{ id: 'ugo', name: 'Ugo Admin' }],
      members: [
        { id: 'zed', name: 'Zed User' },
        { id: 'ugo', name: 'Ugo Admin' },
        { id: 'emma', name: 'Emma User' },
      ],
    }),
    group('g-front', 'Front Desk'),
  ],
};

describe('graphInput', () => {
  it('orders the SO before Backups, provider groups before surrogate groups, administrators before end users', () => {
    const input = graphInput(xyz);
    expect(input.officials.map((o) => [o.name, o.role])).toEqual([
      ['Sally Official', 'SECURITY_OFFICIAL'],
      ['Bob Backup', 'BACKUP_SECURITY_OFFICIAL'],
    ]);
    expect(input.groups.map((g) => g.name)).toEqual([
      'Claims Team',
      'Front Desk',
      'Surrogate Billing Company ABC for Provider Organization XYZ',
    ]);
    const claims = input.groups[0];
    expect(claims?.administrators.map((p) => p.name)).toEqual(['Ugo Admin']);
    // Ugo is an administrator and a member: drawn once, as administrator.
    expect(claims?.endUsers.map((p) => p.name)).toEqual(['Emma User', 'Zed User']);
    expect(claims?.endUserTotal).toBe(2);
  });

  it('shows who the officials are to a viewer who may not see their roles', () => {
    const input = graphInput({
      ...xyz,
      officials: [],
      backupSecurityOfficials: [
        { id: 'u-zoe', name: 'Zoe Backup' },
        { id: 'u-bso', name: 'Bob Backup' },
      ],
    });
    expect(input.officials).toEqual([
      { id: 'u-so', name: 'Sally Official', role: 'SECURITY_OFFICIAL' },
      { id: 'u-bso', name: 'Bob Backup', role: 'BACKUP_SECURITY_OFFICIAL' },
      { id: 'u-zoe', name: 'Zoe Backup', role: 'BACKUP_SECURITY_OFFICIAL' },
    ]);
  });
});

describe('layoutGraph', () => {
  const graph = layoutGraph(graphInput(xyz));

  it('draws every official, group, company and person once, with its caption', () => {
    expect(graph.nodes.map((node) => [node.kind, node.caption, node.label])).toEqual([
      ['organization', 'Organization', 'Provider Organization XYZ'],
      ['official', 'Security Official', 'Sally Official'],
      ['official', 'Backup Security Official', 'Bob Backup'],
      ['group', 'User group', 'Claims Team'],
      ['administrator', 'User Group Administrator', 'Ugo Admin'],
      ['endUser', 'End user', 'Emma User'],
      ['endUser', 'End user', 'Zed User'],
      ['group', 'User group · no administrator', 'Front Desk'],
      ['group', 'Surrogate user group', 'Surrogate Billing Company ABC for Provider Organization XYZ'],
      ['company', 'Surrogate company', 'Surrogate Billing Company ABC'],
      ['administrator', 'User Group Administrator', 'Abe Billing'],
    ]);
    expect(graph.nodes.find((node) => node.label === 'Front Desk')?.warning).toBe(true);
  });

  it('puts officials and groups in one row under the organization, people stacked under their group', () => {
    const at = (label: string) => graph.nodes.find((node) => node.label === label);
    const column = layout.nodeWidth + layout.columnGap;
    const row = ['Sally Official', 'Bob Backup', 'Claims Team', 'Front Desk'].map((label) => at(label));
    expect(new Set(row.map((node) => node?.y)).size).toBe(1);
    expect(row.map((node) => node?.x)).toEqual([0, 1, 2, 3].map((index) => layout.padding + index * column));
    expect(graph.width).toBe(layout.padding * 2 + 5 * column - layout.columnGap);
    const organization = at('Provider Organization XYZ');
    expect((organization?.x ?? 0) + (organization?.width ?? 0) / 2).toBe(graph.width / 2);
    const claims = at('Claims Team');
    const ugo = at('Ugo Admin');
    const emma = at('Emma User');
    expect(ugo?.x).toBe((claims?.x ?? 0) + layout.personIndent);
    expect(ugo?.y).toBe((claims?.y ?? 0) + layout.nodeHeight + layout.personGap);
    expect(emma?.y).toBe((ugo?.y ?? 0) + layout.personHeight + layout.personGap);
    // Nothing is drawn outside the picture.
    for (const node of graph.nodes) {
      expect(node.x + node.width).toBeLessThanOrEqual(graph.width);
      expect(node.y + node.height).toBeLessThanOrEqual(graph.height);
    }
  });

  it('links the organization to each official and group, and each group to its stack', () => {
    expect(graph.edges.map((edge) => edge.id)).toEqual([
      'e-so',
      'e-bso',
      'e-g-claims',
      'e-g-claims:ugo',
      'e-g-claims:emma',
      'e-g-claims:zed',
      'spine-g-claims',
      'e-g-front',
      'e-g-surrogate',
      'e-g-surrogate:abc',
      'e-g-surrogate:abe',
      'spine-g-surrogate',
    ]);
  });

  it('is the same picture for the same data', () => {
    expect(layoutGraph(graphInput(xyz))).toEqual(graph);
  });

  it('counts the people it does not draw', () => {
    const input: GraphInput = {
      organization: { id: 'o', name: 'Big Clinic' },
      officials: [],
      groups: [
        {
          id: 'g',
          name: 'Everyone',
          kind: 'PROVIDER',
          orphaned: false,
          company: null,
          administrators: [{ id: 'a', name: 'Ada Admin' }],
          endUsers: Array.from({ length: 12 }, (_, index) => ({ id: `u${String(index)}`, name: `User ${String(index)}` })),
          endUserTotal: 140,
        },
      ],
    };
    const nodes = layoutGraph(input).nodes;
    expect(nodes.filter((node) => node.kind === 'administrator' || node.kind === 'endUser')).toHaveLength(layout.maxPeople);
    expect(nodes.at(-1)).toMatchObject({ kind: 'more', label: `+ ${String(141 - layout.maxPeople)} more` });
  });
});

describe('layoutNarrowGraph (a phone)', () => {
  const wide = layoutGraph(graphInput(xyz));
  const narrow = layoutNarrowGraph(graphInput(xyz));

  it('draws the same nodes, in the same order, with the same captions', () => {
    expect(narrow.nodes.map((node) => [node.kind, node.label, node.caption])).toEqual(
      wide.nodes.map((node) => [node.kind, node.label, node.caption]),
    );
  });

  it('is one column no wider than a phone, each node below the one before, none overlapping', () => {
    expect(narrow.width).toBe(narrowLayout.width);
    for (const node of narrow.nodes) {
      expect(node.x).toBeGreaterThanOrEqual(layout.padding);
      expect(node.x + node.width).toBeLessThanOrEqual(narrow.width - layout.padding);
      expect(node.y + node.height).toBeLessThanOrEqual(narrow.height - layout.padding);
    }
    for (const [index, node] of narrow.nodes.entries()) {
      const before = narrow.nodes[index - 1];
      if (before !== undefined) expect(node.y).toBeGreaterThanOrEqual(before.y + before.height);
    }
    // Officials and groups hang from the organization; a group's company and people are indented under it.
    const byLabel = (label: string) => narrow.nodes.find((node) => node.label === label);
    expect(byLabel('Sally Official')?.x).toBe(byLabel('Claims Team')?.x);
    expect(byLabel('Ugo Admin')?.x).toBeGreaterThan(byLabel('Claims Team')?.x ?? Infinity);
  });

  it('keeps whole names on their lines: the long surrogate group name is not cut', () => {
    const surrogate = narrow.nodes.find((node) => node.id === 'g-surrogate');
    expect(surrogate?.lines.join(' ')).toBe('Surrogate Billing Company ABC for Provider Organization XYZ');
  });
});

describe('wrapLabel', () => {
  it('keeps short labels on one line and wraps long ones on words', () => {
    expect(wrapLabel('Claims Team')).toEqual(['Claims Team']);
    expect(wrapLabel('Provider Organization XYZ')).toEqual(['Provider Organization', 'XYZ']);
  });

  it('cuts what does not fit in two lines, with an ellipsis', () => {
    expect(wrapLabel('Surrogate Billing Company ABC for Provider Organization XYZ')).toEqual([
      'Surrogate Billing',
      'Company ABC for Provider…',
    ]);
    expect(wrapLabel('Supercalifragilisticexpialidocious', 10, 1)).toEqual(['Supercali…']);
  });
});

describe('graphSummary', () => {
  it('says what the picture shows', () => {
    expect(graphSummary(graphInput(xyz))).toBe(
      'Picture of Provider Organization XYZ: Security Official Sally Official; 1 Backup Bob Backup; ' +
        '2 user groups: Claims Team (administered by Ugo Admin, 2 end users), Front Desk (no administrator, 0 end users); ' +
        '1 surrogate user group: Surrogate Billing Company ABC for Provider Organization XYZ ' +
        '(company Surrogate Billing Company ABC, administered by Abe Billing, 0 end users).',
    );
  });
});
