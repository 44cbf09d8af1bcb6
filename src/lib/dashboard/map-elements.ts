/**
 * Cytoscape elements for the collaboration map, as plain objects built from the suppressed view:
 * node size and edge width come from the shown values ("<5" drawn as 2.5), so the picture gives
 * away no more than the table. Also the patch plan that lets the component keep one Cytoscape
 * instance and change only what changed.
 */
import { plotValue } from './scale.ts';
import type { MapView } from './view.ts';

export interface MapNodeData {
  id: string;
  label: string;
  kind: string;
  practitioners: string;
  size: number;
}

export interface MapEdgeData {
  id: string;
  source: string;
  target: string;
  label: string;
  width: number;
}

export type MapElement =
  { group: 'nodes'; data: MapNodeData } | { group: 'edges'; data: MapEdgeData };

export function nodeSize(shown: string): number {
  return Math.round(16 + 7 * Math.sqrt(plotValue(shown)));
}

export function edgeWidth(shown: string): number {
  return Math.round((1 + 0.9 * Math.sqrt(plotValue(shown))) * 10) / 10;
}

/** Nodes first: an edge can only be added once both its ends exist. */
export function mapElements(map: MapView): MapElement[] {
  const nodes: MapElement[] = map.nodes.map((n) => ({
    group: 'nodes',
    data: {
      id: n.id,
      label: n.name,
      kind: n.kind,
      practitioners: n.practitioners,
      size: nodeSize(n.practitioners)
    }
  }));
  const edges: MapElement[] = map.edges.map((e) => ({
    group: 'edges',
    data: {
      id: `${e.source}|${e.target}`,
      source: e.source,
      target: e.target,
      label: e.sharedClients,
      width: edgeWidth(e.sharedClients)
    }
  }));
  return [...nodes, ...edges];
}

export interface PatchPlan {
  remove: string[];
  add: MapElement[];
  update: MapElement[];
}

/** What to remove, add and update to go from the ids on screen to `next`. */
export function patchPlan(current: ReadonlySet<string>, next: readonly MapElement[]): PatchPlan {
  const wanted = new Set(next.map((e) => e.data.id));
  return {
    remove: [...current].filter((id) => !wanted.has(id)),
    add: next.filter((e) => !current.has(e.data.id)),
    update: next.filter((e) => current.has(e.data.id))
  };
}
