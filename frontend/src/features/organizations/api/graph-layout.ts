// The picture of an organization: a deterministic layered layout, no graph library. The organization
// sits on top; below it, in one row, its officials (SO first, then the Backups) and its user groups
// (provider groups, then surrogate groups, each by name); under each group its surrogate company and
// its people (administrators, then end users), stacked on a spine. The same data always gives the
// same picture.
import type { Role } from '@/gql/graphql';
import type { OrganizationDetails } from './organization';

export type GraphNodeKind = 'organization' | 'official' | 'group' | 'company' | 'administrator' | 'endUser' | 'more';

export interface GraphNode {
  id: string;
  kind: GraphNodeKind;
  /** The full name, as the tables show it. */
  label: string;
  /** What the node is: "Security Official", "Surrogate user group", "End user"... */
  caption: string;
  /** The label cut into at most two lines that fit the box. */
  lines: string[];
  /** A warning shown on the node (an orphaned group). */
  warning: boolean;
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface GraphEdge {
  id: string;
  /** An SVG path. */
  d: string;
}

export interface GraphLayout {
  width: number;
  height: number;
  nodes: GraphNode[];
  edges: GraphEdge[];
}

export interface GraphPerson {
  id: string;
  name: string;
}

export interface GraphGroup {
  id: string;
  name: string;
  kind: 'PROVIDER' | 'SURROGATE';
  orphaned: boolean;
  company: { id: string; name: string } | null;
  administrators: GraphPerson[];
  endUsers: GraphPerson[];
  /** How many end users the group has, including those not listed. */
  endUserTotal: number;
}

export interface GraphInput {
  organization: { id: string; name: string };
  officials: { id: string; name: string; role: Role }[];
  groups: GraphGroup[];
}

export const layout = {
  padding: 16,
  nodeWidth: 184,
  nodeHeight: 60,
  organizationWidth: 280,
  columnGap: 24,
  rowGap: 56,
  personHeight: 48,
  personGap: 10,
  personIndent: 20,
  /** People drawn under one group; the rest are counted in a "+ N more" node. */
  maxPeople: 8,
  /** Characters per line of a label (13px text in a 184px box). */
  lineLength: 24,
} as const;

const byName = <T extends { name: string; id: string }>(a: T, b: T) => a.name.localeCompare(b.name) || a.id.localeCompare(b.id);

/** The picture's data from the organization page's query: only what the viewer may see. */
export function graphInput(organization: OrganizationDetails): GraphInput {
  // The role rows when the viewer may see them (officials, help desk); else who the officials are.
  const named = (person: { id: string; name: string }, role: Role) => ({ id: person.id, name: person.name, role });
  const visible =
    organization.officials.length > 0
      ? organization.officials.map((official) => named({ id: official.id, name: official.user.name }, official.role))
      : [
          ...(organization.securityOfficial == null ? [] : [named(organization.securityOfficial, 'SECURITY_OFFICIAL')]),
          ...organization.backupSecurityOfficials.map((person) => named(person, 'BACKUP_SECURITY_OFFICIAL')),
        ];
  const officials = visible
    .sort((a, b) => {
      const rank = (role: Role) => (role === 'SECURITY_OFFICIAL' ? 0 : 1);
      return rank(a.role) - rank(b.role) || byName(a, b);
    });
  const groups = organization.userGroups
    .map((group): GraphGroup => {
      const administrators = [...new Map(group.administrators.map((user) => [user.id, user])).values()]
        .map((user) => ({ id: user.id, name: user.name }))
        .sort(byName);
      const administratorIds = new Set(administrators.map((user) => user.id));
      const endUsers = group.members.edges
        .map((edge) => ({ id: edge.node.id, name: edge.node.name }))
        .filter((user) => !administratorIds.has(user.id))
        .sort(byName);
      // An administrator who is also an end user is drawn once, as administrator.
      const listedAdministrators = group.members.edges.filter((edge) => administratorIds.has(edge.node.id)).length;
      return {
        id: group.id,
        name: group.name,
        kind: group.kind,
        orphaned: group.orphaned,
        company: group.company == null ? null : { id: group.company.id, name: group.company.name },
        administrators,
        endUsers,
        endUserTotal: Math.max(group.members.totalCount - listedAdministrators, endUsers.length),
      };
    })
    .sort((a, b) => (a.kind === b.kind ? byName(a, b) : a.kind === 'PROVIDER' ? -1 : 1));
  return { organization: { id: organization.id, name: organization.legalBusinessName }, officials, groups };
}

/** Splits a label on spaces into at most `maxLines` lines of `lineLength` characters, with an ellipsis if cut. */
export function wrapLabel(label: string, lineLength: number = layout.lineLength, maxLines = 2): string[] {
  const words = label.trim().split(/\s+/).filter((word) => word !== '');
  const lines: string[] = [];
  let current = '';
  for (const word of words) {
    const candidate = current === '' ? word : `${current} ${word}`;
    if (candidate.length <= lineLength) {
      current = candidate;
    } else {
      if (current !== '') lines.push(current);
      current = word;
    }
  }
  if (current !== '') lines.push(current);
  const cut = lines.length > maxLines;
  const kept = lines.slice(0, maxLines).map((line) => (line.length > lineLength ? `${line.slice(0, lineLength - 1)}…` : line));
  // The ellipsis is narrow: it may go one character past the line.
  if (cut && !(kept[maxLines - 1] ?? '').endsWith('…')) kept[maxLines - 1] = `${kept[maxLines - 1] ?? ''}…`;
  return kept;
}

function curve(x1: number, y1: number, x2: number, y2: number): string {
  const middle = (y1 + y2) / 2;
  return `M ${String(x1)} ${String(y1)} C ${String(x1)} ${String(middle)}, ${String(x2)} ${String(middle)}, ${String(x2)} ${String(y2)}`;
}

function node(
  id: string,
  kind: GraphNodeKind,
  label: string,
  caption: string,
  box: { x: number; y: number; width: number; height: number },
  warning = false,
): GraphNode {
  const lineLength = Math.floor((layout.lineLength * box.width) / layout.nodeWidth);
  return { id, kind, label, caption, lines: wrapLabel(label, lineLength, kind === 'more' ? 1 : 2), warning, ...box };
}

const officialCaptions: Partial<Record<Role, string>> = {
  SECURITY_OFFICIAL: 'Security Official',
  BACKUP_SECURITY_OFFICIAL: 'Backup Security Official',
};

function groupCaption(group: GraphGroup): string {
  return (group.kind === 'SURROGATE' ? 'Surrogate user group' : 'User group') + (group.orphaned ? ' · no administrator' : '');
}

/** What is drawn under a group: its company (surrogate groups), then its people, then how many more. */
function groupStack(group: GraphGroup): { id: string; kind: GraphNodeKind; label: string; caption: string }[] {
  const stack: { id: string; kind: GraphNodeKind; label: string; caption: string }[] = [];
  if (group.company !== null) {
    stack.push({ id: `${group.id}:${group.company.id}`, kind: 'company', label: group.company.name, caption: 'Surrogate company' });
  }
  const people = [
    ...group.administrators.map((person) => ({ ...person, kind: 'administrator' as const, caption: 'User Group Administrator' })),
    ...group.endUsers.map((person) => ({ ...person, kind: 'endUser' as const, caption: 'End user' })),
  ];
  const shown = people.slice(0, layout.maxPeople);
  for (const person of shown) {
    stack.push({ id: `${group.id}:${person.id}`, kind: person.kind, label: person.name, caption: person.caption });
  }
  const more = group.administrators.length + group.endUserTotal - shown.length;
  if (more > 0) stack.push({ id: `${group.id}:more`, kind: 'more', label: `+ ${String(more)} more`, caption: '' });
  return stack;
}

export function layoutGraph(input: GraphInput): GraphLayout {
  const { padding, nodeWidth, nodeHeight, columnGap, rowGap, personHeight, personGap, personIndent } = layout;
  const column = nodeWidth + columnGap;
  const columns = Math.max(1, input.officials.length + input.groups.length);
  const width = Math.max(padding * 2 + columns * column - columnGap, layout.organizationWidth + padding * 2);
  const nodes: GraphNode[] = [];
  const edges: GraphEdge[] = [];

  const organizationBox = { x: (width - layout.organizationWidth) / 2, y: padding, width: layout.organizationWidth, height: nodeHeight };
  nodes.push(node(input.organization.id, 'organization', input.organization.name, 'Organization', organizationBox));
  const organizationBottom = { x: width / 2, y: organizationBox.y + nodeHeight };

  const rowY = padding + nodeHeight + rowGap;
  const rowWidth = columns * column - columnGap;
  const rowStart = (width - rowWidth) / 2;
  let bottom = rowY + nodeHeight;

  const place = (index: number) => ({ x: rowStart + index * column, y: rowY, width: nodeWidth, height: nodeHeight });

  input.officials.forEach((official, index) => {
    const box = place(index);
    nodes.push(node(official.id, 'official', official.name, officialCaptions[official.role] ?? 'Official', box));
    edges.push({ id: `e-${official.id}`, d: curve(organizationBottom.x, organizationBottom.y, box.x + nodeWidth / 2, box.y) });
  });

  input.groups.forEach((group, groupIndex) => {
    const box = place(input.officials.length + groupIndex);
    nodes.push(node(group.id, 'group', group.name, groupCaption(group), box, group.orphaned));
    edges.push({ id: `e-${group.id}`, d: curve(organizationBottom.x, organizationBottom.y, box.x + nodeWidth / 2, box.y) });

    const stack = groupStack(group);
    const spineX = box.x + personIndent / 2;
    let y = box.y + nodeHeight + personGap;
    let lastMiddle: number | null = null;
    for (const item of stack) {
      const itemBox = { x: box.x + personIndent, y, width: nodeWidth - personIndent, height: personHeight };
      nodes.push(node(item.id, item.kind, item.label, item.caption, itemBox));
      const middle = y + personHeight / 2;
      edges.push({ id: `e-${item.id}`, d: `M ${String(spineX)} ${String(middle)} H ${String(itemBox.x)}` });
      lastMiddle = middle;
      y += personHeight + personGap;
    }
    if (lastMiddle !== null) {
      edges.push({ id: `spine-${group.id}`, d: `M ${String(spineX)} ${String(box.y + nodeHeight)} V ${String(lastMiddle)}` });
    }
    bottom = Math.max(bottom, y - personGap);
  });

  return { width, height: bottom + padding, nodes, edges };
}

/** A narrow screen's picture: the same nodes in the same order, as one indented column (a tree). */
export const narrowLayout = {
  width: 340,
  indent: 24,
} as const;

/**
 * The picture for a narrow screen (a phone): the organization on top, then each official and each group below it
 * on one spine, each group's company and people indented under it on a spine of its own. Same nodes, same
 * order and same captions as `layoutGraph`; its text keeps its size instead of shrinking with a wide row.
 */
export function layoutNarrowGraph(input: GraphInput): GraphLayout {
  const { padding, nodeHeight, personHeight, personGap } = layout;
  const { width, indent } = narrowLayout;
  const nodes: GraphNode[] = [];
  const edges: GraphEdge[] = [];
  const fullWidth = width - padding * 2;

  nodes.push(
    node(input.organization.id, 'organization', input.organization.name, 'Organization', {
      x: padding,
      y: padding,
      width: fullWidth,
      height: nodeHeight,
    }),
  );
  const spineX = padding + indent / 2;
  let y = padding + nodeHeight + personGap;
  let lastMiddle: number | null = null;
  const branch = (x: number, middle: number, id: string) => {
    edges.push({ id: `e-${id}`, d: `M ${String(x)} ${String(middle)} H ${String(x + indent / 2)}` });
  };

  for (const official of input.officials) {
    const box = { x: padding + indent, y, width: fullWidth - indent, height: personHeight };
    nodes.push(node(official.id, 'official', official.name, officialCaptions[official.role] ?? 'Official', box));
    lastMiddle = y + personHeight / 2;
    branch(spineX, lastMiddle, official.id);
    y += personHeight + personGap;
  }

  for (const group of input.groups) {
    const box = { x: padding + indent, y, width: fullWidth - indent, height: nodeHeight };
    nodes.push(node(group.id, 'group', group.name, groupCaption(group), box, group.orphaned));
    lastMiddle = y + nodeHeight / 2;
    branch(spineX, lastMiddle, group.id);
    y += nodeHeight + personGap;
    const groupSpineX = box.x + indent / 2;
    let lastItemMiddle: number | null = null;
    for (const item of groupStack(group)) {
      const itemBox = { x: box.x + indent, y, width: box.width - indent, height: personHeight };
      nodes.push(node(item.id, item.kind, item.label, item.caption, itemBox));
      lastItemMiddle = y + personHeight / 2;
      branch(groupSpineX, lastItemMiddle, item.id);
      y += personHeight + personGap;
    }
    if (lastItemMiddle !== null) {
      edges.push({
        id: `spine-${group.id}`,
        d: `M ${String(groupSpineX)} ${String(box.y + nodeHeight)} V ${String(lastItemMiddle)}`,
      });
    }
  }
  if (lastMiddle !== null) {
    edges.push({
      id: `spine-${input.organization.id}`,
      d: `M ${String(spineX)} ${String(padding + nodeHeight)} V ${String(lastMiddle)}`,
    });
  }
  return { width, height: y - personGap + padding, nodes, edges };
}

function count(n: number, one: string, many: string): string {
  return `${String(n)} ${n === 1 ? one : many}`;
}

function names(people: readonly { name: string }[]): string {
  return people.map((person) => person.name).join(', ');
}

/** What the picture shows, in words: the image's accessible name. */
export function graphSummary(input: GraphInput): string {
  const so = input.officials.filter((official) => official.role === 'SECURITY_OFFICIAL');
  const bsos = input.officials.filter((official) => official.role === 'BACKUP_SECURITY_OFFICIAL');
  const parts: string[] = [
    so.length === 0 ? 'no Security Official' : `Security Official ${names(so)}`,
    bsos.length === 0 ? 'no Backup Security Official' : `${count(bsos.length, 'Backup', 'Backups')} ${names(bsos)}`,
  ];
  const describeGroup = (group: GraphGroup) => {
    const details = [
      ...(group.company === null ? [] : [`company ${group.company.name}`]),
      group.administrators.length === 0 ? 'no administrator' : `administered by ${names(group.administrators)}`,
      count(group.endUserTotal, 'end user', 'end users'),
    ];
    return `${group.name} (${details.join(', ')})`;
  };
  const provider = input.groups.filter((group) => group.kind === 'PROVIDER');
  const surrogate = input.groups.filter((group) => group.kind === 'SURROGATE');
  parts.push(
    provider.length === 0
      ? 'no user group'
      : `${count(provider.length, 'user group', 'user groups')}: ${provider.map(describeGroup).join(', ')}`,
  );
  if (surrogate.length > 0) {
    parts.push(`${count(surrogate.length, 'surrogate user group', 'surrogate user groups')}: ${surrogate.map(describeGroup).join(', ')}`);
  }
  return `Picture of ${input.organization.name}: ${parts.join('; ')}.`;
}
