import { useMemo, useSyncExternalStore } from 'react';
import { graphInput, graphSummary, layoutGraph, layoutNarrowGraph, type GraphNode } from '@/features/organizations/api/graph-layout';
import type { OrganizationDetails } from '@/features/organizations/api/organization';

const lineHeight = 16;
/** Below this width (px) the wide picture scrolls instead of shrinking further: its text stays legible. */
const minimumWidth = 600;
/** Screens this narrow (a phone) get the picture as one column, which needs no sideways scrolling. */
const narrowScreen = '(max-width: 544px)';

function subscribeToNarrow(onChange: () => void): () => void {
  if (typeof window.matchMedia !== 'function') return () => undefined;
  const query = window.matchMedia(narrowScreen);
  query.addEventListener('change', onChange);
  return () => {
    query.removeEventListener('change', onChange);
  };
}

function isNarrow(): boolean {
  return typeof window.matchMedia === 'function' && window.matchMedia(narrowScreen).matches;
}

function NodeShape({ node }: { node: GraphNode }) {
  const centerX = node.x + node.width / 2;
  const hasCaption = node.caption !== '';
  const textLines = hasCaption ? [node.caption, ...node.lines] : node.lines;
  const firstY = node.y + node.height / 2 - ((textLines.length - 1) * lineHeight) / 2;
  return (
    <g
      className={`iacs-graph__node iacs-graph__node--${node.kind}${node.warning ? ' iacs-graph__node--warning' : ''}`}
      data-node-kind={node.kind}
      data-label={node.label}
    >
      <title>{hasCaption ? `${node.caption}: ${node.label}` : node.label}</title>
      {node.kind !== 'more' && <rect x={node.x} y={node.y} width={node.width} height={node.height} rx={6} ry={6} />}
      <text x={centerX} y={firstY} textAnchor="middle" dominantBaseline="middle">
        {textLines.map((line, index) => (
          <tspan
            key={`${String(index)}-${line}`}
            x={centerX}
            dy={index === 0 ? 0 : lineHeight}
            className={hasCaption && index === 0 ? 'iacs-graph__caption' : 'iacs-graph__name'}
          >
            {line}
          </tspan>
        ))}
      </text>
    </g>
  );
}

/**
 * R10, R24: the organization as a picture: officials, groups, their people and surrogate companies.
 * An image with a summary as its name; the tables below say the same for everyone.
 */
export function OrganizationGraph({ organization }: { organization: OrganizationDetails }) {
  const input = useMemo(() => graphInput(organization), [organization]);
  const narrow = useSyncExternalStore(subscribeToNarrow, isNarrow);
  const graph = useMemo(() => (narrow ? layoutNarrowGraph(input) : layoutGraph(input)), [input, narrow]);
  const summary = useMemo(() => graphSummary(input), [input]);
  return (
    <figure className="iacs-graph" data-testid="organization-graph">
      {/* When the wide picture is wider than the screen it keeps a legible size and scrolls sideways (with the
          keyboard too); on a phone it is drawn as one column instead. */}
      <div
        className="iacs-graph__scroll"
        {...(narrow
          ? {}
          : { tabIndex: 0, role: 'group', 'aria-label': 'Organization picture, scrolls sideways when wider than the screen' })}
      >
        <svg
          role="img"
          aria-label={summary}
          viewBox={`0 0 ${String(graph.width)} ${String(graph.height)}`}
          width="100%"
          style={{ maxWidth: `${String(graph.width)}px`, minWidth: narrow ? undefined : `${String(Math.min(graph.width, minimumWidth))}px` }}
          xmlns="http://www.w3.org/2000/svg"
        >
          <g className="iacs-graph__edges" fill="none">
            {graph.edges.map((edge) => (
              <path key={edge.id} d={edge.d} />
            ))}
          </g>
          {graph.nodes.map((node) => (
            <NodeShape key={node.id} node={node} />
          ))}
        </svg>
      </div>
      <figcaption className="ds-u-font-size--sm">
        The organization {narrow ? 'first' : 'at the top'}; its Security Official and Backups, then its user groups,
        each with its surrogate company and its people. The tables below list the same, with dates and actions.
      </figcaption>
    </figure>
  );
}
