/**
 * The model as Cytoscape element definitions: plain objects the component diffs and patches.
 * Only what the stylesheet or the events need goes into `data`; undefined values are left out so
 * two builds of the same graph compare equal.
 */
import type { EdgeDefinition, ElementDefinition, NodeDefinition } from 'cytoscape';
import { relationText } from './elements.ts';
import type { GraphEdge, GraphModel, GraphNode } from './model.ts';

function defined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}

/** The text under a node: a collapsed group says how many it stands for. */
export function displayLabel(node: GraphNode): string {
  if (node.collapsed) return `${node.label} (${node.count ?? 0})`;
  return node.label;
}

/** Both roles of a circle link ("father / daughter"), shown on the line when selected. */
function roles(edge: GraphEdge): string | undefined {
  if (edge.type === 'shares') return `${edge.weight ?? 1} shared`;
  if (!edge.sourceRole && !edge.targetRole) return undefined;
  return [edge.sourceRole, edge.targetRole].filter(Boolean).join(' / ');
}

export function toCytoscape(model: GraphModel): ElementDefinition[] {
  const labels = new Map(model.nodes.map((n) => [n.id, n.label]));
  const nodes: NodeDefinition[] = model.nodes.map((node) => ({
    group: 'nodes',
    data: defined({ ...node, display: displayLabel(node) })
  }));
  const edges: EdgeDefinition[] = model.edges.map((edge) => ({
    group: 'edges',
    data: defined({
      ...edge,
      roles: roles(edge),
      title: relationText(edge, (id) => labels.get(id) ?? id)
    })
  }));
  return [...nodes, ...edges];
}
